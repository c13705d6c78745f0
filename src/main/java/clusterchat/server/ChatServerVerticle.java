package clusterchat.server;

import clusterchat.cluster.Addresses;
import clusterchat.cluster.ClusterMembership;
import clusterchat.cluster.EventBusMailer;
import clusterchat.cluster.EventBusRoomBus;
import clusterchat.cluster.SharedDataSessionStore;
import clusterchat.cluster.SharedDataUserDirectory;
import clusterchat.config.ChatConfig;
import clusterchat.core.ChatService;
import clusterchat.metrics.ChatMetrics.Listener;
import clusterchat.protocol.CloseReason;
import clusterchat.irc.IrcDialect;
import clusterchat.irc.IrcSettings;
import clusterchat.web.WebChat;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.http.WebSocketInternal;
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
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * The chat's listeners: plain TCP and TLS, IRC and IRC over TLS, and the web chat's
 * HTTP/WebSocket port. A node deploys one instance per core; all share each port and Vert.x
 * spreads accepted connections over them. Each instance owns its connections, its room
 * subscriptions and its inbox, and runs all of them on its own event loop.
 */
public final class ChatServerVerticle extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(ChatServerVerticle.class.getName());
  /** Seconds between TCP keepalive probes once a connection has been silent for keepAliveSeconds. */
  public static final int KEEPALIVE_INTERVAL_SECONDS = 10;
  /** Unanswered keepalive probes after which the kernel drops the connection. */
  public static final int KEEPALIVE_PROBES = 3;
  static final String SHUTTING_DOWN = "the server is shutting down";
  /** How often connections are ticked: the idle timeout and IRC's ping checks (Dialect#tick). */
  private static final long TICK_MILLIS = 1000;

  private final NodeState node;
  private final Set<Connection> connections = new HashSet<>();
  /** Lost connections whose sessions wait for /resume (see Connection#detach). */
  private final Set<Connection> detached = new HashSet<>();
  // Read by other threads (ChatNode#connectionsPerInstance); the set itself stays on the event loop.
  private final AtomicInteger openConnections = new AtomicInteger();
  private ChatService chat;
  private EventBusRoomBus roomBus;
  private Dialect.Factory plain;
  private Dialect.Factory irc;
  private EventBusMailer mailer;
  private NetServer server;
  private NetServer tlsServer;
  private NetServer ircServer;
  private NetServer ircTlsServer;
  private HttpServer webServer;
  private IrcSettings ircSettings;
  private OutputBatch output;
  private final Runnable reconfigured = () -> context.runOnContext(v -> applyConfig());
  private long tickTimer = -1;
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
    ircSettings = ircSettings(config);
    output = new OutputBatch(context);
    return SharedDataUserDirectory.open(vertx)
        .compose(directory -> SharedDataSessionStore.open(vertx).map(sessions -> {
          roomBus = new EventBusRoomBus(vertx, node.roomQuota(), node.roomLog(), node.metrics()::roomEventsSkipped);
          chat = new ChatService(node.memberId(), inbox, directory, node.roomDirectory(), roomBus, node.roomLog(),
              sessions, mailer, () -> node.config().maxRoomsPerConnection(), () -> node.config().historyOnJoin(),
              node::isMemberAlive);
          plain = PlainDialect.factory(new Commands(chat, () -> node.config().historyMaxPerRoom()));
          irc = IrcDialect.factory(() -> ircSettings);
          vertx.eventBus().<Boolean>localConsumer(ClusterMembership.RECONCILE_ADDRESS,
              message -> List.copyOf(connections).forEach(connection -> connection.reconcile(message.body())));
          return null;
        }))
        .compose(v -> mailer.open(inbox))
        .compose(v -> config.tcpEnabled() ? listen(config.tcpHost(), config.tcpPort(), -1,
            socket -> acceptPlain(socket, plain, Listener.PLAIN)).map(s -> server = s) : Future.succeededFuture())
        .compose(v -> config.tlsEnabled() ? listen(config.tcpHost(), config.tlsPort(), -2,
            socket -> acceptTls(socket, plain, Listener.TLS)).map(s -> tlsServer = s) : Future.succeededFuture())
        .compose(v -> config.ircEnabled() ? listen(config.ircHost(), config.ircPort(), -3,
            socket -> acceptPlain(socket, irc, Listener.IRC)).map(s -> ircServer = s) : Future.succeededFuture())
        .compose(v -> config.ircEnabled() && config.tlsEnabled() ? listen(config.ircHost(), config.ircTlsPort(), -4,
            socket -> acceptTls(socket, irc, Listener.IRC_TLS)).map(s -> ircTlsServer = s) : Future.succeededFuture())
        .compose(v -> config.httpEnabled() ? listenWeb().map(s -> webServer = s) : Future.succeededFuture())
        .onSuccess(listening -> {
          tickTimer = vertx.setPeriodic(TICK_MILLIS, id -> tickAll());
          node.onReconfigured(reconfigured);
        });
  }

  /**
   * Listens on the configured port. For port 0 it passes sharedRandomPort, a negative number: Vert.x
   * gives all instances using the same negative number one shared random port (0 would give each
   * its own), and different numbers different ports.
   */
  private Future<NetServer> listen(String host, int configuredPort, int sharedRandomPort, Handler<NetSocket> accept) {
    NetServer listener = vertx.createNetServer(keepAlive(new NetServerOptions()));
    listener.connectHandler(accept);
    return listener.listen(configuredPort == 0 ? sharedRandomPort : configuredPort, host);
  }

  /**
   * The web chat's page and WebSocket endpoint on http.port, shared by the instances like the chat
   * ports. Web users speak the plain protocol, one line per WebSocket message.
   */
  private Future<HttpServer> listenWeb() {
    var config = node.config();
    HttpServerOptions options = keepAlive(new HttpServerOptions())
        .setMaxWebSocketFrameSize(WebSocketTransport.maxFrameBytes(plain.maxLineBytes(config)));
    HttpServer listener = WebChat.serve(vertx.createHttpServer(options), vertx, config.httpAllowedOrigins(),
        this::acceptWeb);
    return listener.listen(config.httpPort() == 0 ? -5 : config.httpPort(), config.httpHost());
  }

  private <T extends NetServerOptions> T keepAlive(T options) {
    // Half-open connections (peer gone without FIN or RST) are found by TCP keepalive, not by an
    // application ping: people on nc could not answer one.
    options.setTcpNoDelay(true).setTcpKeepAlive(true);
    options.setTcpKeepAliveIdleSeconds(node.config().keepAliveSeconds());
    options.setTcpKeepAliveIntervalSeconds(KEEPALIVE_INTERVAL_SECONDS);
    options.setTcpKeepAliveCount(KEEPALIVE_PROBES);
    return options;
  }

  /** The plain port this instance listens on (the real one when configured with 0), or -1. */
  public int actualPort() {
    return server == null ? -1 : server.actualPort();
  }

  /** The TLS port this instance listens on, or -1. */
  public int actualTlsPort() {
    return tlsServer == null ? -1 : tlsServer.actualPort();
  }

  /** The IRC port this instance listens on, or -1. */
  public int actualIrcPort() {
    return ircServer == null ? -1 : ircServer.actualPort();
  }

  /** The IRC-over-TLS port this instance listens on, or -1. */
  public int actualIrcTlsPort() {
    return ircTlsServer == null ? -1 : ircTlsServer.actualPort();
  }

  private IrcSettings ircSettings(ChatConfig config) {
    return new IrcSettings(config.ircServerName(node.nodeId()), config.ircPassword(), config.ircMotd(),
        config.ircOperators(), config.ircPingSeconds(), this::clusterSize);
  }

  /** A reload changed the node's config: new limits for this instance's connections, new IRC settings. */
  private void applyConfig() {
    var config = node.config();
    ircSettings = ircSettings(config);
    for (Connection connection : connections) {
      connection.applyLimits(config);
    }
  }

  private int clusterSize() {
    var manager = ((VertxInternal) vertx).clusterManager();
    return manager == null ? 1 : manager.getNodes().size();
  }

  /** The web chat port this instance listens on, or -1. */
  public int actualHttpPort() {
    return webServer == null ? -1 : webServer.actualPort();
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
    node.removeReconfigureListener(reconfigured);
    if (tickTimer >= 0) {
      vertx.cancelTimer(tickTimer);
    }
    return node.listeners().close()
        .compose(closed -> afterQueuedTasks())
        .compose(accepted -> {
          List<Future<Void>> leaving = new ArrayList<>();
          for (Connection connection : List.copyOf(connections)) {
            leaving.add(connection.close(CloseReason.SHUTDOWN, SHUTTING_DOWN));
          }
          for (Connection connection : List.copyOf(detached)) {
            detached.remove(connection);
            leaving.add(connection.endSession("server shutting down"));
          }
          return Future.join(leaving);
        })
        .eventually(() -> server == null ? Future.succeededFuture() : server.close())
        .eventually(() -> tlsServer == null ? Future.succeededFuture() : tlsServer.close())
        .eventually(() -> ircServer == null ? Future.succeededFuture() : ircServer.close())
        .eventually(() -> ircTlsServer == null ? Future.succeededFuture() : ircTlsServer.close())
        .eventually(() -> webServer == null ? Future.succeededFuture() : webServer.close())
        .eventually(() -> mailer.close());
  }

  /**
   * Lame duck (see ChatNode#drain): stops accepting, then hands every connection off to the other
   * nodes (Connection#handOff), waits until their clients have closed or drainMillis passed (then
   * closes the rest), and until every room event they sent is logged and published. Sessions of
   * lost connections that wait here stay held: a sweep ends them if nobody resumes them. stop()
   * follows, with nobody left to say goodbye to but connections without a session.
   */
  public Future<Void> drain(String addresses, long drainMillis) {
    Promise<Void> drained = Promise.promise();
    context.runOnContext(v -> {
      stopping = true;
      detached.clear();
      node.listeners().close().compose(closed -> afterQueuedTasks()).compose(accepted -> {
        List<Connection> handedOff = List.copyOf(connections);
        List<Future<Void>> gone = handedOff.stream().map(connection -> connection.handOff(addresses)).toList();
        long deadline = vertx.setTimer(Math.max(1, drainMillis), id -> handedOff.forEach(Connection::endHandOff));
        return Future.join(gone).eventually(() -> {
          vertx.cancelTimer(deadline);
          return roomBus.idle();
        });
      }).<Void>mapEmpty().onComplete(drained);
    });
    return drained.future();
  }

  /** Completes on this instance's event loop after the tasks already queued there. */
  private Future<Void> afterQueuedTasks() {
    Promise<Void> done = Promise.promise();
    context.runOnContext(v -> done.complete());
    return done.future();
  }

  private void acceptPlain(NetSocket socket, Dialect.Factory dialect, Listener listener) {
    node.listeners().learnFrom(((NetSocketInternal) socket).channelHandlerContext());
    Admission admission = admit(socket.remoteAddress().hostAddress(), listener, refusal -> {
      socket.write(dialect.refusal(refusal.reason(), refusal.message()));
      node.metrics().lineOut();
      socket.close();
    });
    if (admission != null) {
      startSession(socket, admission, dialect);
    }
  }

  /**
   * A web user: a plain-protocol user, admitted like a TCP client once its WebSocket is open; a
   * refusal is the plain protocol's BYE line as a text message.
   */
  private void acceptWeb(ServerWebSocket webSocket) {
    node.listeners().learnFrom(((WebSocketInternal) webSocket).channelHandlerContext());
    var config = node.config();
    LineTransport transport = new WebSocketTransport(webSocket, plain.maxLineBytes(config), config.maxPendingBytes());
    Admission admission = admit(webSocket.remoteAddress().hostAddress(), Listener.WEB, refusal -> {
      transport.write(plain.refusal(refusal.reason(), refusal.message()));
      node.metrics().lineOut();
      transport.close();
    });
    if (admission != null) {
      startSession(transport, admission, plain);
    }
  }

  /**
   * The TLS port listens in plain TCP and starts each handshake itself, so the limits count a
   * connection from the moment it is accepted, not only once its handshake is done (a client
   * could otherwise park any number of handshakes). The handshake has limits.tlsHandshakeSeconds.
   */
  private void acceptTls(NetSocket socket, Dialect.Factory dialect, Listener listener) {
    node.listeners().learnFrom(((NetSocketInternal) socket).channelHandlerContext());
    // Before the handshake nothing readable can be sent, so a refusal is only a close.
    Admission admission = admit(socket.remoteAddress().hostAddress(), listener, refusal -> socket.close());
    if (admission == null) {
      return;
    }
    socket.exceptionHandler(err -> LOG.fine(() -> "TLS handshake from " + socket.remoteAddress() + ": " + err));
    socket.closeHandler(v -> admission.release());
    // Lines sent right behind the handshake wait until the session reads them.
    socket.pause();
    node.tls().handshake(socket, context, node.config().tlsHandshakeSeconds()).onComplete(handshake -> {
      if (handshake.failed() || admission.released()) {
        socket.close();
        return;
      }
      if (stopping) {
        node.metrics().closed(CloseReason.SHUTDOWN);
        socket.write(dialect.refusal(CloseReason.SHUTDOWN, SHUTTING_DOWN));
        node.metrics().lineOut();
        socket.close();
        return;
      }
      startSession(socket, admission, dialect);
      socket.resume();
    });
  }

  /**
   * Counts a new connection on listener in, or hands refuse the reason it is refused (counted as a
   * close for that reason) and returns null. The caller turns a refusal into its dialect's goodbye
   * line where one can be sent.
   */
  private Admission admit(String ip, Listener listener, Consumer<Refusal> refuse) {
    Refusal refusal = stopping ? new Refusal(CloseReason.SHUTDOWN, SHUTTING_DOWN) : countIn(ip);
    if (refusal == null) {
      return new Admission(node, ip, listener);
    }
    node.metrics().closed(refusal.reason());
    refuse.accept(refusal);
    return null;
  }

  private record Refusal(CloseReason reason, String message) {
  }

  /** Counts a connection from ip in the node's limits: null when it fits, else why it is refused. */
  private Refusal countIn(String ip) {
    var config = node.config();
    Refusal refusal = switch (node.addressLimits().admit(ip, System.nanoTime())) {
      case TOO_FAST -> new Refusal(CloseReason.THROTTLED, "too many new connections from " + AddressKey.of(ip)
          + "; at most " + config.connectsPerIpPerSecond() + " per second");
      case TOO_MANY -> new Refusal(CloseReason.TOO_MANY_CONNECTIONS, AddressKey.of(ip) + " already has "
          + config.maxConnectionsPerIp() + " connections to this node");
      case ACCEPT -> null;
    };
    if (refusal == null && !node.admit()) {
      node.addressLimits().release(ip);
      refusal = new Refusal(CloseReason.SERVER_FULL, "this node serves its maximum of " + config.maxConnections()
          + " connections; try again later");
    }
    return refusal;
  }

  private void startSession(NetSocket socket, Admission admission, Dialect.Factory dialect) {
    var config = node.config();
    startSession(new SocketTransport(socket, dialect.maxLineBytes(config), config.maxPendingBytes(), output),
        admission, dialect);
  }

  private void startSession(LineTransport transport, Admission admission, Dialect.Factory dialect) {
    Connection connection = new Connection(transport, node.nextConnectionSequence(), admission, this, dialect);
    connections.add(connection);
    openConnections.incrementAndGet();
    connection.start();
  }

  /** A lost connection's session waits millis for /resume; then it ends unless resumed elsewhere. */
  void awaitResume(Connection connection, long millis) {
    detached.add(connection);
    vertx.setTimer(millis, id -> {
      if (detached.remove(connection)) {
        connection.endSession(Connection.CONNECTION_LOST);
      }
    });
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

  /**
   * True while this instance listens on every chat port the config enables (plain, TLS, IRC, IRC
   * over TLS, web) and is not stopping; read on its event loop.
   */
  public Future<Boolean> listening() {
    Promise<Boolean> answer = Promise.promise();
    context.runOnContext(v -> {
      var config = node.config();
      answer.complete(!stopping
          && (server != null) == config.tcpEnabled()
          && (tlsServer != null) == config.tlsEnabled()
          && (ircServer != null) == config.ircEnabled()
          && (ircTlsServer != null) == (config.ircEnabled() && config.tlsEnabled())
          && (webServer != null) == config.httpEnabled());
    });
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

  /** One timer per instance, not per connection: closes idle connections and ticks the others. */
  private void tickAll() {
    long now = System.nanoTime();
    int idleSeconds = node.config().idleTimeoutSeconds();
    long idleNanos = idleSeconds == 0 ? Long.MAX_VALUE : TimeUnit.SECONDS.toNanos(idleSeconds);
    for (Connection connection : List.copyOf(connections)) {
      if (now - connection.lastLineNanos() > idleNanos) {
        LOG.fine(() -> "closing idle connection " + connection.member().id());
        connection.close(CloseReason.IDLE_TIMEOUT, "no line for " + idleSeconds + " seconds");
      } else {
        connection.tick(now);
      }
    }
  }
}
