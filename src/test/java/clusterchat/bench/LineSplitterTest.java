package clusterchat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  private final List<String> lines = new ArrayList<>();
  private final LineSplitter splitter = new LineSplitter(64,
      (bytes, start, end) -> lines.add(new String(bytes, start, end - start, StandardCharsets.UTF_8)));

  @Test
  @DisplayName("every split of a stream into two chunks gives the same lines")
  void everySplit() {
    String stream = "HELLO n1 guest1 -\nMSG r a 1:2:3:xx\n\nOK join r\npartial";
    for (int cut = 0; cut <= stream.length(); cut++) {
      lines.clear();
      LineSplitter fresh = new LineSplitter(64,
          (bytes, start, end) -> lines.add(new String(bytes, start, end - start, StandardCharsets.UTF_8)));
      fresh.handle(Buffer.buffer(stream.substring(0, cut)));
      fresh.handle(Buffer.buffer(stream.substring(cut)));
      assertEquals(List.of("HELLO n1 guest1 -", "MSG r a 1:2:3:xx", "", "OK join r"), lines, "cut at " + cut);
    }
  }

  @Test
  @DisplayName("a line arriving a byte at a time, longer than the first partial buffer, comes out whole")
  void byteAtATime() {
    LineSplitter large = new LineSplitter(4096,
        (bytes, start, end) -> lines.add(new String(bytes, start, end - start, StandardCharsets.UTF_8)));
    String line = "x".repeat(1000);
    for (byte b : (line + "\n").getBytes(StandardCharsets.US_ASCII)) {
      large.handle(Buffer.buffer(new byte[] {b}));
    }
    assertEquals(List.of(line), lines);
  }

  @Test
  @DisplayName("a line over the limit is refused instead of growing without bound")
  void overLimit() {
    assertThrows(IllegalStateException.class, () -> splitter.handle(Buffer.buffer("y".repeat(65))));
  }
}
