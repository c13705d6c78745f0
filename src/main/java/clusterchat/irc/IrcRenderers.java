package clusterchat.irc;

import clusterchat.core.RoomEvent;
import io.vertx.core.buffer.Buffer;
import java.util.function.Function;

/**
 * Room events as IRC lines. There is one renderer per combination of the capabilities that change
 * a line (server-time, message-tags), each a shared constant, so a room event is rendered at most
 * once per combination however many members get it (see RenderedLines).
 */
final class IrcRenderers {

  /** The CTCP wrapping of an action: "\u0001ACTION text\u0001". */
  static final char CTCP = '\u0001';

  private static final Function<RoomEvent, Buffer> BARE = event -> render(event, false, false);
  private static final Function<RoomEvent, Buffer> TIME = event -> render(event, true, false);
  private static final Function<RoomEvent, Buffer> TAGS = event -> render(event, false, true);
  private static final Function<RoomEvent, Buffer> TIME_AND_TAGS = event -> render(event, true, true);

  private IrcRenderers() {
  }

  static Function<RoomEvent, Buffer> of(boolean serverTime, boolean messageTags) {
    if (serverTime) {
      return messageTags ? TIME_AND_TAGS : TIME;
    }
    return messageTags ? TAGS : BARE;
  }

  /** The source of a line from a user: "nick!user@host", or just the nick when its host is unknown. */
  static String source(String nick, String origin) {
    return origin == null ? nick : nick + "!" + origin;
  }

  /** The tags a line carries for a client with these capabilities; null when none. */
  static String tags(boolean serverTime, boolean messageTags, long time, String msgid, String clientTags) {
    StringBuilder tags = new StringBuilder();
    if (messageTags) {
      if (msgid != null && !msgid.isEmpty()) {
        tags.append("msgid=").append(msgid);
      }
      if (clientTags != null) {
        tags.append(tags.length() > 0 ? ";" : "").append(clientTags);
      }
    }
    if (serverTime && time > 0) {
      tags.append(tags.length() > 0 ? ";" : "").append("time=").append(IrcLine.time(time));
    }
    return tags.length() == 0 ? null : tags.toString();
  }

  /** An event as a client with these capabilities sees it; null for one it does not see. */
  static Buffer render(RoomEvent event, boolean serverTime, boolean messageTags) {
    String channel = "#" + event.room();
    String source = event.kind() == RoomEvent.Kind.BOT
        ? event.nick() + "!bot@clusterchat"
        : source(event.nick(), event.origin());
    String tags = tags(serverTime, messageTags, event.time(), event.msgid(),
        isMessage(event.kind()) ? event.tags() : null);
    return switch (event.kind()) {
      case MSG, BOT -> IrcLine.withText(tags, source, "PRIVMSG", channel, event.text());
      case ME -> IrcLine.withText(tags, source, "PRIVMSG", channel, CTCP + "ACTION " + event.text() + CTCP);
      case NOTICE -> IrcLine.withText(tags, source, "NOTICE", channel, event.text());
      case TAGMSG -> messageTags ? IrcLine.of(tags, source, "TAGMSG", channel) : null;
      case JOIN -> IrcLine.of(tags, source, "JOIN", channel);
      case PART -> event.text() == null || event.text().isEmpty()
          ? IrcLine.of(tags, source, "PART", channel)
          : IrcLine.withText(tags, source, "PART", channel, event.text());
      case QUIT -> IrcLine.withText(tags, source, "QUIT", event.text() == null ? "" : event.text());
      case NICK -> IrcLine.of(tags, source, "NICK", event.text());
      case TOPIC -> IrcLine.withText(tags, source, "TOPIC", channel, event.text());
      case KICK -> IrcLine.withText(tags, source, "KICK", channel, event.target(),
          event.text() == null || event.text().isEmpty() ? event.target() : event.text());
      case MODE -> IrcLine.of(tags, source, "MODE", modeParams(channel, event.text()));
    };
  }

  private static boolean isMessage(RoomEvent.Kind kind) {
    return kind == RoomEvent.Kind.MSG || kind == RoomEvent.Kind.ME || kind == RoomEvent.Kind.NOTICE
        || kind == RoomEvent.Kind.TAGMSG;
  }

  /** "#room" followed by the words of a mode change such as "+o-v bob alice". */
  private static String[] modeParams(String channel, String change) {
    String[] words = change.split(" ");
    String[] params = new String[words.length + 1];
    params[0] = channel;
    System.arraycopy(words, 0, params, 1, words.length);
    return params;
  }
}
