package clusterchat.client;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per room, the last numbered event the user was shown ({@code SEQ EPOCH N} after /seq on, live or
 * in a HISTORY line), which /resume hands to the server so that it replays exactly the events after
 * it. Lines pass through with that prefix removed, reading as they do without /seq on. Used by the
 * client's network thread only.
 */
final class RoomPositions {

  /** {@code SEQ EPOCH N KIND ROOM ...}: every numbered line names its room second (docs/PROTOCOL.md). */
  private static final Pattern NUMBERED =
      Pattern.compile("SEQ ([A-Za-z0-9-]+) ([0-9]{1,18}) ([A-Z]+ ([A-Za-z0-9_-]+)(?: .*)?)");
  private static final String UNNUMBERED = "SEQ - - ";

  private record Position(String epoch, long seq) {
  }

  private final Map<String, Position> last = new HashMap<>();

  /** The line without its SEQ prefix, noting its position when it has one; other lines as they are. */
  String take(String line) {
    if (line.equals("OK seq off")) {
      last.clear(); // the user turned numbering off: the positions would only get older
      return line;
    }
    String time = "";
    String numbered = line;
    if (line.startsWith("HISTORY ")) {
      int space = line.indexOf(' ', "HISTORY ".length());
      time = line.substring(0, space + 1);
      numbered = line.substring(space + 1);
    }
    if (numbered.startsWith(UNNUMBERED)) {
      return time + numbered.substring(UNNUMBERED.length());
    }
    Matcher seq = NUMBERED.matcher(numbered);
    if (!seq.matches()) {
      return line;
    }
    note(seq.group(4), new Position(seq.group(1), Long.parseLong(seq.group(2))));
    return time + seq.group(3);
  }

  /** A new epoch replaces the position; within one, an older event (a /history answer) does not move it back. */
  private void note(String room, Position position) {
    last.merge(room, position, (old, now) -> old.epoch().equals(now.epoch()) && old.seq() > now.seq() ? old : now);
  }

  void clear() {
    last.clear();
  }

  /** {@code /resume TOKEN} with {@code ROOM:EPOCH:SEQ} for each of these rooms that has a position. */
  String resumeCommand(String token, Collection<String> rooms) {
    StringBuilder command = new StringBuilder("/resume ").append(token);
    for (String room : rooms) {
      Position position = last.get(room);
      if (position != null) {
        command.append(' ').append(room).append(':').append(position.epoch()).append(':').append(position.seq());
      }
    }
    return command.toString();
  }
}
