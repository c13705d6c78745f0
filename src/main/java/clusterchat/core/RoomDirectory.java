package clusterchat.core;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Who sits in which room, kept up to date as users join, leave and rename, so that listing a room
 * costs O(members of that room) and listing rooms O(rooms), never O(users). Shared by every
 * instance of a node and, when clustered, by every node. Seats are keyed by connection id, so
 * seating a connection again (after a nick change, or to repair after a split) replaces its seat.
 */
public interface RoomDirectory {

  /** Puts the seat in the room, replacing the connection's earlier seat there. */
  Future<Void> seat(String room, Seat seat);

  /** Takes the connection out of the room; a room with nobody left is forgotten. */
  Future<Void> unseat(String room, String connectionId);

  /** The nicks in a room, sorted ignoring case; empty when nobody is there. */
  Future<List<String>> nicks(String room);

  /** How many rooms have members (cluster-wide when clustered). */
  Future<Integer> roomCount();

  /** Rooms with members whose names sort after {@code after} ("" for the first page), at most limit. */
  Future<RoomPage> rooms(String after, int limit);

  /**
   * Removes seats of connections that no longer exist: those of the nodes in {@code deadNodes}, and
   * those of node {@code nodeId} whose connection is not in {@code liveConnections}. Returns the
   * seats removed, by room: of several nodes pruning at once, each seat is returned to one only.
   */
  Future<Map<String, List<Seat>>> prune(Set<String> deadNodes, String nodeId, Set<String> liveConnections);

  /** One page of the room list: room name to member count, by name, and whether more rooms follow. */
  record RoomPage(SortedMap<String, Integer> rooms, boolean more) {
  }
}
