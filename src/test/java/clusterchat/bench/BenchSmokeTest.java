package clusterchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.TestCluster;
import clusterchat.testing.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short run of every load-tool scenario against real nodes: nothing lost, duplicated or
 * reordered, and the result files written. Never a speed threshold: speed lives in the benchmark.
 */
class BenchSmokeTest {

  private static final JsonObject UNTHROTTLED = new JsonObject().put("limits", new JsonObject()
      .put("rateBurst", 1_000_000).put("rateLinesPerSecond", 1_000_000).put("maxPendingBytes", 1_048_576)
      .put("maxConnectionsPerIp", 1_000_000).put("connectsPerIpPerSecond", 1_000_000));

  @TempDir
  static Path out;
  private static ChatNode node;
  private static Vertx toolVertx;

  @BeforeAll
  static void start() {
    node = TestNodes.start(UNTHROTTLED);
    toolVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
  }

  @AfterAll
  static void stop() {
    toolVertx.close().await();
    node.stop().await();
  }

  private static BenchReport run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--duration", "1", "--warmup", "1", "--out", out.toString()));
    BenchOptions options = BenchOptions.parse(all);
    List<String> progress = new ArrayList<>();
    BenchReport report = new LoadRun(toolVertx, options, progress::add).run().await();
    assertEquals(0, report.lost(), report.summary());
    assertEquals(0, report.duplicates(), report.summary());
    assertEquals(0, report.reorders(), report.summary());
    assertTrue(progress.stream().anyMatch(line -> line.startsWith("t=1s ")), progress.toString());
    return report;
  }

  @Test
  @DisplayName("fanout: a windowed sender reaches every receiver with every message")
  void fanout() throws Exception {
    BenchReport report = run("fanout", "--targets", "127.0.0.1:" + node.port(), "--receivers", "10", "--senders", "2",
        "--in-flight", "32");
    assertTrue(report.unique > 0 && report.unique == report.expected, report.summary());
    Path json = report.write();
    assertEquals(report.unique, new JsonObject(Files.readString(json)).getLong("unique"));
    assertTrue(Files.size(Path.of(json.toString().replace(".json", ".png"))) > 1000);
  }

  @Test
  @DisplayName("fanout at a fixed rate delivers what was sent")
  void fanoutAtRate() {
    BenchReport report = run("fanout", "--targets", "127.0.0.1:" + node.port(), "--receivers", "5", "--senders", "2",
        "--rate", "200");
    assertTrue(report.expected >= 5 * 200, report.summary());
  }

  @Test
  @DisplayName("rooms: members of separate rooms only receive their own room's messages, all of them")
  void rooms() {
    BenchReport report = run("rooms", "--targets", "127.0.0.1:" + node.port(), "--rooms", "4", "--members", "3",
        "--rate", "20");
    assertTrue(report.expected >= 4 * 3 * 2 * 20, report.summary());
  }

  @Test
  @DisplayName("connections: warm-up rounds are closed, then exactly the measured clients are held open on the server")
  void connections() throws InterruptedException {
    BenchOptions options = BenchOptions.parse(List.of("connections", "--targets", "127.0.0.1:" + node.port(),
        "--connections", "300", "--duration", "3", "--warmup", "1", "--out", out.toString()));
    List<String> progress = new CopyOnWriteArrayList<>();
    Future<BenchReport> running = new LoadRun(toolVertx, options, progress::add).run();
    // Once the measured round is connected, the server must settle at exactly its 300 clients.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!(progress.stream().anyMatch(line -> line.startsWith("300 clients connected")) && node.connectionCount() == 300)
        && !running.isComplete() && System.nanoTime() < deadline) {
      Thread.sleep(20); // polling the tool's progress and the server's count while the tool holds its connections
    }
    assertEquals(300, node.connectionCount(), progress.toString());
    BenchReport report = running.await();
    assertTrue(progress.contains("warm-up: connected and closed 300 clients"), progress.toString());
    assertTrue(report.connectSeconds > 0, report.summary());
    assertTrue(report.summary().contains("connections: 300 idle"), report.summary());
  }

  @Test
  @DisplayName("cluster: fanout with clients spread over two clustered nodes loses nothing")
  void cluster() throws Exception {
    try (TestCluster cluster = TestCluster.start(2, UNTHROTTLED)) {
      String targets = cluster.nodes().stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
      BenchReport report = run("cluster", "--targets", targets, "--receivers", "6", "--senders", "2", "--in-flight", "32");
      assertTrue(report.unique > 0 && report.unique == report.expected, report.summary());
    }
  }
}
