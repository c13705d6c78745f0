package clusterchat.cluster;

import clusterchat.core.HistoryQuery;
import clusterchat.core.LogPosition;
import clusterchat.core.RoomEvent;
import clusterchat.core.RoomLog;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Puts one room's events back in sequence order for one verticle instance. The event bus keeps
 * order per sender only, so events numbered by different nodes may arrive out of order, and an
 * event can be lost in transit: an event ahead of the next expected number waits GAP_WAIT_MILLIS
 * for the ones before it, then the missing ones are read from the room log. Those the log no longer
 * holds are most likely still in transit behind a burst (the log keeps only the newest events), so
 * they are waited for until GIVE_UP_MILLIS after the gap opened; then they are skipped and counted. Events without a number (the log was unreachable) pass at once.
 * A new epoch restarts the numbering at the event that brought it, and late events of the epochs
 * before it are dropped. Runs on the instance's event loop.
 */
final class RoomSequencer {

  /** How long an event waits for earlier ones still in transit before they are read from the log. */
  static final long GAP_WAIT_MILLIS = 200;
  /** How long a gap the log cannot fill is waited for before its events are given up as lost. */
  static final long GIVE_UP_MILLIS = 5000;
  /** Events held back at most; one more makes the gap be filled from the log at once. */
  static final int MAX_WAITING = 10_000;

  private final Vertx vertx;
  private final RoomLog log;
  private final String room;
  private final Consumer<RoomEvent> deliver;
  private final Consumer<Long> skippedEvents;
  private final TreeMap<Long, RoomEvent> waiting = new TreeMap<>();
  private final Set<String> pastEpochs = new HashSet<>();
  private boolean started;
  // The number delivery started at (-1 when not known).
  private long startedAt = -1;
  private String epoch;
  // -1 until known: the first event's number is taken as it comes.
  private long next = -1;
  private long gapTimer = -1;
  private boolean filling;
  // The number the current gap opened at, and when.
  private long gapAt = -1;
  private long gapOpenedNanos;

  RoomSequencer(Vertx vertx, RoomLog log, String room, Consumer<RoomEvent> deliver, Consumer<Long> skippedEvents) {
    this.vertx = vertx;
    this.log = log;
    this.room = room;
    this.deliver = deliver;
    this.skippedEvents = skippedEvents;
  }

  /**
   * Starts delivery at the log's next number (epoch null when the room has no log yet; next -1 when
   * the log could not be read). Events that arrived before are kept when they are that far.
   */
  void start(String logEpoch, long nextSeq) {
    started = true;
    epoch = logEpoch;
    next = nextSeq;
    if (!waiting.isEmpty() && (epoch == null || next < 0)) {
      epoch = waiting.firstEntry().getValue().epoch();
      next = next < 0 ? waiting.firstKey() : next;
    }
    waiting.values().removeIf(event -> event.seq() < next || (epoch != null && !epoch.equals(event.epoch())));
    startedAt = next;
    deliverWaiting();
    scheduleFill();
  }

  /** The last event delivered, or null when not known. */
  LogPosition delivered() {
    return epoch == null || next < 0 ? null : new LogPosition(epoch, next - 1);
  }

  boolean started() {
    return started;
  }

  /** The number of the first event delivered after start, or -1 when not known. */
  long startedAt() {
    return startedAt;
  }

  /** The number the next delivered event will have, or -1 when not known yet. */
  long next() {
    return next;
  }

  void offer(RoomEvent event) {
    if (!event.sequenced()) {
      deliver.accept(event);
      return;
    }
    if (pastEpochs.contains(event.epoch())) {
      return;
    }
    if (!started) {
      waiting.put(event.seq(), event);
      return;
    }
    if (epoch == null || next < 0) {
      epoch = event.epoch();
      next = next < 0 ? event.seq() : next;
    } else if (!epoch.equals(event.epoch())) {
      pastEpochs.add(epoch);
      epoch = event.epoch();
      next = event.seq();
      waiting.clear();
    }
    if (event.seq() < next) {
      return;
    }
    if (event.seq() == next && waiting.isEmpty()) {
      // The usual case, in order: no need to hold it.
      deliver.accept(event);
      next++;
      return;
    }
    waiting.put(event.seq(), event);
    deliverWaiting();
    if (waiting.size() > MAX_WAITING) {
      fill();
    } else {
      scheduleFill();
    }
  }

  /** Stops the gap timer; the room has no local members left. */
  void close() {
    if (gapTimer >= 0) {
      vertx.cancelTimer(gapTimer);
      gapTimer = -1;
    }
  }

  private void deliverWaiting() {
    // Filled from the log meanwhile, or arrived twice.
    while (!waiting.isEmpty() && waiting.firstKey() < next) {
      waiting.pollFirstEntry();
    }
    while (!waiting.isEmpty() && waiting.firstKey() == next) {
      deliver.accept(waiting.pollFirstEntry().getValue());
      next++;
    }
  }

  private void scheduleFill() {
    if (!waiting.isEmpty() && gapAt != next) {
      gapAt = next;
      gapOpenedNanos = System.nanoTime();
    }
    if (!waiting.isEmpty() && gapTimer < 0 && !filling) {
      gapTimer = vertx.setTimer(GAP_WAIT_MILLIS, id -> {
        gapTimer = -1;
        fill();
      });
    }
  }

  /** Reads the events between the next expected number and the first waiting one from the log. */
  private void fill() {
    if (waiting.isEmpty() || filling) {
      return;
    }
    close();
    filling = true;
    String gapEpoch = epoch;
    long upTo = waiting.firstKey();
    log.read(room, HistoryQuery.after(HistoryQuery.Anchor.seq(next - 1), (int) Math.min(upTo - next, MAX_WAITING), false))
        .onComplete(read -> {
          filling = false;
          if (!gapEpoch.equals(epoch) || next >= upTo) {
            deliverWaiting();
            scheduleFill();
            return;
          }
          boolean giveUp = waiting.size() > MAX_WAITING
              || System.nanoTime() - gapOpenedNanos >= TimeUnit.MILLISECONDS.toNanos(GIVE_UP_MILLIS);
          if (read.succeeded() && gapEpoch.equals(read.result().epoch())) {
            for (RoomEvent found : read.result().events()) {
              if (found.seq() >= next && found.seq() < upTo) {
                waiting.put(found.seq(), found);
              }
            }
          }
          deliverWaiting();
          if (!giveUp) {
            scheduleFill();
            return;
          }
          long gapEnd = waiting.isEmpty() ? next : waiting.firstKey();
          skip(gapEnd - next);
          next = Math.max(next, gapEnd);
          deliverWaiting();
          scheduleFill();
        });
  }

  private void skip(long count) {
    if (count > 0) {
      skippedEvents.accept(count);
    }
  }
}
