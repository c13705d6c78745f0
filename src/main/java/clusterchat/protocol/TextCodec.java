package clusterchat.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding of input lines and clean-up of text that others will see. */
public final class TextCodec {

  // A decoder is stateful; event-loop threads each keep their own.
  private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(() ->
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT));

  private TextCodec() {
  }

  /** The line as text, or null when it is not valid UTF-8 (overlong forms and surrogates included). */
  public static String decodeStrict(byte[] line) {
    if (isAscii(line)) {
      return new String(line, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars = DECODER.get().reset().decode(ByteBuffer.wrap(line));
      return chars.toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /**
   * Removes control characters other than tab (C0, DEL and C1, which includes U+0085 NEL), the
   * Unicode line and paragraph separators U+2028 and U+2029, and the bidi controls U+061C, U+200E,
   * U+200F, U+202A-U+202E and U+2066-U+2069, so nobody can paint others' terminals, break a line in
   * a client, or make text read in another order than it was written.
   */
  public static String stripControls(String text) {
    int i = firstControl(text);
    if (i < 0) {
      return text;
    }
    StringBuilder clean = new StringBuilder(text.length());
    clean.append(text, 0, i);
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isStrippedControl(c)) {
        clean.append(c);
      }
    }
    return clean.toString();
  }

  private static int firstControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isStrippedControl(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isStrippedControl(char c) {
    if (c < 0x80) {
      return c < 0x20 ? c != '\t' : c == 0x7F;
    }
    return c <= 0x9F || c == '\u061C' || c == '\u200E' || c == '\u200F'
        || (c >= '\u2028' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }

  private static boolean isAscii(byte[] line) {
    for (byte b : line) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }
}
