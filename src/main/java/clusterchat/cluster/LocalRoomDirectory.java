package clusterchat.cluster;

import clusterchat.core.RoomDirectory;
import clusterchat.core.RoomState;
import clusterchat.core.RoomUpdate;
import clusterchat.core.Seat;
import io.vertx.core.Future;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The room directory of a single, unclustered node: a concurrent map shared by the node's server
 * instances. Every operation completes at once.
 */
public final class LocalRoomDirectory implements RoomDirectory {

  private final Map<String, RoomState> rooms = new ConcurrentHashMap<>();

  @Override
  public <R extends Serializable> Future<R> update(String room, RoomUpdate<R> update) {
    Object[] result = new Object[1];
    rooms.compute(room, (name, state) -> {
      RoomState present = state == null ? new RoomState() : state;
      result[0] = update.apply(present);
      return present.isEmpty() ? null : present;
    });
    @SuppressWarnings("unchecked")
    R outcome = (R) result[0];
    return Future.succeededFuture(outcome);
  }

  @Override
  public Future<RoomState.Info> info(String room) {
    RoomState state = rooms.get(room);
    return Future.succeededFuture(state == null ? RoomState.Info.EMPTY : state.info());
  }

  @Override
  public Future<Integer> roomCount() {
    return Future.succeededFuture(rooms.size());
  }

  @Override
  public Future<RoomPage> rooms(String after, int limit) {
    SortedMap<String, Integer> counts = new TreeMap<>();
    rooms.forEach((room, state) -> {
      if (room.compareTo(after) > 0 && !state.isSecret()) {
        counts.put(room, state.size());
      }
    });
    return Future.succeededFuture(Rosters.page(counts, limit));
  }

  @Override
  public Future<Map<String, List<Seat>>> prune(Set<String> deadNodes, String nodeId, Set<String> liveConnections,
      Set<String> held) {
    Map<String, List<Seat>> removed = new HashMap<>();
    for (String room : rooms.keySet()) {
      rooms.computeIfPresent(room, (name, state) -> {
        List<Seat> stale = Rosters.removeStale(state, deadNodes, nodeId, liveConnections, held);
        if (!stale.isEmpty()) {
          removed.put(name, stale);
        }
        return state.isEmpty() ? null : state;
      });
    }
    return Future.succeededFuture(removed);
  }
}
