package clusterchat.irc;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;

/**
 * Writes IRC lines. Every parameter is cleaned of CR, LF and NUL, so no field, whoever filled it,
 * can break a line in two; the part after the tags is cut to IRC's 512 bytes (line end included)
 * on a character boundary.
 */
final class IrcLine {

  /** IRC's limit for a line without its tags, line end included. */
  static final int MAX_BYTES = 512;
  private static final DateTimeFormatter SERVER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private IrcLine() {
  }

  /**
   * A line: tags (without '@', null or "" for none), source (without ':', null for none), command,
   * and parameters; the last is written as a trailing parameter when it needs to be.
   */
  static Buffer of(String tags, String source, String command, String... params) {
    return line(tags, source, command, false, params);
  }

  /** A line whose last parameter is free text, always written as a trailing parameter (":text"). */
  static Buffer withText(String tags, String source, String command, String... params) {
    return line(tags, source, command, true, params);
  }

  private static Buffer line(String tags, String source, String command, boolean text, String... params) {
    StringBuilder line = new StringBuilder(64);
    if (source != null) {
      line.append(':').append(clean(source)).append(' ');
    }
    line.append(command);
    for (int i = 0; i < params.length; i++) {
      String param = clean(params[i]);
      line.append(' ');
      if (i == params.length - 1 && (text || param.isEmpty() || param.indexOf(' ') >= 0 || param.startsWith(":"))) {
        line.append(':');
      }
      line.append(param);
    }
    byte[] body = fit(line.toString());
    Buffer out = Buffer.buffer(body.length + 3 + (tags == null ? 0 : tags.length() + 2));
    if (tags != null && !tags.isEmpty()) {
      out.appendString("@").appendString(tags).appendString(" ");
    }
    return out.appendBytes(body).appendString("\r\n");
  }

  /** The line with one more tag in front of its others. */
  static Buffer withTag(Buffer line, String tag) {
    String text = line.toString(StandardCharsets.UTF_8);
    return Buffer.buffer(text.startsWith("@") ? "@" + tag + ";" + text.substring(1) : "@" + tag + " " + text);
  }

  /** The server-time tag value for a time in epoch milliseconds. */
  static String time(long epochMillis) {
    return SERVER_TIME.format(Instant.ofEpochMilli(epochMillis));
  }

  private static String clean(String text) {
    if (text.indexOf('\r') < 0 && text.indexOf('\n') < 0 && text.indexOf('\0') < 0) {
      return text;
    }
    return text.replace("\r", "").replace("\n", " ").replace("\0", "");
  }

  private static byte[] fit(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    int max = MAX_BYTES - 2;
    if (bytes.length <= max) {
      return bytes;
    }
    int end = max;
    while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
      end--; // do not cut a UTF-8 sequence in two
    }
    return Arrays.copyOf(bytes, end);
  }
}
