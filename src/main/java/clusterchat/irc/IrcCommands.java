package clusterchat.irc;

import clusterchat.config.PasswordHash;
import clusterchat.core.ChatException;
import clusterchat.core.ChatService;
import clusterchat.core.ErrorCode;
import clusterchat.core.Member;
import clusterchat.core.Names;
import clusterchat.core.PrivateMessage;
import clusterchat.core.RoomEvent;
import clusterchat.core.RoomState;
import clusterchat.core.UserRecord;
import clusterchat.server.Connection;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The IRC commands of a registered client, as the Modern IRC client protocol describes them, on
 * the chat core. Each returns a future the connection waits for before the client's next line.
 */
final class IrcCommands {

  private static final String CREATED = "2026-11-23";
  /** Targets one PRIVMSG, NOTICE or TAGMSG may name (ISUPPORT TARGMAX). */
  private static final int MAX_TARGETS = 4;

  private final IrcDialect irc;
  private final WhoReplies who;

  IrcCommands(IrcDialect irc) {
    this.irc = irc;
    this.who = new WhoReplies(irc);
  }

  private Connection connection() {
    return irc.connection();
  }

  private ChatService chat() {
    return irc.connection().chat();
  }

  private Member member() {
    return irc.member();
  }

  Future<?> execute(IrcMessage message) {
    return switch (message.command()) {
      case "PING" -> ping(message);
      case "PONG" -> done();
      case "CAP" -> cap(message);
      case "PASS", "USER" -> {
        irc.reply("462", "You may not reregister");
        yield done();
      }
      case "NICK" -> nick(message);
      case "JOIN" -> join(message);
      case "PART" -> part(message);
      case "PRIVMSG" -> say(message, RoomEvent.Kind.MSG);
      case "NOTICE" -> say(message, RoomEvent.Kind.NOTICE);
      case "TAGMSG" -> say(message, RoomEvent.Kind.TAGMSG);
      case "NAMES" -> names(message);
      case "WHO" -> who.who(message);
      case "WHOIS" -> who.whois(message);
      case "TOPIC" -> topic(message);
      case "MODE" -> mode(message);
      case "KICK" -> kick(message);
      case "AWAY" -> away(message);
      case "ISON" -> ison(message);
      case "USERHOST" -> userhost(message);
      case "OPER" -> oper(message);
      case "LUSERS" -> lusers();
      case "MOTD" -> motd();
      case "LIST" -> list();
      case "QUIT" -> {
        connection().quit(message.params().isEmpty() ? "" : message.param(0));
        yield done();
      }
      default -> {
        irc.reply("421", message.command(), "Unknown command");
        yield done();
      }
    };
  }

  private static Future<?> done() {
    return Future.succeededFuture();
  }

  private boolean needs(IrcMessage message, int params) {
    if (message.params().size() < params || message.param(0).isEmpty()) {
      irc.reply("461", message.command(), "Not enough parameters");
      return false;
    }
    return true;
  }

  /** The room of a channel name ("#dev" is room "dev"), or null when it is not a valid channel name. */
  static String room(String channel) {
    return channel.startsWith("#") ? Names.canonicalRoom(channel) : null;
  }

  private static String channel(String room) {
    return "#" + room;
  }

  // --- registration and connection ---

  Future<?> cap(IrcMessage message) {
    Capabilities caps = irc.caps();
    String sub = message.param(0) == null ? "" : message.param(0).toUpperCase(Locale.ROOT);
    switch (sub) {
      case "LS" -> {
        if (!irc.registered()) {
          caps.negotiating(true);
        }
        irc.fromServer("CAP", irc.target(), "LS", String.join(" ", Capabilities.OFFERED));
      }
      case "LIST" -> irc.fromServer("CAP", irc.target(), "LIST", String.join(" ", caps.enabled()));
      case "REQ" -> {
        if (!irc.registered()) {
          caps.negotiating(true);
        }
        String wanted = message.param(1) == null ? "" : message.param(1).strip();
        List<String> changes = wanted.isEmpty() ? List.of() : Arrays.asList(wanted.split(" +"));
        irc.fromServer("CAP", irc.target(), caps.request(changes) ? "ACK" : "NAK", wanted);
      }
      case "END" -> {
        caps.negotiating(false);
        return irc.capabilityNegotiationEnded();
      }
      default -> irc.reply("410", sub.isEmpty() ? "*" : message.param(0), "Invalid CAP command");
    }
    return done();
  }

