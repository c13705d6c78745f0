package clusterchat.cluster;

import clusterchat.core.RoomDirectory;
import clusterchat.core.Seat;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The room directory of a single, unclustered node: concurrent maps shared by the node's server
 * instances. Every operation completes at once.
 */
public final class LocalRoomDirectory implements RoomDirectory {

  private final Map<String, Map<String, Seat>> rooms = new ConcurrentHashMap<>();

  @Override
  public Future<Void> seat(String room, Seat seat) {
    rooms.compute(room, (name, seats) -> {
      Map<String, Seat> present = seats == null ? new ConcurrentHashMap<>() : seats;
      present.put(seat.connectionId(), seat);
      return present;
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> unseat(String room, String connectionId) {
    rooms.computeIfPresent(room, (name, seats) -> {
      seats.remove(connectionId);
      return seats.isEmpty() ? null : seats;
    });
    return Future.succeededFuture();
  }

  @Override
  public Future<List<String>> nicks(String room) {
    Map<String, Seat> seats = rooms.getOrDefault(room, Map.of());
    return Future.succeededFuture(Rosters.sortedNicks(seats.values()));
  }

  @Override
  public Future<Integer> roomCount() {
    return Future.succeededFuture(rooms.size());
  }

  @Override
  public Future<RoomPage> rooms(String after, int limit) {
    SortedMap<String, Integer> counts = new TreeMap<>();
    rooms.forEach((room, seats) -> {
      if (room.compareTo(after) > 0) {
        counts.put(room, seats.size());
      }
    });
    return Future.succeededFuture(Rosters.page(counts, limit));
  }

  @Override
  public Future<Map<String, List<Seat>>> prune(Set<String> deadNodes, String nodeId, Set<String> liveConnections) {
    Map<String, List<Seat>> removed = new HashMap<>();
    for (String room : rooms.keySet()) {
      rooms.computeIfPresent(room, (name, seats) -> {
        List<Seat> stale = Rosters.removeStale(seats, deadNodes, nodeId, liveConnections);
        if (!stale.isEmpty()) {
          removed.put(name, stale);
        }
        return seats.isEmpty() ? null : seats;
      });
    }
    return Future.succeededFuture(removed);
  }
}
