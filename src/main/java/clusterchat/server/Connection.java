package clusterchat.server;

import clusterchat.core.ChatException;
import clusterchat.core.ErrorCode;
import clusterchat.core.Member;
import clusterchat.metrics.ChatMetrics;
import clusterchat.protocol.CloseReason;
import clusterchat.protocol.InputLine;
import clusterchat.protocol.LineFramer;
import clusterchat.protocol.ServerLine;
import clusterchat.protocol.TextCodec;
import io.netty.channel.ChannelOutboundBuffer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One client connection: frames and checks its input, runs its lines one after another (a line
 * waits until the previous one's asynchronous work is done, so "/join dev" then "hi" says hi in
 * dev), and bounds its output. Runs on its verticle instance's event loop.
 */
final class Connection implements Member.Endpoint, LineFramer.Sink {

  private static final Logger LOG = Logger.getLogger(Connection.class.getName());
  /** Lines waiting behind an unfinished one before the socket stops being read. */
  private static final int MAX_BACKLOG = 64;
  /** Room lines held back until the greeting is sent; more than this are dropped and counted. */
  private static final int MAX_HELD_BEFORE_HELLO = 256;

  private final NetSocket socket;
  private final long sequence;
  private final long connectedAtMillis = System.currentTimeMillis();
  private final Admission admission;
  private final Member member;
  private final ChatServerVerticle server;
  private final ChatMetrics metrics;
  private final LineFramer framer;
  private final LineRateLimiter limiter;
  private final int maxDroppedLines;
  private final ArrayDeque<Supplier<Future<?>>> backlog = new ArrayDeque<>();
  // Lines for the client before its HELLO (its default room may be busy); null once greeted.
  private List<Buffer> heldUntilHello = new ArrayList<>();
  private boolean busy;
  private boolean paused;
  private boolean closing;
  private int droppedLines;
  private long lastLineNanos;

  Connection(NetSocket socket, long sequence, Admission admission, ChatServerVerticle server) {
    var config = server.node().config();
    this.socket = socket;
    this.sequence = sequence;
    this.admission = admission;
    this.server = server;
    this.metrics = server.node().metrics();
    this.member = new Member(server.node().connectionId(sequence), this);
    this.framer = new LineFramer(config.maxLineBytes(), this);
    this.lastLineNanos = System.nanoTime();
    this.limiter = new LineRateLimiter(config.rateBurst(), config.rateLinesPerSecond(),
        config.floodDisconnectLines(), lastLineNanos);
    this.maxDroppedLines = config.maxDroppedLines();
    socket.setWriteQueueMaxSize(config.maxPendingBytes());
  }

  Member member() {
    return member;
  }

  Admission admission() {
    return admission;
  }

  /** Wires the socket and starts the session: guest nick, default room, greeting. */
  void start() {
    server.node().liveConnections().add(member.id());
    socket.exceptionHandler(err -> LOG.log(Level.FINE, "connection " + member.id() + ": " + err));
    socket.closeHandler(v -> onSocketClosed());
    socket.handler(framer::feed);
    submit(() -> server.chat().connect(member, server.node().config().defaultRoom())
        .onSuccess(v -> greet())
        .onFailure(err -> close(CloseReason.SHUTDOWN, "could not start a session: " + err.getMessage())));
  }

  /** Sends HELLO, the first line a client gets, then the room lines that arrived while it was being set up. */
  private void greet() {
    List<Buffer> held = heldUntilHello;
    heldUntilHello = null;
    send(ServerLine.hello(server.node().nodeId(), member.nick(), member.currentRoom()));
    held.forEach(this::send);
    if (droppedLines > 0 && !socket.writeQueueFull()) {
      reportDropped();
    }
  }

