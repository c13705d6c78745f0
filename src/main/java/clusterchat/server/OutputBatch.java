package clusterchat.server;

import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The socket connections of one event loop that have output waiting. A connection's lines are
 * gathered in one buffer while the event loop works through a batch (a burst of room lines, say),
 * and written out in one write and flush per connection when the batch is done, as Redis and
 * NATS do: per line, a recipient then costs a copy of its bytes, not a Netty message, a flush and
 * an outbound-queue entry. Used on that event loop only.
 */
final class OutputBatch {

  private final Context eventLoop;
  private final List<SocketTransport> waiting = new ArrayList<>();

  OutputBatch(Context eventLoop) {
    this.eventLoop = eventLoop;
  }

  /** The transport has output to write once the current batch of work is done. */
  void add(SocketTransport transport) {
    if (waiting.isEmpty()) {
      eventLoop.runOnContext(v -> writeAll());
    }
    waiting.add(transport);
  }

  private void writeAll() {
    // A write can close a connection, whose goodbye adds it again: the loop takes it in too.
    for (int i = 0; i < waiting.size(); i++) {
      waiting.get(i).writePending();
    }
    waiting.clear();
  }
}
