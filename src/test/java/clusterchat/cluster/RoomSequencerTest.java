package clusterchat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clusterchat.core.RoomEvent;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
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

  @AfterEach
  void close() {
    vertx.close().await();
  }

  /** A sequencer on a Vert.x event loop, as a verticle instance has it. */
  private RoomSequencer sequencer() {
    return onLoop(() -> new RoomSequencer(vertx, log, "dev", event -> delivered.add(event.text()), skipped::addAndGet));
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
    long deadline = System.nanoTime() + 5_000_000_000L;
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
    // The log keeps 5 events: gone2..gone5 and last; gone0 and gone1 are skipped.
    awaitDelivered(List.of("first", "gone2", "gone3", "gone4", "gone5", "last"));
    assertEquals(2, skipped.get());
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
