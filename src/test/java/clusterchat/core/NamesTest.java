package clusterchat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The naming rules for nicks and rooms (docs/PROTOCOL.md, "Names"). */
class NamesTest {

  @Test
  @DisplayName("nicks of 1 to 32 letters, digits, '_' and '-' are valid")
  void validNicks() {
    assertTrue(Names.isValidNick("a"));
    assertTrue(Names.isValidNick("Alice"));
    assertTrue(Names.isValidNick("guest-1234"));
    assertTrue(Names.isValidNick("_under_score_"));
    assertTrue(Names.isValidNick("-"));
    assertTrue(Names.isValidNick("0123456789"));
    assertTrue(Names.isValidNick("x".repeat(32)));
    assertEquals(32, Names.MAX_NICK_LENGTH);
  }

  @Test
  @DisplayName("empty, 33-character, spaced, '#', non-ASCII and null nicks are invalid")
  void invalidNicks() {
    assertFalse(Names.isValidNick(""));
    assertFalse(Names.isValidNick("x".repeat(33)));
    assertFalse(Names.isValidNick("al ice"));
    assertFalse(Names.isValidNick(" alice"));
    assertFalse(Names.isValidNick("#alice"));
    assertFalse(Names.isValidNick("al.ice"));
    assertFalse(Names.isValidNick("\u00e9"));
    assertFalse(Names.isValidNick("ren\u00e9"));
    assertFalse(Names.isValidNick("alice\n"));
    assertFalse(Names.isValidNick("\uff21lice"), "fullwidth A is not an ASCII letter");
    assertFalse(Names.isValidNick(null));
  }

  @Test
  @DisplayName("nick keys fold case, so Alice, ALICE and alice are one nick")
  void nickKeyFoldsCase() {
    assertEquals("alice", Names.nickKey("Alice"));
    assertEquals(Names.nickKey("alice"), Names.nickKey("ALICE"));
    assertEquals("guest-12_x", Names.nickKey("Guest-12_X"));
  }

  @Test
  @DisplayName("nick keys fold case independently of the default locale (Turkish I)")
  void nickKeyIgnoresLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertEquals("alice", Names.nickKey("ALICE"));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  @DisplayName("one leading '#' is dropped and case ignored: \"#Dev\", \"DEV\" and \"dev\" are \"dev\"")
  void canonicalRoom() {
    assertEquals("dev", Names.canonicalRoom("#Dev"));
    assertEquals("dev", Names.canonicalRoom("DEV"));
    assertEquals("dev", Names.canonicalRoom("dev"));
    assertEquals("my-room_2", Names.canonicalRoom("#My-Room_2"));
  }

  @Test
  @DisplayName("room names of 50 characters are valid, 51 are not; the '#' does not count")
  void roomLength() {
    assertEquals(50, Names.MAX_ROOM_LENGTH);
    assertEquals("r".repeat(50), Names.canonicalRoom("r".repeat(50)));
    assertEquals("r".repeat(50), Names.canonicalRoom("#" + "R".repeat(50)));
    assertNull(Names.canonicalRoom("r".repeat(51)));
    assertNull(Names.canonicalRoom("#" + "r".repeat(51)));
    assertEquals("r", Names.canonicalRoom("r"));
  }

  @Test
  @DisplayName("\"##dev\", \"\", \"#\", \"a b\", other punctuation and non-ASCII room names are invalid")
  void invalidRooms() {
    assertNull(Names.canonicalRoom("##dev"));
    assertNull(Names.canonicalRoom(""));
    assertNull(Names.canonicalRoom("#"));
    assertNull(Names.canonicalRoom("a b"));
    assertNull(Names.canonicalRoom("dev#"));
    assertNull(Names.canonicalRoom("d.ev"));
    assertNull(Names.canonicalRoom("d\u00e9v"));
    assertNull(Names.canonicalRoom(" dev"));
  }

  @Test
  @DisplayName("a null room name is invalid, not an error")
  void nullRoom() {
    assertNull(Names.canonicalRoom(null));
  }

  @Test
  @DisplayName("room names fold case independently of the default locale (Turkish I)")
  void roomIgnoresLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertEquals("lit", Names.canonicalRoom("#LIT"));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  @DisplayName("a non-ASCII letter that lower-cases to an allowed one is not a room name (Kelvin sign)")
  void noCaseFoldingIntoAsciiRoom() {
    assertNull(Names.canonicalRoom("\u212A"));
  }
}
