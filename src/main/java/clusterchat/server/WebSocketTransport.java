package clusterchat.server;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.internal.http.WebSocketInternal;
import java.nio.charset.StandardCharsets;

/**
 * The line protocol over a WebSocket: one line per message (text or binary), both ways. A message
 * is a line as its bytes came, so the session checks its length, UTF-8 and controls exactly as
 * for TCP. A line end at the end of a message is dropped; a ping counts as an empty line, so
 * pings are rate-limited like lines (each one costs a pong).
 */
final class WebSocketTransport implements LineTransport {

  private static final byte[] EMPTY = new byte[0];

  private final ServerWebSocket webSocket;
  private final int maxLineBytes;
  private Buffer message = Buffer.buffer();
  private boolean tooLong;
  private Session session;

  WebSocketTransport(ServerWebSocket webSocket, int maxLineBytes, int maxPendingBytes) {
    this.webSocket = webSocket;
    this.maxLineBytes = maxLineBytes;
    maxPendingBytes(maxPendingBytes);
    FlushCoalescing.install(((WebSocketInternal) webSocket).channelHandlerContext());
  }

  /**
   * The largest frame the server reads: a frame must be read whole before it can be judged, so
   * this bounds the memory per connection. Longer lines in smaller frames get ERR LINE_TOO_LONG.
   */
  static int maxFrameBytes(int maxLineBytes) {
    return Math.max(65_536, maxLineBytes + 2);
  }

  @Override
  public int maxLineBytes() {
    return maxLineBytes;
  }

  @Override
  public void start(Session session) {
    this.session = session;
    webSocket.exceptionHandler(session::failed);
    webSocket.closeHandler(v -> session.closed());
    webSocket.frameHandler(this::frame);
  }

  private void frame(WebSocketFrame frame) {
    if (frame.isPing()) {
      session.line(EMPTY);
      return;
    }
    if (!frame.isText() && !frame.isBinary() && !frame.isContinuation()) {
      return;
    }
    Buffer data = frame.binaryData();
    if (!tooLong && message.length() + data.length() <= maxLineBytes + 2) {
      message.appendBuffer(data);
    } else {
      tooLong = true;
    }
    if (frame.isFinal()) {
      endMessage();
    }
  }

  private void endMessage() {
    int length = message.length();
    if (length > 0 && message.getByte(length - 1) == '\n') {
      length -= length > 1 && message.getByte(length - 2) == '\r' ? 2 : 1;
    }
    byte[] line = tooLong || length > maxLineBytes ? null : message.getBytes(0, length);
    message = Buffer.buffer();
    tooLong = false;
    if (line == null) {
      session.lineTooLong();
    } else {
      session.line(line);
    }
  }

  /** Sends the line without its newline as one text message; a closing WebSocket takes no more. */
  @Override
  public void write(Buffer line) {
    if (!webSocket.isClosed()) {
      webSocket.writeTextMessage(line.getString(0, line.length() - 1, StandardCharsets.UTF_8.name()));
    }
  }

  @Override
  public boolean writeQueueFull() {
    return !webSocket.isClosed() && webSocket.writeQueueFull();
  }

  @Override
  public void maxPendingBytes(int bytes) {
    webSocket.setWriteQueueMaxSize(bytes);
  }

  @Override
  public void onDrain(Runnable drained) {
    if (!webSocket.isClosed()) {
      webSocket.drainHandler(drained == null ? null : v -> drained.run());
    }
  }

  @Override
  public void pause() {
    webSocket.pause();
  }

  @Override
  public void resume() {
    webSocket.resume();
  }

  @Override
  public void close() {
    webSocket.close();
  }

  @Override
  public int remotePort() {
    return webSocket.remoteAddress().port();
  }

  @Override
  public long pendingBytes() {
    return LineTransport.pendingBytes(((WebSocketInternal) webSocket).channelHandlerContext());
  }
}
