package clusterchat.irc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One parsed IRC line: "[@tags] [:source] COMMAND [params...] [:trailing]". Tags are kept in their
 * wire form; only client-only tags (starting with '+') are ever relayed to others.
 *
 * @param tags      the tag section without '@' ("" when none)
 * @param command   upper-cased
 * @param params    at most 15, the trailing one included
 */
record IrcMessage(String tags, String command, List<String> params) {

  /** Parameters a line may have; the 15th takes the rest of the line. */
  private static final int MAX_PARAMS = 15;

  /** Parses a line (without its line end); null when it holds no command. */
  static IrcMessage parse(String line) {
    int at = 0;
    String tags = "";
    if (line.startsWith("@")) {
      int space = line.indexOf(' ');
      if (space < 0) {
        return null;
      }
      tags = line.substring(1, space);
      at = space;
    }
    at = skipSpaces(line, at);
    if (at < line.length() && line.charAt(at) == ':') {
      int space = line.indexOf(' ', at);
      if (space < 0) {
        return null;
      }
      at = skipSpaces(line, space);
    }
    List<String> words = new ArrayList<>();
    while (at < line.length()) {
      if (line.charAt(at) == ':' && !words.isEmpty() || words.size() == MAX_PARAMS) {
        words.add(line.substring(line.charAt(at) == ':' ? at + 1 : at));
        break;
      }
      int space = line.indexOf(' ', at);
      int end = space < 0 ? line.length() : space;
      words.add(line.substring(at, end));
      at = skipSpaces(line, end);
    }
    if (words.isEmpty()) {
      return null;
    }
    return new IrcMessage(tags, words.get(0).toUpperCase(Locale.ROOT), List.copyOf(words.subList(1, words.size())));
  }

  String param(int index) {
    return index < params.size() ? params.get(index) : null;
  }

  /** The value of a tag (still escaped), "" for a tag without value, or null when absent. */
  String tag(String name) {
    if (tags.isEmpty()) {
      return null;
    }
    for (String tag : tags.split(";")) {
      int equals = tag.indexOf('=');
      String key = equals < 0 ? tag : tag.substring(0, equals);
      if (key.equals(name)) {
        return equals < 0 ? "" : tag.substring(equals + 1);
      }
    }
    return null;
  }

  /** The client-only tags ("+name=value" pieces, still escaped), joined by ';', or null when none. */
  String clientTags() {
    if (tags.isEmpty()) {
      return null;
    }
    StringBuilder kept = new StringBuilder();
    for (String tag : tags.split(";")) {
      if (tag.startsWith("+") && tag.length() > 1) {
        if (kept.length() > 0) {
          kept.append(';');
        }
        kept.append(tag);
      }
    }
    return kept.length() == 0 ? null : kept.toString();
  }

  private static int skipSpaces(String line, int from) {
    int at = from;
    while (at < line.length() && line.charAt(at) == ' ') {
      at++;
    }
    return at;
  }
}
