package clusterchat.core;

import java.io.Serializable;

/**
 * Which events of a room's log to read: the newest ones, the newest before a point, or the oldest
 * after one, at most {@code limit}, always returned oldest first. A point is a sequence number, a
 * time or a message id ({@link Anchor}). With {@code messagesOnly} only what people said counts
 * (see RoomEvent#isMessage), not joins, parts and room changes.
 */
public record HistoryQuery(Direction direction, Anchor anchor, int limit, boolean messagesOnly)
    implements Serializable {

  public enum Direction {
    /** The newest events, after the anchor when there is one. */
    LATEST,
    /** The newest events before the anchor. */
    BEFORE,
    /** The oldest events after the anchor. */
    AFTER
  }

  /** A point in a room's log; exactly one of seq (>= 0), time (> 0) and msgid is set. */
  public record Anchor(long seq, long time, String msgid) implements Serializable {
    public static Anchor seq(long seq) {
      return new Anchor(seq, 0, null);
    }

    public static Anchor time(long epochMillis) {
      return new Anchor(-1, epochMillis, null);
    }

    public static Anchor msgid(String msgid) {
      return new Anchor(-1, 0, msgid);
    }
  }

  public static HistoryQuery latest(int limit, boolean messagesOnly) {
    return new HistoryQuery(Direction.LATEST, null, limit, messagesOnly);
  }

  public static HistoryQuery before(Anchor anchor, int limit, boolean messagesOnly) {
    return new HistoryQuery(Direction.BEFORE, anchor, limit, messagesOnly);
  }

  public static HistoryQuery after(Anchor anchor, int limit, boolean messagesOnly) {
    return new HistoryQuery(Direction.AFTER, anchor, limit, messagesOnly);
  }
}
