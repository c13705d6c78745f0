package clusterchat.cluster;

import clusterchat.core.RoomDirectory.RoomPage;
import clusterchat.core.RoomState;
import clusterchat.core.Seat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** What both room directories compute the same way. */
final class Rosters {

  private Rosters() {
  }

  /** The first {@code limit} rooms of counts (already only those after the cursor). */
  static RoomPage page(SortedMap<String, Integer> counts, int limit) {
    SortedMap<String, Integer> page = new TreeMap<>();
    for (var room : counts.entrySet()) {
      if (page.size() == limit) {
        return new RoomPage(page, true);
      }
      page.put(room.getKey(), room.getValue());
    }
    return new RoomPage(page, false);
  }

  /** Removes the stale seats (see RoomDirectory#prune) from a room's seats and returns them. */
  static List<Seat> removeStale(RoomState room, Set<String> deadNodes, String nodeId, Set<String> liveConnections,
      Set<String> held) {
    List<Seat> stale = new ArrayList<>();
    for (Seat seat : room.seats().values()) {
      if (held.contains(seat.connectionId())) {
        continue;
      }
      if (deadNodes.contains(seat.nodeId())
          || (seat.nodeId().equals(nodeId) && !liveConnections.contains(seat.connectionId()))) {
        stale.add(seat);
      }
    }
    stale.forEach(seat -> room.unseat(seat.connectionId()));
    return stale;
  }
}
