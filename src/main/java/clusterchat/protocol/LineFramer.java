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

  public int maxLineBytes() {
    return maxLineBytes;
  }

  public void feed(Buffer chunk) {
    int length = chunk.length();
    int start = 0;
    for (int i = 0; i < length; i++) {
      if (chunk.getByte(i) == '\n') {
        endLine(chunk, start, i);
        start = i + 1;
      }
    }
    if (start < length) {
      accumulate(chunk, start, length);
    }
  }

  /** The line is what is pending plus chunk[start, end); it is copied once, without its '\r'. */
  private void endLine(Buffer chunk, int start, int end) {
    if (discarding) {
      discarding = false;
      return;
    }
    int total = pendingLength + end - start;
    byte last = total == 0 ? 0 : end > start ? chunk.getByte(end - 1) : pending[pendingLength - 1];
    int contentLength = last == '\r' ? total - 1 : total;
    int fromPending = Math.min(pendingLength, contentLength);
    pendingLength = 0;
    if (contentLength > maxLineBytes) {
      sink.lineTooLong();
      return;
    }
    byte[] line = Arrays.copyOf(pending, contentLength);
    if (contentLength > fromPending) {
      chunk.getBytes(start, start + contentLength - fromPending, line, fromPending);
    }
    sink.line(line);
  }

  private void accumulate(Buffer chunk, int start, int end) {
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
    chunk.getBytes(start, end, pending, pendingLength);
    pendingLength = needed;
  }
}
