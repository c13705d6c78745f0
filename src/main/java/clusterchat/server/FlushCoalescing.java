package clusterchat.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * A room line is written to every member's connection, and Vert.x flushes each write at once: one
 * syscall per recipient per line. Netty's FlushConsolidationHandler defers those flushes to the
 * end of the event loop's current batch of work, so a burst of lines leaves in few syscalls.
 * It reaches into Vert.x's internal API (the connection's Netty pipeline) for that.
 */
final class FlushCoalescing {

  /** Flushes a busy connection at the latest after this many writes, even mid-batch. */
  private static final int FLUSH_AFTER_WRITES = 64;

  private FlushCoalescing() {
  }

  static void install(ChannelHandlerContext connection) {
    connection.pipeline().addFirst("flush-consolidation", new FlushConsolidationHandler(FLUSH_AFTER_WRITES, true));
  }
}
