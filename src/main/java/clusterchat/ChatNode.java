package clusterchat;

import clusterchat.admin.AdminVerticle;
import clusterchat.admin.ConfigSync;
import clusterchat.api.ChatApiVerticle;
import clusterchat.bridge.BridgeVerticle;
import clusterchat.cluster.Addresses;
import clusterchat.cluster.ChatEndpoints;
import clusterchat.cluster.ClusterMembership;
import clusterchat.cluster.HazelcastRoomDirectory;
import clusterchat.cluster.HazelcastRoomLog;
import clusterchat.cluster.HazelcastSetup;
import clusterchat.cluster.LocalRoomDirectory;
import clusterchat.cluster.LocalRoomLog;
import clusterchat.config.ChatConfig;
import clusterchat.config.ConfigSource;
import clusterchat.core.RoomDirectory;
import clusterchat.core.RoomLog;
import clusterchat.metrics.ChatMetrics;
import clusterchat.server.ChatServerVerticle;
import clusterchat.server.NodeState;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One running ClusterChat node: a Vert.x instance (plain or clustered) with the chat server, the
 * event-bus API, the TCP bridge when enabled, the configured integrations and the admin listener
 * deployed on it; or, as a worker, a clustered Vert.x with only the integrations and the admin listener.
 */
public final class ChatNode {

  private final Vertx vertx;
  private final NodeState state;
  private final List<ChatServerVerticle> servers;
  private final HazelcastClusterManager clusterManager;
  private final ConfigSync configSync;
  private final AdminVerticle admin;
  private final ChatEndpoints endpoints;

  private ChatNode(Vertx vertx, NodeState state, List<ChatServerVerticle> servers, HazelcastClusterManager clusterManager,
      ConfigSync configSync, AdminVerticle admin, ChatEndpoints endpoints) {
    this.vertx = vertx;
    this.state = state;
    this.servers = servers;
    this.clusterManager = clusterManager;
    this.configSync = configSync;
    this.admin = admin;
    this.endpoints = endpoints;
  }

  /**
   * Starts a chat node, clustered through Hazelcast when cluster.enabled; completes once the chat
   * port (and the bridge port, when bridge.enabled) and the admin listener accept connections.
   */
  public static Future<ChatNode> start(ChatConfig config) {
    return start(config, ConfigSource.fixed(config));
  }

  /** As {@link #start(ChatConfig)}; a config reload reads source again. */
  public static Future<ChatNode> start(ChatConfig config, ConfigSource source) {
    ChatMetrics metrics = new ChatMetrics();
    if (!config.clusterEnabled()) {
      String nodeId = nodeName(config);
      NodeState state = new NodeState(nodeId, nodeId, config, new LocalRoomDirectory(),
          new LocalRoomLog(config.historyMaxPerRoom(), config.historyMaxAgeMillis()), metrics, nodeId::equals);
      Vertx vertx = Vertx.builder()
          .with(new VertxOptions().setPreferNativeTransport(true))
          .withMetrics(metrics.vertxMetrics())
          .build();
      return deployChat(vertx, state, source, null);
    }
    return clustered(config, metrics, (vertx, manager) -> {
      NodeState state = new NodeState(nodeName(config), manager.getNodeId(), config,
          new HazelcastRoomDirectory(vertx, manager.getHazelcastInstance()),
          new HazelcastRoomLog(vertx, manager.getHazelcastInstance(), config.historyMaxPerRoom(),
              config.historyMaxAgeMillis()), metrics, id -> manager.getNodes().contains(id));
      return vertx.deployVerticle(new ClusterMembership(manager, config.clusterFailureTimeoutSeconds(),
              state.roomDirectory(), state.roomLog(), state.liveConnections(),
              () -> state.config().sessionResumeSeconds() * 1000L))
          .compose(id -> deployChat(vertx, state, source, manager));
    });
  }

  /** Starts a worker: joins the cluster without a chat listener and deploys the integrations. */
  public static Future<ChatNode> startWorker(ChatConfig config) {
    return startWorker(config, ConfigSource.fixed(config));
  }

  /** As {@link #startWorker(ChatConfig)}; a config reload reads source again. */
  public static Future<ChatNode> startWorker(ChatConfig config, ConfigSource source) {
    if (!config.clusterEnabled()) {
      return Future.failedFuture(new IllegalArgumentException("a worker joins a cluster: set cluster.enabled to true"));
    }
    ChatMetrics metrics = new ChatMetrics();
    return clustered(config, metrics, (vertx, manager) -> {
      NodeState state = new NodeState(nodeName(config), manager.getNodeId(), config, null, null, metrics,
          id -> manager.getNodes().contains(id));
      return deployIntegrations(vertx, config).compose(v -> withAdmin(vertx, state, source, List.of(), manager, null));
    });
  }

