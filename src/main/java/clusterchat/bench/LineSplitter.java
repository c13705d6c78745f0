package clusterchat.bench;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import java.util.Arrays;

/**
 * Splits the load tool's incoming byte stream into lines. It copies each chunk into an array once
 * and scans that: Vert.x's RecordParser read every byte through the buffer's checked accessors and
 * copied every chunk into its own buffer first, which took most of the tool's CPU in fan-out runs.
 */
final class LineSplitter implements Handler<Buffer> {

  /** Receives one line without its '\n': {@code bytes[start..end)}, valid only during the call. */
  interface Sink {
    void line(byte[] bytes, int start, int end);
  }

  private final Sink sink;
  private final int maxLineBytes;
  private byte[] partial = new byte[256];
  private int partialLength;

  LineSplitter(int maxLineBytes, Sink sink) {
    this.maxLineBytes = maxLineBytes;
    this.sink = sink;
  }

  @Override
  public void handle(Buffer chunk) {
    byte[] bytes = chunk.getBytes();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != '\n') {
        continue;
      }
      if (partialLength == 0) {
        sink.line(bytes, start, i);
      } else {
        keep(bytes, start, i);
        sink.line(partial, 0, partialLength);
        partialLength = 0;
      }
      start = i + 1;
    }
    keep(bytes, start, bytes.length);
  }

  private void keep(byte[] bytes, int from, int to) {
    int length = partialLength + to - from;
    if (length > maxLineBytes) {
      throw new IllegalStateException("line longer than " + maxLineBytes + " bytes from the server");
    }
    if (length > partial.length) {
      partial = Arrays.copyOf(partial, Math.max(length, 2 * partial.length));
    }
    System.arraycopy(bytes, from, partial, partialLength, to - from);
    partialLength = length;
  }
}
