package clusterchat.e2e;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clusterchat.testing.ChatClient;
import clusterchat.testing.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real IRC client: irssi, driven in tmux, on node 1 of a real 2-process cluster chats with a
 * plain client on node 2. Needs the Debian packages irssi and tmux (.ci/run installs them).
 */
class IrssiIT {

  private static final Duration SCREEN_TIMEOUT = Duration.ofSeconds(20);

  @Test
  @DisplayName("irssi on node 1 and nc-style client on node 2 talk in one room")
  void irssiTalksToPlainClient(@TempDir Path home) throws Exception {
    boolean ciRun = System.getenv("CI") != null;
    boolean tools = onPath("irssi") && onPath("tmux");
    if (ciRun && !tools) {
      fail("CI runs need irssi and tmux (.ci/run installs them)");
    }
    assumeTrue(tools, "irssi or tmux is not installed: apt-get install irssi tmux");
    Map<String, String> env = PortRanges.clusterEnv("irssi", Map.of());
    int chatBase = Integer.parseInt(env.get("CLUSTER_CHAT_BASE_PORT"));
    int ircBase = Integer.parseInt(env.get("CLUSTER_IRC_BASE_PORT"));
    String session = "irssi-it-" + ProcessHandle.current().pid();
    Files.writeString(home.resolve("config"), """
        settings = {
          core = { real_name = "Irssi Tester"; user_name = "irssi"; nick = "irssiUser"; };
          "fe-common/core" = { autocreate_own_query = "no"; };
        };
        """);
    try {
      PortRanges.run(List.of("scripts/cluster.sh", "start", "2"), env, Duration.ofSeconds(180));
      tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50",
          "irssi --home=" + home + " -n irssiUser -c 127.0.0.1 -p " + (ircBase + 1));
      awaitScreen(session, "Welcome to the ClusterChat IRC network");
      try (ChatClient plain = ChatClient.connect(chatBase + 2).nick("plainPal").join("irssi")) {
        tmux("send-keys", "-t", session, "/join #irssi", "Enter");
        plain.awaitLine("JOIN irssi irssiUser");
        plain.send("hello irssi");
        awaitScreen(session, "hello irssi");
        tmux("send-keys", "-t", session, "hello plain", "Enter");
        plain.awaitLine("MSG irssi irssiUser hello plain");
        tmux("send-keys", "-t", session, "/quit leaving now", "Enter");
        plain.awaitLine("QUIT irssi irssiUser leaving now");
      }
    } finally {
      tmuxQuietly("kill-session", "-t", session);
      PortRanges.run(List.of("scripts/cluster.sh", "stop"), env, Duration.ofSeconds(60));
    }
  }

  /** Polls the tmux pane until it shows the text; fails with the screen after SCREEN_TIMEOUT. */
  private static void awaitScreen(String session, String text) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + SCREEN_TIMEOUT.toNanos();
    String screen = "";
    while (System.nanoTime() < deadline) {
      screen = String.join("\n", tmux("capture-pane", "-p", "-t", session));
      if (screen.contains(text)) {
        return;
      }
      Thread.sleep(100); // between polls of the screen, not a synchronisation sleep
    }
    fail("irssi never showed \"" + text + "\"; the screen:\n" + screen);
  }

  private static List<String> tmux(String... args) throws IOException {
    return PortRanges.run(List.of(concat("tmux", args)), Map.of(), Duration.ofSeconds(10));
  }

  private static void tmuxQuietly(String... args) {
    try (ProcessRunner process = ProcessRunner.start(List.of(concat("tmux", args)), Map.of())) {
      process.awaitExit(Duration.ofSeconds(10));
    } catch (IOException e) {
      // nothing to clean up
    }
  }

  private static String[] concat(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv("PATH").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
