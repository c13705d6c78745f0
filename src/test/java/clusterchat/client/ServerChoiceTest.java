package clusterchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServerChoiceTest {

  private static final ServerAddress A = new ServerAddress("a", 7000);
  private static final ServerAddress B = new ServerAddress("b", 7000);
  private static final ServerAddress C = new ServerAddress("c", 7000);
  private static final ServerAddress D = new ServerAddress("d", 7000);

  private static Goodbye bye(String line) {
    return Goodbye.parse(line);
  }

  @Test
  @DisplayName("at start and after a lost connection: the configured servers in their order, once each, the lost one among them")
  void configuredOrder() {
    ServerChoice choice = new ServerChoice(List.of(A, B, A, C), false);
    assertEquals(List.of(A, B, C), choice.atStart());
    assertEquals(List.of(A, B, C), choice.afterEnd(B, null));
    assertEquals(List.of(A), new ServerChoice(List.of(A), false).afterEnd(A, null), "a single server: itself again");
  }

  @Test
  @DisplayName("after BYE RECONNECT: the nodes it names first, then the configured ones, the draining node last")
  void reconnectOrder() {
    ServerChoice choice = new ServerChoice(List.of(A, B, C), false);
    assertEquals(List.of(D, C, B, A), choice.afterEnd(A, bye("BYE RECONNECT d:7000,c:7000 draining")));
    assertEquals(List.of(A, C, B), choice.afterEnd(B, bye("BYE RECONNECT draining, no address given")));
    assertEquals(List.of(D, A), new ServerChoice(List.of(A), false).afterEnd(A, bye("BYE RECONNECT d:7000 draining")));
  }

  @Test
  @DisplayName("over TLS the addresses of BYE RECONNECT (plain listeners) are not used")
  void tlsIgnoresPlainAddresses() {
    assertEquals(List.of(B, A), new ServerChoice(List.of(A, B), true).afterEnd(A, bye("BYE RECONNECT d:7000 draining")));
    assertEquals(List.of(), new ServerChoice(List.of(A), true).afterEnd(A, bye("BYE RECONNECT d:7000 draining")),
        "nowhere else to go");
  }

  @Test
  @DisplayName("BYE SHUTDOWN moves on only when another server is known; KICKED, QUIT and the rest never reconnect")
  void otherGoodbyes() {
    assertEquals(List.of(), new ServerChoice(List.of(A), false).afterEnd(A, bye("BYE SHUTDOWN the server is shutting down")));
    assertEquals(List.of(B, A), new ServerChoice(List.of(A, B), false).afterEnd(A, bye("BYE SHUTDOWN bye")));
    ServerChoice choice = new ServerChoice(List.of(A, B, C), false);
    for (String line : List.of("BYE KICKED spamming", "BYE QUIT goodbye", "BYE FLOOD too fast", "BYE IDLE_TIMEOUT idle",
        "BYE SLOW_READER not reading", "BYE SERVER_FULL full")) {
      assertEquals(List.of(), choice.afterEnd(A, bye(line)), line);
    }
  }
}
