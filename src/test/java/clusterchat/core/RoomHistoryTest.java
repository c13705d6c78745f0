package clusterchat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoomHistoryTest {

  private static final long HOUR = 3_600_000;
  private static final long T0 = 1_800_000_000_000L;

  private static RoomEvent said(String text, long time) {
    return new RoomEvent(RoomEvent.Kind.MSG, "dev", "alice", text, "n/1", null, null, null, time, "id-" + text, null, -1);
  }

  private static RoomEvent joined(long time) {
    return new RoomEvent(RoomEvent.Kind.JOIN, "dev", "bob", null, "n/2", null, null, null, time, "id-join-" + time,
        null, -1);
  }

  private static List<String> texts(History history) {
    return history.events().stream().map(RoomEvent::text).toList();
  }

  private static RoomHistory filled(int count) {
    RoomHistory history = new RoomHistory("e1");
    for (int i = 0; i < count; i++) {
      history.append(said("m" + i, T0 + i * 1000L), 100, HOUR);
    }
    return history;
  }

  @Test
  @DisplayName("appends are numbered 0, 1, 2... in the log's epoch")
  void numbersInOrder() {
    RoomHistory history = new RoomHistory("e1");
    RoomEvent first = history.append(said("a", T0), 10, HOUR);
    RoomEvent second = history.append(said("b", T0 + 1), 10, HOUR);
    assertEquals(0, first.seq());
    assertEquals(1, second.seq());
    assertEquals("e1", second.epoch());
    assertTrue(second.sequenced());
  }

  @Test
  @DisplayName("an event appended again (an append Hazelcast retried) keeps its first number")
  void repeatedAppend() {
    RoomHistory history = new RoomHistory("e1");
    RoomEvent first = history.append(said("a", T0), 10, HOUR);
    history.append(said("b", T0 + 1), 10, HOUR);
    assertEquals(first, history.append(said("a", T0), 10, HOUR));
    assertEquals(2, history.select(HistoryQuery.latest(10, false), T0, HOUR).nextSeq());
  }

  @Test
  @DisplayName("the log keeps the newest maxEvents and drops events older than maxAge, numbers go on")
  void boundedBySizeAndAge() {
    RoomHistory history = new RoomHistory("e1");
    for (int i = 0; i < 5; i++) {
      history.append(said("m" + i, T0 + i), 3, HOUR);
    }
    History kept = history.select(HistoryQuery.latest(10, false), T0, HOUR);
    assertEquals(List.of("m2", "m3", "m4"), texts(kept));
    assertEquals(2, kept.firstSeq());
    assertEquals(5, kept.nextSeq());
    history.append(said("late", T0 + 2 * HOUR), 3, HOUR);
    History afterAnHour = history.select(HistoryQuery.latest(10, false), T0 + 2 * HOUR, HOUR);
    assertEquals(List.of("late"), texts(afterAnHour));
    assertEquals(5, afterAnHour.events().get(0).seq());
  }

  @Test
  @DisplayName("reads leave out events that expired since, without changing the log")
  void readsHideExpired() {
    RoomHistory history = filled(3);
    assertEquals(List.of(), texts(history.select(HistoryQuery.latest(10, false), T0 + 3 * HOUR, HOUR)));
    assertEquals(3, history.select(HistoryQuery.latest(10, false), T0 + 3000, HOUR).events().size());
    assertTrue(history.expired(T0 + 3 * HOUR, HOUR));
    assertFalse(history.expired(T0 + 3000, HOUR));
  }

  @Test
  @DisplayName("latest, before and after by number, time and message id, oldest first")
  void queries() {
    RoomHistory history = filled(10);
    assertEquals(List.of("m7", "m8", "m9"), texts(history.select(HistoryQuery.latest(3, false), T0, HOUR)));
    assertEquals(List.of("m3", "m4"),
        texts(history.select(HistoryQuery.before(HistoryQuery.Anchor.seq(5), 2, false), T0, HOUR)));
    assertEquals(List.of("m6", "m7"),
        texts(history.select(HistoryQuery.after(HistoryQuery.Anchor.seq(5), 2, false), T0, HOUR)));
    assertEquals(List.of("m1", "m2"),
        texts(history.select(HistoryQuery.before(HistoryQuery.Anchor.time(T0 + 3000), 2, false), T0, HOUR)));
    assertEquals(List.of("m4", "m5"),
        texts(history.select(HistoryQuery.after(HistoryQuery.Anchor.time(T0 + 3000), 2, false), T0, HOUR)));
    assertEquals(List.of("m8"),
        texts(history.select(HistoryQuery.before(HistoryQuery.Anchor.msgid("id-m9"), 1, false), T0, HOUR)));
    assertEquals(List.of("m9"),
        texts(history.select(HistoryQuery.after(HistoryQuery.Anchor.msgid("id-m8"), 5, false), T0, HOUR)));
    assertEquals(List.of("m8", "m9"), texts(history.select(new HistoryQuery(HistoryQuery.Direction.LATEST,
        HistoryQuery.Anchor.msgid("id-m7"), 5, false), T0, HOUR)));
    assertEquals(List.of(), history.select(HistoryQuery.after(HistoryQuery.Anchor.msgid("unknown"), 5, false), T0, HOUR)
        .events());
    assertEquals(List.of(), history.select(HistoryQuery.after(HistoryQuery.Anchor.seq(9), 5, false), T0, HOUR).events());
  }

  @Test
  @DisplayName("messagesOnly counts lines people said, not joins")
  void messagesOnly() {
    RoomHistory history = new RoomHistory("e1");
    history.append(said("a", T0), 10, HOUR);
    history.append(joined(T0 + 1), 10, HOUR);
    history.append(said("b", T0 + 2), 10, HOUR);
    history.append(joined(T0 + 3), 10, HOUR);
    assertEquals(List.of("a", "b"), texts(history.select(HistoryQuery.latest(2, true), T0, HOUR)));
    assertEquals(2, history.select(HistoryQuery.latest(2, false), T0, HOUR).events().size());
  }

  @Test
  @DisplayName("a merge after a split keeps both sides' events once, in time order, numbered afresh in a new epoch")
  void mergeAfterSplit() {
    RoomHistory left = new RoomHistory("e1");
    RoomHistory right = new RoomHistory("e1");
    left.append(said("common", T0), 10, HOUR);
    right.append(said("common", T0), 10, HOUR);
    assertTrue(left.sameAs(right));
    left.append(said("left", T0 + 2), 10, HOUR);
    right.append(said("right", T0 + 1), 10, HOUR);
    assertFalse(left.sameAs(right));
    RoomHistory merged = RoomHistory.merge(left, right, "e2");
    History all = merged.select(HistoryQuery.latest(10, false), T0, HOUR);
    assertEquals(List.of("common", "right", "left"), texts(all));
    assertEquals(List.of(0L, 1L, 2L), all.events().stream().map(RoomEvent::seq).toList());
    assertEquals("e2", all.epoch());
    assertNotEquals("e1", merged.append(said("next", T0 + 3), 10, HOUR).epoch());
  }
}
