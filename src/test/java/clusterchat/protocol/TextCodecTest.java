package clusterchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Strict UTF-8 decoding and removal of control, line-break and bidi characters. */
class TextCodecTest {

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  // decodeStrict: valid input

  @Test
  @DisplayName("ASCII decodes as is, including the empty line")
  void ascii() {
    assertEquals("hello, world /join #dev", TextCodec.decodeStrict("hello, world /join #dev".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("", TextCodec.decodeStrict(new byte[0]));
    assertEquals("\u0000\u007f", TextCodec.decodeStrict(bytes(0x00, 0x7F)));
  }

  @Test
  @DisplayName("valid 2-, 3- and 4-byte sequences decode to their characters")
  void multiByte() {
    assertEquals("\u00e9", TextCodec.decodeStrict(bytes(0xC3, 0xA9)));
    assertEquals("\u20ac", TextCodec.decodeStrict(bytes(0xE2, 0x82, 0xAC)));
    assertEquals("\ud834\udd1e", TextCodec.decodeStrict(bytes(0xF0, 0x9D, 0x84, 0x9E)));
    assertEquals("caf\u00e9 \u20ac5", TextCodec.decodeStrict("caf\u00e9 \u20ac5".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("the edges of the valid range decode: U+0080, U+07FF, U+0800, U+FFFF, U+10000, U+10FFFF")
  void rangeEdges() {
    assertEquals("\u0080", TextCodec.decodeStrict(bytes(0xC2, 0x80)));
    assertEquals("\u07ff", TextCodec.decodeStrict(bytes(0xDF, 0xBF)));
    assertEquals("\u0800", TextCodec.decodeStrict(bytes(0xE0, 0xA0, 0x80)));
    assertEquals("\uffff", TextCodec.decodeStrict(bytes(0xEF, 0xBF, 0xBF)));
    assertEquals(new String(Character.toChars(0x10000)), TextCodec.decodeStrict(bytes(0xF0, 0x90, 0x80, 0x80)));
    assertEquals(new String(Character.toChars(0x10FFFF)), TextCodec.decodeStrict(bytes(0xF4, 0x8F, 0xBF, 0xBF)));
  }

  @Test
  @DisplayName("emoji decode to their surrogate pairs")
  void emoji() {
    String text = "hi \ud83d\ude00\ud83c\udf89 \ud83d\udc4d\ud83c\udffd";
    assertEquals(text, TextCodec.decodeStrict(text.getBytes(StandardCharsets.UTF_8)));
  }

  // decodeStrict: invalid input

  @Test
  @DisplayName("a lone continuation byte 0x80 is rejected")
  void loneContinuation() {
    assertNull(TextCodec.decodeStrict(bytes(0x80)));
    assertNull(TextCodec.decodeStrict(bytes('a', 0x80, 'b')));
  }

  @Test
  @DisplayName("a truncated sequence is rejected, at the end of the line or before more text")
  void truncated() {
    assertNull(TextCodec.decodeStrict(bytes(0xE2, 0x82)));
    assertNull(TextCodec.decodeStrict(bytes('a', 0xC3)));
    assertNull(TextCodec.decodeStrict(bytes(0xF0, 0x9F, 0x98)));
    assertNull(TextCodec.decodeStrict(bytes(0xE2, 0x82, 'x')));
  }

  @Test
  @DisplayName("overlong encodings are rejected (0xC0 0xAF is an overlong '/')")
  void overlong() {
    assertNull(TextCodec.decodeStrict(bytes(0xC0, 0xAF)));
    assertNull(TextCodec.decodeStrict(bytes(0xC1, 0xBF)));
    assertNull(TextCodec.decodeStrict(bytes(0xE0, 0x80, 0xAF)));
    assertNull(TextCodec.decodeStrict(bytes(0xF0, 0x80, 0x80, 0xAF)));
  }

  @Test
  @DisplayName("an encoded surrogate (0xED 0xA0 0x80 is U+D800) is rejected")
  void encodedSurrogate() {
    assertNull(TextCodec.decodeStrict(bytes(0xED, 0xA0, 0x80)));
    assertNull(TextCodec.decodeStrict(bytes(0xED, 0xBF, 0xBF)));
  }

  @Test
  @DisplayName("0xFF and 0xFE never occur in UTF-8 and are rejected")
  void invalidBytes() {
    assertNull(TextCodec.decodeStrict(bytes(0xFF)));
    assertNull(TextCodec.decodeStrict(bytes('o', 'k', 0xFE)));
  }

  @Test
  @DisplayName("a code point above U+10FFFF (0xF4 0x90 0x80 0x80) is rejected")
  void aboveMaxCodePoint() {
    assertNull(TextCodec.decodeStrict(bytes(0xF4, 0x90, 0x80, 0x80)));
    assertNull(TextCodec.decodeStrict(bytes(0xF5, 0x80, 0x80, 0x80)));
  }

  @Test
  @DisplayName("a rejected line leaves no state behind: the next valid line on the thread decodes")
  void decoderIsResetAfterFailure() {
    assertNull(TextCodec.decodeStrict(bytes('a', 0xE2, 0x82)));
    assertEquals("\u00e9", TextCodec.decodeStrict(bytes(0xC3, 0xA9)));
    assertNull(TextCodec.decodeStrict(bytes(0xC3)));
    assertEquals("\u20ac", TextCodec.decodeStrict(bytes(0xE2, 0x82, 0xAC)));
  }

  // stripControls

  @Test
  @DisplayName("NUL, BEL, CR, LF and DEL are removed")
  void removesC0AndDel() {
    assertEquals("ab", TextCodec.stripControls("a\u0000b"));
    assertEquals("ding", TextCodec.stripControls("\u0007ding\u0007"));
    assertEquals("ab", TextCodec.stripControls("a\rb\n"));
    assertEquals("ab", TextCodec.stripControls("a\u007fb"));
    assertEquals("", TextCodec.stripControls("\u0001\u001f\u007f"));
  }

  @Test
  @DisplayName("ESC is removed, so \"\\u001b[31m\" keeps only \"[31m\"")
  void removesEscape() {
    assertEquals("[31mred[0m", TextCodec.stripControls("\u001b[31mred\u001b[0m"));
  }

  @Test
  @DisplayName("C1 controls such as U+0085 (NEL) and U+009B (CSI) are removed")
  void removesC1() {
    assertEquals("ab", TextCodec.stripControls("a\u0085b"));
    assertEquals("31mred", TextCodec.stripControls("\u009b31mred"));
    assertEquals("x", TextCodec.stripControls("\u0080x\u009f"));
  }

  @Test
  @DisplayName("U+2028 (line separator) and U+2029 (paragraph separator) are removed")
  void removesUnicodeLineBreaks() {
    assertEquals("onetwo", TextCodec.stripControls("one\u2028two"));
    assertEquals("ab", TextCodec.stripControls("\u2029a\u2028\u2029b\u2028"));
  }

  @Test
  @DisplayName("bidi controls U+061C, U+200E, U+200F, U+202A-U+202E and U+2066-U+2069 are removed")
  void removesBidiControls() {
    assertEquals("ab", TextCodec.stripControls("a\u061cb"));
    assertEquals("ab", TextCodec.stripControls("a\u200e\u200fb"));
    assertEquals("evil.exe", TextCodec.stripControls("evil\u202a\u202b\u202c\u202d\u202e.exe"));
    assertEquals("ab", TextCodec.stripControls("\u2066a\u2067\u2068b\u2069"));
  }

  @Test
  @DisplayName("the neighbours of the removed characters are kept, the emoji joiner U+200D among them")
  void keepsNeighboursOfRemovedCharacters() {
    String kept = "\u061b\u061d\u200d\u2027\u202f\u2065\u206a \ud83d\udc69\u200d\ud83d\udcbb";
    assertSame(kept, TextCodec.stripControls(kept));
  }

  @Test
  @DisplayName("tab, space, U+00A0 and ordinary or non-Latin text are kept")
  void keepsText() {
    assertEquals("a\tb c\u00a0d", TextCodec.stripControls("a\tb c\u00a0d\u0000"));
    assertEquals("caf\u00e9 \u4e16\u754c \ud83d\ude00", TextCodec.stripControls("caf\u00e9\u001b \u4e16\u754c \ud83d\ude00"));
  }

  @Test
  @DisplayName("clean text is returned as the same instance")
  void cleanTextIsSameInstance() {
    String clean = new String("hello\tworld \u00e9\u00a0\ud83d\ude00");
    assertSame(clean, TextCodec.stripControls(clean));
    String empty = new String("");
    assertSame(empty, TextCodec.stripControls(empty));
  }
}
