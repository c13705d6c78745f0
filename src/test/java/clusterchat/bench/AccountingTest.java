package clusterchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The load tool's accounting: loss, duplicates, reordering and latency. */
class AccountingTest {

  @Test
  @DisplayName("in-order unique deliveries count as unique, with no duplicates or reorders")
  void inOrder() {
    SeqTracker tracker = new SeqTracker();
    for (int seq = 0; seq < 1000; seq++) {
      tracker.record(seq);
    }
    assertEquals(1000, tracker.unique());
    assertEquals(0, tracker.duplicates());
    assertEquals(0, tracker.reorders());
  }

  @Test
  @DisplayName("a repeated sequence number is a duplicate, a late lower one a reorder, a gap is loss")
  void duplicatesReordersAndGaps() {
    SeqTracker tracker = new SeqTracker();
    for (int seq : new int[] {0, 1, 3, 2, 3, 5, 5, 4}) {
      tracker.record(seq);
    }
    assertEquals(6, tracker.unique());
    assertEquals(2, tracker.duplicates());
    assertEquals(2, tracker.reorders());
  }

  @Test
  @DisplayName("accounting keeps receivers and senders apart and records latency in microseconds")
  void perReceiverAndSender() {
    Accounting accounting = new Accounting();
    long now = 1_000_000_000L;
    accounting.delivered(1, 7, 0, now - 2_000_000, now);
    accounting.delivered(1, 7, 1, now - 4_000_000, now);
    accounting.delivered(2, 7, 0, now - 1_000_000, now);
    accounting.delivered(2, 8, 0, now - 1_000_000, now);
    accounting.delivered(2, 8, 0, now - 1_000_000, now);
    assertEquals(2, accounting.unique(1, 7));
    assertEquals(1, accounting.unique(2, 7));
    assertEquals(1, accounting.unique(2, 8));
    assertEquals(0, accounting.unique(3, 7));
    assertEquals(1, accounting.duplicates());
    assertEquals(5, accounting.latency().getTotalCount());
    assertEquals(4000, accounting.latency().getMaxValue(), 4);
    Accounting.Second second = accounting.tick(1);
    assertEquals(5, second.delivered());
    assertEquals(1.0, second.p50Millis(), 0.01);
  }
}
