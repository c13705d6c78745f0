package clusterchat.cluster;

import clusterchat.core.ChatException;
import clusterchat.core.ErrorCode;
import java.util.HashMap;
import java.util.Map;

/**
 * The node-wide cap on rooms with local members (limits.maxRoomsPerNode). Each such room costs
 * event-bus subscriptions that every node of the cluster tracks, so one node's users cannot make
 * the cluster track rooms without bound. Shared by the node's server instances; thread-safe.
 */
public final class RoomQuota {

  private int maxRooms;
  // Room to the number of server instances holding it open.
  private final Map<String, Integer> open = new HashMap<>();

  public RoomQuota(int maxRooms) {
    this.maxRooms = maxRooms;
  }

  /** A quota that admits no room: for event-bus users that only publish. */
  public static RoomQuota none() {
    return new RoomQuota(0);
  }

  /** Counts one more instance holding the room; fails with ROOMS_FULL when it would be a room too many. */
  public synchronized void open(String room) {
    Integer holders = open.get(room);
    if (holders == null && open.size() >= maxRooms) {
      throw new ChatException(ErrorCode.ROOMS_FULL, "this node already hosts its maximum of " + maxRooms
          + " rooms; join a room that has members here, or try again later");
    }
    open.put(room, holders == null ? 1 : holders + 1);
  }

  /** A new cap (a config reload); rooms already open stay open. */
  public synchronized void setMaxRooms(int maxRooms) {
    this.maxRooms = maxRooms;
  }

  public synchronized void close(String room) {
    open.computeIfPresent(room, (name, holders) -> holders == 1 ? null : holders - 1);
  }

  public synchronized int openRooms() {
    return open.size();
  }
}
