package clusterchat.testing;

import clusterchat.ChatNode;
import clusterchat.config.ConfigLoader;
import clusterchat.config.ConfigSource;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Several clustered chat nodes in the test JVM: Hazelcast TCP-IP join on 127.0.0.1 with an
 * explicit member list of free ports, multicast off, a cluster name unique to this cluster.
 */
public final class TestCluster implements AutoCloseable {

  private final String name = "test-" + UUID.randomUUID();
  private final List<Integer> hazelcastPorts = new ArrayList<>();
  private final List<ChatNode> nodes = new ArrayList<>();
  private final JsonObject overrides;

  private TestCluster(JsonObject overrides) {
    this.overrides = overrides;
  }

  /** Starts n nodes one after another (each joins the ones before it). */
  public static TestCluster start(int n, JsonObject overrides) throws IOException {
    TestCluster cluster = new TestCluster(overrides);
    for (int i = 0; i < n; i++) {
      cluster.hazelcastPorts.add(ProcessRunner.freePort());
    }
    for (int i = 0; i < n; i++) {
      cluster.addNode();
    }
    return cluster;
  }

  /**
   * Starts one more node. A node added after the start lists the existing members; they admit it
   * although their own lists do not name it.
   */
  public ChatNode addNode() throws IOException {
    return addNode(new JsonObject());
  }

  /** Starts one more chat node with these settings over the cluster's own. */
  public ChatNode addNode(JsonObject settings) throws IOException {
    ChatNode node = ChatNode.start(ConfigLoader.fromJson(nextNodeConfig(settings))).await();
    nodes.add(node);
    return node;
  }

  /**
   * Starts one more chat node whose config is the file, written now with these settings over the
   * cluster's own; a reload reads the file again.
   */
  public ChatNode addNodeWithConfigFile(Path file, JsonObject settings) throws IOException {
    Files.writeString(file, nextNodeConfig(settings).encodePrettily());
    ChatNode node = ChatNode.start(ConfigLoader.fromJson(new JsonObject(Files.readString(file))),
        ConfigSource.of(file, true, Map.of(), Map.of())).await();
    nodes.add(node);
    return node;
  }

  /** Starts a worker node (no chat listener) with these extra settings, e.g. integrations. */
  public ChatNode addWorker(JsonObject settings) throws IOException {
    ChatNode worker = ChatNode.startWorker(ConfigLoader.fromJson(nextNodeConfig(settings))).await();
    nodes.add(worker);
    return worker;
  }

  private JsonObject nextNodeConfig(JsonObject settings) throws IOException {
    int index = nodes.size();
    if (index == hazelcastPorts.size()) {
      hazelcastPorts.add(ProcessRunner.freePort());
    }
    String members = hazelcastPorts.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    JsonObject config = new JsonObject()
        .put("node", new JsonObject().put("name", "n" + (index + 1)))
        .put("tcp", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 2))
        .put("irc", new JsonObject().put("port", 0))
        .put("http", new JsonObject().put("port", 0))
        .put("admin", new JsonObject().put("port", 0))
        .put("limits", new JsonObject().put("rateBurst", 100_000).put("rateLinesPerSecond", 100_000)
            .put("maxConnectionsPerIp", 100_000).put("connectsPerIpPerSecond", 100_000))
        .put("cluster", new JsonObject().put("enabled", true).put("name", name).put("host", "127.0.0.1")
            .put("port", hazelcastPorts.get(index)).put("members", members).put("failureTimeoutSeconds", 5));
    return config.mergeIn(overrides.copy(), true).mergeIn(settings, true);
  }

  /**
   * Simulates a crash of one node: its Hazelcast member is terminated without leaving the cluster
   * politely, so nothing of its users is released by it. (Process tests use a real kill -9.)
   */
  public void crash(int index) {
    crash(List.of(index));
  }

  /** Crashes several nodes at the same moment, each terminated on its own thread. */
  public void crash(List<Integer> indexes) {
    List<HazelcastInstance> doomed = indexes.stream().map(this::hazelcast).toList();
    doomed.parallelStream().forEach(hz -> hz.getLifecycleService().terminate());
  }

  /** The Hazelcast member of a running node. */
  public HazelcastInstance hazelcast(int index) {
    int port = hazelcastPorts.get(index);
    return Hazelcast.getAllHazelcastInstances().stream()
        .filter(hz -> hz.getCluster().getLocalMember().getAddress().getPort() == port)
        .findFirst()
        .orElseThrow();
  }

  public ChatNode node(int index) {
    return nodes.get(index);
  }

  public List<ChatNode> nodes() {
    return List.copyOf(nodes);
  }

  @Override
  public void close() {
    Future.join(nodes.stream().map(ChatNode::stop).toList()).await();
  }
}
