package clusterchat.cluster;

import clusterchat.core.History;
import clusterchat.core.HistoryQuery;
import clusterchat.core.MessageIds;
import clusterchat.core.RoomEvent;
import clusterchat.core.RoomHistory;
import clusterchat.core.RoomLog;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The cluster's room log: one Hazelcast map entry per room holding its {@link RoomHistory}, with
 * one backup, so it survives the loss of any one node. Appending is one entry processor on the
 * room's partition, which numbers the event and keeps it in the same step: the number, the epoch
 * and the stored event cannot disagree, and no CP subsystem is needed (open-source Hazelcast has
 * none). Entries of rooms silent for history.maxAgeSeconds expire. After a split the two sides'
 * logs are merged into a new epoch ({@link HistoryMergePolicy}).
 */
public final class HazelcastRoomLog implements RoomLog {

  private final Vertx vertx;
  private final IMap<String, RoomHistory> logs;
  private volatile int maxEvents;
  private final long maxAgeMillis;

  public HazelcastRoomLog(Vertx vertx, HazelcastInstance hazelcast, int maxEvents, long maxAgeMillis) {
    this.vertx = vertx;
    this.logs = hazelcast.getMap(Addresses.HISTORY_MAP);
    this.maxEvents = maxEvents;
    this.maxAgeMillis = maxAgeMillis;
  }

  /**
   * How every node must configure the map: objects in memory (an append changes the stored log in
   * place instead of re-serializing it), one backup, expiry after maxAgeSeconds without an append.
   */
  public static MapConfig mapConfig(int maxAgeSeconds) {
    return new MapConfig(Addresses.HISTORY_MAP)
        .setInMemoryFormat(InMemoryFormat.OBJECT)
        .setBackupCount(1)
        .setTimeToLiveSeconds(maxAgeSeconds)
        .setMergePolicyConfig(new MergePolicyConfig().setPolicy(HistoryMergePolicy.class.getName()));
  }

  @Override
  public void maxEvents(int maxEvents) {
    this.maxEvents = maxEvents;
  }

  @Override
  public Future<List<RoomEvent>> append(String room, List<RoomEvent> events) {
    return onContext(() -> logs.submitToKey(room, new Append(new ArrayList<>(events), MessageIds.next(), maxEvents,
        maxAgeMillis)));
  }

  @Override
  public Future<History> read(String room, HistoryQuery query) {
    return onContext(() -> logs.submitToKey(room, new Read(query, System.currentTimeMillis(), maxAgeMillis)));
  }

  private <T> Future<T> onContext(Supplier<CompletionStage<T>> call) {
    try {
      return Future.fromCompletionStage(call.get(), vertx.getOrCreateContext());
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  /**
   * Numbers and stores events of one room. Backups run it too, with the same arguments, so they
   * number the same way; newEpoch is only used when the room has no log yet.
   */
  private record Append(ArrayList<RoomEvent> events, String newEpoch, int maxEvents, long maxAgeMillis)
      implements EntryProcessor<String, RoomHistory, List<RoomEvent>> {
    @Override
    public List<RoomEvent> process(Map.Entry<String, RoomHistory> entry) {
      RoomHistory log = entry.getValue() == null ? new RoomHistory(newEpoch) : entry.getValue();
      List<RoomEvent> numbered = log.appendBatch(events, maxEvents, maxAgeMillis);
      entry.setValue(log);
      return numbered;
    }
  }

  private record Read(HistoryQuery query, long nowMillis, long maxAgeMillis)
      implements EntryProcessor<String, RoomHistory, History>, ReadOnly {
    @Override
    public History process(Map.Entry<String, RoomHistory> entry) {
      return entry.getValue() == null ? History.NONE : entry.getValue().select(query, nowMillis, maxAgeMillis);
    }

    @Override
    public EntryProcessor<String, RoomHistory, History> getBackupProcessor() {
      return null;
    }
  }
}
