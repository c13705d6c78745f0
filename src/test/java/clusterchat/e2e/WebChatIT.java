package clusterchat.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clusterchat.testing.ChatClient;
import clusterchat.testing.ProcessRunner;
import clusterchat.testing.WebChatClient;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The web chat in a real browser: two nodes started by scripts/cluster.sh, headless Chromium on
 * node 1's page (driven by src/test/js/webchat-browser.mjs through puppeteer-core) and a TCP user
 * on node 2. Needs chromium, node and `npm ci` in src/test/js (.ci/run sets them up); skipped
 * without them.
 */
class WebChatIT {

  private static final Path SCRIPT_DIR = Path.of("src", "test", "js");
  private static final Path SCREENSHOT = Path.of("target", "webchat", "webchat.png");
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);
  private static final String FLOOD_BYE = "BYE FLOOD far over the line rate";

  @Test
  @DisplayName("a browser user on node 1 and a TCP user on node 2 talk; foreign origins and floods are refused alike")
  void browserAndTcpUserTalk() throws IOException {
    Optional<String> chromium = chromium();
    assumeTrue(chromium.isPresent(), "needs Chromium (Debian package chromium) or CHROMIUM=path");
    assumeTrue(onPath("node").isPresent(), "needs Node.js (Debian packages nodejs npm)");
    assumeTrue(Files.isDirectory(SCRIPT_DIR.resolve("node_modules/puppeteer-core")), "needs npm ci in " + SCRIPT_DIR);
    Files.createDirectories(SCREENSHOT.getParent());
    Files.deleteIfExists(SCREENSHOT);

    Map<String, String> env = PortRanges.clusterEnv("web", Map.of());
    int page = Integer.parseInt(env.get("CLUSTER_HTTP_BASE_PORT")) + 1;
    int node2 = Integer.parseInt(env.get("CLUSTER_CHAT_BASE_PORT")) + 2;
    try {
      PortRanges.run(List.of("scripts/cluster.sh", "start", "2"), env, Duration.ofSeconds(180));
      assertEquals(403, WebChatClient.upgradeStatus(page, "/ws", "http://evil.example"));
      try (ChatClient tcp = ChatClient.connect(node2).nick("ncuser");
           ProcessRunner browser = ProcessRunner.start(List.of("node", SCRIPT_DIR.resolve("webchat-browser.mjs").toString(),
               "--url", "http://127.0.0.1:" + page + "/", "--chromium", chromium.get(), "--peer", "ncuser",
               "--screenshot", SCREENSHOT.toString()), Map.of())) {
        browser.awaitOutput(line -> line.equals("STEP typed"), STEP_TIMEOUT);
        tcp.awaitLine("MSG lobby webuser hello from the browser");
        tcp.send("hello from nc");
        tcp.send("<b>not bold</b> <img src=x onerror=alert(1)>");
        browser.awaitOutput(line -> line.equals("STEP joined"), STEP_TIMEOUT);
        tcp.join("webroom");
        tcp.send("welcome to webroom");
        browser.awaitOutput(line -> line.equals("STEP done"), STEP_TIMEOUT);
        assertEquals(0, browser.awaitExit(STEP_TIMEOUT), browser.output().toString());

        assertEquals("FLOOD " + FLOOD_BYE, browser.awaitOutput(line -> line.startsWith("FLOOD "), STEP_TIMEOUT));
        assertEquals(FLOOD_BYE, tcpFloodBye(node2));
        assertEquals("FOREIGN refused", browser.awaitOutput(line -> line.startsWith("FOREIGN "), STEP_TIMEOUT));
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4), "a PNG screenshot");
      }
    } finally {
      PortRanges.run(List.of("scripts/cluster.sh", "stop"), env, Duration.ofSeconds(60));
    }
  }

  /** The goodbye a TCP user gets for the browser's flood: 300 lines at once, default limits. */
  private static String tcpFloodBye(int port) throws IOException {
    try (ChatClient flooder = ChatClient.connect(port)) {
      StringBuilder burst = new StringBuilder();
      for (int i = 0; i < 300; i++) {
        burst.append("spam ").append(i).append('\n');
      }
      flooder.sendRaw(burst.toString().getBytes(StandardCharsets.US_ASCII));
      List<String> lines = flooder.awaitClosed();
      return lines.get(lines.size() - 1);
    }
  }

  /** The browser: $CHROMIUM, or the first Chromium on the PATH. */
  private static Optional<String> chromium() {
    String configured = System.getenv("CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(configured);
    }
    return onPath("chromium").or(() -> onPath("chromium-browser"));
  }

  private static Optional<String> onPath(String program) {
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, program))
        .filter(Files::isExecutable)
        .map(Path::toString)
        .findFirst();
  }
}