  /** 001-005, the user counts and the message of the day. */
  Future<?> welcome() {
    IrcSettings settings = irc.settings();
    irc.reply("001", "Welcome to the " + IrcSettings.NETWORK + " IRC network, " + irc.self());
    irc.reply("002", "Your host is " + settings.serverName() + ", running version " + IrcSettings.VERSION);
    irc.reply("003", "This server was created " + CREATED);
    irc.reply("004", settings.serverName(), IrcSettings.VERSION, "io", "knostv", "kov");
    List<String> tokens = Isupport.tokens();
    for (int i = 0; i < tokens.size(); i += 12) {
      List<String> params = new ArrayList<>(tokens.subList(i, Math.min(tokens.size(), i + 12)));
      params.add("are supported by this server");
      irc.reply("005", params.toArray(String[]::new));
    }
    return lusers().compose(v -> motd());
  }

  private Future<?> ping(IrcMessage message) {
    if (message.params().isEmpty()) {
      irc.reply("409", "No origin specified");
      return done();
    }
    irc.fromServer("PONG", irc.settings().serverName(), message.param(0));
    return done();
  }

  private Future<Void> lusers() {
    return chat().userCount().map(users -> {
      int servers = irc.settings().servers().getAsInt();
      int local = connection().node().connectionCount();
      irc.reply("251", "There are " + users + " users and 0 invisible on " + servers + " servers");
      irc.reply("252", "0", "operator(s) online");
      irc.reply("255", "I have " + local + " clients and " + servers + " servers");
      irc.reply("265", "Current local users " + local + ", max " + local);
      irc.reply("266", "Current global users " + users + ", max " + users);
      return null;
    });
  }

  private Future<Void> motd() {
    List<String> motd = irc.settings().motd();
    if (motd.isEmpty()) {
      irc.reply("422", "MOTD File is missing");
      return Future.succeededFuture();
    }
    irc.reply("375", "- " + irc.settings().serverName() + " Message of the day - ");
    motd.forEach(line -> irc.reply("372", "- " + line));
    irc.reply("376", "End of /MOTD command.");
    return Future.succeededFuture();
  }

  // --- nick ---

  private Future<?> nick(IrcMessage message) {
    String nick = message.param(0);
    if (nick == null || nick.isEmpty()) {
      irc.reply("431", "No nickname given");
      return done();
    }
    if (!Names.isValidNick(nick)) {
      irc.reply("432", nick, "Erroneous nickname");
      return done();
    }
    String before = irc.self();
    if (nick.equals(member().nick())) {
      return done();
    }
    return chat().changeNick(member(), nick)
        .onSuccess(changed -> irc.out(IrcLine.of(irc.caps().tagsFor(System.currentTimeMillis(), null, null),
            before, "NICK", changed)))
        .recover(err -> {
          if (code(err) == ErrorCode.NICK_IN_USE) {
            irc.reply("433", nick, "Nickname is already in use");
            return Future.succeededFuture();
          }
          return Future.failedFuture(err);
        });
  }

  // --- channels ---

