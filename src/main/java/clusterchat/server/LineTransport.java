package clusterchat.server;

import clusterchat.protocol.LineFramer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.vertx.core.buffer.Buffer;

/**
 * How a {@link Connection} reaches its client: lines in, lines out, flow control and close. A TCP
 * socket ({@link SocketTransport}) and a WebSocket ({@link WebSocketTransport}) implement it, so
 * both kinds of client run the same session with the same limits. Used on the connection's event
 * loop only.
 */
interface LineTransport {

  /** What a transport reports to its session, in order: its lines, then its end. */
  interface Session extends LineFramer.Sink {
    void failed(Throwable err);

    /** The connection is gone, whoever closed it; reported once. */
    void closed();
  }

  /** The longest input line it passes on, in bytes without the line end. */
  int maxLineBytes();

  /** Starts reading; from now on input and the end of the connection go to session. */
  void start(Session session);

  /** Queues one server line (it ends in a newline) for the client. */
  void write(Buffer line);

  /** True when more than limits.maxPendingBytes of output waits for the client. */
  boolean writeQueueFull();

  /** Sets how much queued output makes the write queue full (limits.maxPendingBytes, which reload may change). */
  void maxPendingBytes(int bytes);

  /** Runs once the queued output has drained below the limit; null stops that. */
  void onDrain(Runnable drained);

  void pause();

  void resume();

  /** Closes after the lines already written. */
  void close();

  /** The client's port, as it connected. */
  int remotePort();

  /** Bytes written and not yet sent to the client (the admin listener's /connz). */
  long pendingBytes();

  /** Bytes in a connection's Netty outbound buffer: written, not yet sent (Vert.x's internal API gives the context). */
  static long pendingBytes(ChannelHandlerContext connection) {
    ChannelOutboundBuffer queued = connection.channel().unsafe().outboundBuffer();
    return queued == null ? 0 : queued.totalPendingWriteBytes();
  }
}
