package clusterchat.client;

import clusterchat.client.DisplayLine.Kind;
import clusterchat.protocol.InputLine;
import clusterchat.protocol.TextCodec;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns protocol lines (docs/PROTOCOL.md, "Server lines") into readable chat lines such as
 * {@code 12:04 [lobby] alice: hi}. A line of an unknown kind, or with missing fields, is shown as it
 * came. Control characters are removed from every line first, so even a hostile server cannot send
 * escape sequences to the terminal.
 */
public final class ChatLineFormatter {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

  private ChatLineFormatter() {
  }

  /** The line to show for a server line that arrived at {@code at}; empty for lines not worth showing. */
  public static Optional<DisplayLine> server(String serverLine, LocalTime at) {
    String line = clean(serverLine);
    int space = line.indexOf(' ');
    String kind = space < 0 ? line : line.substring(0, space);
    String rest = space < 0 ? "" : line.substring(space + 1);
    if (kind.equals("OK") && rest.equals("help")) {
      return Optional.empty(); // only ends the HELP lines above it
    }
    if (kind.equals("HISTORY")) {
      return history(rest, at);
    }
    if (kind.equals("SEQ")) {
      return numbered(rest, at);
    }
    Shown shown = switch (kind) {
      case "HELLO" -> hello(rest);
      case "MSG" -> inRoom(rest, 3, Kind.MESSAGE, f -> f[1] + ": " + f[2]);
      case "ME" -> inRoom(rest, 3, Kind.ACTION, f -> "* " + f[1] + " " + f[2]);
      case "BOT" -> inRoom(rest, 3, Kind.BOT, f -> f[1] + " (bot): " + f[2]);
      case "JOIN" -> inRoom(rest, 2, Kind.PRESENCE, f -> "* " + f[1] + " joined");
      case "PART" -> inRoom(rest, 2, Kind.PRESENCE, f -> "* " + f[1] + " left");
      case "QUIT" -> inRoom(rest, 3, Kind.PRESENCE, f -> "* " + f[1] + " quit (" + f[2] + ")");
      case "NICK" -> inRoom(rest, 3, Kind.PRESENCE, f -> "* " + f[1] + " is now " + f[2]);
      case "TOPIC" -> topic(rest);
      case "KICK" -> kick(rest);
      case "MODE" -> mode(rest);
      case "PRIV" -> fields(rest, 3, Kind.PRIVATE, f -> "[private] " + f[0] + " -> " + f[1] + ": " + f[2]);
      case "OK" -> ok(rest);
      case "WHO" -> who(rest);
      case "ROOMS" -> rooms(rest);
      case "HELP" -> new Shown(Kind.INFO, "-- " + rest);
      case "SESSION" -> fields(rest, 2, Kind.INFO, f -> "-- session " + f[0] + ": if the connection is lost,"
          + " the client resumes it by itself within " + f[1] + " s");
      case "NOTICE" -> fields(rest, 2, Kind.NOTICE, f -> "notice: " + f[1] + " [" + f[0] + "]");
      case "ERR" -> fields(rest, 2, Kind.ERROR, f -> "error: " + f[1] + " [" + f[0] + "]");
      case "BYE" -> goodbye(line);
      default -> null;
    };
    if (shown == null) {
      shown = new Shown(Kind.INFO, line);
    }
    return Optional.of(new DisplayLine(at.format(CLOCK), shown.kind, shown.body));
  }

  /** A line from before the user joined: shown as the line it was, with the time it was said. */
  private static Optional<DisplayLine> history(String rest, LocalTime at) {
    int space = rest.indexOf(' ');
    try {
      LocalTime said = LocalTime.ofInstant(Instant.parse(rest.substring(0, Math.max(0, space))), ZoneId.systemDefault());
      return server(rest.substring(space + 1), said);
    } catch (DateTimeParseException e) {
      return Optional.of(new DisplayLine(at.format(CLOCK), Kind.INFO, "HISTORY " + rest));
    }
  }

  /** A line numbered after the user's own /seq on: the prefix stays in front of the line as it reads. */
  private static Optional<DisplayLine> numbered(String rest, LocalTime at) {
    String[] f = rest.split(" ", 3);
    if (f.length < 3) {
      return Optional.of(new DisplayLine(at.format(CLOCK), Kind.INFO, "SEQ " + rest));
    }
    String prefix = "SEQ " + f[0] + " " + f[1] + " ";
    return server(f[2], at).map(line -> new DisplayLine(line.time(), line.kind(), prefix + line.body()));
  }

  /** What the client itself tells the user (reconnecting, resumed), set apart from the server's lines. */
  public static DisplayLine status(String text, LocalTime at) {
    return new DisplayLine(at.format(CLOCK), Kind.NOTICE, "** " + clean(text));
  }

  /** {@code resumed as alice in lobby, dev} for the detail of {@code OK resume NICK ROOM...}. */
  static String resumedAs(String detail) {
    String[] f = detail.split(" ", 2);
    return "resumed as " + f[0] + (f.length == 2 ? " in " + f[1].replace(" ", ", ") : ", in no room");
  }

