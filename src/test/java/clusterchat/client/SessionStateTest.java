package clusterchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionStateTest {

  @Test
  @DisplayName("the prompt follows the greeting, nick changes, joins and renames")
  void followsTheServer() {
    SessionState state = new SessionState();
    assertEquals("> ", state.prompt());
    assertTrue(state.observe("HELLO node-1 guest-42 lobby Welcome to ClusterChat. You are guest-42 in lobby."));
    assertEquals("guest-42@lobby> ", state.prompt());
    assertTrue(state.observe("OK nick alice"));
    assertEquals("alice", state.nick());
    assertTrue(state.observe("OK join dev"));
    assertEquals("alice@dev> ", state.prompt());
    assertTrue(state.observe("NOTICE RENAMED your nick was taken on the other side of a network split; you are now guest-77"));
    assertEquals("guest-77@dev> ", state.prompt());
  }

  @Test
  @DisplayName("lines about others, and look-alike text, change nothing")
  void othersChangeNothing() {
    SessionState state = new SessionState();
    state.observe("HELLO node-1 alice lobby Welcome");
    assertFalse(state.observe("NICK lobby bob robert"));
    assertFalse(state.observe("MSG lobby bob OK join dev"));
    assertFalse(state.observe("JOIN lobby carol"));
    assertFalse(state.observe("OK help"));
    assertFalse(state.observe("ERR NICK_IN_USE bob is taken"));
    assertEquals("alice@lobby> ", state.prompt());
  }

  @Test
  @DisplayName("after /part of the current room the most recently joined room still held is current, as on the server")
  void partFallsBack() {
    SessionState state = new SessionState();
    state.observe("HELLO node-1 alice lobby Welcome");
    state.observe("OK join dev");
    state.observe("OK join ops");
    state.observe("OK join dev"); // already held: current again, but not joined anew
    state.observe("OK part dev");
    assertEquals("ops", state.room());
    state.observe("OK part lobby");
    assertEquals("ops", state.room());
    state.observe("OK part ops");
    assertEquals(null, state.room());
    assertEquals("alice> ", state.prompt());
  }

  @Test
  @DisplayName("a kick out of the current room falls back like /part; someone else's kick changes nothing")
  void kicked() {
    SessionState state = new SessionState();
    state.observe("HELLO node-1 Alice lobby Welcome");
    state.observe("OK join dev");
    assertFalse(state.observe("KICK dev alice bob flooding"));
    assertTrue(state.observe("KICK dev bob alice flooding"), "nicks are the same ignoring case");
    assertEquals("Alice@lobby> ", state.prompt());
  }

  @Test
  @DisplayName("OK resume gives the session's nick and rooms back, the last one current, for the prompt and the next /resume")
  void resumed() {
    SessionState state = new SessionState();
    state.observe("HELLO node-2 guest-9 lobby Welcome");
    assertTrue(state.observe("OK resume alice lobby dev ops"));
    assertEquals("alice@ops> ", state.prompt());
    assertEquals(List.of("lobby", "dev", "ops"), state.rooms());
    state.observe("OK part ops");
    assertEquals(List.of("lobby", "dev"), state.rooms());
    assertEquals("dev", state.room());
    assertTrue(state.observe("OK resume alice"));
    assertEquals("alice> ", state.prompt());
    assertEquals(List.of(), state.rooms());
  }

  @Test
  @DisplayName("a greeting with no default room ('-') leaves the user in none")
  void greetingWithoutRoom() {
    SessionState state = new SessionState();
    state.observe("HELLO node-1 guest-5 - Welcome to ClusterChat. You are guest-5. Type /help for commands.");
    assertEquals("guest-5> ", state.prompt());
  }
}
