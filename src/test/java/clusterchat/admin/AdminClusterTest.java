package clusterchat.admin;

import static clusterchat.testing.AdminHttp.awaitStatus;
import static clusterchat.testing.AdminHttp.get;
import static clusterchat.testing.AdminHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.AdminHttp;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestCluster;
import com.hazelcast.cluster.ClusterState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The admin listener of real clustered nodes (Hazelcast on loopback) and of a worker. */
class AdminClusterTest {

  /** Partitions migrate for a moment after a member joins or leaves; ready waits for that. */
  private static final Duration SETTLE = Duration.ofSeconds(30);

  @Test
  @DisplayName("clustered nodes and a worker are ready once joined; metrics count members and users cluster-wide")
  void readyAndClusterMetrics() throws Exception {
    try (TestCluster cluster = TestCluster.start(2, new JsonObject())) {
      ChatNode worker = cluster.addWorker(new JsonObject());
      for (ChatNode node : cluster.nodes()) {
        assertEquals(200, get(node.adminPort(), "/health").statusCode());
        awaitStatus(node.adminPort(), "/ready", 200, SETTLE);
      }
      JsonObject nodeReady = json(get(cluster.node(0).adminPort(), "/ready"));
      assertEquals(new JsonObject().put("listeners", "ok").put("cluster", "ok").put("directory", "ok"),
          nodeReady.getJsonObject("checks"));
      assertEquals(new JsonObject().put("cluster", "ok").put("directory", "ok"),
          json(get(worker.adminPort(), "/ready")).getJsonObject("checks"));

      try (ChatClient one = ChatClient.connect(cluster.node(0).port());
           ChatClient two = ChatClient.connect(cluster.node(1).port())) {
        one.await(line -> line.equals("JOIN lobby " + two.nick()));
        for (ChatNode node : cluster.nodes()) {
          String metrics = AdminHttp.metrics(node.adminPort());
          assertEquals(3, AdminHttp.sample(metrics, "clusterchat_cluster_members"));
          assertEquals(2, AdminHttp.sample(metrics, "clusterchat_cluster_users"));
        }
        assertEquals(1, AdminHttp.sample(AdminHttp.metrics(cluster.node(0).adminPort()), "clusterchat_cluster_rooms"));
        JsonObject workerConnections = json(get(worker.adminPort(), "/connz"));
        assertEquals(0, workerConnections.getInteger("total"));
        assertEquals(1, json(get(cluster.node(1).adminPort(), "/connz")).getInteger("total"));
      }
    }
  }

  @Test
  @DisplayName("/ready answers 503 naming the cluster while its state is not ACTIVE, and 200 again after")
  void notReadyWhileFrozen() throws Exception {
    try (TestCluster cluster = TestCluster.start(2, new JsonObject())) {
      int port = cluster.node(1).adminPort();
      awaitStatus(port, "/ready", 200, SETTLE);
      cluster.hazelcast(0).getCluster().changeClusterState(ClusterState.FROZEN);
      HttpResponse<String> frozen = get(port, "/ready");
      assertEquals(503, frozen.statusCode(), frozen.body());
      assertEquals(new JsonArray().add("cluster"), json(frozen).getJsonArray("notReady"));
      assertEquals("cluster state is FROZEN", json(frozen).getJsonObject("checks").getString("cluster"));

      cluster.hazelcast(0).getCluster().changeClusterState(ClusterState.ACTIVE);
      awaitStatus(port, "/ready", 200, SETTLE);
    }
  }

  @Test
  @DisplayName("a node whose Hazelcast member died is alive but not ready; the survivor is ready and counts one member")
  void notReadyWithoutHazelcast() throws Exception {
    try (TestCluster cluster = TestCluster.start(2, new JsonObject())) {
      cluster.crash(1);
      int lost = cluster.node(1).adminPort();
      assertEquals(200, get(lost, "/health").statusCode());
      HttpResponse<String> notReady = get(lost, "/ready");
      assertEquals(503, notReady.statusCode(), notReady.body());
      JsonObject checks = json(notReady).getJsonObject("checks");
      assertEquals("Hazelcast is not running", checks.getString("cluster"));
      assertTrue(json(notReady).getJsonArray("notReady").contains("directory"), notReady.body());
      assertTrue(Double.isNaN(AdminHttp.sample(AdminHttp.metrics(lost), "clusterchat_cluster_users")),
          "the lost node cannot count the cluster's users");

      int survivor = cluster.node(0).adminPort();
      AdminHttp.awaitSample(survivor, "clusterchat_cluster_members", members -> members == 1);
      awaitStatus(survivor, "/ready", 200, SETTLE);
    }
  }
}
