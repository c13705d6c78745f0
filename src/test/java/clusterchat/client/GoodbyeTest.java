package clusterchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class GoodbyeTest {

  @Test
  @DisplayName("BYE RECONNECT names the nodes to move to, then its text")
  void reconnect() {
    Goodbye one = Goodbye.parse("BYE RECONNECT 10.0.0.2:7000 this node is draining, please reconnect");
    assertEquals(new Goodbye("RECONNECT", "this node is draining, please reconnect",
        List.of(new ServerAddress("10.0.0.2", 7000))), one);
    Goodbye three = Goodbye.parse("BYE RECONNECT b.example:7000,[2001:db8::5]:7001,c:7002 draining");
    assertEquals(List.of(new ServerAddress("b.example", 7000), new ServerAddress("2001:db8::5", 7001),
        new ServerAddress("c", 7002)), three.moveTo());
    assertEquals("draining", three.text());
    assertEquals(List.of(new ServerAddress("b", 7000)), Goodbye.parse("BYE RECONNECT b:7000").moveTo());
  }

  @Test
  @DisplayName("a RECONNECT without an address list keeps its words as text; other codes name no address")
  void noAddresses() {
    assertEquals(new Goodbye("RECONNECT", "draining now", List.of()), Goodbye.parse("BYE RECONNECT draining now"));
    assertEquals(new Goodbye("RECONNECT", "b:7000,c draining", List.of()), Goodbye.parse("BYE RECONNECT b:7000,c draining"));
    assertEquals(new Goodbye("SHUTDOWN", "the server is shutting down", List.of()),
        Goodbye.parse("BYE SHUTDOWN the server is shutting down"));
    assertEquals(new Goodbye("KICKED", "b:7000 spam", List.of()), Goodbye.parse("BYE KICKED b:7000 spam"));
    assertEquals(new Goodbye("QUIT", "", List.of()), Goodbye.parse("BYE QUIT"));
    assertNull(Goodbye.parse("MSG lobby bob BYE RECONNECT b:7000 x"));
    assertNull(Goodbye.parse("BYE"));
  }

  @Test
  @DisplayName("host:port reads IPv6 in brackets and writes it back the same way; anything else is refused")
  void addresses() {
    assertEquals(new ServerAddress("::1", 7000), ServerAddress.parse("[::1]:7000"));
    assertEquals("[::1]:7000", ServerAddress.parse("[::1]:7000").toString());
    assertEquals("chat.example:65535", ServerAddress.parse("chat.example:65535").toString());
    for (String bad : List.of("", "host", "host:", ":7000", "host:0", "host:65536", "host:70a", "host:-1", "[]:7000")) {
      assertThrows(IllegalArgumentException.class, () -> ServerAddress.parse(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> ServerAddress.parseList("a:1,,b:2"));
  }
}
