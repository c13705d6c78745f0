package clusterchat.server;

import clusterchat.config.ChatConfig;
import clusterchat.core.ChatException;
import clusterchat.core.ChatService;
import clusterchat.core.ErrorCode;
import clusterchat.core.Member;
import clusterchat.core.PrivateMessage;
import clusterchat.core.Profile;
import clusterchat.core.RenderedLines;
import clusterchat.core.RoomEvent;
import clusterchat.metrics.ChatMetrics;
import clusterchat.metrics.ChatMetrics.Listener;
import clusterchat.protocol.CloseReason;
import clusterchat.protocol.TextCodec;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection, whatever protocol it speaks and over TCP or a WebSocket (its
 * {@link LineTransport}): checks its input, runs its lines one after another (a line waits until
 * the previous one's asynchronous work is done, so "/join dev" then "hi" says hi in dev), and
 * bounds its output. What the lines mean and how output is written is its {@link Dialect}'s
 * business. Runs on its verticle instance's event loop.
 */
public final class Connection implements Member.Endpoint, LineTransport.Session {

  private static final Logger LOG = Logger.getLogger(Connection.class.getName());
  /** Lines waiting behind an unfinished one before the client stops being read. */
  private static final int MAX_BACKLOG = 64;
  /** Lines held back while output is held (see hold()); more than this are dropped and counted. */
  private static final int MAX_HELD = 256;
  /** The reason rooms see when a connection is gone without a quit (or its session ended unresumed). */
  static final String CONNECTION_LOST = "connection lost";

  private final LineTransport transport;
  private final long sequence;
  private final long connectedAtMillis = System.currentTimeMillis();
  private final Dialect dialect;
  private final Admission admission;
  private final Member member;
  private final ChatServerVerticle server;
  private final ChatMetrics metrics;
  private final LineRateLimiter limiter;
  private int maxDroppedLines;
  private final ArrayDeque<Supplier<Future<?>>> backlog = new ArrayDeque<>();
  // Lines waiting while output is held; null when it is not.
  private List<Buffer> held;
  private boolean busy;
  private boolean paused;
  private boolean closing;
  // Set once the client was told to reconnect elsewhere (see handOff); completed once it is gone.
  private Promise<Void> handOff;
  private boolean numbered;
  private int droppedLines;
  private long lastLineNanos;

  /**
   * The transport reads lines up to the dialect's limit (Dialect.Factory#maxLineBytes); sequence is
   * the connection's number on its node, which makes its id.
   */
  Connection(LineTransport transport, long sequence, Admission admission, ChatServerVerticle server,
      Dialect.Factory dialect) {
    var config = server.node().config();
    this.transport = transport;
    this.sequence = sequence;
    this.admission = admission;
    this.server = server;
    this.metrics = server.node().metrics();
    this.member = new Member(server.node().connectionId(sequence), this, Profile.plain(server.node().nodeId()));
    this.dialect = dialect.create(this);
    this.lastLineNanos = System.nanoTime();
    this.limiter = new LineRateLimiter(config.rateBurst(), config.rateLinesPerSecond(),
        config.floodDisconnectLines(), lastLineNanos);
    this.maxDroppedLines = config.maxDroppedLines();
  }

  public Member member() {
    return member;
  }

  /** Takes the limits of a reloaded config: line rate, flood cut-off, pending output, dropped lines. */
  void applyLimits(ChatConfig config) {
    limiter.retune(config.rateBurst(), config.rateLinesPerSecond(), config.floodDisconnectLines());
    maxDroppedLines = config.maxDroppedLines();
    transport.maxPendingBytes(config.maxPendingBytes());
  }

  public ChatService chat() {
    return server.chat();
  }

  public NodeState node() {
    return server.node();
  }

  /** Whether the client asked to see room lines with their sequence numbers (plain protocol: /seq on). */
  public boolean numbered() {
    return numbered;
  }

  public void numbered(boolean on) {
    numbered = on;
  }

  /** The client's address as it connected. */
  public String remoteAddress() {
    return admission.ip();
  }

  Admission admission() {
    return admission;
  }

  /** Starts reading the client and the session as its dialect does. */
  void start() {
    server.node().liveConnections().add(member.id());
    transport.start(this);
    dialect.start();
  }

  /**
   * Holds lines sent from now on until release(); sendNow() still writes. A greeting goes first
   * this way, although room lines may arrive while the session is being set up.
   */
  public void hold() {
    if (held == null) {
      held = new ArrayList<>();
    }
  }

  /** Writes the lines held since hold(), then lets lines through again. */
  public void release() {
    List<Buffer> lines = held;
    held = null;
    if (lines != null) {
      lines.forEach(this::send);
    }
    if (droppedLines > 0 && !transport.writeQueueFull()) {
      reportDropped();
    }
  }

  /**
   * Checks this member's directory record and room seats against the cluster after a failure or a
   * split, in turn with its commands; tells it when it lost its nick on the other side of a split.
   */
  void reconcile(boolean announce) {
    submit(() -> {
      String before = member.nick();
      return server.chat().reconcile(member, announce)
        .<Void>map(newNick -> {
          if (newNick != null) {
            dialect.renamed(before, newNick);
          }
          return null;
        })
        .recover(err -> {
          LOG.warning("connection " + member.id() + ": could not reconcile with the cluster: " + err);
          return Future.succeededFuture();
        });
    });
  }

  @Override
  public void line(byte[] bytes) {
    if (closing) {
      return;
    }
    metrics.lineIn();
    if (!admitLine()) {
      return;
    }
    String text = TextCodec.decodeStrict(bytes);
    if (text == null) {
      send(dialect.error(ErrorCode.INVALID_UTF8, "the line was not valid UTF-8 and was discarded"));
      return;
    }
    dialect.line(text);
  }

  @Override
  public void lineTooLong() {
    if (closing) {
      return;
    }
    metrics.lineIn();
    if (admitLine()) {
      send(dialect.error(ErrorCode.LINE_TOO_LONG, "lines are limited to "
          + transport.maxLineBytes() + " bytes; the line was discarded"));
    }
  }

  @Override
  public void deliver(RoomEvent event, RenderedLines lines) {
    if (!closing) {
      dialect.deliver(event, lines);
    }
  }

  @Override
  public void deliver(PrivateMessage message) {
    if (!closing) {
      dialect.deliver(message);
    }
  }

  /**
   * Writes a line of a room event or private message for this member, as {@link #send} does, and
   * counts it as a delivery: dialects write what they deliver through here, one call per line.
   */
  public void sendDelivery(Buffer line) {
    if (!closing && handOff == null) {
      metrics.delivered();
      send(line);
    }
  }

  private boolean admitLine() {
    lastLineNanos = System.nanoTime();
    switch (limiter.take(lastLineNanos)) {
      case ACCEPT:
        return true;
      case DROP:
        metrics.rateLimited();
        send(dialect.error(ErrorCode.RATE_LIMITED, "too many lines; the line was discarded"));
        return false;
      default:
        close(CloseReason.FLOOD, "far over the line rate");
        return false;
    }
  }

  long lastLineNanos() {
    return lastLineNanos;
  }

  long sequence() {
    return sequence;
  }

  /** What /connz shows of this connection. */
  ConnectionInfo info(long nowNanos) {
    return new ConnectionInfo(sequence, member.id(), admission.listener().tag(), member.nick(), admission.ip(),
        transport.remotePort(), member.rooms(), transport.pendingBytes(),
        TimeUnit.NANOSECONDS.toSeconds(nowNanos - lastLineNanos), connectedAtMillis);
  }

  /** Lets the dialect check the connection's liveness (see Dialect#tick). */
  void tick(long nowNanos) {
    if (!closing) {
      dialect.tick(nowNanos, lastLineNanos);
    }
  }

  /**
   * Writes a line unless the client is not reading: then the line is dropped and counted, the
   * client hears how many when its queue drains, and past maxDroppedLines it is disconnected.
   */
  public void send(Buffer line) {
    if (closing) {
      return;
    }
    if (held != null) {
      if (held.size() < MAX_HELD) {
        held.add(line);
      } else {
        droppedLines++;
        metrics.dropped();
      }
      return;
    }
    sendNow(line);
  }

  /** Writes a line even while output is held, with the same slow-reader policy. */
  public void sendNow(Buffer line) {
    if (closing || handOff != null) {
      return;
    }
    if (!transport.writeQueueFull()) {
      transport.write(line);
      metrics.lineOut();
      return;
    }
    metrics.dropped();
    if (++droppedLines > maxDroppedLines) {
      close(CloseReason.SLOW_READER, "output was not read");
    } else if (droppedLines == 1) {
      transport.onDrain(this::reportDropped);
    }
  }

  private void reportDropped() {
    transport.onDrain(null);
    int dropped = droppedLines;
    droppedLines = 0;
    send(dialect.notice("DROPPED", dropped + " lines were dropped because you were not reading"));
  }

  /** Queues work for this connection; it runs when every earlier line is done. */
  public void submit(Supplier<Future<?>> task) {
    backlog.add(task);
    if (backlog.size() > MAX_BACKLOG && !paused) {
      paused = true;
      transport.pause();
    }
    drain();
  }

  private void drain() {
    while (!busy && !backlog.isEmpty()) {
      busy = true;
      Future<?> done = run(backlog.poll());
      if (done.isComplete()) {
        finish(done);
      } else {
        done.onComplete(ar -> {
          finish(done);
          drain();
        });
      }
    }
    if (paused && backlog.size() < MAX_BACKLOG / 2 && !closing) {
      paused = false;
      transport.resume();
    }
  }

  private static Future<?> run(Supplier<Future<?>> task) {
    try {
      return task.get();
    } catch (ChatException e) {
      return Future.failedFuture(e);
    }
  }

  private void finish(Future<?> done) {
    busy = false;
    if (done.failed()) {
      Throwable err = done.cause();
      if (err instanceof ChatException chat) {
        send(dialect.error(chat.code(), chat.getMessage()));
      } else {
        LOG.log(Level.WARNING, "connection " + member.id() + ": request failed", err);
        send(dialect.error(ErrorCode.INTERNAL, "the request could not be completed; try again"));
      }
    }
  }

  /** Closes the connection for a server-side reason: a final BYE line, then the user leaves the chat. */
  public Future<Void> close(CloseReason reason, String message) {
    return closeWith(reason, message, quitReason(reason));
  }

  @Override
  public void kick(String reason) {
    closeWith(CloseReason.KICKED, reason, "kicked: " + reason);
  }

  /** The user's own quit: rooms see the reason it gave, or "quit". */
  public void quit(String reason) {
    closeWith(CloseReason.QUIT, "goodbye", reason.isEmpty() ? "quit" : reason);
  }

  private Future<Void> closeWith(CloseReason reason, String byeMessage, String roomReason) {
    if (closing) {
      return Future.succeededFuture();
    }
    closing = true;
    metrics.closed(reason);
    transport.write(dialect.bye(reason, byeMessage));
    metrics.lineOut();
    transport.close();
    return leave(roomReason);
  }

  @Override
  public void failed(Throwable err) {
    LOG.log(Level.FINE, "connection " + member.id() + ": " + err);
  }

  @Override
  public void closed() {
    server.forget(this);
    if (handOff != null && !closing) {
      closing = true;
      submit(() -> {
        server.node().liveConnections().remove(member.id());
        handOff.complete();
        return Future.succeededFuture();
      });
    } else if (!closing) {
      closing = true;
      metrics.closed(CloseReason.CONNECTION_LOST);
      if (member.sessionToken() != null && member.nick() != null) {
        detach();
      } else {
        leave(quitReason(CloseReason.CONNECTION_LOST));
      }
    }
  }

  /**
   * Keeps the session for session.resumeSeconds: nick and rooms stay, nobody hears of the loss, and
   * /resume with the token on any node takes it over. The positions are read at once: events
   * delivered from now on are no longer written.
   */
  private void detach() {
    backlog.clear();
    long millis = server.node().config().sessionResumeSeconds() * 1000L;
    var sent = server.chat().positions(member);
    submit(() -> server.chat().detach(member, sent, millis).<Void>transform(kept -> {
      if (kept.succeeded()) {
        server.awaitResume(this, millis);
      } else {
        LOG.warning("connection " + member.id() + ": could not keep its session, so it quits: " + kept.cause());
        leave(CONNECTION_LOST);
      }
      return Future.succeededFuture();
    }));
  }

  /**
   * Lame duck: tells the client to reconnect to one of the other nodes (host:port, comma separated)
   * and holds its session with what it was sent, as a lost connection's, so it resumes there; the
   * lines it sent before it heard still run here. Completes once the client has closed and those
   * lines have run. A connection without a session (IRC, or no nick yet) is closed as at shutdown,
   * and so is a web chat user: the addresses are TCP listeners, which a browser cannot reach.
   */
  Future<Void> handOff(String addresses) {
    if (closing || handOff != null) {
      return Future.succeededFuture();
    }
    if (member.sessionToken() == null || member.nick() == null || admission.listener() == Listener.WEB) {
      return close(CloseReason.SHUTDOWN, ChatServerVerticle.SHUTTING_DOWN);
    }
    metrics.closed(CloseReason.RECONNECT);
    sendNow(dialect.bye(CloseReason.RECONNECT, addresses
        + " this node is going away; reconnect to one of these and /resume your session"));
    metrics.lineOut();
    handOff = Promise.promise();
    long millis = server.node().config().sessionResumeSeconds() * 1000L;
    var sent = server.chat().positions(member);
    submit(() -> server.chat().detach(member, sent, millis).recover(err -> {
      LOG.warning("connection " + member.id() + ": could not keep its session, so it quits: " + err);
      return server.chat().quit(member, CONNECTION_LOST);
    }));
    return handOff.future();
  }

  /** Closes a handed-off connection whose client did not close in time. */
  void endHandOff() {
    if (handOff != null) {
      transport.close();
    }
  }

  /** The session's time is up (or the server stops): the member quits unless resumed elsewhere meanwhile. */
  Future<Void> endSession(String reason) {
    Promise<Void> ended = Promise.promise();
    submit(() -> server.chat().expire(member, reason).onComplete(ended));
    return ended.future().onComplete(done -> server.node().liveConnections().remove(member.id()));
  }

  /** Runs the quit after whatever the connection was doing; input not yet run is dropped. */
  private Future<Void> leave(String reason) {
    backlog.clear();
    Promise<Void> left = Promise.promise();
    submit(() -> server.chat().quit(member, reason).onComplete(left));
    return left.future().onComplete(done -> server.node().liveConnections().remove(member.id()));
  }

  private static String quitReason(CloseReason reason) {
    return switch (reason) {
      case QUIT -> "quit";
      case KICKED -> "kicked";
      case SHUTDOWN, RECONNECT -> "server shutting down";
      case IDLE_TIMEOUT -> "idle timeout";
      case FLOOD -> "flooding";
      case SLOW_READER -> "not reading";
      case SERVER_FULL, TOO_MANY_CONNECTIONS, THROTTLED, BAD_PASSWORD, CONNECTION_LOST -> CONNECTION_LOST;
    };
  }
}
