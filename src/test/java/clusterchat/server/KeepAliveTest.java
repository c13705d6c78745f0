package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Half-open connections are left to TCP keepalive: the server's sockets must carry a keepalive
 * timer of limits.keepAliveSeconds (read from the kernel's /proc/net/tcp tables), not the
 * kernel's two-hour default.
 */
class KeepAliveTest {

  /** USER_HZ: /proc/net/tcp reports timers in these ticks per second. */
  private static final int TICKS_PER_SECOND = 100;

  @Test
  @DisplayName("server sockets probe a silent peer after limits.keepAliveSeconds")
  void keepAliveTimerFollowsConfig() throws IOException {
    ChatNode node = TestNodes.start(new JsonObject().put("limits", new JsonObject().put("keepAliveSeconds", 42)));
    try (ChatClient client = ChatClient.connect(node.port())) {
      List<Integer> timers = serverKeepAliveSeconds(node.port());
      assertTrue(!timers.isEmpty(), "no server socket with a keepalive timer on port " + node.port());
      for (int seconds : timers) {
        assertTrue(seconds <= 42 && seconds >= 30, "keepalive timer " + seconds + " s");
      }
    } finally {
      node.stop().await();
    }
  }

  /** Seconds left on the keepalive timer of each established socket whose local port is port. */
  private static List<Integer> serverKeepAliveSeconds(int port) throws IOException {
    String localPort = String.format(Locale.ROOT, ":%04X", port);
    List<Integer> timers = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        String[] fields = line.trim().split("\\s+");
        // sl local_address rem_address st tx:rx tr:when ...; st 01 is ESTABLISHED, tr 02 a keepalive timer
        if (fields.length > 5 && fields[1].endsWith(localPort) && fields[3].equals("01") && fields[5].startsWith("02:")) {
          timers.add(Integer.parseInt(fields[5].substring(3), 16) / TICKS_PER_SECOND);
        }
      }
    }
    return timers;
  }
}
