package clusterchat.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Line framing: splitting a TCP byte stream into lines, whatever the chunking. */
class LineFramerTest {

  private static final String TOO_LONG = "TOO_LONG";
  private static final HexFormat HEX = HexFormat.of();

  /** Records what the framer reports, in order, keeping the line arrays it was handed. */
  private static final class Recorder implements LineFramer.Sink {
    final List<String> events = new ArrayList<>();
    final List<byte[]> lines = new ArrayList<>();

    @Override
    public void line(byte[] line) {
      lines.add(line);
      events.add(lineEvent(line));
    }

    @Override
    public void lineTooLong() {
      events.add(TOO_LONG);
    }
  }

  private static String lineEvent(byte[] line) {
    return "line:" + HEX.formatHex(line);
  }

  private static String line(String text) {
    return lineEvent(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void feed(LineFramer framer, byte[] bytes, int from, int to) {
    framer.feed(Buffer.buffer(Arrays.copyOfRange(bytes, from, to)));
  }

  private static void feed(LineFramer framer, String text) {
    framer.feed(Buffer.buffer(utf8(text)));
  }

  private static final int SPLIT_MAX = 16;
  /**
   * Covers every framing case in one stream: CRLF and LF ends, a '\r' inside a line, an empty line,
   * multi-byte UTF-8, a line of exactly the limit with CRLF, lines one byte and far over the limit,
   * and lines after them.
   */
  private static final byte[] SPLIT_INPUT = utf8("hello\r\n"
      + "w\u00f6rld \ud83c\udf89\n"
      + "\n"
      + "third\rline\r\n"
      + "0123456789abcdef\r\n"
      + "0123456789abcdefg\n"
      + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n"
      + "after\n");
  private static final List<String> SPLIT_EXPECTED = List.of(
      line("hello"),
      line("w\u00f6rld \ud83c\udf89"),
      line(""),
      line("third\rline"),
      line("0123456789abcdef"),
      TOO_LONG,
      TOO_LONG,
      line("after"));

  @Test
  @DisplayName("the test stream fed in one chunk gives the expected lines")
  void wholeInput() {
    Recorder sink = new Recorder();
    LineFramer framer = new LineFramer(SPLIT_MAX, sink);
    feed(framer, SPLIT_INPUT, 0, SPLIT_INPUT.length);
    assertEquals(SPLIT_EXPECTED, sink.events);
  }

  @Test
  @DisplayName("every split of the stream into three chunks (empty chunks included) gives the same lines")
  void everyThreeWaySplit() {
    int n = SPLIT_INPUT.length;
    for (int i = 0; i <= n; i++) {
      for (int j = i; j <= n; j++) {
        Recorder sink = new Recorder();
        LineFramer framer = new LineFramer(SPLIT_MAX, sink);
        feed(framer, SPLIT_INPUT, 0, i);
        feed(framer, SPLIT_INPUT, i, j);
        feed(framer, SPLIT_INPUT, j, n);
        assertEquals(SPLIT_EXPECTED, sink.events, "split at " + i + " and " + j);
      }
    }
  }

  @Test
  @DisplayName("the stream fed byte by byte gives the same lines")
  void byteByByte() {
    Recorder sink = new Recorder();
    LineFramer framer = new LineFramer(SPLIT_MAX, sink);
    for (int i = 0; i < SPLIT_INPUT.length; i++) {
      feed(framer, SPLIT_INPUT, i, i + 1);
    }
    assertEquals(SPLIT_EXPECTED, sink.events);
  }

  @Test
  @DisplayName("a line without its newline is held back until the newline arrives")
  void incompleteLineIsHeld() {
    Recorder sink = new Recorder();
    LineFramer framer = new LineFramer(100, sink);
    feed(framer, "partial");
    assertEquals(List.of(), sink.events);
    feed(framer, " line\nnext");
    assertEquals(List.of(line("partial line")), sink.events);
    feed(framer, "\n");
    assertEquals(List.of(line("partial line"), line("next")), sink.events);
  }

  @Test
  @DisplayName("\\r\\n ends a line; a \\r is dropped only right before the \\n")
  void carriageReturns() {
    Recorder sink = new Recorder();
    LineFramer framer = new LineFramer(100, sink);
    feed(framer, "crlf\r\nlf\nmid\rdle\n\r\ntwo\r\r\n\rlead\n");
    assertEquals(List.of(
        line("crlf"),
        line("lf"),
        line("mid\rdle"),
        line(""),
        line("two\r"),
        line("\rlead")), sink.events);
  }

  @Test
  @DisplayName("a \\r\\n split exactly between two chunks still ends the line without the \\r")
  void crlfSplitBetweenChunks() {
    Recorder sink = new Recorder();
    LineFramer framer = new LineFramer(100, sink);
    feed(framer, "abc\r");
    assertEquals(List.of(), sink.events);
    feed(framer, "\ndef\r");
    feed(framer, "\n");
    assertEquals(List.of(line("abc"), line("def")), sink.events);
  }

  @Test
  @DisplayName("a line of exactly maxLineBytes followed by \\r\\n split across chunks is accepted")
  void crlfSplitAtTheLimit() {
    Recorder sink = new Recorder();
    LineFramer framer = new LineFramer(8, sink);
    feed(framer, "12345678\r");
    feed(framer, "\n");
    assertEquals(List.of(line("12345678")), sink.events);
  }

  @Test
  @DisplayName("a line exactly maxLineBytes long passes, in one chunk or several")
  void exactlyMaxPasses() {
    Recorder sink = new Recorder();
    LineFramer framer = new LineFramer(8, sink);
    feed(framer, "12345678\n");
    feed(framer, "abcd");
    feed(framer, "efgh");
    feed(framer, "\n");
    assertEquals(List.of(line("12345678"), line("abcdefgh")), sink.events);
  }

  @Test
  @DisplayName("a line of maxLineBytes + 1 is reported too long exactly once, in one chunk or several")
  void onePastMaxIsTooLong() {
    Recorder sink = new Recorder();
    LineFramer framer = new LineFramer(8, sink);
    feed(framer, "123456789\n");
    assertEquals(List.of(TOO_LONG), sink.events);

    feed(framer, "abcde");
    feed(framer, "fghi");
    feed(framer, "\nok\n");
    assertEquals(List.of(TOO_LONG, TOO_LONG, line("ok")), sink.events);
  }

  @Test
  @DisplayName("a line of maxLineBytes + 1 with \\r\\n is too long even though the \\r fits the held byte")
  void onePastMaxWithCrlfIsTooLong() {
    Recorder sink = new Recorder();
    LineFramer framer = new LineFramer(8, sink);
    feed(framer, "123456789\r");
    feed(framer, "\n");
    feed(framer, "ok\r\n");
    assertEquals(List.of(TOO_LONG, line("ok")), sink.events);
  }

  @Test
  @DisplayName("a too-long line arriving in many chunks is reported once and the next line is delivered intact")
  void tooLongInManyChunks() {
    Recorder sink = new Recorder();
    LineFramer framer = new LineFramer(8, sink);
    for (int i = 0; i < 50; i++) {
      feed(framer, "0123456789");
    }
    assertEquals(List.of(TOO_LONG), sink.events);
    feed(framer, "tail of the long line\nnext");
    feed(framer, " one\n");
    feed(framer, "short\n");
    assertEquals(List.of(TOO_LONG, line("next one"), line("short")), sink.events);
  }

  @Test
  @DisplayName("empty lines are delivered as empty arrays")
  void emptyLines() {
    Recorder sink = new Recorder();
    LineFramer framer = new LineFramer(8, sink);
    feed(framer, "\n\r\n\n");
    assertEquals(3, sink.lines.size());
    for (byte[] line : sink.lines) {
      assertEquals(0, line.length);
    }
  }

  @Test
  @DisplayName("multi-byte UTF-8 characters split across chunks at every byte are reassembled byte-exact")
  void utf8SplitAcrossChunks() {
    String text = "\u00e9\u20ac\ud834\udd1e\ud83d\ude00 ok";
    byte[] content = utf8(text);
    byte[] input = utf8(text + "\n");
    for (int i = 0; i <= input.length; i++) {
      Recorder sink = new Recorder();
      LineFramer framer = new LineFramer(100, sink);
      feed(framer, input, 0, i);
      feed(framer, input, i, input.length);
      assertEquals(1, sink.lines.size(), "split at " + i);
      assertArrayEquals(content, sink.lines.get(0), "split at " + i);
      assertEquals(text, new String(sink.lines.get(0), StandardCharsets.UTF_8));
    }
  }

  @Test
  @DisplayName("a delivered line array belongs to the sink: later input does not change it")
  void deliveredArraysAreNotReused() {
    Recorder sink = new Recorder();
    LineFramer framer = new LineFramer(100, sink);
    feed(framer, "abc");
    feed(framer, "d\nxyz");
    feed(framer, "w\n");
    feed(framer, "1234");
    feed(framer, "5\n");
    assertEquals(3, sink.lines.size());
    assertArrayEquals(utf8("abcd"), sink.lines.get(0));
    assertArrayEquals(utf8("xyzw"), sink.lines.get(1));
    assertArrayEquals(utf8("12345"), sink.lines.get(2));
    assertTrue(sink.lines.get(0) != sink.lines.get(1) && sink.lines.get(1) != sink.lines.get(2));
  }
}
