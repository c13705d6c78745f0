package clusterchat.server;

import clusterchat.protocol.LineFramer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.VoidChannelPromise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * The line protocol over a TCP (or TLS) socket: a byte stream split into lines by a LineFramer.
 * Output goes around Vert.x's per-connection write queue: lines are appended to one pooled direct
 * buffer and written to the Netty pipeline once per batch of work ({@link OutputBatch}), from the
 * connection's own event loop, so their order is kept. Vert.x still reads, pauses and closes.
 */
final class SocketTransport implements LineTransport {

  /** The first size of a connection's output buffer; it grows for a burst. */
  private static final int INITIAL_OUTPUT_BYTES = 512;
  /** Gathered output past this is written at once, mid-batch: a reader that keeps up takes it now. */
  private static final int EARLY_WRITE_BYTES = 16_384;

  private final NetSocket socket;
  private final ChannelHandlerContext channel;
  private final ChannelPromise noPromise;
  private final OutputBatch batch;
  private final int maxLineBytes;
  private int maxPendingBytes;
  private int earlyWriteBytes;
  private ByteBuf output;
  private Runnable drained;
  private boolean closed;

  SocketTransport(NetSocket socket, int maxLineBytes, int maxPendingBytes, OutputBatch batch) {
    this.socket = socket;
    this.channel = ((NetSocketInternal) socket).channelHandlerContext();
    // A write to a connection that is gone fails quietly; its close is reported by the read side.
    this.noPromise = new VoidChannelPromise(channel.channel(), false);
    this.batch = batch;
    this.maxLineBytes = maxLineBytes;
    maxPendingBytes(maxPendingBytes);
    channel.pipeline().addBefore(channel.name(), "drain-watch", new DrainWatch());
  }

  @Override
  public int maxLineBytes() {
    return maxLineBytes;
  }

  @Override
  public void start(Session session) {
    LineFramer framer = new LineFramer(maxLineBytes, session);
    socket.exceptionHandler(session::failed);
    socket.closeHandler(v -> {
      closed = true;
      releaseOutput();
      session.closed();
    });
    socket.handler(framer::feed);
  }

  @Override
  public void write(Buffer line) {
    if (closed) {
      return;
    }
    if (output == null) {
      output = channel.alloc().directBuffer(INITIAL_OUTPUT_BYTES);
      batch.add(this);
    }
    ByteBuf bytes = ((BufferInternal) line).unwrap();
    output.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
    if (output.readableBytes() >= earlyWriteBytes) {
      writePending();
    }
  }

  /** Hands the gathered output to Netty in one write and flush (OutputBatch calls it). */
  void writePending() {
    ByteBuf pending = output;
    output = null;
    if (pending != null) {
      channel.writeAndFlush(pending, noPromise);
    }
  }

  @Override
  public boolean writeQueueFull() {
    return pendingBytes() >= maxPendingBytes;
  }

  @Override
  public void maxPendingBytes(int bytes) {
    maxPendingBytes = bytes;
    // Below the limit, so that a burst reaches a client that reads before the limit counts it slow.
    earlyWriteBytes = Math.min(EARLY_WRITE_BYTES, bytes / 2);
    // Netty's writability follows the same limit, so DrainWatch hears when the queue has drained.
    socket.setWriteQueueMaxSize(bytes);
  }

  @Override
  public void onDrain(Runnable drained) {
    this.drained = drained;
  }

  @Override
  public void pause() {
    socket.pause();
  }

  @Override
  public void resume() {
    socket.resume();
  }

  /**
   * Writes what is gathered, then closes once it is sent. Lines written after this are dropped:
   * Vert.x closes after its own queue, so they could otherwise reach the client behind its BYE.
   */
  @Override
  public void close() {
    writePending();
    closed = true;
    socket.close();
  }

  @Override
  public int remotePort() {
    return socket.remoteAddress().port();
  }

  @Override
  public long pendingBytes() {
    return (output == null ? 0 : output.readableBytes()) + LineTransport.pendingBytes(channel);
  }

  private void releaseOutput() {
    if (output != null) {
      output.release();
      output = null;
    }
  }

  /** Tells the transport's drain callback when Netty's outbound buffer is writable again. */
  private final class DrainWatch extends ChannelInboundHandlerAdapter {
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel().isWritable() && drained != null && !writeQueueFull()) {
        drained.run();
      }
      ctx.fireChannelWritabilityChanged();
    }
  }
}
