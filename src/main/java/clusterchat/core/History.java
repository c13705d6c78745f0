package clusterchat.core;

import java.io.Serializable;
import java.util.List;

/**
 * What a read of a room's log found: the events asked for (oldest first), and where the log stands.
 *
 * @param epoch     the log's epoch, or null when the room has no log (nothing was said, or it expired)
 * @param firstSeq  the oldest sequence number the log still holds (nextSeq when it holds none)
 * @param nextSeq   the number the room's next event will get
 */
public record History(String epoch, long firstSeq, long nextSeq, List<RoomEvent> events) implements Serializable {

  public static final History NONE = new History(null, 0, 0, List.of());
}