  private interface ClusteredDeployment {
    Future<ChatNode> deploy(Vertx vertx, HazelcastClusterManager manager);
  }

  /**
   * Starts a clustered Vert.x and runs the deployment on it; when the deployment fails (a port in
   * use, say), closes that Vert.x and fails. The answer is a promise of no context: a future of the
   * closed Vert.x's contexts would report that failure on an event loop that no longer runs, and
   * the caller would wait forever.
   */
  private static Future<ChatNode> clustered(ChatConfig config, ChatMetrics metrics, ClusteredDeployment deployment) {
    HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSetup.hazelcastConfig(config));
    Promise<ChatNode> started = Promise.promise();
    Vertx.builder()
        .with(HazelcastSetup.vertxOptions(config))
        .withMetrics(metrics.vertxMetrics())
        .withClusterManager(manager)
        .buildClustered()
        .onFailure(started::fail)
        .onSuccess(vertx -> deployment.deploy(vertx, manager)
            .onSuccess(started::complete)
            .onFailure(err -> vertx.close().onComplete(closed -> started.fail(err))));
    return started.future();
  }

  private static Future<ChatNode> deployChat(Vertx vertx, NodeState state, ConfigSource source,
      HazelcastClusterManager manager) {
    ChatConfig config = state.config();
    List<ChatServerVerticle> servers = new CopyOnWriteArrayList<>();
    DeploymentOptions options = new DeploymentOptions().setInstances(config.tcpInstances());
    // Reads the TLS certificate, when there is one, before any listener needs it.
    return state.reconfigure(vertx, config)
        .compose(certificate -> vertx.deployVerticle(new ChatApiVerticle(state.memberId(), config.maxLineBytes(),
            state.roomDirectory(), state.roomLog())))
        .compose(id -> vertx.deployVerticle(() -> {
          ChatServerVerticle server = new ChatServerVerticle(state);
          servers.add(server);
          return server;
        }, options))
        .compose(id -> config.bridgeEnabled() ? vertx.deployVerticle(new BridgeVerticle(config)) : Future.succeededFuture())
        .compose(id -> deployIntegrations(vertx, config))
        .compose(v -> ChatEndpoints.open(vertx, state.memberId(), state::isMemberAlive))
        .compose(endpoints -> (config.tcpEnabled()
            ? endpoints.announce(config.tcpAdvertisedHost() + ":" + servers.get(0).actualPort())
            : Future.<Void>succeededFuture())
            .compose(v -> withAdmin(vertx, state, source, servers, manager, endpoints)));
  }

  /**
   * Deploys the config sync (reloads, and versions pushed by other nodes), then the admin listener
   * unless admin.enabled is false; the node is complete after them.
   */
  private static Future<ChatNode> withAdmin(Vertx vertx, NodeState state, ConfigSource source,
      List<ChatServerVerticle> servers, HazelcastClusterManager manager, ChatEndpoints endpoints) {
    ConfigSync configSync = new ConfigSync(state, source, manager);
    Future<String> synced = vertx.deployVerticle(configSync);
    if (!state.config().adminEnabled()) {
      return synced.map(id -> new ChatNode(vertx, state, servers, manager, configSync, null, endpoints));
    }
    AdminVerticle admin = new AdminVerticle(state, configSync, servers, manager);
    return synced.compose(id -> vertx.deployVerticle(admin))
        .map(id -> new ChatNode(vertx, state, servers, manager, configSync, admin, endpoints));
  }

  /** Deploys integrations.verticles by class name, each with the effective config as its config(). */
  private static Future<Void> deployIntegrations(Vertx vertx, ChatConfig config) {
    DeploymentOptions options = new DeploymentOptions().setConfig(config.toJson());
    Future<Void> chain = Future.succeededFuture();
    for (String verticle : config.integrationVerticles()) {
      chain = chain.compose(v -> vertx.deployVerticle(verticle, options)
          .recover(err -> Future.failedFuture(new IllegalStateException(
              "integrations.verticles: could not deploy " + verticle + ": " + err.getMessage(), err)))
          .mapEmpty());
    }
    return chain;
  }

  private static String nodeName(ChatConfig config) {
    return config.nodeName().isEmpty() ? "node-" + UUID.randomUUID().toString().substring(0, 8) : config.nodeName();
  }

  public String nodeId() {
    return state.nodeId();
  }

  /** The id this node's users are registered under (the Vert.x cluster node id when clustered). */
  public String memberId() {
    return state.memberId();
  }

  /** The chat port; the real one when the config asked for port 0. */
  public int port() {
    return servers.get(0).actualPort();
  }

  /** True when Vert.x runs on the native epoll transport rather than NIO. */
  public boolean nativeTransport() {
    return vertx.isNativeTransportEnabled();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The admin listener's port, or -1 when admin.enabled is false. */
  public int adminPort() {
    return admin == null ? -1 : admin.actualPort();
  }

  /** The TLS chat port, or -1 when TLS is off. */
  public int tlsPort() {
    return servers.get(0).actualTlsPort();
  }

  /** The IRC port (the real one when configured with 0), or -1 without an IRC listener. */
  public int ircPort() {
    return servers.get(0).actualIrcPort();
  }

  /** The IRC-over-TLS port, or -1. */
  public int ircTlsPort() {
    return servers.get(0).actualIrcTlsPort();
  }

  /** The web chat port, or -1 when http.enabled is false. */
  public int httpPort() {
    return servers.get(0).actualHttpPort();
  }

  /** Nodes in the cluster, this one included; 1 when not clustered. */
  public int clusterSize() {
    return clusterManager == null ? 1 : clusterManager.getNodes().size();
  }

  /** Connections open on this node right now. */
  public int connectionCount() {
    return state.connectionCount();
  }

  /** Connections per server verticle instance, in deployment order. */
  public List<Integer> connectionsPerInstance() {
    return servers.stream().map(ChatServerVerticle::connectionCount).toList();
  }

  /** Room subscriptions (event-bus consumers) over all server instances of this node. */
  public Future<Integer> roomSubscriptionCount() {
    return Future.all(servers.stream().map(ChatServerVerticle::roomSubscriptionCount).toList())
        .map(all -> all.<Integer>list().stream().mapToInt(Integer::intValue).sum());
  }

  /** Who sits in which room, cluster-wide; null on a worker. */
  public RoomDirectory roomDirectory() {
    return state.roomDirectory();
  }

  /** Every room's numbered recent events (cluster-wide when clustered); null on a worker. */
  public RoomLog roomLog() {
    return state.roomLog();
  }

  /** Users in the (cluster-wide) user directory. */
  public Future<Integer> registeredUserCount() {
    return vertx.sharedData().getAsyncMap(Addresses.USERS_MAP).compose(map -> map.size());
  }

  /** Reads the config again and applies its live keys on every node (see {@link ConfigSync#reload}). */
  public Future<JsonObject> reload() {
    return configSync.reload();
  }

  /** The cluster's live config version and each node's (see {@link ConfigSync#status}). */
  public Future<JsonObject> configStatus() {
    return configSync.status();
  }

  /** The config this node runs now: as started, with the live keys of the last reload. */
  public ChatConfig config() {
    return state.config();
  }

  /** Says goodbye to every client, leaves the chat cleanly and closes Vert.x. */
  public Future<Void> stop() {
    return vertx.close();
  }

  /**
   * Lame-duck drain, then stop: when other chat nodes are up, stops accepting and tells each client
   * to reconnect to one of them (BYE RECONNECT) with its session held for /resume there, waits until
   * they have gone (at most shutdown.drainSeconds) and their lines are in the rooms; alone (or a
   * worker) it is a plain stop, BYE SHUTDOWN.
   */
  public Future<Void> drain() {
    if (endpoints == null) {
      return stop();
    }
    long drainMillis = state.config().shutdownDrainSeconds() * 1000L;
    // Completed by Vert.x's close, not on a context of the Vert.x being closed, where it would never run.
    Promise<Void> stopped = Promise.promise();
    endpoints.others().otherwise(List.of()).onComplete(found -> {
      if (found.result().isEmpty()) {
        stop().onComplete(stopped);
        return;
      }
      String addresses = String.join(",", found.result());
      endpoints.withdraw().otherwiseEmpty()
          .compose(v -> Future.join(servers.stream().map(server -> server.drain(addresses, drainMillis)).toList()))
          .onComplete(drained -> stop().onComplete(stopped));
    });
    return stopped.future();
  }

}
