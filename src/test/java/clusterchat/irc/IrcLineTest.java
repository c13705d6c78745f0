package clusterchat.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IrcLineTest {

  @Test
  @DisplayName("the last parameter gets ':' when empty, spaced or starting with ':', and always for free text")
  void trailingParameter() {
    assertEquals(":s JOIN #room\r\n", IrcLine.of(null, "s", "JOIN", "#room").toString());
    assertEquals(":s PRIVMSG #room :two words\r\n", IrcLine.of(null, "s", "PRIVMSG", "#room", "two words").toString());
    assertEquals(":s PRIVMSG #room ::)\r\n", IrcLine.of(null, "s", "PRIVMSG", "#room", ":)").toString());
    assertEquals(":s PONG s :\r\n", IrcLine.of(null, "s", "PONG", "s", "").toString());
    assertEquals(":s PRIVMSG #room :word\r\n", IrcLine.withText(null, "s", "PRIVMSG", "#room", "word").toString());
    assertEquals("@time=t :s PING x\r\n", IrcLine.of("time=t", "s", "PING", "x").toString());
  }

  @Test
  @DisplayName("CR, LF and NUL in any field cannot start a second line")
  void noForgedLines() {
    String line = IrcLine.of(null, "s", "PRIVMSG", "#room", "hi\r\n:admin!a@b PRIVMSG #room :forged\0").toString();
    assertEquals(":s PRIVMSG #room :hi :admin!a@b PRIVMSG #room :forged\r\n", line);
  }

  @Test
  @DisplayName("a line is cut to 512 bytes with its line end, never inside a UTF-8 character")
  void cutToIrcLength() {
    byte[] bytes = IrcLine.of(null, "s", "PRIVMSG", "#room", "é".repeat(400)).getBytes();
    assertTrue(bytes.length <= 512, "length " + bytes.length);
    String text = new String(bytes, StandardCharsets.UTF_8);
    assertTrue(text.endsWith("é\r\n"), text);
  }
}
