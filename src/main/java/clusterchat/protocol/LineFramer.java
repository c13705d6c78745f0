package clusterchat.protocol;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;

/**
 * Splits a byte stream into lines ending in {@code \n} (a {@code \r} before it is dropped).
 * A line longer than the limit is reported once and then discarded up to its newline, so one
 * oversized line costs the sender an error, not the connection.
 * Not thread-safe: one framer per connection, fed from that connection's event loop.
 */
public final class LineFramer {

  /** What the framer reports, in stream order. */
  public interface Sink {
    /** A complete line without its line end; the array is the sink's to keep. */
    void line(byte[] line);

    void lineTooLong();
  }

  private final int maxLineBytes;
  private final Sink sink;
  private byte[] pending = new byte[0];
  private int pendingLength;
  private boolean discarding;

  public LineFramer(int maxLineBytes, Sink sink) {
    this.maxLineBytes = maxLineBytes;
    this.sink = sink;
  }

  public void feed(Buffer chunk) {
    byte[] bytes = chunk.getBytes();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        endLine(bytes, start, i);
        start = i + 1;
      }
    }
    if (start < bytes.length) {
      accumulate(bytes, start, bytes.length);
    }
  }

  private void endLine(byte[] bytes, int start, int end) {
    if (discarding) {
      discarding = false;
      return;
    }
    byte[] line;
    if (pendingLength == 0) {
      line = Arrays.copyOfRange(bytes, start, end);
    } else {
      line = Arrays.copyOf(pending, pendingLength + end - start);
      System.arraycopy(bytes, start, line, pendingLength, end - start);
      pendingLength = 0;
    }
    int contentLength = line.length;
    if (contentLength > 0 && line[contentLength - 1] == '\r') {
      contentLength--;
    }
    if (contentLength > maxLineBytes) {
      sink.lineTooLong();
      return;
    }
    sink.line(contentLength == line.length ? line : Arrays.copyOf(line, contentLength));
  }

  private void accumulate(byte[] bytes, int start, int end) {
    if (discarding) {
      return;
    }
    int needed = pendingLength + end - start;
    // One byte beyond the limit is kept for a '\r' that may precede the newline in the next chunk.
    if (needed > maxLineBytes + 1) {
      pending = new byte[0];
      pendingLength = 0;
      discarding = true;
      sink.lineTooLong();
      return;
    }
    if (needed > pending.length) {
      pending = Arrays.copyOf(pending, Math.min(maxLineBytes + 1, Math.max(needed, pending.length * 2)));
    }
    System.arraycopy(bytes, start, pending, pendingLength, end - start);
    pendingLength = needed;
  }
}