  /**
   * How a line the user typed looks once sent: chat text and /me as the room will see them; empty
   * for commands (the server's answer shows) and when there is no current room (the server refuses).
   */
  public static Optional<DisplayLine> typed(String typed, String nick, String room, LocalTime at) {
    InputLine input = InputLine.parse(typed);
    if (room == null || nick == null || input.args().isBlank()) {
      return Optional.empty();
    }
    if (input.isSay()) {
      return server("MSG " + room + " " + nick + " " + input.args(), at);
    }
    if (input.command().equals("me")) {
      return server("ME " + room + " " + nick + " " + input.args(), at);
    }
    return Optional.empty();
  }

  /** Removes what could drive the terminal (C0 and C1 controls, ESC among them, DEL, bidi controls). */
  static String clean(String text) {
    return TextCodec.stripControls(text).replace('\t', ' ');
  }

  private record Shown(Kind kind, String body) {
  }

  /** Splits rest into exactly count fields, the last taking the remainder; null when there are fewer. */
  private static String[] split(String rest, int count) {
    String[] fields = rest.split(" ", count);
    return fields.length == count && !fields[count - 1].isEmpty() ? fields : null;
  }

  private static Shown fields(String rest, int count, Kind kind, Function<String[], String> body) {
    String[] f = split(rest, count);
    return f == null ? null : new Shown(kind, body.apply(f));
  }

  private static Shown inRoom(String rest, int count, Kind kind, Function<String[], String> body) {
    String[] f = split(rest, count);
    return f == null ? null : new Shown(kind, "[" + f[0] + "] " + body.apply(f));
  }

  private static Shown hello(String rest) {
    String[] f = split(rest, 4);
    return f == null ? null : new Shown(Kind.INFO, "-- " + f[3] + " (" + f[0] + ")");
  }

  /** {@code TOPIC ROOM NICK TEXT}: a topic set, cleared (no text) or, with NICK "-", none at all. */
  private static Shown topic(String rest) {
    String[] f = rest.split(" ", 3);
    if (f.length < 2) {
      return null;
    }
    String text = f.length == 3 ? f[2].strip() : "";
    String body = f[1].equals("-") ? "no topic"
        : text.isEmpty() ? "* " + f[1] + " cleared the topic" : "topic: " + text + " (set by " + f[1] + ")";
    return new Shown(Kind.INFO, "[" + f[0] + "] " + body);
  }

  /** {@code KICK ROOM NICK TARGET REASON}, the reason possibly empty. */
  private static Shown kick(String rest) {
    String[] f = rest.split(" ", 4);
    if (f.length < 3 || f[2].isEmpty()) {
      return null;
    }
    String reason = f.length == 4 && !f[3].isBlank() ? " (" + f[3].strip() + ")" : "";
    return new Shown(Kind.PRESENCE, "[" + f[0] + "] * " + f[1] + " kicked " + f[2] + reason);
  }

  /** {@code MODE ROOM NICK CHANGES}; NICK "-" answers a bare /mode with the room's modes. */
  private static Shown mode(String rest) {
    String[] f = split(rest, 3);
    if (f == null) {
      return null;
    }
    return f[1].equals("-") ? new Shown(Kind.INFO, "[" + f[0] + "] modes: " + f[2])
        : new Shown(Kind.PRESENCE, "[" + f[0] + "] * " + f[1] + " set mode " + f[2]);
  }

  private static Shown ok(String rest) {
    String[] f = split(rest, 2);
    if (f == null) {
      return new Shown(Kind.INFO, "-- ok " + rest);
    }
    return switch (f[0]) {
      case "nick" -> new Shown(Kind.INFO, "-- you are now " + f[1]);
      case "join" -> new Shown(Kind.INFO, "-- now talking in " + f[1]);
      case "part" -> new Shown(Kind.INFO, "-- you left " + f[1]);
      case "resume" -> new Shown(Kind.INFO, "-- " + resumedAs(f[1]));
      default -> new Shown(Kind.INFO, "-- ok " + rest);
    };
  }

  /** {@code BYE CODE TEXT}; a RECONNECT's addresses are for the client, not the reader. */
  private static Shown goodbye(String line) {
    Goodbye goodbye = Goodbye.parse(line);
    return goodbye == null || goodbye.text().isEmpty() ? null
        : new Shown(Kind.NOTICE, "disconnected: " + goodbye.text() + " [" + goodbye.code() + "]");
  }

  private static Shown who(String rest) {
    String[] f = rest.split(" ", 3);
    if (f.length < 2) {
      return null;
    }
    String members = f.length == 3 ? f[2].replace(" ", ", ") : "";
    return new Shown(Kind.INFO, "[" + f[0] + "] " + f[1] + " here: " + members);
  }

  private static Shown rooms(String rest) {
    String[] f = rest.split(" ", 2);
    if (f.length < 2) {
      return new Shown(Kind.INFO, "-- no rooms");
    }
    String list = Arrays.stream(f[1].split(" ")).map(ChatLineFormatter::roomAndCount).collect(Collectors.joining(", "));
    return new Shown(Kind.INFO, "-- " + f[0] + " rooms: " + list);
  }

  /** {@code dev:3} as {@code dev (3)}. */
  private static String roomAndCount(String entry) {
    int colon = entry.lastIndexOf(':');
    return colon < 0 ? entry : entry.substring(0, colon) + " (" + entry.substring(colon + 1) + ")";
  }
}
