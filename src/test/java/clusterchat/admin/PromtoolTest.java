package clusterchat.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clusterchat.ChatNode;
import clusterchat.testing.AdminHttp;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Prometheus' own checker reads the real /metrics output (Debian package prometheus; .ci/run installs it). */
class PromtoolTest {

  @Test
  @DisplayName("promtool check metrics accepts /metrics of a node with traffic, without a lint problem")
  void promtoolAcceptsMetrics() throws Exception {
    Path promtool = onPath("promtool");
    if (promtool == null) {
      String why = "promtool is not on the PATH: apt-get install prometheus (.ci/run does)";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      System.out.println("PromtoolTest skipped: " + why);
      assumeTrue(false, why);
    }
    ChatNode node = TestNodes.start(new JsonObject());
    try (ChatClient alice = ChatClient.connect(node.port()); ChatClient bob = ChatClient.connect(node.port())) {
      alice.send("hello");
      bob.awaitLine("MSG lobby " + alice.nick() + " hello");
      String metrics = AdminHttp.metrics(node.adminPort());
      assertTrue(metrics.contains("clusterchat_lines_in_total 1.0"), metrics);

      Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
      try (OutputStream in = check.getOutputStream()) {
        in.write(metrics.getBytes(StandardCharsets.UTF_8));
      }
      String verdict = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(check.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
      assertEquals(0, check.exitValue(), "promtool check metrics: " + verdict);
      assertEquals("", verdict.strip());
    } finally {
      node.stop().await();
    }
  }

  private static Path onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