  private Future<?> join(IrcMessage message) {
    if (!needs(message, 1)) {
      return done();
    }
    if (message.param(0).equals("0")) {
      Future<Void> parting = Future.succeededFuture();
      for (String room : member().rooms()) {
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
   * Joins one channel. The JOIN, topic and names are written before any line of the channel that
   * arrived meanwhile, which the connection holds until then.
   */
  private Future<?> joinOne(String channel, String key) {
    String room = room(channel);
    if (room == null) {
      irc.reply("403", channel, "No such channel");
      return done();
    }
    if (member().isIn(room)) {
      return done();
    }
    irc.hold();
    return chat().join(member(), room, key, true).map(joined -> {
      irc.outNow(IrcLine.of(irc.caps().tagsFor(System.currentTimeMillis(), null, null), irc.self(),
          "JOIN", channel(room)));
      RoomState.Info info = joined.entered().info();
      if (info.topic() != null) {
        irc.outNow(irc.numeric("332", channel(room), info.topic().text()));
        irc.outNow(irc.numeric("333", channel(room), info.topic().setBy(), Long.toString(info.topic().setAt())));
      }
      namesOf(room, info).forEach(irc::outNow);
      irc.outNow(irc.numeric("366", channel(room), "End of /NAMES list"));
      return null;
    }).recover(err -> {
      switch (code(err)) {
        case BAD_KEY -> irc.reply("475", channel(room), "Cannot join channel (+k)");
        case TOO_MANY_ROOMS, ROOMS_FULL -> irc.reply("405", channel(room), "You have joined too many channels");
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

  private Future<?> part(IrcMessage message) {
    if (!needs(message, 1)) {
      return done();
    }
    String reason = message.param(1);
    Future<Void> parting = Future.succeededFuture();
    for (String channel : message.param(0).split(",")) {
      parting = parting.compose(v -> {
        String room = room(channel);
        if (room == null) {
          irc.reply("403", channel, "No such channel");
          return Future.succeededFuture();
        }
        if (!member().isIn(room)) {
          return chat().roomInfo(room).<Void>map(info -> {
            if (info.isEmpty()) {
              irc.reply("403", channel, "No such channel");
            } else {
              irc.reply("442", channel(room), "You're not on that channel");
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
    return chat().part(member(), room, reason).onSuccess(left -> {
      if (reason == null || reason.isEmpty()) {
        irc.fromSelf("PART", channel(room));
      } else {
        irc.out(IrcLine.withText(irc.caps().tagsFor(System.currentTimeMillis(), null, null), irc.self(), "PART",
            channel(room), reason));
      }
    });
  }

  /** NAMES of one or more channels: their member lists, then one RPL_ENDOFNAMES naming what was asked. */
  private Future<?> names(IrcMessage message) {
    if (message.params().isEmpty() || message.param(0).isEmpty()) {
      irc.reply("366", "*", "End of /NAMES list");
      return done();
    }
    Future<Void> listing = Future.succeededFuture();
    for (String channel : message.param(0).split(",")) {
      String room = room(channel);
      if (room != null) {
        listing = listing.compose(v -> chat().roomInfo(room).<Void>map(info -> {
          if (!info.secret() || member().isIn(room)) {
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
      String name = prefixes(occupant) + (irc.caps().has(Capabilities.USERHOST_IN_NAMES)
          ? IrcRenderers.source(occupant.seat().nick(), occupant.seat().profile().userAtHost())
          : occupant.seat().nick());
      if (names.length() + name.length() > 380) {
        lines.add(irc.numeric("353", symbol, channel(room), names.toString()));
        names.setLength(0);
      }
      names.append(names.length() == 0 ? "" : " ").append(name);
    }
    if (names.length() > 0) {
      lines.add(irc.numeric("353", symbol, channel(room), names.toString()));
    }
    return lines;
  }

  /** "@" for an operator, "+" for voice; both with multi-prefix. */
  String prefixes(RoomState.Occupant occupant) {
    if (irc.caps().has(Capabilities.MULTI_PREFIX)) {
      return (occupant.operator() ? "@" : "") + (occupant.voiced() ? "+" : "");
    }
    return occupant.operator() ? "@" : occupant.voiced() ? "+" : "";
  }

  private Future<?> topic(IrcMessage message) {
    if (!needs(message, 1)) {
      return done();
    }
    String channel = message.param(0);
    String room = room(channel);
    if (room == null) {
      irc.reply("403", channel, "No such channel");
      return done();
    }
    if (message.params().size() == 1) {
      return chat().roomInfo(room).onSuccess(info -> {
        if (info.isEmpty()) {
          irc.reply("403", channel, "No such channel");
        } else if (info.secret() && !member().isIn(room)) {
          irc.reply("442", channel(room), "You're not on that channel");
        } else if (info.topic() == null) {
          irc.reply("331", channel(room), "No topic is set");
        } else {
          irc.reply("332", channel(room), info.topic().text());
          irc.reply("333", channel(room), info.topic().setBy(), Long.toString(info.topic().setAt()));
        }
      });
    }
    return chat().setTopic(member(), room, message.param(1)).recover(err -> roomRefusal(err, channel, room));
  }

  private Future<Void> roomRefusal(Throwable err, String channel, String room) {
    switch (code(err)) {
      case NO_SUCH_ROOM, INVALID_ROOM -> irc.reply("403", channel, "No such channel");
      case NOT_IN_ROOM -> irc.reply("442", channel(room), "You're not on that channel");
      case NOT_OPERATOR -> irc.reply("482", channel(room), "You're not channel operator");
      case USER_NOT_IN_ROOM -> irc.reply("441", err.getMessage().split(" ")[0], channel(room),
          "They aren't on that channel");
      default -> {
        return Future.failedFuture(err);
      }
    }
    return Future.succeededFuture();
  }

  private Future<?> mode(IrcMessage message) {
    if (!needs(message, 1)) {
      return done();
    }
    String target = message.param(0);
    if (!target.startsWith("#")) {
      return userMode(message);
    }
    String room = room(target);
    if (room == null) {
      irc.reply("403", target, "No such channel");
      return done();
    }
    String changes = message.param(1);
    if (changes == null || changes.replaceAll("[+-]", "").equals("b")) {
      return chat().roomInfo(room).onSuccess(info -> {
        if (info.isEmpty()) {
          irc.reply("403", target, "No such channel");
        } else if (changes == null) {
          boolean showKey = !info.key().isEmpty() && member().isIn(room);
          if (showKey) {
            irc.reply("324", channel(room), info.modes(), info.key());
          } else {
            irc.reply("324", channel(room), info.modes());
          }
        } else {
          irc.reply("368", channel(room), "End of channel ban list");
        }
      });
    }
    List<String> arguments = message.params().subList(2, message.params().size());
    return chat().changeModes(member(), room, changes, arguments).map(changed -> {
      for (char unknown : changed.unknownModes().toCharArray()) {
        irc.reply("472", String.valueOf(unknown), "is unknown mode char to me");
      }
      for (String absent : changed.absentNicks()) {
        irc.reply("441", absent, channel(room), "They aren't on that channel");
      }
      return (Void) null;
    }).recover(err -> roomRefusal(err, target, room));
  }

  private Future<?> userMode(IrcMessage message) {
    String target = message.param(0);
    if (!Names.nickKey(target).equals(Names.nickKey(member().nick()))) {
      irc.reply(Names.isValidNick(target) ? "502" : "401", target,
          Names.isValidNick(target) ? "Can't change mode for other users" : "No such nick/channel");
      return done();
    }
    String changes = message.param(1);
    if (changes == null) {
      irc.reply("221", member().profile().userModes());
      return done();
    }
    boolean on = true;
    Boolean invisible = null;
    for (char mode : changes.toCharArray()) {
      switch (mode) {
        case '+', '-' -> on = mode == '+';
        case 'i' -> invisible = on;
        case 'o' -> {
          if (!on && member().profile().oper()) {
            return chat().updateProfile(member(), member().profile().withOper(false))
                .onSuccess(v -> irc.fromSelf("MODE", member().nick(), "-o"));
          }
        }
        default -> irc.reply("501", "Unknown MODE flag");
      }
    }
    if (invisible == null || invisible == member().profile().invisible()) {
      return done();
    }
    boolean becomesInvisible = invisible;
    return chat().updateProfile(member(), member().profile().withInvisible(becomesInvisible))
        .onSuccess(v -> irc.fromSelf("MODE", member().nick(), becomesInvisible ? "+i" : "-i"));
  }

  private Future<?> kick(IrcMessage message) {
    if (!needs(message, 2)) {
      return done();
    }
    String channel = message.param(0);
    String room = room(channel);
    if (room == null) {
      irc.reply("403", channel, "No such channel");
      return done();
    }
    String reason = message.param(2) == null ? "" : message.param(2);
    Future<Void> kicking = Future.succeededFuture();
    for (String nick : message.param(1).split(",")) {
      kicking = kicking.compose(v -> chat().kickFromRoom(member(), room, nick, reason)
          .recover(err -> roomRefusal(err, channel, room)));
    }
    return kicking;
  }

  private Future<?> list() {
    irc.reply("321", "Channel", "Users  Name");
    return chat().rooms("", 1000).map(page -> {
      page.rooms().forEach((room, count) -> irc.reply("322", channel(room), Integer.toString(count), ""));
      irc.reply("323", "End of /LIST");
      return null;
    });
  }

  // --- messages ---

  private Future<?> say(IrcMessage message, RoomEvent.Kind kind) {
    boolean quiet = kind == RoomEvent.Kind.NOTICE;
    if (message.params().isEmpty() || message.param(0).isEmpty()) {
      if (!quiet) {
        irc.reply("411", "No recipient given (" + message.command() + ")");
      }
      return done();
    }
    String text = message.param(1);
    if (kind != RoomEvent.Kind.TAGMSG && (text == null || text.isEmpty())) {
      if (!quiet) {
        irc.reply("412", "No text to send");
      }
      return done();
    }
    if (kind == RoomEvent.Kind.TAGMSG && !irc.caps().has(Capabilities.MESSAGE_TAGS)) {
      return done();
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
    String room = room(channel);
    if (room == null) {
      if (!quiet) {
        irc.reply("403", channel, "No such channel");
      }
      return done();
    }
    return chat().sayTo(member(), room, kind, text, tags).recover(err -> {
      if (!quiet) {
        switch (code(err)) {
          case NO_SUCH_ROOM -> irc.reply("403", channel, "No such channel");
          case NOT_IN_ROOM -> irc.reply("404", channel(room), "Cannot send to channel");
          default -> {
            return Future.failedFuture(err);
          }
        }
      }
      return Future.succeededFuture();
    });
  }

  private Future<?> sayToUser(String nick, RoomEvent.Kind kind, String text, String tags, boolean quiet) {
    PrivateMessage sent = PrivateMessage.of(kind, member().nick(), member().profile().userAtHost(), nick, text, tags);
    return chat().privateMessage(sent).map(recipient -> {
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
      if (code(err) == ErrorCode.NO_SUCH_NICK) {
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

  // --- users ---

  private Future<?> away(IrcMessage message) {
    String text = message.param(0) == null ? "" : message.param(0);
    return chat().updateProfile(member(), member().profile().withAway(text)).onSuccess(v -> {
      if (text.isEmpty()) {
        irc.reply("305", "You are no longer marked as being away");
      } else {
        irc.reply("306", "You have been marked as being away");
      }
    });
  }

  private Future<?> ison(IrcMessage message) {
    List<String> nicks = new ArrayList<>();
    for (String param : message.params()) {
      nicks.addAll(Arrays.asList(param.split(" +")));
    }
    List<Future<UserRecord>> found = nicks.stream().filter(n -> !n.isEmpty())
        .map(nick -> chat().findUser(nick).otherwiseEmpty()).toList();
    return Future.join(found).onComplete(all -> {
      List<String> online = found.stream().map(f -> f.result()).filter(r -> r != null).map(UserRecord::nick).toList();
      irc.reply("303", String.join(" ", online));
    });
  }

  private Future<?> userhost(IrcMessage message) {
    if (!needs(message, 1)) {
      return done();
    }
    List<Future<UserRecord>> found = message.params().stream().limit(5)
        .map(nick -> chat().findUser(nick).otherwiseEmpty()).toList();
    return Future.join(found).onComplete(all -> {
      List<String> replies = new ArrayList<>();
      for (Future<UserRecord> user : found) {
        UserRecord record = user.result();
        if (record != null) {
          replies.add(record.nick() + (record.profile().oper() ? "*" : "") + "="
              + (record.profile().isAway() ? "-" : "+") + record.profile().userAtHost());
        }
      }
      irc.reply("302", String.join(" ", replies));
    });
  }

  private Future<?> oper(IrcMessage message) {
    if (!needs(message, 2)) {
      return done();
    }
    String hash = irc.settings().operators().get(message.param(0));
    if (hash == null || !PasswordHash.matches(message.param(1), hash)) {
      irc.reply("464", "Password incorrect");
      return done();
    }
    return chat().updateProfile(member(), member().profile().withOper(true)).onSuccess(v -> {
      irc.reply("381", "You are now an IRC operator");
      irc.fromSelf("MODE", member().nick(), "+o");
    });
  }

  static ErrorCode code(Throwable err) {
    return err instanceof ChatException chat ? chat.code() : ErrorCode.INTERNAL;
  }
}
