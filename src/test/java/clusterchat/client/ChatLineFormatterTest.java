package clusterchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.client.DisplayLine.Kind;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every server line kind of docs/PROTOCOL.md as the terminal client shows it. */
class ChatLineFormatterTest {

  private static final LocalTime AT = LocalTime.of(12, 4, 59);

  private static void assertShown(String serverLine, Kind kind, String text) {
    DisplayLine line = ChatLineFormatter.server(serverLine, AT).orElseThrow();
    assertEquals(text, line.text(), serverLine);
    assertEquals(kind, line.kind(), serverLine);
  }

  @Test
  @DisplayName("a HISTORY line reads as the line it was, with the time it was said")
  void history() {
    String said = LocalTime.ofInstant(Instant.parse("2026-11-23T15:20:11Z"), ZoneId.systemDefault())
        .format(DateTimeFormatter.ofPattern("HH:mm"));
    assertShown("HISTORY 2026-11-23T15:20:11Z MSG lobby alice earlier", Kind.MESSAGE, said + " [lobby] alice: earlier");
    assertShown("HISTORY garbled", Kind.INFO, "12:04 HISTORY garbled");
    assertShown("SESSION abc123 120", Kind.INFO,
        "12:04 -- session abc123: if the connection is lost, the client resumes it by itself within 120 s");
  }

  @Test
  @DisplayName("after the user's own /seq on, numbered lines read as usual behind their SEQ prefix")
  void numbered() {
    assertShown("SEQ 1x8k2m-3 42 MSG dev alice hi", Kind.MESSAGE, "12:04 SEQ 1x8k2m-3 42 [dev] alice: hi");
    assertShown("SEQ - - JOIN dev carol", Kind.PRESENCE, "12:04 SEQ - - [dev] * carol joined");
    String said = LocalTime.ofInstant(Instant.parse("2026-11-23T15:21:02Z"), ZoneId.systemDefault())
        .format(DateTimeFormatter.ofPattern("HH:mm"));
    assertShown("HISTORY 2026-11-23T15:21:02Z SEQ 1x8k2m-3 41 MSG dev alice did it pass?", Kind.MESSAGE,
        said + " SEQ 1x8k2m-3 41 [dev] alice: did it pass?");
    assertShown("SEQ garbled", Kind.INFO, "12:04 SEQ garbled");
  }

  @Test
  @DisplayName("resume: OK resume names the nick and rooms; BYE RECONNECT shows its text, not the addresses; client status lines stand apart")
  void resume() {
    assertShown("OK resume alice lobby dev", Kind.INFO, "12:04 -- resumed as alice in lobby, dev");
    assertShown("OK resume alice", Kind.INFO, "12:04 -- resumed as alice, in no room");
    assertShown("BYE RECONNECT 10.0.0.2:7000,10.0.0.3:7000 this node is draining", Kind.NOTICE,
        "12:04 disconnected: this node is draining [RECONNECT]");
    DisplayLine status = ChatLineFormatter.status("reconnecting to 10.0.0.2:7000 \u001b[2J...", AT);
    assertEquals("12:04 ** reconnecting to 10.0.0.2:7000 [2J...", status.text());
    assertEquals(Kind.NOTICE, status.kind());
  }

  @Test
  @DisplayName("room lines name the room, the nick and the time")
  void roomLines() {
    assertShown("MSG lobby alice hi there", Kind.MESSAGE, "12:04 [lobby] alice: hi there");
    assertShown("ME dev alice waves at  everyone", Kind.ACTION, "12:04 [dev] * alice waves at  everyone");
    assertShown("BOT lobby clock it is noon", Kind.BOT, "12:04 [lobby] clock (bot): it is noon");
  }

  @Test
  @DisplayName("presence lines: join, part, quit with its reason, nick change")
  void presence() {
    assertShown("JOIN lobby bob", Kind.PRESENCE, "12:04 [lobby] * bob joined");
    assertShown("PART dev bob", Kind.PRESENCE, "12:04 [dev] * bob left");
    assertShown("QUIT lobby bob connection lost", Kind.PRESENCE, "12:04 [lobby] * bob quit (connection lost)");
    assertShown("NICK lobby guest-0719 bob", Kind.PRESENCE, "12:04 [lobby] * guest-0719 is now bob");
  }

  @Test
  @DisplayName("room state lines: topic (set, cleared, none), kick with and without reason, modes")
  void roomState() {
    assertShown("TOPIC dev alice release on friday", Kind.INFO, "12:04 [dev] topic: release on friday (set by alice)");
    assertShown("TOPIC dev alice ", Kind.INFO, "12:04 [dev] * alice cleared the topic");
    assertShown("TOPIC dev - ", Kind.INFO, "12:04 [dev] no topic");
    assertShown("KICK dev alice bob spamming", Kind.PRESENCE, "12:04 [dev] * alice kicked bob (spamming)");
    assertShown("KICK dev alice bob ", Kind.PRESENCE, "12:04 [dev] * alice kicked bob");
    assertShown("MODE dev alice +o bob", Kind.PRESENCE, "12:04 [dev] * alice set mode +o bob");
    assertShown("MODE dev - +nt", Kind.INFO, "12:04 [dev] modes: +nt");
  }

