package clusterchat.irc;

import clusterchat.core.ErrorCode;
import clusterchat.core.PrivateMessage;
import clusterchat.core.RoomEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/** PRIVMSG, NOTICE and TAGMSG to channels and nicks, and how private messages are written. */
final class MessageCommands {

  /** Targets one PRIVMSG, NOTICE or TAGMSG may name (ISUPPORT TARGMAX). */
  private static final int MAX_TARGETS = 4;

  private final IrcDialect irc;

  MessageCommands(IrcDialect irc) {
    this.irc = irc;
  }

  Future<?> say(IrcMessage message, RoomEvent.Kind kind) {
    boolean quiet = kind == RoomEvent.Kind.NOTICE;
    if (message.params().isEmpty() || message.param(0).isEmpty()) {
      if (!quiet) {
        irc.reply("411", "No recipient given (" + message.command() + ")");
      }
      return Future.succeededFuture();
    }
    String text = message.param(1);
    if (kind != RoomEvent.Kind.TAGMSG && (text == null || text.isEmpty())) {
      if (!quiet) {
        irc.reply("412", "No text to send");
      }
      return Future.succeededFuture();
    }
    if (kind == RoomEvent.Kind.TAGMSG && !irc.caps().has(Capabilities.MESSAGE_TAGS)) {
      return Future.succeededFuture();
    }
    RoomEvent.Kind actual = kind;
    String body = text == null ? "" : text;
    String action = "\u0001ACTION ";
    if (kind == RoomEvent.Kind.MSG && body.startsWith(action)) {
      actual = RoomEvent.Kind.ME;
      body = body.substring(action.length(), body.endsWith("\u0001") ? body.length() - 1 : body.length());
    }
    String tags = message.clientTags();
    String[] targets = message.param(0).split(",");
    Future<Void> sending = Future.succeededFuture();
    for (int i = 0; i < Math.min(targets.length, MAX_TARGETS); i++) {
      String target = targets[i];
      RoomEvent.Kind sentKind = actual;
      String sentText = body;
      sending = sending.compose(v -> (target.startsWith("#")
          ? sayInRoom(target, sentKind, sentText, tags, quiet)
          : sayToUser(target, sentKind, sentText, tags, quiet)).mapEmpty());
    }
    return sending;
  }

  private Future<?> sayInRoom(String channel, RoomEvent.Kind kind, String text, String tags, boolean quiet) {
    String room = ChannelNames.room(channel);
    if (room == null) {
      if (!quiet) {
        irc.reply("403", channel, "No such channel");
      }
      return Future.succeededFuture();
    }
    return irc.chat().sayTo(irc.member(), room, kind, text, tags).recover(err -> {
      if (!quiet) {
        switch (IrcDialect.errorCode(err)) {
          case NO_SUCH_ROOM -> irc.reply("403", channel, "No such channel");
          case NOT_IN_ROOM -> irc.reply("404", ChannelNames.channel(room), "Cannot send to channel");
          default -> {
            return Future.failedFuture(err);
          }
        }
      }
      return Future.succeededFuture();
    });
  }

  private Future<?> sayToUser(String nick, RoomEvent.Kind kind, String text, String tags, boolean quiet) {
    PrivateMessage sent = PrivateMessage.of(kind, irc.member().nick(), irc.member().profile().userAtHost(), nick, text, tags);
    return irc.chat().privateMessage(sent).map(recipient -> {
      if (irc.caps().has(Capabilities.ECHO_MESSAGE)) {
        Buffer echo = privateLine(sent, recipient.nick());
        if (echo != null) {
          irc.out(echo);
        }
      }
      if (kind == RoomEvent.Kind.MSG && recipient.profile().isAway()) {
        irc.reply("301", recipient.nick(), recipient.profile().away());
      }
      return (Void) null;
    }).recover(err -> {
      if (IrcDialect.errorCode(err) == ErrorCode.NO_SUCH_NICK) {
        if (!quiet) {
          irc.reply("401", nick, "No such nick/channel");
        }
        return Future.succeededFuture();
      }
      return Future.failedFuture(err);
    });
  }

  /** A private message as an IRC line to "to"; null for a TAGMSG to a client without message-tags. */
  Buffer privateLine(PrivateMessage message, String to) {
    Capabilities caps = irc.caps();
    boolean tagged = caps.has(Capabilities.MESSAGE_TAGS);
    String tags = caps.tagsFor(message.time(), message.msgid(), message.tags());
    String source = message.origin() == null ? message.from() + "!bot@clusterchat"
        : IrcRenderers.source(message.from(), message.origin());
    return switch (message.kind()) {
      case ME -> IrcLine.withText(tags, source, "PRIVMSG", to, IrcRenderers.CTCP + "ACTION " + message.text()
          + IrcRenderers.CTCP);
      case NOTICE -> IrcLine.withText(tags, source, "NOTICE", to, message.text());
      case TAGMSG -> tagged ? IrcLine.of(tags, source, "TAGMSG", to) : null;
      default -> IrcLine.withText(tags, source, "PRIVMSG", to, message.text());
    };
  }
}
