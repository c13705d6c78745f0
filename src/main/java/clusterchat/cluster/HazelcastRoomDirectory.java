package clusterchat.cluster;

import clusterchat.core.RoomDirectory;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The cluster's room directory: one Hazelcast map entry per room holding its seats. Joins and
 * leaves are entry processors on the room's partition (no read-modify-write race between nodes);
 * the map keeps objects deserialized, so a join changes one seat instead of re-serializing the
 * room, and listing rooms reads each room's size without copying its seats.
 */
public final class HazelcastRoomDirectory implements RoomDirectory {

  /** Room lists, counts and pruning scan the map; they run here, not on the worker pool nick claims use. */
  private static final String QUERY_POOL = "clusterchat-room-queries";
  /** Hazelcast's name for an entry's key in predicates. */
  private static final String KEY = "__key";

  private final Vertx vertx;
  private final IMap<String, Roster> rooms;
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
  public Future<Void> seat(String room, Seat seat) {
    return onContext(() -> rooms.submitToKey(room, new Enter(seat))).mapEmpty();
  }

  @Override
  public Future<Void> unseat(String room, String connectionId) {
    return onContext(() -> rooms.submitToKey(room, new Leave(connectionId))).mapEmpty();
  }

  @Override
  public Future<List<String>> nicks(String room) {
    return onContext(() -> rooms.getAsync(room))
        .map(roster -> roster == null ? List.<String>of() : Rosters.sortedNicks(roster.seats.values()));
  }

  @Override
  public Future<Integer> roomCount() {
    return queries.executeBlocking(rooms::size, false);
  }

  @Override
  public Future<RoomPage> rooms(String after, int limit) {
    Predicate<String, Roster> filter = after.isEmpty()
        ? Predicates.alwaysTrue()
        : Predicates.greaterThan(KEY, after);
    return queries.executeBlocking(() -> {
      TreeMap<String, Integer> counts = new TreeMap<>();
      for (Map.Entry<String, Integer> room : rooms.project(new Size(), filter)) {
        counts.put(room.getKey(), room.getValue());
      }
      return Rosters.page(counts, limit);
    }, false);
  }

  @Override
  public Future<Map<String, List<Seat>>> prune(Set<String> deadNodes, String nodeId, Set<String> liveConnections) {
    Prune prune = new Prune(Set.copyOf(deadNodes), nodeId, Set.copyOf(liveConnections));
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

  /** One room's seats by connection id. Concurrent, because queries may read it while a join changes it. */
  static final class Roster implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    final Map<String, Seat> seats = new ConcurrentHashMap<>();
  }

  private record Enter(Seat seat) implements EntryProcessor<String, Roster, Void> {
    @Override
    public Void process(Map.Entry<String, Roster> entry) {
      Roster roster = entry.getValue() == null ? new Roster() : entry.getValue();
      roster.seats.put(seat.connectionId(), seat);
      entry.setValue(roster);
      return null;
    }
  }

  private record Leave(String connectionId) implements EntryProcessor<String, Roster, Void> {
    @Override
    public Void process(Map.Entry<String, Roster> entry) {
      Roster roster = entry.getValue();
      if (roster != null && roster.seats.remove(connectionId) != null) {
        entry.setValue(roster.seats.isEmpty() ? null : roster);
      }
      return null;
    }
  }

  private record Prune(Set<String> deadNodes, String nodeId, Set<String> liveConnections)
      implements EntryProcessor<String, Roster, ArrayList<Seat>> {
    @Override
    public ArrayList<Seat> process(Map.Entry<String, Roster> entry) {
      Roster roster = entry.getValue();
      ArrayList<Seat> stale = new ArrayList<>(Rosters.removeStale(roster.seats, deadNodes, nodeId, liveConnections));
      if (!stale.isEmpty()) {
        entry.setValue(roster.seats.isEmpty() ? null : roster);
      }
      return stale;
    }
  }

  private static final class Size implements Projection<Map.Entry<String, Roster>, Map.Entry<String, Integer>> {
    @Serial
    private static final long serialVersionUID = 1L;

    @Override
    public Map.Entry<String, Integer> transform(Map.Entry<String, Roster> room) {
      return new SimpleImmutableEntry<>(room.getKey(), room.getValue().seats.size());
    }
  }
}
