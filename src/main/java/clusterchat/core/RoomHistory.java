package clusterchat.core;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One room's log: its epoch, the next sequence number, and its newest events, at most maxEvents of
 * them and none older than maxAgeMillis. Not thread-safe: the single-node log locks it, the
 * clustered one only touches it on the room's partition thread.
 */
public final class RoomHistory implements Serializable {

  @Serial
  private static final long serialVersionUID = 1L;

  private final String epoch;
  private long nextSeq;
  private final ArrayDeque<RoomEvent> events = new ArrayDeque<>();

  public RoomHistory(String epoch) {
    this.epoch = epoch;
  }


  public String epoch() {
    return epoch;
  }

  /** Events searched for a repeated message id (an append Hazelcast retried): more than one batch. */
  private static final int REPEAT_WINDOW = 256;

  /**
   * Numbers the event and keeps it, dropping the oldest events beyond maxEvents and those older than
   * maxAgeMillis before the event's own time (so a replica replaying the same append drops the same).
   * An event whose message id is among the newest ones is not kept again: that one is returned.
   */
  public RoomEvent append(RoomEvent event, int maxEvents, long maxAgeMillis) {
    RoomEvent repeated = recent(event.msgid());
    return repeated != null ? repeated : appendNew(event, maxEvents, maxAgeMillis);
  }

  /**
   * Numbers and keeps one append's events, as {@link #append(RoomEvent, int, long)} does each. An
   * append is applied whole or not at all, so only its first event is looked up among the newest
   * ones: if it is there, Hazelcast ran the same append again, and its events keep their numbers.
   */
  public List<RoomEvent> appendBatch(List<RoomEvent> batch, int maxEvents, long maxAgeMillis) {
    List<RoomEvent> numbered = new ArrayList<>(batch.size());
    boolean repeated = !batch.isEmpty() && recent(batch.get(0).msgid()) != null;
    for (RoomEvent event : batch) {
      numbered.add(repeated ? append(event, maxEvents, maxAgeMillis) : appendNew(event, maxEvents, maxAgeMillis));
    }
    return numbered;
  }

  /** As {@link #appendBatch}, for a log whose appends are never run twice (a single node's). */
  public List<RoomEvent> appendOnce(List<RoomEvent> batch, int maxEvents, long maxAgeMillis) {
    List<RoomEvent> numbered = new ArrayList<>(batch.size());
    for (RoomEvent event : batch) {
      numbered.add(appendNew(event, maxEvents, maxAgeMillis));
    }
    return numbered;
  }

  private RoomEvent appendNew(RoomEvent event, int maxEvents, long maxAgeMillis) {
    RoomEvent numbered = event.withSequence(epoch, nextSeq++);
    events.addLast(numbered);
    while (events.size() > maxEvents || events.getFirst().time() < event.time() - maxAgeMillis) {
      events.removeFirst();
    }
    return numbered;
  }

  private RoomEvent recent(String msgid) {
    int looked = 0;
    for (var newest = events.descendingIterator(); newest.hasNext() && looked++ < REPEAT_WINDOW; ) {
      RoomEvent event = newest.next();
      if (event.msgid().equals(msgid)) {
        return event;
      }
    }
    return null;
  }

  /** True when every event is older than maxAgeMillis (or there are none): the log may go. */
  public boolean expired(long nowMillis, long maxAgeMillis) {
    return events.isEmpty() || events.getLast().time() < nowMillis - maxAgeMillis;
  }

  /** The events the query asks for, leaving out those older than maxAgeMillis. */
  public History select(HistoryQuery query, long nowMillis, long maxAgeMillis) {
    List<RoomEvent> kept = new ArrayList<>(events.size());
    for (RoomEvent event : events) {
      if (event.time() >= nowMillis - maxAgeMillis) {
        kept.add(event);
      }
    }
    long firstSeq = kept.isEmpty() ? nextSeq : kept.get(0).seq();
    int from = 0;
    int to = kept.size();
    if (query.anchor() != null) {
      int at = position(kept, query.anchor());
      if (at < 0) {
        return new History(epoch, firstSeq, nextSeq, List.of());
      }
      if (query.direction() == HistoryQuery.Direction.BEFORE) {
        to = at;
      } else {
        from = after(kept, at, query.anchor());
      }
    }
    List<RoomEvent> candidates = new ArrayList<>();
    for (RoomEvent event : kept.subList(from, to)) {
      if (!query.messagesOnly() || event.isMessage()) {
        candidates.add(event);
      }
    }
    int limit = Math.max(0, Math.min(query.limit(), candidates.size()));
    List<RoomEvent> chosen = query.direction() == HistoryQuery.Direction.AFTER
        ? candidates.subList(0, limit)
        : candidates.subList(candidates.size() - limit, candidates.size());
    return new History(epoch, firstSeq, nextSeq, List.copyOf(chosen));
  }

  /**
   * The index of the first event at or after the anchor (events.size() when none is); for a
   * message id, the index of that message, or -1 when the log does not hold it.
   */
  private static int position(List<RoomEvent> events, HistoryQuery.Anchor anchor) {
    for (int i = 0; i < events.size(); i++) {
      RoomEvent event = events.get(i);
      if (anchor.msgid() != null ? anchor.msgid().equals(event.msgid())
          : anchor.seq() >= 0 ? event.seq() >= anchor.seq() : event.time() >= anchor.time()) {
        return i;
      }
    }
    return anchor.msgid() != null ? -1 : events.size();
  }

  /** The index of the first event strictly after the anchor, found at index at. */
  private static int after(List<RoomEvent> events, int at, HistoryQuery.Anchor anchor) {
    int index = at;
    while (index < events.size() && (anchor.msgid() != null ? index == at
        : anchor.seq() >= 0 ? events.get(index).seq() <= anchor.seq() : events.get(index).time() <= anchor.time())) {
      index++;
    }
    return index;
  }

  /**
   * The log after two sides of a split each kept their own: both sides' events, each once (by
   * message id), in time order, numbered afresh in a new epoch, so nobody mistakes the new numbers
   * for the ones either side handed out.
   */
  public static RoomHistory merge(RoomHistory one, RoomHistory other, String newEpoch) {
    List<RoomEvent> all = new ArrayList<>(one.events);
    Set<String> seen = new HashSet<>();
    all.forEach(event -> seen.add(event.msgid()));
    other.events.stream().filter(event -> seen.add(event.msgid())).forEach(all::add);
    all.sort(Comparator.comparingLong(RoomEvent::time));
    RoomHistory merged = new RoomHistory(newEpoch);
    for (RoomEvent event : all) {
      merged.events.addLast(event.withSequence(newEpoch, merged.nextSeq++));
    }
    return merged;
  }

  /** True when both hold the same epoch, numbering and newest event: nothing happened on one side alone. */
  public boolean sameAs(RoomHistory other) {
    return epoch.equals(other.epoch) && nextSeq == other.nextSeq
        && (events.isEmpty() ? other.events.isEmpty()
            : !other.events.isEmpty() && events.getLast().msgid().equals(other.events.getLast().msgid()));
  }
}
