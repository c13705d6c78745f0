package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.KernelSockets;
import clusterchat.testing.TestNodes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Half-open connections are left to TCP keepalive: the server's sockets must carry a keepalive
 * timer of limits.keepAliveSeconds (read from the kernel's /proc/net/tcp tables), not the
 * kernel's two-hour default.
 */
class KeepAliveTest {

  @Test
  @DisplayName("server sockets probe a silent peer after limits.keepAliveSeconds")
  void keepAliveTimerFollowsConfig() throws IOException {
    ChatNode node = TestNodes.start(new JsonObject().put("limits", new JsonObject().put("keepAliveSeconds", 42)));
    try (ChatClient client = ChatClient.connect(node.port())) {
      List<Long> timers = serverKeepAliveSeconds(node.port());
      assertTrue(!timers.isEmpty(), "no server socket with a keepalive timer on port " + node.port());
      for (long seconds : timers) {
        assertTrue(seconds <= 42 && seconds >= 30, "keepalive timer " + seconds + " s");
      }
    } finally {
      node.stop().await();
    }
  }

  /** Seconds left on the keepalive timer of each established socket whose local port is port. */
  private static List<Long> serverKeepAliveSeconds(int port) throws IOException {
    return KernelSockets.localPort(port).stream()
        .filter(row -> row.state().equals(KernelSockets.ESTABLISHED) && row.timerKind() == KernelSockets.KEEPALIVE_TIMER)
        .map(row -> row.timerTicks() / KernelSockets.TICKS_PER_SECOND)
        .toList();
  }
}
