package clusterchat.cluster;

import clusterchat.core.RoomDirectory;
import clusterchat.core.RoomState;
import clusterchat.core.RoomUpdate;
import clusterchat.core.Seat;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projection;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.Serial;
import java.io.Serializable;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The cluster's room directory: one Hazelcast map entry per room holding its state. Every change
 * is an entry processor on the room's partition (no read-modify-write race between nodes);
 * the map keeps objects deserialized, so a join changes one seat instead of re-serializing the
 * room, and listing rooms reads each room's size without copying its seats.
 */
public final class HazelcastRoomDirectory implements RoomDirectory {

  /** Room lists, counts and pruning scan the map; they run here, not on the worker pool nick claims use. */
  private static final String QUERY_POOL = "clusterchat-room-queries";
  /** Hazelcast's name for an entry's key in predicates. */
  private static final String KEY = "__key";

  private final Vertx vertx;
  private final IMap<String, RoomState> rooms;
  private final WorkerExecutor queries;

  public HazelcastRoomDirectory(Vertx vertx, HazelcastInstance hazelcast) {
    this.vertx = vertx;
    this.rooms = hazelcast.getMap(Addresses.ROOMS_MAP);
    this.queries = vertx.createSharedWorkerExecutor(QUERY_POOL, 2);
  }

  /** How every node must configure the map: objects in memory, one backup. */
  public static MapConfig mapConfig() {
    return new MapConfig(Addresses.ROOMS_MAP).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(1);
  }

  @Override
  public <R extends Serializable> Future<R> update(String room, RoomUpdate<R> update) {
    return onContext(() -> rooms.submitToKey(room, new Apply<>(update)));
  }

  @Override
  public Future<RoomState.Info> info(String room) {
    return onContext(() -> rooms.getAsync(room)).map(state -> state == null ? RoomState.Info.EMPTY : state.info());
  }

  @Override
  public Future<Integer> roomCount() {
    return queries.executeBlocking(rooms::size, false);
  }

  @Override
  public Future<RoomPage> rooms(String after, int limit) {
    Predicate<String, RoomState> filter = after.isEmpty()
        ? Predicates.alwaysTrue()
        : Predicates.greaterThan(KEY, after);
    return queries.executeBlocking(() -> {
      TreeMap<String, Integer> counts = new TreeMap<>();
      for (Map.Entry<String, Integer> room : rooms.project(new Size(), filter)) {
        if (room.getValue() >= 0) {
          counts.put(room.getKey(), room.getValue());
        }
      }
      return Rosters.page(counts, limit);
    }, false);
  }

  @Override
  public Future<Map<String, List<Seat>>> prune(Set<String> deadNodes, String nodeId, Set<String> liveConnections,
      Set<String> held) {
    Prune prune = new Prune(Set.copyOf(deadNodes), nodeId, Set.copyOf(liveConnections), Set.copyOf(held));
    return queries.executeBlocking(() -> {
      Map<String, List<Seat>> removed = new HashMap<>();
      rooms.executeOnEntries(prune).forEach((room, seats) -> {
        if (!seats.isEmpty()) {
          removed.put(room, seats);
        }
      });
      return removed;
    }, false);
  }

  /** Runs a Hazelcast call; one that throws at once (e.g. Hazelcast is shutting down) fails the future instead. */
  private <T> Future<T> onContext(Supplier<CompletionStage<T>> call) {
    try {
      return Future.fromCompletionStage(call.get(), vertx.getOrCreateContext());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /** Runs a room update on the room's partition; a room left empty is removed. */
  private record Apply<R extends Serializable>(RoomUpdate<R> update) implements EntryProcessor<String, RoomState, R> {
    @Override
    public R process(Map.Entry<String, RoomState> entry) {
      RoomState room = entry.getValue() == null ? new RoomState() : entry.getValue();
      R result = update.apply(room);
      if (!room.isEmpty()) {
        entry.setValue(room);
      } else if (entry.getValue() != null) {
        entry.setValue(null);
      }
      return result;
    }
  }

  private record Prune(Set<String> deadNodes, String nodeId, Set<String> liveConnections, Set<String> held)
      implements EntryProcessor<String, RoomState, ArrayList<Seat>> {
    @Override
    public ArrayList<Seat> process(Map.Entry<String, RoomState> entry) {
      RoomState room = entry.getValue();
      ArrayList<Seat> stale = new ArrayList<>(Rosters.removeStale(room, deadNodes, nodeId, liveConnections, held));
      if (!stale.isEmpty()) {
        entry.setValue(room.isEmpty() ? null : room);
      }
      return stale;
    }
  }

  /** A room's member count, or -1 for a secret room, which is not listed. */
  private static final class Size implements Projection<Map.Entry<String, RoomState>, Map.Entry<String, Integer>> {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public Map.Entry<String, Integer> transform(Map.Entry<String, RoomState> room) {
      return new SimpleImmutableEntry<>(room.getKey(), room.getValue().isSecret() ? -1 : room.getValue().size());
    }
  }
}
