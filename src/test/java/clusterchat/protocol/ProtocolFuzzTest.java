package clusterchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Seeded, reproducible fuzzing of the input path (framer → UTF-8 → clean-up → parser) with hostile
 * byte streams. A failure prints its seed; rerun with -Dfuzz.seed=N to reproduce one case.
 */
public class ProtocolFuzzTest {

  private static final int CASES = Integer.getInteger("fuzz.cases", 20_000);
  private static final long BASE_SEED = Long.getLong("fuzz.seed", 20261122L);
  private static final int MAX_LINE = 256;

  @Test
  @DisplayName("20,000 hostile streams: no exception, lines within the limit, and any chunking frames alike")
  void hostileStreams() {
    for (int n = 0; n < CASES; n++) {
      long seed = BASE_SEED + n;
      Random random = new Random(seed);
      byte[] stream = hostileStream(random);
      try {
        List<String> whole = frame(stream, new int[] {stream.length});
        List<String> chunked = frame(stream, randomSplits(random, stream.length));
        List<String> byteByByte = frame(stream, null);
        assertEquals(whole, chunked, "chunking changed the framing, seed " + seed);
        assertEquals(whole, byteByByte, "byte-by-byte framing differs, seed " + seed);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError("fuzz case failed with seed " + seed + ": " + e, e);
      }
    }
  }

  /** Frames the stream fed in the given chunk sizes (null: one byte at a time) and runs each line on. */
  private static List<String> frame(byte[] stream, int[] chunks) {
    List<String> out = new ArrayList<>();
    LineFramer framer = new LineFramer(MAX_LINE, new LineFramer.Sink() {
      @Override
      public void line(byte[] line) {
        assertTrue(line.length <= MAX_LINE, "line of " + line.length + " bytes passed the limit");
        String text = TextCodec.decodeStrict(line);
        if (text == null) {
          out.add("<invalid utf-8>");
          return;
        }
        String clean = TextCodec.stripControls(text);
        assertTrue(clean.chars().noneMatch(c -> c != '\t' && Character.isISOControl(c)), "control character left");
        InputLine input = InputLine.parse(clean);
        out.add((input.isSay() ? "say" : "cmd " + input.command()) + "|" + input.args());
      }

      @Override
      public void lineTooLong() {
        out.add("<too long>");
      }
    });
    int pos = 0;
    if (chunks == null) {
      for (byte b : stream) {
        framer.feed(Buffer.buffer(new byte[] {b}));
      }
      return out;
    }
    for (int size : chunks) {
      framer.feed(Buffer.buffer().appendBytes(stream, pos, size));
      pos += size;
    }
    return out;
  }

  private static int[] randomSplits(Random random, int length) {
    List<Integer> sizes = new ArrayList<>();
    int left = length;
    while (left > 0) {
      int size = Math.min(left, 1 + random.nextInt(random.nextBoolean() ? 8 : 600));
      sizes.add(size);
      left -= size;
    }
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A stream built from pieces a hostile or broken client sends. */
  public static byte[] hostileStream(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pieces = 1 + random.nextInt(30);
    for (int i = 0; i < pieces; i++) {
      switch (random.nextInt(12)) {
        case 0 -> out.writeBytes(randomBytes(random, random.nextInt(300)));
        case 1 -> out.writeBytes(new byte[random.nextInt(50)]);
        case 2 -> out.writeBytes("x".repeat(random.nextInt(2000)).getBytes(StandardCharsets.US_ASCII));
        case 3 -> out.writeBytes("\r".repeat(1 + random.nextInt(5)).getBytes(StandardCharsets.US_ASCII));
        case 4 -> out.writeBytes("/join dev\n/part dev\n".repeat(random.nextInt(1500)).getBytes(StandardCharsets.US_ASCII));
        case 5 -> out.writeBytes(("/msg " + "n".repeat(random.nextInt(400)) + " " + "t".repeat(random.nextInt(400)))
            .getBytes(StandardCharsets.US_ASCII));
        case 6 -> out.writeBytes("h\u00e9llo \ud83d\ude00 \u4e16\u754c".getBytes(StandardCharsets.UTF_8));
        case 7 -> out.writeBytes(new byte[] {(byte) 0xF0, (byte) 0x9F}); // a 4-byte sequence cut short
        case 8 -> out.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        case 9 -> out.writeBytes("\u001b[2J\u001b]0;owned\u0007".getBytes(StandardCharsets.UTF_8));
        case 10 -> out.write('\n');
        default -> out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
    }
    return out.toByteArray();
  }

  private static byte[] randomBytes(Random random, int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
