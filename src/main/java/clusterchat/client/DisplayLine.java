package clusterchat.client;

/**
 * One line for the chat screen: the time it arrived, what kind of line it is (the terminal picks a
 * colour by kind) and its text, which holds no control characters.
 */
public record DisplayLine(String time, Kind kind, String body) {

  /** What a line is about, so messages, private messages, notices and errors look different. */
  public enum Kind { MESSAGE, ACTION, BOT, PRIVATE, PRESENCE, INFO, NOTICE, ERROR }

  /** The whole line as shown, e.g. {@code 12:04 [lobby] alice: hi}. */
  public String text() {
    return time + " " + body;
  }
}
