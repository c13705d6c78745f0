package clusterchat.irc;

import clusterchat.core.RoomState;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/** The IRC channel commands: JOIN, PART, NAMES, TOPIC, MODE of a channel, KICK, LIST. */
final class ChannelCommands {

  private final IrcDialect irc;
  private final HistoryReplies history;

  ChannelCommands(IrcDialect irc, HistoryReplies history) {
    this.irc = irc;
    this.history = history;
  }

  Future<?> join(IrcMessage message) {
    if (!irc.hasParams(message, 1)) {
      return Future.succeededFuture();
    }
    if (message.param(0).equals("0")) {
      Future<Void> parting = Future.succeededFuture();
      for (String room : irc.member().rooms()) {
        parting = parting.compose(v -> partOne(room, null).mapEmpty());
      }
      return parting;
    }
    String[] channels = message.param(0).split(",");
    String[] keys = message.param(1) == null ? new String[0] : message.param(1).split(",");
    Future<Void> joining = Future.succeededFuture();
    for (int i = 0; i < channels.length; i++) {
      String channel = channels[i];
      String key = i < keys.length ? keys[i] : "";
      joining = joining.compose(v -> joinOne(channel, key).mapEmpty());
    }
    return joining;
  }

  /**
   * Joins one channel. The JOIN, topic, names and the channel's last messages (history.onJoin) are
   * written before any line of the channel that arrived meanwhile, which the connection holds until then.
   */
  private Future<?> joinOne(String channel, String key) {
    String room = roomOrNoSuchChannel(channel);
    if (room == null) {
      return Future.succeededFuture();
    }
    if (irc.member().isIn(room)) {
      return Future.succeededFuture();
    }
    irc.hold();
    return irc.chat().join(irc.member(), room, key, true).compose(joined -> {
      irc.outNow(IrcLine.of(irc.caps().tagsFor(System.currentTimeMillis(), null, null), irc.self(),
          "JOIN", ChannelNames.channel(room)));
      RoomState.Info info = joined.entered().info();
      if (info.topic() != null) {
        irc.outNow(irc.numeric("332", ChannelNames.channel(room), info.topic().text()));
        irc.outNow(irc.numeric("333", ChannelNames.channel(room), info.topic().setBy(), Long.toString(info.topic().setAt())));
      }
      namesOf(room, info).forEach(irc::outNow);
      irc.outNow(irc.numeric("366", ChannelNames.channel(room), "End of /NAMES list"));
      return irc.chat().joinHistory(joined).onSuccess(events -> {
        if (!events.isEmpty()) {
          history.write(ChannelNames.channel(room), events, irc::outNow);
        }
      });
    }).recover(err -> {
      switch (IrcDialect.errorCode(err)) {
        case BAD_KEY -> irc.reply("475", ChannelNames.channel(room), "Cannot join channel (+k)");
        case TOO_MANY_ROOMS, ROOMS_FULL -> irc.reply("405", ChannelNames.channel(room), "You have joined too many channels");
        case INVALID_ROOM -> irc.reply("403", channel, "No such channel");
        default -> {
          return Future.failedFuture(err);
        }
      }
      return Future.succeededFuture();
    }).eventually(() -> {
      irc.release();
      return Future.succeededFuture();
    });
  }

  Future<?> part(IrcMessage message) {
    if (!irc.hasParams(message, 1)) {
      return Future.succeededFuture();
    }
    String reason = message.param(1);
    Future<Void> parting = Future.succeededFuture();
    for (String channel : message.param(0).split(",")) {
      parting = parting.compose(v -> {
        String room = ChannelNames.room(channel);
        if (room == null) {
          irc.reply("403", channel, "No such channel");
          return Future.succeededFuture();
        }
        if (!irc.member().isIn(room)) {
          return irc.chat().roomInfo(room).<Void>map(info -> {
            if (info.isEmpty()) {
              irc.reply("403", channel, "No such channel");
            } else {
              irc.reply("442", ChannelNames.channel(room), "You're not on that channel");
            }
            return null;
          });
        }
        return partOne(room, reason).mapEmpty();
      });
    }
    return parting;
  }

  private Future<?> partOne(String room, String reason) {
    return irc.chat().part(irc.member(), room, reason).onSuccess(left -> {
      if (reason == null || reason.isEmpty()) {
        irc.fromSelf("PART", ChannelNames.channel(room));
      } else {
        irc.out(IrcLine.withText(irc.caps().tagsFor(System.currentTimeMillis(), null, null), irc.self(), "PART",
            ChannelNames.channel(room), reason));
      }
    });
  }

  /** NAMES of one or more channels: their member lists, then one RPL_ENDOFNAMES naming what was asked. */
  Future<?> names(IrcMessage message) {
    if (message.params().isEmpty() || message.param(0).isEmpty()) {
      irc.reply("366", "*", "End of /NAMES list");
      return Future.succeededFuture();
    }
    Future<Void> listing = Future.succeededFuture();
    for (String channel : message.param(0).split(",")) {
      String room = ChannelNames.room(channel);
      if (room != null) {
        listing = listing.compose(v -> irc.chat().roomInfo(room).<Void>map(info -> {
          if (!info.secret() || irc.member().isIn(room)) {
            namesOf(room, info).forEach(irc::out);
          }
          return null;
        }));
      }
    }
    return listing.onSuccess(v -> irc.reply("366", message.param(0), "End of /NAMES list"));
  }

