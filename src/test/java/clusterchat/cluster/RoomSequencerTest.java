package clusterchat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.core.History;
import clusterchat.core.HistoryQuery;
import clusterchat.core.RoomEvent;
import clusterchat.core.RoomLog;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-order delivery of one room's events, against a real single-node room log. */
class RoomSequencerTest {

  private final Vertx vertx = Vertx.vertx();
  private final LocalRoomLog log = new LocalRoomLog(5, 3_600_000);
  private final List<String> delivered = new ArrayList<>();
  private final AtomicLong skipped = new AtomicLong();
  private final AtomicInteger reads = new AtomicInteger();
  /** The real log, counting the sequencer's reads (gap fills). */
  private final RoomLog countingLog = new RoomLog() {
    @Override
    public Future<List<RoomEvent>> append(String room, List<RoomEvent> events) {
      return log.append(room, events);
    }

    @Override
    public Future<History> read(String room, HistoryQuery query) {
      reads.incrementAndGet();
      return log.read(room, query);
    }

    @Override
    public void maxEvents(int maxEvents) {
      log.maxEvents(maxEvents);
    }
  };

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** A sequencer on a Vert.x event loop, as a verticle instance has it. */
  private RoomSequencer sequencer() {
    return onLoop(() -> new RoomSequencer(vertx, countingLog, "dev", event -> delivered.add(event.text()), skipped::addAndGet));
  }

