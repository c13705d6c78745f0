package clusterchat.server;

import clusterchat.protocol.LineFramer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/** The line protocol over a TCP (or TLS) socket: a byte stream split into lines by a LineFramer. */
final class SocketTransport implements LineTransport {

  private final NetSocket socket;
  private final int maxLineBytes;

  SocketTransport(NetSocket socket, int maxLineBytes, int maxPendingBytes) {
    this.socket = socket;
    this.maxLineBytes = maxLineBytes;
    maxPendingBytes(maxPendingBytes);
    FlushCoalescing.install(((NetSocketInternal) socket).channelHandlerContext());
  }

  @Override
  public int maxLineBytes() {
    return maxLineBytes;
  }

  @Override
  public void start(Session session) {
    LineFramer framer = new LineFramer(maxLineBytes, session);
    socket.exceptionHandler(session::failed);
    socket.closeHandler(v -> session.closed());
    socket.handler(framer::feed);
  }

  @Override
  public void write(Buffer line) {
    socket.write(line);
  }

  @Override
  public boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  @Override
  public void maxPendingBytes(int bytes) {
    socket.setWriteQueueMaxSize(bytes);
  }

  @Override
  public void onDrain(Runnable drained) {
    socket.drainHandler(drained == null ? null : v -> drained.run());
  }

  @Override
  public void pause() {
    socket.pause();
  }

  @Override
  public void resume() {
    socket.resume();
  }

  @Override
  public void close() {
    socket.close();
  }

  @Override
  public int remotePort() {
    return socket.remoteAddress().port();
  }

  @Override
  public long pendingBytes() {
    return LineTransport.pendingBytes(((NetSocketInternal) socket).channelHandlerContext());
  }
}
