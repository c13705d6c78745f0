package clusterchat.cluster;

import clusterchat.core.History;
import clusterchat.core.HistoryQuery;
import clusterchat.core.MessageIds;
import clusterchat.core.RoomEvent;
import clusterchat.core.RoomHistory;
import clusterchat.core.RoomLog;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The room log of a single, unclustered node: one history per room in a map the node's server
 * instances share, each locked while touched. Every operation completes at once.
 */
public final class LocalRoomLog implements RoomLog {

  /** Every this many appends, logs whose newest event has expired are removed (rooms long silent). */
  private static final long SWEEP_EVERY = 4096;

  private volatile int maxEvents;
  private final long maxAgeMillis;
  private final Map<String, RoomHistory> rooms = new ConcurrentHashMap<>();
  private final AtomicLong appends = new AtomicLong();

  public LocalRoomLog(int maxEvents, long maxAgeMillis) {
    this.maxEvents = maxEvents;
    this.maxAgeMillis = maxAgeMillis;
  }

  @Override
  public void maxEvents(int maxEvents) {
    this.maxEvents = maxEvents;
  }

  @Override
  public Future<List<RoomEvent>> append(String room, List<RoomEvent> events) {
    if (appends.incrementAndGet() % SWEEP_EVERY == 0) {
      removeExpired(System.currentTimeMillis());
    }
    List<List<RoomEvent>> numbered = new ArrayList<>(1);
    rooms.compute(room, (name, history) -> {
      RoomHistory log = history == null ? new RoomHistory(MessageIds.next()) : history;
      synchronized (log) {
        numbered.add(log.appendOnce(events, maxEvents, maxAgeMillis));
      }
      return log;
    });
    return Future.succeededFuture(numbered.get(0));
  }

  private void removeExpired(long now) {
    for (String room : rooms.keySet()) {
      rooms.computeIfPresent(room, (name, history) -> {
        synchronized (history) {
          return history.expired(now, maxAgeMillis) ? null : history;
        }
      });
    }
  }

  @Override
  public Future<History> read(String room, HistoryQuery query) {
    RoomHistory history = rooms.get(room);
    if (history == null) {
      return Future.succeededFuture(History.NONE);
    }
    synchronized (history) {
      return Future.succeededFuture(history.select(query, System.currentTimeMillis(), maxAgeMillis));
    }
  }
}
