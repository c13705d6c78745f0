package clusterchat;

import clusterchat.cluster.ClusterMembership;
import clusterchat.cluster.HazelcastSetup;
import clusterchat.config.ChatConfig;
import clusterchat.server.ChatServerVerticle;
import clusterchat.server.NodeState;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** One running ClusterChat node: a Vert.x instance (plain or clustered) with the chat server deployed on it. */
public final class ChatNode {

  private final Vertx vertx;
  private final NodeState state;
  private final List<ChatServerVerticle> servers;
  private final HazelcastClusterManager clusterManager;

  private ChatNode(Vertx vertx, NodeState state, List<ChatServerVerticle> servers, HazelcastClusterManager clusterManager) {
    this.vertx = vertx;
    this.state = state;
    this.servers = servers;
    this.clusterManager = clusterManager;
  }

  /** Nodes in the cluster, this one included; 1 when not clustered. */
  public int clusterSize() {
    return clusterManager == null ? 1 : clusterManager.getNodes().size();
  }

  /**
   * Starts a node on its own Vert.x, clustered through Hazelcast when cluster.enabled; completes once
   * the chat port accepts connections.
   */
  public static Future<ChatNode> start(ChatConfig config) {
    if (!config.clusterEnabled()) {
      return deploy(Vertx.vertx(), config, null);
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastSetup.hazelcastConfig(config));
    return Vertx.builder()
        .with(HazelcastSetup.vertxOptions(config))
        .withClusterManager(manager)
        .buildClustered()
        .compose(vertx -> vertx.deployVerticle(new ClusterMembership(manager, config.clusterFailureTimeoutSeconds()))
            .compose(id -> deploy(vertx, config, manager))
            .recover(err -> vertx.close().transform(closed -> Future.failedFuture(err))));
  }

  private static Future<ChatNode> deploy(Vertx vertx, ChatConfig config, HazelcastClusterManager manager) {
    String nodeId = config.nodeName().isEmpty() ? "node-" + UUID.randomUUID().toString().substring(0, 8) : config.nodeName();
    NodeState state = new NodeState(nodeId, manager == null ? nodeId : manager.getNodeId(), config);
    List<ChatServerVerticle> servers = new CopyOnWriteArrayList<>();
    DeploymentOptions options = new DeploymentOptions().setInstances(config.tcpInstances());
    return vertx.deployVerticle(() -> {
      ChatServerVerticle server = new ChatServerVerticle(state);
      servers.add(server);
      return server;
    }, options).map(id -> new ChatNode(vertx, state, servers, manager));
  }

  public String nodeId() {
    return state.nodeId();
  }

  /** The chat port; the real one when the config asked for port 0. */
  public int port() {
    return servers.get(0).actualPort();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** Connections open on this node right now. */
  public int connectionCount() {
    return state.connectionCount();
  }

  /** Connections per server verticle instance, in deployment order. */
  public List<Integer> connectionsPerInstance() {
    return servers.stream().map(ChatServerVerticle::connectionCount).toList();
  }

  /** Says goodbye to every client, leaves the chat cleanly and closes Vert.x. */
  public Future<Void> stop() {
    return vertx.close();
  }
}