  /**
   * Checks this member's directory record and room seats against the cluster after a failure or a
   * split, in turn with its commands; tells it when it lost its nick on the other side of a split.
   */
  void reconcile(boolean announce) {
    submit(() -> server.chat().reconcile(member, announce)
        .<Void>map(newNick -> {
          if (newNick != null) {
            send(ServerLine.notice("RENAMED", "your nick was taken on the other side of a network split;"
                + " you are now " + newNick));
          }
          return null;
        })
        .recover(err -> {
          LOG.warning("connection " + member.id() + ": could not reconcile with the cluster: " + err);
          return Future.succeededFuture();
        }));
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
      send(ServerLine.error(ErrorCode.INVALID_UTF8, "the line was not valid UTF-8 and was discarded"));
      return;
    }
    text = TextCodec.stripControls(text);
    if (text.isBlank()) {
      return;
    }
    InputLine input = InputLine.parse(text);
    submit(() -> server.commands().execute(this, input));
  }

  @Override
  public void lineTooLong() {
    if (closing) {
      return;
    }
    metrics.lineIn();
    if (admitLine()) {
      send(ServerLine.error(ErrorCode.LINE_TOO_LONG, "lines are limited to "
          + server.node().config().maxLineBytes() + " bytes; the line was discarded"));
    }
  }

  private boolean admitLine() {
    lastLineNanos = System.nanoTime();
    switch (limiter.take(lastLineNanos)) {
      case ACCEPT:
        return true;
      case DROP:
        metrics.rateLimited();
        send(ServerLine.error(ErrorCode.RATE_LIMITED, "too many lines; the line was discarded"));
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

  ConnectionInfo info(long nowNanos) {
    return new ConnectionInfo(sequence, member.id(), admission.listener().tag(), member.nick(),
        socket.remoteAddress().hostAddress(), socket.remoteAddress().port(), member.rooms(), pendingBytes(),
        TimeUnit.NANOSECONDS.toSeconds(nowNanos - lastLineNanos), connectedAtMillis);
  }

  /** Bytes written to the socket and not yet sent: Netty's outbound buffer (Vert.x's internal socket API). */
  private long pendingBytes() {
    ChannelOutboundBuffer queued = ((NetSocketInternal) socket).channelHandlerContext().channel().unsafe().outboundBuffer();
    return queued == null ? 0 : queued.totalPendingWriteBytes();
  }

  /** A room or private line for this member. */
  @Override
  public void deliver(Buffer line) {
    metrics.delivered();
    send(line);
  }

  /**
   * Writes a line unless the client is not reading: then the line is dropped and counted, the
   * client hears how many when its queue drains, and past maxDroppedLines it is disconnected.
   */
  void send(Buffer line) {
    if (closing) {
      return;
    }
    if (heldUntilHello != null) {
      if (heldUntilHello.size() < MAX_HELD_BEFORE_HELLO) {
        heldUntilHello.add(line);
      } else {
        droppedLines++;
        metrics.dropped();
      }
      return;
    }
    if (!socket.writeQueueFull()) {
      socket.write(line);
      metrics.lineOut();
      return;
    }
    metrics.dropped();
    if (++droppedLines > maxDroppedLines) {
      close(CloseReason.SLOW_READER, "output was not read");
    } else if (droppedLines == 1) {
      socket.drainHandler(v -> reportDropped());
    }
  }

  private void reportDropped() {
    socket.drainHandler(null);
    int dropped = droppedLines;
    droppedLines = 0;
    send(ServerLine.notice("DROPPED", dropped + " lines were dropped because you were not reading"));
  }

  /** Queues work for this connection; it runs when every earlier line is done. */
  void submit(Supplier<Future<?>> task) {
    backlog.add(task);
    if (backlog.size() > MAX_BACKLOG && !paused) {
      paused = true;
      socket.pause();
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
      socket.resume();
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
        send(ServerLine.error(chat.code(), chat.getMessage()));
      } else {
        LOG.log(Level.WARNING, "connection " + member.id() + ": request failed", err);
        send(ServerLine.error(ErrorCode.INTERNAL, "the request could not be completed; try again"));
      }
    }
  }

  /** Closes the connection for a server-side reason: a final BYE line, then the user leaves the chat. */
  Future<Void> close(CloseReason reason, String message) {
    return closeWith(reason, message, quitReason(reason));
  }

  @Override
  public void kick(String reason) {
    closeWith(CloseReason.KICKED, reason, "kicked: " + reason);
  }

  /** The user's own /quit: rooms see the reason it gave, or "quit". */
  void quit(String reason) {
    closeWith(CloseReason.QUIT, "goodbye", reason.isEmpty() ? "quit" : reason);
  }

  private Future<Void> closeWith(CloseReason reason, String byeMessage, String roomReason) {
    if (closing) {
      return Future.succeededFuture();
    }
    closing = true;
    metrics.closed(reason);
    socket.write(ServerLine.bye(reason, byeMessage));
    metrics.lineOut();
    socket.close();
    return leave(roomReason);
  }

  private void onSocketClosed() {
    server.forget(this);
    if (!closing) {
      closing = true;
      metrics.closed(CloseReason.CONNECTION_LOST);
      leave(quitReason(CloseReason.CONNECTION_LOST));
    }
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
      case SHUTDOWN -> "server shutting down";
      case IDLE_TIMEOUT -> "idle timeout";
      case FLOOD -> "flooding";
      case SLOW_READER -> "not reading";
      case SERVER_FULL, TOO_MANY_CONNECTIONS, THROTTLED, CONNECTION_LOST -> "connection lost";
    };
  }
}
