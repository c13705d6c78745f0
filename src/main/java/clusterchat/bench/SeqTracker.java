package clusterchat.bench;

import java.util.BitSet;

/**
 * What one receiver got from one sender: each sequence number is recorded once; a number seen
 * again is a duplicate, one lower than the highest seen so far arrived out of order.
 */
final class SeqTracker {

  private final BitSet seen = new BitSet();
  private long highest = -1;
  private long unique;
  private long duplicates;
  private long reorders;

  void record(int seq) {
    if (seen.get(seq)) {
      duplicates++;
      return;
    }
    seen.set(seq);
    unique++;
    if (seq < highest) {
      reorders++;
    } else {
      highest = seq;
    }
  }

  long unique() {
    return unique;
  }

  long duplicates() {
    return duplicates;
  }

  long reorders() {
    return reorders;
  }
}
