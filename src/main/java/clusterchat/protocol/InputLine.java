package clusterchat.protocol;

import java.util.Locale;

/**
 * One decoded client line: either chat text for the current room (command null) or a /command
 * with its raw argument string. "//text" is chat text that starts with '/'.
 */
public record InputLine(String command, String args) {

  public static InputLine parse(String line) {
    if (line.startsWith("//")) {
      return new InputLine(null, line.substring(1));
    }
    if (!line.startsWith("/")) {
      return new InputLine(null, line);
    }
    int space = line.indexOf(' ');
    String name = space < 0 ? line.substring(1) : line.substring(1, space);
    String args = space < 0 ? "" : line.substring(space + 1).strip();
    return new InputLine(name.toLowerCase(Locale.ROOT), args);
  }

  public boolean isSay() {
    return command == null;
  }
}
