package clusterchat.irc;

import clusterchat.config.PasswordHash;
import clusterchat.core.ErrorCode;
import clusterchat.core.Names;
import clusterchat.core.PrivateMessage;
import clusterchat.core.RoomEvent;
import clusterchat.core.UserRecord;
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

  private final IrcDialect irc;
  private final ChannelCommands channels;
  private final MessageCommands messages;
  private final WhoReplies who;
  private final HistoryReplies history;

  IrcCommands(IrcDialect irc) {
    this.irc = irc;
    this.history = new HistoryReplies(irc);
    this.channels = new ChannelCommands(irc, history);
    this.messages = new MessageCommands(irc);
    this.who = new WhoReplies(irc);
  }







  /** A private message as an IRC line to "to" (see MessageCommands). */
  Buffer privateLine(PrivateMessage message, String to) {
    return messages.privateLine(message, to);
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
      case "JOIN" -> channels.join(message);
      case "PART" -> channels.part(message);
      case "PRIVMSG" -> messages.say(message, RoomEvent.Kind.MSG);
      case "NOTICE" -> messages.say(message, RoomEvent.Kind.NOTICE);
      case "TAGMSG" -> messages.say(message, RoomEvent.Kind.TAGMSG);
      case "NAMES" -> channels.names(message);
      case "WHO" -> who.who(message);
      case "WHOIS" -> who.whois(message);
      case "TOPIC" -> channels.topic(message);
      case "MODE" -> !irc.hasParams(message, 1) ? Future.succeededFuture()
          : message.param(0).startsWith("#") ? channels.mode(message) : userMode(message);
      case "KICK" -> channels.kick(message);
      case "AWAY" -> away(message);
      case "ISON" -> ison(message);
      case "USERHOST" -> userhost(message);
      case "OPER" -> oper(message);
      case "LUSERS" -> lusers();
      case "MOTD" -> motd();
      case "LIST" -> channels.list();
      case "CHATHISTORY" -> history.chathistory(message);
      case "QUIT" -> {
        irc.connection().quit(message.params().isEmpty() ? "" : message.param(0));
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
    return Future.succeededFuture();
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
      return Future.succeededFuture();
    }
    irc.fromServer("PONG", irc.settings().serverName(), message.param(0));
    return Future.succeededFuture();
  }

  private Future<Void> lusers() {
    return irc.chat().userCount().map(users -> {
      int servers = irc.settings().servers().getAsInt();
      int local = irc.connection().node().connectionCount();
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
      return Future.succeededFuture();
    }
    if (!Names.isValidNick(nick)) {
      irc.reply("432", nick, "Erroneous nickname");
      return Future.succeededFuture();
    }
    String before = irc.self();
    if (nick.equals(irc.member().nick())) {
      return Future.succeededFuture();
    }
    return irc.chat().changeNick(irc.member(), nick)
        .onSuccess(changed -> irc.out(IrcLine.of(irc.caps().tagsFor(System.currentTimeMillis(), null, null),
            before, "NICK", changed)))
        .recover(err -> {
          if (IrcDialect.errorCode(err) == ErrorCode.NICK_IN_USE) {
            irc.reply("433", nick, "Nickname is already in use");
            return Future.succeededFuture();
          }
          return Future.failedFuture(err);
        });
  }

  // --- users ---

  private Future<?> userMode(IrcMessage message) {
    String target = message.param(0);
    if (!Names.nickKey(target).equals(Names.nickKey(irc.member().nick()))) {
      irc.reply(Names.isValidNick(target) ? "502" : "401", target,
          Names.isValidNick(target) ? "Can't change mode for other users" : "No such nick/channel");
      return Future.succeededFuture();
    }
    String changes = message.param(1);
    if (changes == null) {
      irc.reply("221", irc.member().profile().userModes());
      return Future.succeededFuture();
    }
    boolean on = true;
    Boolean invisible = null;
    for (char mode : changes.toCharArray()) {
      switch (mode) {
        case '+', '-' -> on = mode == '+';
        case 'i' -> invisible = on;
        case 'o' -> {
          if (!on && irc.member().profile().oper()) {
            return irc.chat().updateProfile(irc.member(), irc.member().profile().withOper(false))
                .onSuccess(v -> irc.fromSelf("MODE", irc.member().nick(), "-o"));
          }
        }
        default -> irc.reply("501", "Unknown MODE flag");
      }
    }
    if (invisible == null || invisible == irc.member().profile().invisible()) {
      return Future.succeededFuture();
    }
    boolean becomesInvisible = invisible;
    return irc.chat().updateProfile(irc.member(), irc.member().profile().withInvisible(becomesInvisible))
        .onSuccess(v -> irc.fromSelf("MODE", irc.member().nick(), becomesInvisible ? "+i" : "-i"));
  }
  private Future<?> away(IrcMessage message) {
    String text = message.param(0) == null ? "" : message.param(0);
    return irc.chat().updateProfile(irc.member(), irc.member().profile().withAway(text)).onSuccess(v -> {
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
        .map(nick -> irc.chat().findUser(nick).otherwiseEmpty()).toList();
    return Future.join(found).onComplete(all -> {
      List<String> online = found.stream().map(f -> f.result()).filter(r -> r != null).map(UserRecord::nick).toList();
      irc.reply("303", String.join(" ", online));
    });
  }

  private Future<?> userhost(IrcMessage message) {
    if (!irc.hasParams(message, 1)) {
      return Future.succeededFuture();
    }
    List<Future<UserRecord>> found = message.params().stream().limit(5)
        .map(nick -> irc.chat().findUser(nick).otherwiseEmpty()).toList();
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
    if (!irc.hasParams(message, 2)) {
      return Future.succeededFuture();
    }
    String hash = irc.settings().operators().get(message.param(0));
    if (hash == null || !PasswordHash.matches(message.param(1), hash)) {
      irc.reply("464", "Password incorrect");
      return Future.succeededFuture();
    }
    return irc.chat().updateProfile(irc.member(), irc.member().profile().withOper(true)).onSuccess(v -> {
      irc.reply("381", "You are now an IRC operator");
      irc.fromSelf("MODE", irc.member().nick(), "+o");
    });
  }


}