  private <T> T onLoop(Supplier<T> task) {
    Promise<T> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> done.complete(task.get()));
    return done.future().await();
  }

  private RoomEvent logged(String text) {
    return log.append("dev", List.of(new RoomEvent(RoomEvent.Kind.MSG, "dev", "alice", text, "n/1"))).await().get(0);
  }

  private List<String> deliveredOnLoop() {
    return onLoop(() -> List.copyOf(delivered));
  }

  private void awaitDelivered(List<String> expected) throws InterruptedException {
    awaitDelivered(expected, 5_000);
  }

  private void awaitDelivered(List<String> expected, long timeoutMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!deliveredOnLoop().equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(expected, deliveredOnLoop());
  }

  @Test
  @DisplayName("events that arrive out of order are delivered in sequence order; repeats are dropped")
  void reorders() {
    RoomEvent a = logged("a");
    RoomEvent b = logged("b");
    RoomEvent c = logged("c");
    RoomSequencer sequencer = sequencer();
    onLoop(() -> {
      sequencer.start(a.epoch(), a.seq());
      sequencer.offer(c);
      sequencer.offer(a);
      sequencer.offer(b);
      sequencer.offer(b);
      return null;
    });
    assertEquals(List.of("a", "b", "c"), deliveredOnLoop());
    assertEquals(0, skipped.get());
  }

  @Test
  @DisplayName("a lost event is read from the log after a short wait, then the rest follow in order")
  void fillsGapFromLog() throws InterruptedException {
    RoomEvent a = logged("a");
    logged("lost");
    RoomEvent c = logged("c");
    RoomSequencer sequencer = sequencer();
    onLoop(() -> {
      sequencer.start(a.epoch(), a.seq());
      sequencer.offer(a);
      sequencer.offer(c);
      return null;
    });
    assertEquals(List.of("a"), deliveredOnLoop());
    awaitDelivered(List.of("a", "lost", "c"));
    assertEquals(0, skipped.get());
  }

  @Test
  @DisplayName("an event that arrives while its gap is being read from the log is delivered once, and the rest follow")
  void lateArrivalDuringFill() throws InterruptedException {
    RoomEvent a = logged("a");
    RoomEvent b = logged("b");
    RoomEvent c = logged("c");
    RoomEvent d = logged("d");
    RoomSequencer sequencer = sequencer();
    onLoop(() -> {
      sequencer.start(a.epoch(), a.seq());
      sequencer.offer(d);
      return null;
    });
    // Within the wait b and c come late; then d's gap (a) is read from the log.
    onLoop(() -> {
      sequencer.offer(c);
      sequencer.offer(b);
      return null;
    });
    awaitDelivered(List.of("a", "b", "c", "d"));
    RoomEvent e = logged("e");
    onLoop(() -> {
      sequencer.offer(e);
      return null;
    });
    awaitDelivered(List.of("a", "b", "c", "d", "e"));
  }

  @Test
  @DisplayName("events the log no longer holds are skipped and counted")
  void skipsWhatTheLogLost() throws InterruptedException {
    RoomEvent first = logged("first");
    for (int i = 0; i < 6; i++) {
      logged("gone" + i);
    }
    RoomEvent last = logged("last");
    RoomSequencer sequencer = sequencer();
    onLoop(() -> {
      sequencer.start(first.epoch(), first.seq());
      sequencer.offer(first);
      sequencer.offer(last);
      return null;
    });
    long offered = System.nanoTime();
    // The log keeps 5 events: gone2..gone5 and last; gone0 and gone1 are skipped, once given up.
    awaitDelivered(List.of("first", "gone2", "gone3", "gone4", "gone5", "last"), RoomSequencer.GIVE_UP_MILLIS + 5_000);
    assertEquals(2, skipped.get());
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - offered);
    assertTrue(waited >= RoomSequencer.GIVE_UP_MILLIS - RoomSequencer.GAP_WAIT_MILLIS, "gave up after " + waited + " ms");
  }

  @Test
  @DisplayName("events still in transit when the log no longer holds them are delivered in their place when they come")
  void waitsForEventsInTransit() throws InterruptedException {
    RoomEvent first = logged("first");
    List<RoomEvent> late = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      late.add(logged("late" + i));
    }
    RoomEvent last = logged("last");
    RoomSequencer sequencer = sequencer();
    onLoop(() -> {
      sequencer.start(first.epoch(), first.seq());
      sequencer.offer(first);
      sequencer.offer(last);
      return null;
    });
    // The gap was read from the log, which has only late2..late5 of it: they wait for late0 and late1.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (reads.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(reads.get() > 0, "the gap was never read from the log");
    assertEquals(List.of("first"), deliveredOnLoop());
    onLoop(() -> {
      late.forEach(sequencer::offer);
      return null;
    });
    awaitDelivered(List.of("first", "late0", "late1", "late2", "late3", "late4", "late5", "last"));
    assertEquals(0, skipped.get());
  }

  @Test
  @DisplayName("events numbered before the start are not delivered; a room without a log yet starts at 0")
  void startsAtTheLogsNextNumber() {
    RoomSequencer fresh = sequencer();
    onLoop(() -> {
      fresh.start(null, 0);
      return null;
    });
    RoomEvent a = logged("a");
    RoomEvent b = logged("b");
    onLoop(() -> {
      fresh.offer(a);
      fresh.offer(b);
      return null;
    });
    RoomSequencer late = sequencer();
    onLoop(() -> {
      late.offer(a);
      late.start(b.epoch(), b.seq());
      late.offer(b);
      return null;
    });
    assertEquals(List.of("a", "b", "b"), deliveredOnLoop());
  }

  @Test
  @DisplayName("a new epoch restarts the numbering at the event that brings it")
  void newEpoch() {
    RoomEvent a = logged("a");
    RoomSequencer sequencer = sequencer();
    RoomEvent reset = new RoomEvent(RoomEvent.Kind.MSG, "dev", "bob", "after reset", "n/2").withSequence("other", 0);
    onLoop(() -> {
      sequencer.start(a.epoch(), a.seq());
      sequencer.offer(a);
      sequencer.offer(reset);
      sequencer.offer(a);
      return null;
    });
    assertEquals(List.of("a", "after reset"), deliveredOnLoop());
  }

  @Test
  @DisplayName("events without a number pass at once")
  void unnumbered() {
    RoomSequencer sequencer = sequencer();
    onLoop(() -> {
      sequencer.start(null, -1);
      sequencer.offer(new RoomEvent(RoomEvent.Kind.MSG, "dev", "bob", "plain", "n/2"));
      return null;
    });
    assertEquals(List.of("plain"), deliveredOnLoop());
  }
}
