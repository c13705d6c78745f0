package clusterchat.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Delivery accounting for a run: per receiver and sender, what arrived (loss, duplicates, order),
 * end-to-end latency in a histogram, and a per-second series for the chart. Single-threaded: the
 * load tool runs on one event loop.
 */
final class Accounting {

  /** Latencies are recorded in microseconds, up to one minute, with 3 significant digits. */
  private static final long MAX_LATENCY_MICROS = 60_000_000L;

  /** One second of the run. */
  record Second(int second, long sent, long delivered, double p50Millis, double p99Millis) {
  }

  // Indexed [receiver][sender], grown on demand: no boxing or hashing on the per-delivery path.
  private SeqTracker[][] trackers = new SeqTracker[0][];
  private final Histogram latency = new Histogram(MAX_LATENCY_MICROS, 3);
  private final Histogram interval = new Histogram(MAX_LATENCY_MICROS, 3);
  private final List<Second> series = new ArrayList<>();
  private long sent;
  private long delivered;
  private long sentAtLastTick;
  private long deliveredAtLastTick;
  private boolean recording = true;

  void sent() {
    sent++;
  }

  /** A message from sender with sequence number seq reached receiver, sent at sentNanos. */
  void delivered(int receiver, int sender, int seq, long sentNanos, long nowNanos) {
    delivered++;
    tracker(receiver, sender, true).record(seq);
    if (recording) {
      long micros = Math.max(0, Math.min(MAX_LATENCY_MICROS, (nowNanos - sentNanos) / 1000));
      latency.recordValue(micros);
      interval.recordValue(micros);
    }
  }

  /** Warm-up is over: forget the latencies seen so far. */
  void resetLatency() {
    latency.reset();
  }

  /** Closes one second of the series. */
  Second tick(int second) {
    Second row = new Second(second, sent - sentAtLastTick, delivered - deliveredAtLastTick,
        interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(50) / 1000.0,
        interval.getTotalCount() == 0 ? 0 : interval.getValueAtPercentile(99) / 1000.0);
    sentAtLastTick = sent;
    deliveredAtLastTick = delivered;
    interval.reset();
    series.add(row);
    return row;
  }

  long sentCount() {
    return sent;
  }

  long deliveredCount() {
    return delivered;
  }

  /** Unique messages receiver got from sender. */
  long unique(int receiver, int sender) {
    SeqTracker tracker = tracker(receiver, sender, false);
    return tracker == null ? 0 : tracker.unique();
  }

  long duplicates() {
    return allTrackers().mapToLong(SeqTracker::duplicates).sum();
  }

  long reorders() {
    return allTrackers().mapToLong(SeqTracker::reorders).sum();
  }

  private Stream<SeqTracker> allTrackers() {
    return Arrays.stream(trackers).filter(Objects::nonNull).flatMap(Arrays::stream).filter(Objects::nonNull);
  }

  private SeqTracker tracker(int receiver, int sender, boolean create) {
    if (receiver >= trackers.length) {
      if (!create) {
        return null;
      }
      trackers = Arrays.copyOf(trackers, Math.max(receiver + 1, trackers.length * 2));
    }
    SeqTracker[] row = trackers[receiver];
    if (row == null || sender >= row.length) {
      if (!create) {
        return null;
      }
      row = row == null ? new SeqTracker[sender + 1] : Arrays.copyOf(row, Math.max(sender + 1, row.length * 2));
      trackers[receiver] = row;
    }
    if (row[sender] == null && create) {
      row[sender] = new SeqTracker();
    }
    return row[sender];
  }

  Histogram latency() {
    return latency;
  }

  List<Second> series() {
    return List.copyOf(series);
  }
}
