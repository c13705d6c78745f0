package clusterchat.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class IrcMessageTest {

  @Test
  @DisplayName("tags, source, command, middle and trailing parameters are split as RFC 1459 and IRCv3 say")
  void parsesEveryPart() {
    IrcMessage message = IrcMessage.parse("@label=x;+reply=42;time=now :nick!u@h privmsg  #room   :hello  there :)");
    assertEquals("label=x;+reply=42;time=now", message.tags());
    assertEquals("PRIVMSG", message.command());
    assertEquals(List.of("#room", "hello  there :)"), message.params());
    assertEquals("x", message.tag("label"));
    assertNull(message.tag("missing"));
    assertEquals("+reply=42", message.clientTags());
  }

  @Test
  @DisplayName("an empty trailing parameter is kept; a line of only spaces or tags holds no command")
  void edgeCases() {
    assertEquals(List.of(""), IrcMessage.parse("PING :").params());
    assertEquals(List.of(), IrcMessage.parse("QUIT").params());
    assertNull(IrcMessage.parse("   "));
    assertNull(IrcMessage.parse("@a=b"));
    assertNull(IrcMessage.parse(":source-only"));
    assertNull(IrcMessage.parse("NICK x").clientTags());
  }

  @Test
  @DisplayName("after 15 parameters the rest of the line is the last one, spaces included")
  void fifteenParametersAtMost() {
    String words = String.join(" ", IntStream.rangeClosed(1, 17).mapToObj(Integer::toString).toList());
    List<String> params = IrcMessage.parse("X " + words).params();
    assertEquals(15, params.size());
    assertEquals("15 16 17", params.get(14));
  }
}
