package clusterchat.irc;

import clusterchat.config.ChatConfig;
import clusterchat.core.ChatException;
import clusterchat.core.ChatService;
import clusterchat.core.ErrorCode;
import clusterchat.core.Member;
import clusterchat.core.Names;
import clusterchat.core.PrivateMessage;
import clusterchat.core.Profile;
import clusterchat.core.RenderedLines;
import clusterchat.core.RoomEvent;
import clusterchat.protocol.CloseReason;
import clusterchat.server.Connection;
import clusterchat.server.Dialect;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * IRC on a {@link Connection}: registration (PASS, NICK, USER, CAP), then the commands of
 * {@link IrcCommands}, and room events and private messages written as IRC lines. Channels are
 * rooms ("#dev" is room "dev"), so IRC users meet plain users, API bots and IRC users of every node.
 */
public final class IrcDialect implements Dialect {

  /** Client-only tags may take this many bytes (IRCv3 message-tags); more gets ERR_INPUTTOOLONG. */
  static final int MAX_CLIENT_TAG_BYTES = 4094;
  /** Message ids of nick changes and quits already shown: one act reaches every shared room. */
  private static final int REMEMBERED_IDS = 256;

  private final Connection connection;
  private final Supplier<IrcSettings> settings;
  private final Capabilities caps = new Capabilities();
  private final IrcCommands commands;
  private final Map<String, Boolean> shownIds = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_IDS;
    }
  };
  private String password;
  private String wantedNick;
  private String user;
  private String realName;
  private boolean registering;
  private boolean registered;
  /** When this connection started, for the registration timeout. */
  private final long startedNanos = System.nanoTime();
  /** The client's last line as of the server's last PING, so one silence gets one PING. */
  private long pingedAfterLineNanos = -1;
  /** Replies of the labeled command being run, or null. */
  private LabeledReplies labeled;
  private boolean releaseAfterLabel;

  private IrcDialect(Connection connection, Supplier<IrcSettings> settings) {
    this.connection = connection;
    this.settings = settings;
    this.commands = new IrcCommands(this);
  }

  /** settings gives the current settings: a config reload changes the MOTD, operators, password and ping time. */
  public static Dialect.Factory factory(Supplier<IrcSettings> settings) {
    return new Dialect.Factory() {
      @Override
      public Dialect create(Connection connection) {
        return new IrcDialect(connection, settings);
      }

      @Override
      public int maxLineBytes(ChatConfig config) {
        // Tags (up to 8191 bytes with their '@' and space) come on top of IRC's 512.
        return 8191 + IrcLine.MAX_BYTES - 2;
      }

      @Override
      public Buffer refusal(CloseReason reason, String message) {
        return closing(reason, message);
      }
    };
  }

  Connection connection() {
    return connection;
  }

  Member member() {
    return connection.member();
  }

  ChatService chat() {
    return connection.chat();
  }

  /** Whether the command has its first params parameters (the first not empty); else answers 461. */
  boolean hasParams(IrcMessage message, int params) {
    if (message.params().size() < params || message.param(0).isEmpty()) {
      reply("461", message.command(), "Not enough parameters");
      return false;
    }
    return true;
  }

  /** The chat's error code of a failure; INTERNAL for anything that is not a ChatException. */
  static ErrorCode errorCode(Throwable err) {
    return err instanceof ChatException chat ? chat.code() : ErrorCode.INTERNAL;
  }

  IrcSettings settings() {
    return settings.get();
  }

  Capabilities caps() {
    return caps;
  }

  boolean registered() {
    return registered;
  }

  /** The nick numerics are addressed to: "*" before registration. */
  String target() {
    String nick = member().nick();
    return registered && nick != null ? nick : "*";
  }

  /** This user's "nick!user@host". */
  String self() {
    return IrcRenderers.source(member().nick(), member().profile().userAtHost());
  }

  /** A numeric reply from the server to this client. */
  void reply(String numeric, String... params) {
    out(numeric(numeric, params));
  }

  Buffer numeric(String numeric, String... params) {
    String[] all = new String[params.length + 1];
    all[0] = target();
    System.arraycopy(params, 0, all, 1, params.length);
    return IrcLine.of(null, settings().serverName(), numeric, all);
  }

  /** A line from the server itself (PONG, CAP, ERROR...). */
  void fromServer(String command, String... params) {
    out(IrcLine.of(null, settings().serverName(), command, params));
  }

  /** A line about this user's own act (its JOIN, PART, NICK), with the tags its capabilities ask for. */
  void fromSelf(String command, String... params) {
    out(IrcLine.of(caps.tagsFor(System.currentTimeMillis(), null, null), self(), command, params));
  }

  /** A reply to the command being run: labeled when the client labeled it (IRCv3 labeled-response). */
  void out(Buffer line) {
    if (labeled != null) {
      labeled.add(line);
    } else {
      connection.send(line);
    }
  }

  /** A reply written even while the connection holds output (see hold()). */
  void outNow(Buffer line) {
    if (labeled != null) {
      labeled.add(line);
    } else {
      connection.sendNow(line);
    }
  }

  /** Holds room lines while a join's replies are written (see Connection#hold). */
  void hold() {
    connection.hold();
  }

  /** Ends hold(); while a labeled reply is collected, only after it is written, so it still comes first. */
  void release() {
    if (labeled != null) {
      releaseAfterLabel = true;
    } else {
      connection.release();
    }
  }

  @Override
  public void start() {
    // IRC clients speak first.
  }

  @Override
  public void line(String text) {
    int body = 0;
    if (text.startsWith("@")) {
      int space = text.indexOf(' ');
      body = space < 0 ? text.length() : space + 1;
      if (space - 1 > MAX_CLIENT_TAG_BYTES) {
        reply("417", "Input line was too long");
        return;
      }
    }
    if (text.substring(body).getBytes(StandardCharsets.UTF_8).length > IrcLine.MAX_BYTES - 2) {
      reply("417", "Input line was too long");
      return;
    }
    IrcMessage message = IrcMessage.parse(text);
    if (message == null) {
      return;
    }
    String label = caps.has(Capabilities.LABELED_RESPONSE) ? message.tag("label") : null;
    connection.submit(() -> {
      if (label == null) {
        return registered ? commands.execute(message) : register(message);
      }
      labeled = new LabeledReplies(label);
      return (registered ? commands.execute(message) : register(message)).eventually(() -> {
        LabeledReplies replies = labeled;
        labeled = null;
        replies.write(settings().serverName(), connection::sendNow);
        if (releaseAfterLabel) {
          releaseAfterLabel = false;
          connection.release();
        }
        return Future.succeededFuture();
      });
    });
  }

  private Future<?> register(IrcMessage message) {
    switch (message.command()) {
      case "CAP" -> {
        return commands.cap(message);
      }
      case "PASS" -> {
        if (message.params().isEmpty()) {
          reply("461", "PASS", "Not enough parameters");
        } else {
          password = message.param(0);
        }
      }
      case "NICK" -> {
        String nick = message.param(0);
        if (nick == null || nick.isEmpty()) {
          reply("431", "No nickname given");
        } else if (!Names.isValidNick(nick)) {
          reply("432", nick, "Erroneous nickname");
        } else {
          wantedNick = nick;
          return tryRegister();
        }
      }
      case "USER" -> {
        if (message.params().size() < 4 || message.param(3).isEmpty()) {
          reply("461", "USER", "Not enough parameters");
        } else if (user == null) {
          user = userName(message.param(0));
          realName = message.param(3);
          return tryRegister();
        }
      }
      case "PING" -> {
        return commands.execute(message);
      }
      case "QUIT" -> connection.quit(message.params().isEmpty() ? "" : message.param(0));
      default -> reply("451", "You have not registered");
    }
    return Future.succeededFuture();
  }

  /** Called when CAP END lets a paused registration go on. */
  Future<?> capabilityNegotiationEnded() {
    return registered ? Future.succeededFuture() : tryRegister();
  }

  private Future<?> tryRegister() {
    if (registered || registering || wantedNick == null || user == null || caps.negotiating()) {
      return Future.succeededFuture();
    }
    if (!settings().password().isEmpty() && !settings().password().equals(password)) {
      reply("464", "Password incorrect");
      connection.close(CloseReason.BAD_PASSWORD, "Bad password");
      return Future.succeededFuture();
    }
    registering = true;
    Profile profile = new Profile(user, connection.node().nodeId(), realName, "", false, false);
    return connection.chat().register(member(), wantedNick, profile).compose(v -> {
      registered = true;
      return commands.welcome();
    }).recover(err -> {
      registering = false;
      String nick = wantedNick;
      wantedNick = null;
      if (err instanceof ChatException chat && chat.code() == ErrorCode.NICK_IN_USE) {
        reply("433", nick, "Nickname is already in use");
        return Future.succeededFuture();
      }
      if (err instanceof ChatException chat && chat.code() == ErrorCode.INVALID_NICK) {
        reply("432", nick, "Erroneous nickname");
        return Future.succeededFuture();
      }
      return Future.failedFuture(err);
    });
  }

  /** A user name as IRC shows it: up to 10 of its letters, digits, '_', '-' and '.'. */
  private static String userName(String given) {
    String kept = given.replaceAll("[^A-Za-z0-9_.-]", "");
    return kept.isEmpty() ? "user" : kept.substring(0, Math.min(10, kept.length()));
  }

  /**
   * Pings a client silent for irc.pingSeconds and disconnects one silent twice as long, or one
   * still unregistered after irc.pingSeconds. Any line counts as an answer.
   */
  @Override
  public void tick(long nowNanos, long lastLineNanos) {
    long interval = settings().pingSeconds() * 1_000_000_000L;
    if (!registered) {
      if (nowNanos - startedNanos > interval) {
        connection.close(CloseReason.IDLE_TIMEOUT, "Registration timeout: " + settings().pingSeconds() + " seconds");
      }
      return;
    }
    if (nowNanos - lastLineNanos > 2 * interval) {
      connection.close(CloseReason.IDLE_TIMEOUT, "Ping timeout: " + 2 * settings().pingSeconds() + " seconds");
    } else if (nowNanos - lastLineNanos > interval && pingedAfterLineNanos != lastLineNanos) {
      pingedAfterLineNanos = lastLineNanos;
      connection.send(IrcLine.of(null, null, "PING", settings().serverName()));
    }
  }

  @Override
  public void deliver(RoomEvent event, RenderedLines lines) {
    if (!registered) {
      return;
    }
    boolean own = member().id().equals(event.senderId());
    switch (event.kind()) {
      case MSG, ME, NOTICE, TAGMSG -> {
        if (own && !caps.has(Capabilities.ECHO_MESSAGE)) {
          return;
        }
      }
      case JOIN, PART -> {
        if (own) {
          return; // written by the command itself, in order with its other replies
        }
      }
      case QUIT, NICK -> {
        if (own || shownIds.put(event.msgid(), Boolean.TRUE) != null) {
          return;
        }
      }
      case KICK -> {
        if (member().nick() != null && Names.nickKey(event.target()).equals(Names.nickKey(member().nick()))) {
          connection.submit(() -> connection.chat().kicked(member(), event.room()));
        }
      }
      default -> {
        // TOPIC, MODE, BOT: everyone sees them, the one who caused them too.
      }
    }
    Buffer line = lines.as(IrcRenderers.of(caps.has(Capabilities.SERVER_TIME), caps.has(Capabilities.MESSAGE_TAGS)));
    if (line != null) {
      connection.sendDelivery(line);
    }
  }

  @Override
  public void deliver(PrivateMessage message) {
    if (registered) {
      Buffer line = commands.privateLine(message, member().nick());
      if (line != null) {
        connection.sendDelivery(line);
      }
    }
  }

  @Override
  public void renamed(String oldNick, String newNick) {
    connection.send(IrcLine.of(null, IrcRenderers.source(oldNick, member().profile().userAtHost()), "NICK", newNick));
  }

  @Override
  public Buffer error(ErrorCode code, String message) {
    if (code == ErrorCode.LINE_TOO_LONG) {
      return IrcLine.of(null, settings().serverName(), "417", target(), "Input line was too long");
    }
    return IrcLine.of(null, settings().serverName(), "FAIL", "*", code.name(), message);
  }

  @Override
  public Buffer notice(String code, String message) {
    return IrcLine.of(null, settings().serverName(), "NOTICE", target(), message);
  }

  @Override
  public Buffer bye(CloseReason reason, String message) {
    return closing(reason, message);
  }

  private static Buffer closing(CloseReason reason, String message) {
    return IrcLine.of(null, null, "ERROR", "Closing link: " + message + " (" + reason.name() + ")");
  }
}
