package clusterchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Parsing a decoded client line into chat text or a /command. */
class InputLineTest {

  @Test
  @DisplayName("plain text is a say line carrying the text unchanged, spaces included")
  void plainTextIsSay() {
    InputLine input = InputLine.parse("hello world");
    assertEquals(new InputLine(null, "hello world"), input);
    assertTrue(input.isSay());
    assertEquals("  indented and trailing  ", InputLine.parse("  indented and trailing  ").args());
    assertTrue(InputLine.parse(" /join dev").isSay(), "a command must start at the first character");
    assertEquals(" /join dev", InputLine.parse(" /join dev").args());
  }

  @Test
  @DisplayName("\"/join dev\" is command \"join\" with args \"dev\"")
  void command() {
    InputLine input = InputLine.parse("/join dev");
    assertEquals(new InputLine("join", "dev"), input);
    assertFalse(input.isSay());
  }

  @Test
  @DisplayName("a command without arguments has empty args")
  void commandWithoutArgs() {
    assertEquals(new InputLine("help", ""), InputLine.parse("/help"));
    assertEquals(new InputLine("rooms", ""), InputLine.parse("/rooms   "));
  }

  @Test
  @DisplayName("command names are lower-cased; the arguments keep their case")
  void commandNameIsLowerCased() {
    assertEquals(new InputLine("join", "dev"), InputLine.parse("/JOIN dev"));
    assertEquals(new InputLine("nick", "Alice"), InputLine.parse("/NiCk Alice"));
  }

  @Test
  @DisplayName("command names are lower-cased independently of the default locale (Turkish I)")
  void commandNameLowerCasingIgnoresLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertEquals("join", InputLine.parse("/JOIN dev").command());
      assertEquals("quit", InputLine.parse("/QUIT").command());
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  @DisplayName("arguments are stripped at both ends but keep their inner spacing")
  void argsAreStripped() {
    assertEquals(new InputLine("join", "dev"), InputLine.parse("/join    dev   "));
    assertEquals(new InputLine("msg", "bob hello   there"), InputLine.parse("/msg bob hello   there  "));
  }

  @Test
  @DisplayName("\"//text\" is a say line of \"/text\" (exactly one '/' removed)")
  void doubleSlashIsSay() {
    InputLine input = InputLine.parse("//text");
    assertEquals(new InputLine(null, "/text"), input);
    assertTrue(input.isSay());
    assertEquals(new InputLine(null, "//shrug"), InputLine.parse("///shrug"));
    assertEquals(new InputLine(null, "/"), InputLine.parse("//"));
    assertEquals(new InputLine(null, "/join dev"), InputLine.parse("//join dev"));
  }

  @Test
  @DisplayName("\"/\" alone and \"/ text\" are commands with an empty name (answered UNKNOWN_COMMAND), not chat")
  void slashWithoutName() {
    InputLine slash = InputLine.parse("/");
    assertEquals(new InputLine("", ""), slash);
    assertFalse(slash.isSay());

    InputLine slashSpace = InputLine.parse("/ hello");
    assertEquals(new InputLine("", "hello"), slashSpace);
    assertFalse(slashSpace.isSay());
  }
}