  @Test
  @DisplayName("a private message stands apart and shows who wrote to whom")
  void privateMessage() {
    assertShown("PRIV bob alice psst: a secret", Kind.PRIVATE, "12:04 [private] bob -> alice: psst: a secret");
  }

  @Test
  @DisplayName("greeting, command replies, member and room lists, help")
  void replies() {
    assertShown("HELLO node-3f2a guest-4821 lobby Welcome to ClusterChat. You are guest-4821 in lobby.", Kind.INFO,
        "12:04 -- Welcome to ClusterChat. You are guest-4821 in lobby. (node-3f2a)");
    assertShown("OK nick alice", Kind.INFO, "12:04 -- you are now alice");
    assertShown("OK join dev", Kind.INFO, "12:04 -- now talking in dev");
    assertShown("OK part dev", Kind.INFO, "12:04 -- you left dev");
    assertShown("OK frobnicate done", Kind.INFO, "12:04 -- ok frobnicate done");
    assertShown("WHO dev 3 alice bob carol", Kind.INFO, "12:04 [dev] 3 here: alice, bob, carol");
    assertShown("ROOMS 2 dev:3 lobby:12", Kind.INFO, "12:04 -- 2 rooms: dev (3), lobby (12)");
    assertShown("ROOMS 0", Kind.INFO, "12:04 -- no rooms");
    assertShown("HELP /join ROOM       join a room", Kind.INFO, "12:04 -- /join ROOM       join a room");
  }

  @Test
  @DisplayName("OK help only ends the help lines, so it is not shown")
  void okHelpHidden() {
    assertEquals(Optional.empty(), ChatLineFormatter.server("OK help", AT));
  }

  @Test
  @DisplayName("notices, errors and the goodbye are marked with their code")
  void noticesAndErrors() {
    assertShown("NOTICE DROPPED 12 lines were dropped because you were not reading", Kind.NOTICE,
        "12:04 notice: 12 lines were dropped because you were not reading [DROPPED]");
    assertShown("ERR NICK_IN_USE bob is taken", Kind.ERROR, "12:04 error: bob is taken [NICK_IN_USE]");
    assertShown("BYE SHUTDOWN the server is shutting down", Kind.NOTICE,
        "12:04 disconnected: the server is shutting down [SHUTDOWN]");
  }

  @Test
  @DisplayName("unknown kinds and lines missing fields are shown as they came")
  void unknownAndMalformed() {
    assertShown("PING 12345", Kind.INFO, "12:04 PING 12345");
    assertShown("MSG lobby alice", Kind.INFO, "12:04 MSG lobby alice");
    assertShown("ERR", Kind.INFO, "12:04 ERR");
    assertShown("JOIN lobby", Kind.INFO, "12:04 JOIN lobby");
    assertShown("KICK dev alice", Kind.INFO, "12:04 KICK dev alice");
  }

  @Test
  @DisplayName("a hostile server cannot reach the terminal: ESC, BEL, C1 controls and bidi overrides are removed")
  void noEscapeSequences() {
    String hostile = "MSG lobby mal\u001b[2Jlory \u001b]0;owned\u0007red \u009b31mtext\u202e\r\u0085";
    DisplayLine line = ChatLineFormatter.server(hostile, AT).orElseThrow();
    assertEquals("12:04 [lobby] mal[2Jlory: ]0;ownedred 31mtext", line.text());
    assertTrue(line.text().chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f)), line.text());
    assertEquals("12:04 [lobby] a: tab separated", ChatLineFormatter.server("MSG lobby a tab\tseparated", AT)
        .orElseThrow().text());
  }

  @Test
  @DisplayName("what the user typed is shown as the room will see it; commands are not echoed")
  void typedLines() {
    assertEquals("12:04 [lobby] alice: hi", ChatLineFormatter.typed("hi", "alice", "lobby", AT).orElseThrow().text());
    assertEquals("12:04 [lobby] alice: /not a command",
        ChatLineFormatter.typed("//not a command", "alice", "lobby", AT).orElseThrow().text());
    DisplayLine action = ChatLineFormatter.typed("/me waves", "alice", "dev", AT).orElseThrow();
    assertEquals("12:04 [dev] * alice waves", action.text());
    assertEquals(Kind.ACTION, action.kind());
    assertFalse(ChatLineFormatter.typed("/join dev", "alice", "lobby", AT).isPresent());
    assertFalse(ChatLineFormatter.typed("/msg bob hi", "alice", "lobby", AT).isPresent());
    assertFalse(ChatLineFormatter.typed("hi", "alice", null, AT).isPresent(), "no room: the server refuses it");
    assertEquals("12:04 [lobby] alice: beep", ChatLineFormatter.typed("be\u0007ep", "alice", "lobby", AT)
        .orElseThrow().text());
  }
}
