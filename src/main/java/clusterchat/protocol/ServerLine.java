package clusterchat.protocol;

import clusterchat.core.ErrorCode;
import clusterchat.core.PrivateMessage;
import clusterchat.core.RoomEvent;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * Formats every line the server sends. The first word names the kind of line, so people can read
 * it and programs can split it; docs/PROTOCOL.md lists each kind with its fields. A line never holds
 * a character that {@link TextCodec#stripControls} removes, whatever its fields hold.
 */
public final class ServerLine {

  private ServerLine() {
  }

  /** The greeting; room is null when the server puts new connections in no room (shown as "-"). */
  public static Buffer hello(String nodeId, String nick, String room) {
    return line("HELLO " + nodeId + " " + nick + " " + (room == null ? "-" : room)
        + " Welcome to ClusterChat. You are " + nick + (room == null ? "" : " in " + room)
        + ". Type /help for commands.");
  }

  /** The session token for /resume, and how long a lost connection's session waits for it. */
  public static Buffer session(String token, int resumeSeconds) {
    return line("SESSION " + token + " " + resumeSeconds);
  }

  /** roomEvent as a shared renderer (see RenderedLines). */
  public static final Function<RoomEvent, Buffer> ROOM_EVENTS = ServerLine::roomEvent;
  /** roomEvent with its sequence number in front, for connections that asked (/seq on). */
  public static final Function<RoomEvent, Buffer> NUMBERED_ROOM_EVENTS = event -> {
    String text = roomEventText(event);
    return text == null ? null : line(sequence(event) + text);
  };

  /**
   * The line members of a room see for a room event, or null for one this protocol does not show
   * (an IRC TAGMSG). An IRC NOTICE to a room reads as a MSG; a part's reason is not shown.
   */
  public static Buffer roomEvent(RoomEvent event) {
    String text = roomEventText(event);
    return text == null ? null : line(text);
  }

  /**
   * A room event that happened before the member joined (or asked with /history): "HISTORY", the
   * time it happened (UTC, to the second), then the line it was (numbered as with /seq on when
   * numbered); null for one not shown.
   */
  public static Buffer history(RoomEvent event, boolean numbered) {
    String text = roomEventText(event);
    return text == null ? null
        : line("HISTORY " + historyTime(event.time()) + " " + (numbered ? sequence(event) : "") + text);
  }

  /** "SEQ EPOCH N " in front of a room line (/seq on); "SEQ - - " for an event the room log could not number. */
  private static String sequence(RoomEvent event) {
    return event.sequenced() ? "SEQ " + event.epoch() + " " + event.seq() + " " : "SEQ - - ";
  }

  private static String historyTime(long epochMillis) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.SECONDS));
  }

  private static String roomEventText(RoomEvent event) {
    String room = event.room();
    String nick = event.nick();
    return switch (event.kind()) {
      case MSG, NOTICE -> "MSG " + room + " " + nick + " " + event.text();
      case ME -> "ME " + room + " " + nick + " " + event.text();
      case BOT -> "BOT " + room + " " + nick + " " + event.text();
      case JOIN -> "JOIN " + room + " " + nick;
      case PART -> "PART " + room + " " + nick;
      case QUIT -> "QUIT " + room + " " + nick + " " + event.text();
      case NICK -> "NICK " + room + " " + nick + " " + event.text();
      case TOPIC -> "TOPIC " + room + " " + nick + " " + event.text();
      case KICK -> "KICK " + room + " " + nick + " " + event.target() + " " + orEmpty(event.text());
      case MODE -> "MODE " + room + " " + nick + " " + event.text();
      case TAGMSG -> null;
    };
  }

  /** A private message as its recipient sees it; an action reads "* nick text"; a TAGMSG is not shown (null). */
  public static Buffer privateMessage(PrivateMessage message) {
    return switch (message.kind()) {
      case ME -> privateMessage(message.from(), message.to(), "* " + message.from() + " " + message.text());
      case TAGMSG -> null;
      default -> privateMessage(message.from(), message.to(), message.text());
    };
  }

  public static Buffer privateMessage(String from, String to, String text) {
    return line("PRIV " + from + " " + to + " " + text);
  }

  /** A room's topic, for /topic and after a join: "" when it has none. */
  public static Buffer topic(String room, String setBy, String text) {
    return line("TOPIC " + room + " " + setBy + " " + text);
  }

  /** A room's modes, for /mode: "MODE room - +nt". */
  public static Buffer modes(String room, String modes) {
    return line("MODE " + room + " - " + modes);
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  public static Buffer ok(String command, String detail) {
    return line(detail.isEmpty() ? "OK " + command : "OK " + command + " " + detail);
  }

  public static Buffer who(String room, Collection<String> nicks) {
    StringBuilder sb = new StringBuilder("WHO ").append(room).append(' ').append(nicks.size());
    nicks.forEach(nick -> sb.append(' ').append(nick));
    return line(sb.toString());
  }

  /** Rooms with their member counts, in the map's order. */
  public static Buffer rooms(Map<String, Integer> counts) {
    StringBuilder sb = new StringBuilder("ROOMS ").append(counts.size());
    counts.forEach((room, count) -> sb.append(' ').append(room).append(':').append(count));
    return line(sb.toString());
  }

  public static Buffer help(String text) {
    return line("HELP " + text);
  }

  public static Buffer error(ErrorCode code, String message) {
    return line("ERR " + code + " " + message);
  }

  public static Buffer notice(String code, String message) {
    return line("NOTICE " + code + " " + message);
  }

  /** The last line before the server closes the connection. */
  public static Buffer bye(CloseReason reason, String message) {
    return line("BYE " + reason + " " + message);
  }

  private static Buffer line(String text) {
    // Fields may come from cluster members that cleaned nothing (room events, inbox requests);
    // a line break in one would forge a whole line, so cleaning here is the last line of defence.
    return Buffer.buffer(TextCodec.stripControls(text) + "\n");
  }
}