  /** RPL_NAMREPLY lines for a room, each within IRC's line length. */
  private List<Buffer> namesOf(String room, RoomState.Info info) {
    List<Buffer> lines = new ArrayList<>();
    String symbol = info.secret() ? "@" : "=";
    StringBuilder names = new StringBuilder();
    for (RoomState.Occupant occupant : info.occupants()) {
      String name = irc.caps().prefixes(occupant) + (irc.caps().has(Capabilities.USERHOST_IN_NAMES)
          ? IrcRenderers.source(occupant.seat().nick(), occupant.seat().profile().userAtHost())
          : occupant.seat().nick());
      if (names.length() + name.length() > 380) {
        lines.add(irc.numeric("353", symbol, ChannelNames.channel(room), names.toString()));
        names.setLength(0);
      }
      names.append(names.length() == 0 ? "" : " ").append(name);
    }
    if (names.length() > 0) {
      lines.add(irc.numeric("353", symbol, ChannelNames.channel(room), names.toString()));
    }
    return lines;
  }

  Future<?> topic(IrcMessage message) {
    if (!irc.hasParams(message, 1)) {
      return Future.succeededFuture();
    }
    String channel = message.param(0);
    String room = roomOrNoSuchChannel(channel);
    if (room == null) {
      return Future.succeededFuture();
    }
    if (message.params().size() == 1) {
      return irc.chat().roomInfo(room).onSuccess(info -> {
        if (info.isEmpty()) {
          irc.reply("403", channel, "No such channel");
        } else if (info.secret() && !irc.member().isIn(room)) {
          irc.reply("442", ChannelNames.channel(room), "You're not on that channel");
        } else if (info.topic() == null) {
          irc.reply("331", ChannelNames.channel(room), "No topic is set");
        } else {
          irc.reply("332", ChannelNames.channel(room), info.topic().text());
          irc.reply("333", ChannelNames.channel(room), info.topic().setBy(), Long.toString(info.topic().setAt()));
        }
      });
    }
    return irc.chat().setTopic(irc.member(), room, message.param(1)).recover(err -> roomRefusal(err, channel, room));
  }

  /** The channel's room, or null after answering 403 for a name that is no channel. */
  private String roomOrNoSuchChannel(String channel) {
    String room = ChannelNames.room(channel);
    if (room == null) {
      irc.reply("403", channel, "No such channel");
    }
    return room;
  }

  private Future<Void> roomRefusal(Throwable err, String channel, String room) {
    switch (IrcDialect.errorCode(err)) {
      case NO_SUCH_ROOM, INVALID_ROOM -> irc.reply("403", channel, "No such channel");
      case NOT_IN_ROOM -> irc.reply("442", ChannelNames.channel(room), "You're not on that channel");
      case NOT_OPERATOR -> irc.reply("482", ChannelNames.channel(room), "You're not channel operator");
      case USER_NOT_IN_ROOM -> irc.reply("441", err.getMessage().split(" ")[0], ChannelNames.channel(room),
          "They aren't on that channel");
      default -> {
        return Future.failedFuture(err);
      }
    }
    return Future.succeededFuture();
  }

  Future<?> mode(IrcMessage message) {
    if (!irc.hasParams(message, 1)) {
      return Future.succeededFuture();
    }
    String target = message.param(0);
    String room = roomOrNoSuchChannel(target);
    if (room == null) {
      return Future.succeededFuture();
    }
    String changes = message.param(1);
    if (changes == null || changes.replaceAll("[+-]", "").equals("b")) {
      return irc.chat().roomInfo(room).onSuccess(info -> {
        if (info.isEmpty()) {
          irc.reply("403", target, "No such channel");
        } else if (changes == null) {
          boolean showKey = !info.key().isEmpty() && irc.member().isIn(room);
          if (showKey) {
            irc.reply("324", ChannelNames.channel(room), info.modes(), info.key());
          } else {
            irc.reply("324", ChannelNames.channel(room), info.modes());
          }
        } else {
          irc.reply("368", ChannelNames.channel(room), "End of channel ban list");
        }
      });
    }
    List<String> arguments = message.params().subList(2, message.params().size());
    return irc.chat().changeModes(irc.member(), room, changes, arguments).map(changed -> {
      for (char unknown : changed.unknownModes().toCharArray()) {
        irc.reply("472", String.valueOf(unknown), "is unknown mode char to me");
      }
      for (String absent : changed.absentNicks()) {
        irc.reply("441", absent, ChannelNames.channel(room), "They aren't on that channel");
      }
      return (Void) null;
    }).recover(err -> roomRefusal(err, target, room));
  }

  Future<?> kick(IrcMessage message) {
    if (!irc.hasParams(message, 2)) {
      return Future.succeededFuture();
    }
    String channel = message.param(0);
    String room = roomOrNoSuchChannel(channel);
    if (room == null) {
      return Future.succeededFuture();
    }
    String reason = message.param(2) == null ? "" : message.param(2);
    Future<Void> kicking = Future.succeededFuture();
    for (String nick : message.param(1).split(",")) {
      kicking = kicking.compose(v -> irc.chat().kickFromRoom(irc.member(), room, nick, reason)
          .recover(err -> roomRefusal(err, channel, room)));
    }
    return kicking;
  }

  Future<?> list() {
    irc.reply("321", "Channel", "Users  Name");
    return irc.chat().rooms("", 1000).map(page -> {
      page.rooms().forEach((room, count) -> irc.reply("322", ChannelNames.channel(room), Integer.toString(count), ""));
      irc.reply("323", "End of /LIST");
      return null;
    });
  }
}
