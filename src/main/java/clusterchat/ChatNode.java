package clusterchat;

import clusterchat.config.ChatConfig;
import clusterchat.server.ChatServerVerticle;
import clusterchat.server.NodeState;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** One running ClusterChat node: a Vert.x instance with the chat server deployed on it. */
public final class ChatNode {

  private final Vertx vertx;
  private final NodeState state;
  private final List<ChatServerVerticle> servers;

  private ChatNode(Vertx vertx, NodeState state, List<ChatServerVerticle> servers) {
    this.vertx = vertx;
    this.state = state;
    this.servers = servers;
  }

  /** Starts a node on its own Vert.x; completes once the chat port accepts connections. */
  public static Future<ChatNode> start(ChatConfig config) {
    return deploy(Vertx.vertx(), config);
  }

  /** Deploys the chat server on a given Vert.x (plain or clustered). */
  public static Future<ChatNode> deploy(Vertx vertx, ChatConfig config) {
    String nodeId = config.nodeName().isEmpty() ? "node-" + UUID.randomUUID().toString().substring(0, 8) : config.nodeName();
    NodeState state = new NodeState(nodeId, config);
    List<ChatServerVerticle> servers = new CopyOnWriteArrayList<>();
    DeploymentOptions options = new DeploymentOptions().setInstances(config.tcpInstances());
    return vertx.deployVerticle(() -> {
      ChatServerVerticle server = new ChatServerVerticle(state);
      servers.add(server);
      return server;
    }, options).map(id -> new ChatNode(vertx, state, servers));
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
