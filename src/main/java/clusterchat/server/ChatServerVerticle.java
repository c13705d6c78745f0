package clusterchat.server;

import clusterchat.cluster.Addresses;
import clusterchat.cluster.ClusterMembership;
import clusterchat.cluster.EventBusMailer;
import clusterchat.cluster.EventBusRoomBus;
import clusterchat.cluster.SharedDataUserDirectory;
import clusterchat.core.ChatService;
import clusterchat.metrics.ChatMetrics.Listener;
import clusterchat.protocol.CloseReason;
import clusterchat.protocol.ServerLine;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The chat's TCP listener. A node deploys one instance per core; all share one port and Vert.x
 * spreads accepted connections over them. Each instance owns its connections, its room
 * subscriptions and its inbox, and runs all of them on its own event loop.
 */
public final class ChatServerVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(ChatServerVerticle.class.getName());
  /** Seconds between TCP keepalive probes once a connection has been silent for keepAliveSeconds. */
  private static final int KEEPALIVE_INTERVAL_SECONDS = 10;
  /** Unanswered keepalive probes after which the kernel drops the connection. */
  private static final int KEEPALIVE_PROBES = 3;
  /** Flushes a busy socket at the latest after this many writes, even mid-batch. */
  private static final int FLUSH_AFTER_WRITES = 64;
  private static final String SHUTTING_DOWN = "the server is shutting down";

  private final NodeState node;
  private final Set<Connection> connections = new HashSet<>();
  // Read by other threads (ChatNode#connectionsPerInstance); the set itself stays on the event loop.
  private final AtomicInteger openConnections = new AtomicInteger();
  private ChatService chat;
  private EventBusRoomBus roomBus;
  private Commands commands;
  private EventBusMailer mailer;
  private NetServer server;
  private NetServer tlsServer;
  private TlsUpgrade tls;
  private long idleTimer = -1;
  /** Set by stop(); from then on new connections are refused. Event loop only. */
  private boolean stopping;

  public ChatServerVerticle(NodeState node) {
    this.node = node;
  }

  @Override
  public Future<?> start() {
    String inbox = Addresses.inbox(node.nodeId() + "." + UUID.randomUUID());
    mailer = new EventBusMailer(vertx.eventBus());
    var config = node.config();
    if (config.tlsEnabled()) {
      try {
        tls = new TlsUpgrade(vertx, config);
      } catch (Exception e) {
        return Future.failedFuture(new IllegalStateException("tls: cannot use tls.certPath and tls.keyPath: " + e, e));
      }
    }
    return SharedDataUserDirectory.open(vertx)
        .compose(directory -> {
          roomBus = new EventBusRoomBus(vertx, node.roomQuota());
          chat = new ChatService(node.memberId(), inbox, directory, node.roomDirectory(), roomBus, mailer,
              config.maxRoomsPerConnection());
          commands = new Commands(chat);
          vertx.eventBus().<Boolean>localConsumer(ClusterMembership.RECONCILE_ADDRESS,
              message -> List.copyOf(connections).forEach(connection -> connection.reconcile(message.body())));
          return mailer.open(inbox);
        })
        .compose(v -> config.tcpEnabled() ? listen(config.tcpPort(), -1, this::acceptPlain).map(s -> server = s)
            : Future.succeededFuture())
        .compose(v -> config.tlsEnabled() ? listen(config.tlsPort(), -2, this::acceptTls).map(s -> tlsServer = s)
            : Future.succeededFuture())
        .onSuccess(listening -> startIdleTimer());
  }

  /**
   * Listens on the configured port. For port 0 it passes sharedRandomPort, a negative number: Vert.x
   * gives all instances using the same negative number one shared random port (0 would give each
   * its own), and different numbers different ports.
   */
  private Future<NetServer> listen(int configuredPort, int sharedRandomPort, Handler<NetSocket> accept) {
    // Half-open connections (peer gone without FIN or RST) are found by TCP keepalive, not by an
    // application ping: people on nc could not answer one.
    NetServerOptions options = new NetServerOptions().setTcpNoDelay(true).setTcpKeepAlive(true);
    options.setTcpKeepAliveIdleSeconds(node.config().keepAliveSeconds());
    options.setTcpKeepAliveIntervalSeconds(KEEPALIVE_INTERVAL_SECONDS);
    options.setTcpKeepAliveCount(KEEPALIVE_PROBES);
    NetServer listener = vertx.createNetServer(options);
    listener.connectHandler(accept);
    return listener.listen(configuredPort == 0 ? sharedRandomPort : configuredPort, node.config().tcpHost());
  }

  /** The plain port this instance listens on (the real one when configured with 0), or -1. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  /** The TLS port this instance listens on, or -1. */
  public int actualTlsPort() {
    return tlsServer == null ? -1 : tlsServer.actualPort();
  }

  /**
   * Stops accepting, then tells every client the server is going away and takes them out of the
   * chat. The node's listening sockets close first (see Listeners); connections this event loop
   * had already taken from them reach the connect handler before the goodbyes start, and are
   * refused with BYE SHUTDOWN. NetServer#close comes last because it cuts open connections at once.
   */
  @Override
  public Future<?> stop() {
    stopping = true;
    if (idleTimer >= 0) {
      vertx.cancelTimer(idleTimer);
    }
    return node.listeners().close()
        .compose(closed -> afterQueuedTasks())
        .compose(accepted -> {
          List<Future<Void>> leaving = new ArrayList<>();
          for (Connection connection : List.copyOf(connections)) {
            leaving.add(connection.close(CloseReason.SHUTDOWN, SHUTTING_DOWN));
          }
          return Future.join(leaving);
        })
        .eventually(() -> server == null ? Future.succeededFuture() : server.close())
        .eventually(() -> tlsServer == null ? Future.succeededFuture() : tlsServer.close())
        .eventually(() -> mailer.close());
  }

  /** Completes on this instance's event loop after the tasks already queued there. */
  private Future<Void> afterQueuedTasks() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> done.complete());
    return done.future();
  }

  private void acceptPlain(NetSocket socket) {
    Admission admission = admit(socket, Listener.PLAIN);
    if (admission != null) {
      startSession(socket, admission);
    }
  }

  /**
   * The TLS port listens in plain TCP and starts each handshake itself, so the limits count a
   * connection from the moment it is accepted, not only once its handshake is done (a client
   * could otherwise park any number of handshakes). The handshake has limits.tlsHandshakeSeconds.
   */
  private void acceptTls(NetSocket socket) {
    Admission admission = admit(socket, Listener.TLS);
    if (admission == null) {
      return;
    }
    socket.exceptionHandler(err -> LOG.fine(() -> "TLS handshake from " + socket.remoteAddress() + ": " + err));
    socket.closeHandler(v -> admission.release());
    // Lines sent right behind the handshake wait until the session reads them.
    socket.pause();
    tls.handshake(socket, context).onComplete(handshake -> {
      if (handshake.failed() || admission.released()) {
        socket.close();
        return;
      }
      if (stopping) {
        sayBye(socket, refusal(CloseReason.SHUTDOWN, SHUTTING_DOWN));
        return;
      }
      startSession(socket, admission);
      socket.resume();
    });
  }

  /**
   * Counts a new connection in, or refuses it and returns null. A refusal is a BYE line on the
   * plain port; before a TLS handshake nothing readable can be sent, so there it is only a close.
   */
  private Admission admit(NetSocket socket, Listener listener) {
    node.listeners().learnFrom(socket);
    String ip = socket.remoteAddress().hostAddress();
    Buffer refusal = stopping ? refusal(CloseReason.SHUTDOWN, SHUTTING_DOWN) : countIn(ip);
    if (refusal == null) {
      return new Admission(node, ip, listener);
    }
    if (listener == Listener.PLAIN) {
      sayBye(socket, refusal);
    } else {
      socket.close();
    }
    return null;
  }

  /** Counts a connection from ip in the node's limits: null when it fits, else the BYE line refusing it. */
  private Buffer countIn(String ip) {
    var config = node.config();
    Buffer refusal = switch (node.addressLimits().admit(ip, System.nanoTime())) {
      case TOO_FAST -> refusal(CloseReason.THROTTLED, "too many new connections from " + AddressKey.of(ip)
          + "; at most " + config.connectsPerIpPerSecond() + " per second");
      case TOO_MANY -> refusal(CloseReason.TOO_MANY_CONNECTIONS, AddressKey.of(ip) + " already has "
          + config.maxConnectionsPerIp() + " connections to this node");
      case ACCEPT -> null;
    };
    if (refusal == null && !node.admit()) {
      node.addressLimits().release(ip);
      refusal = refusal(CloseReason.SERVER_FULL, "this node serves its maximum of " + config.maxConnections()
          + " connections; try again later");
    }
    return refusal;
  }

  /** The BYE line refusing a new connection, counted as a close for that reason. */
  private Buffer refusal(CloseReason reason, String message) {
    node.metrics().closed(reason);
    return ServerLine.bye(reason, message);
  }

  private void sayBye(NetSocket socket, Buffer bye) {
    socket.write(bye);
    node.metrics().lineOut();
    socket.close();
  }

  private void startSession(NetSocket socket, Admission admission) {
    coalesceFlushes(socket);
    Connection connection = new Connection(socket, node.nextConnectionSequence(), admission, this);
    connections.add(connection);
    openConnections.incrementAndGet();
    connection.start();
  }

  /**
   * A room line is written to every member's socket, and Vert.x flushes each write at once: one
   * syscall per recipient per line. Netty's FlushConsolidationHandler defers those flushes to the
   * end of the event loop's current batch of work, so a burst of lines leaves in few syscalls.
   * It reaches into Vert.x's internal socket API (the Netty pipeline) for that.
   */
  private static void coalesceFlushes(NetSocket socket) {
    ((NetSocketInternal) socket).channelHandlerContext().pipeline()
        .addFirst("flush-consolidation", new FlushConsolidationHandler(FLUSH_AFTER_WRITES, true));
  }

  void forget(Connection connection) {
    if (connections.remove(connection)) {
      openConnections.decrementAndGet();
      connection.admission().release();
    }
  }

  /** Room subscriptions (event-bus consumers) this instance holds now; read on its event loop. */
  public Future<Integer> roomSubscriptionCount() {
    Promise<Integer> count = Promise.promise();
    context.runOnContext(v -> count.complete(roomBus.localRoomCount()));
    return count.future();
  }

  /** Connections this instance serves now. */
  public int connectionCount() {
    return openConnections.get();
  }

  /** True while this instance listens on every configured chat port and is not stopping; read on its event loop. */
  public Future<Boolean> listening() {
    Promise<Boolean> answer = Promise.promise();
    context.runOnContext(v -> answer.complete(!stopping && (server != null) == node.config().tcpEnabled()
        && (tlsServer != null) == node.config().tlsEnabled()));
    return answer.future();
  }

  /** The oldest {@code first} connections of this instance, oldest first; read on its event loop. */
  public Future<List<ConnectionInfo>> connections(int first) {
    Promise<List<ConnectionInfo>> answer = Promise.promise();
    context.runOnContext(v -> {
      long now = System.nanoTime();
      answer.complete(connections.stream()
          .sorted(Comparator.comparingLong(Connection::sequence))
          .limit(first)
          .map(connection -> connection.info(now))
          .toList());
    });
    return answer.future();
  }

  NodeState node() {
    return node;
  }

  ChatService chat() {
    return chat;
  }

  Commands commands() {
    return commands;
  }

  private void startIdleTimer() {
    int idleSeconds = node.config().idleTimeoutSeconds();
    if (idleSeconds == 0) {
      return;
    }
    long idleNanos = TimeUnit.SECONDS.toNanos(idleSeconds);
    // One timer per instance, not per connection; it checks four times per timeout period.
    idleTimer = vertx.setPeriodic(Math.max(250, idleSeconds * 250L), id -> {
      long now = System.nanoTime();
      for (Connection connection : List.copyOf(connections)) {
        if (now - connection.lastLineNanos() > idleNanos) {
          LOG.fine(() -> "closing idle connection " + connection.member().id());
          connection.close(CloseReason.IDLE_TIMEOUT, "no line for " + idleSeconds + " seconds");
        }
      }
    });
  }
}
