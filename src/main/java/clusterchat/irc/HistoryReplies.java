package clusterchat.irc;

import clusterchat.core.ErrorCode;
import clusterchat.core.HistoryQuery;
import clusterchat.core.RoomEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A channel's history for IRC clients: the messages replayed after a JOIN, and the CHATHISTORY
 * command (IRCv3 draft/chathistory: LATEST, BEFORE, AFTER; references by msgid or timestamp).
 * Only messages are history here (PRIVMSG, NOTICE, actions, bot posts), not joins or parts: this
 * server has no event-playback. With the batch capability the lines come in a chathistory batch.
 */
final class HistoryReplies {

  /** The most messages one CHATHISTORY answers with (ISUPPORT CHATHISTORY). */
  static final int MAX_LIMIT = 1000;
  private static final AtomicLong BATCHES = new AtomicLong();

  private final IrcDialect irc;

  HistoryReplies(IrcDialect irc) {
    this.irc = irc;
  }

  /** Writes a channel's past messages as this client sees them (server-time, msgid when it asked for them). */
  void write(String channel, List<RoomEvent> events, Consumer<Buffer> out) {
    boolean batch = irc.caps().has(Capabilities.BATCH);
    String id = "h" + Long.toString(BATCHES.incrementAndGet(), 36);
    if (batch) {
      out.accept(IrcLine.of(null, irc.settings().serverName(), "BATCH", "+" + id, "chathistory", channel));
    }
    for (RoomEvent event : events) {
      Buffer line = IrcRenderers.render(event, irc.caps().has(Capabilities.SERVER_TIME),
          irc.caps().has(Capabilities.MESSAGE_TAGS));
      if (line != null) {
        out.accept(batch ? IrcLine.withTag(line, "batch=" + id) : line);
      }
    }
    if (batch) {
      out.accept(IrcLine.of(null, irc.settings().serverName(), "BATCH", "-" + id));
    }
  }

  /** CHATHISTORY LATEST|BEFORE|AFTER #channel (*|msgid=ID|timestamp=TIME) LIMIT. */
  Future<?> chathistory(IrcMessage message) {
    if (message.params().size() < 4) {
      fail("NEED_MORE_PARAMS", message.params().isEmpty() ? "*" : message.param(0), "Missing parameters");
      return Future.succeededFuture();
    }
    String sub = message.param(0).toUpperCase(Locale.ROOT);
    String target = message.param(1);
    HistoryQuery.Direction direction = switch (sub) {
      case "LATEST" -> HistoryQuery.Direction.LATEST;
      case "BEFORE" -> HistoryQuery.Direction.BEFORE;
      case "AFTER" -> HistoryQuery.Direction.AFTER;
      default -> null;
    };
    if (direction == null) {
      fail("INVALID_PARAMS", sub, "Unknown or unsupported subcommand; this server knows LATEST, BEFORE and AFTER");
      return Future.succeededFuture();
    }
    HistoryQuery.Anchor anchor = anchor(message.param(2));
    boolean star = message.param(2).equals("*");
    int limit = message.param(3).matches("[0-9]{1,9}") ? Math.min(Integer.parseInt(message.param(3)), MAX_LIMIT) : 0;
    if ((anchor == null && !(star && direction == HistoryQuery.Direction.LATEST)) || limit < 1) {
      fail("INVALID_PARAMS", sub, "Invalid message reference or limit");
      return Future.succeededFuture();
    }
    if (!target.startsWith("#")) {
      failTarget(sub, target);
      return Future.succeededFuture();
    }
    return irc.chat().history(irc.member(), target.substring(1), new HistoryQuery(direction, anchor, limit, true))
        .onSuccess(history -> write(target, history.events(), irc::out))
        .otherwise(err -> {
          ErrorCode code = IrcDialect.errorCode(err);
          if (code == ErrorCode.NOT_IN_ROOM || code == ErrorCode.INVALID_ROOM) {
            failTarget(sub, target);
          } else {
            irc.fromServer("FAIL", "CHATHISTORY", "MESSAGE_ERROR", sub, target, "Messages could not be retrieved");
          }
          return null;
        });
  }

  /** A message reference: msgid=ID or timestamp=TIME (ISO 8601, UTC); null when it is neither. */
  private static HistoryQuery.Anchor anchor(String reference) {
    if (reference.startsWith("msgid=") && reference.length() > 6) {
      return HistoryQuery.Anchor.msgid(reference.substring(6));
    }
    if (reference.startsWith("timestamp=")) {
      try {
        return HistoryQuery.Anchor.time(Instant.parse(reference.substring(10)).toEpochMilli());
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  private void failTarget(String sub, String target) {
    irc.fromServer("FAIL", "CHATHISTORY", "INVALID_TARGET", sub, target, "You cannot read the history of " + target);
  }

  private void fail(String code, String sub, String text) {
    irc.fromServer("FAIL", "CHATHISTORY", code, sub, text);
  }
}
