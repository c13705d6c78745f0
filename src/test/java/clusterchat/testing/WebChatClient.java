package clusterchat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket chat client for tests on a plain socket, so a test controls every byte: the upgrade
 * request and its Origin header, each frame it sends (text, binary, fragments, pings), and whether
 * it reads at all. Each text message from the server is one line; the await methods wait for the
 * line a test expects, with a deadline, instead of sleeping.
 */
public final class WebChatClient implements AutoCloseable {

  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CONTINUATION = 0x0;
  public static final int PING = 0x9;
  private static final int CLOSE = 0x8;
  /** Queued in place of a line when the server closes the WebSocket or the connection. */
  private static final String CLOSED = "\u0000CLOSED";

  private final Socket socket;
  private final OutputStream out;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private String greeting;

  private WebChatClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
  }

  /** Opens the chat's WebSocket without an Origin (as a non-browser client) and waits for the greeting. */
  public static WebChatClient connect(int port) throws IOException {
    return connect(port, null);
  }

  /** Opens the WebSocket with this Origin header (null: none) and waits for the greeting. */
  public static WebChatClient connect(int port, String origin) throws IOException {
    WebChatClient client = connectRaw(port, origin);
    client.greeting = client.await(line -> line.startsWith("HELLO "));
    return client;
  }

  /** Opens the WebSocket without waiting for anything (for limits tests). */
  public static WebChatClient connectRaw(int port, String origin) throws IOException {
    WebChatClient client = new WebChatClient(open(port, 0));
    client.upgrade(port, "/ws", origin);
    client.startReading();
    return client;
  }

  /** Opens the WebSocket with a tiny receive buffer and reads nothing until startReading. */
  public static WebChatClient connectSlowReader(int port) throws IOException {
    WebChatClient client = new WebChatClient(open(port, 2048));
    client.upgrade(port, "/ws", null);
    return client;
  }

  /** The HTTP status the server answers an upgrade request for path with: 101 when it accepts. */
  public static int upgradeStatus(int port, String path, String origin) throws IOException {
    try (WebChatClient client = new WebChatClient(open(port, 0))) {
      return client.requestUpgrade(port, path, origin);
    }
  }

  private static Socket open(int port, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return socket;
  }

  private void upgrade(int port, String path, String origin) throws IOException {
    int status = requestUpgrade(port, path, origin);
    if (status != 101) {
      socket.close();
      throw new IOException("the server refused the WebSocket upgrade with HTTP status " + status);
    }
  }

  /** Sends the upgrade request as a browser would, reads the response head, returns its status. */
  private int requestUpgrade(int port, String path, String origin) throws IOException {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
        + Base64.getEncoder().encodeToString(nonce) + "\r\n" + (origin == null ? "" : "Origin: " + origin + "\r\n")
        + "\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the server closed the connection during the upgrade; read: " + head);
      }
      head.write(b);
    }
    return Integer.parseInt(head.toString(StandardCharsets.US_ASCII).split(" ", 3)[1]);
  }

  /** Starts reading the server's frames (a slow reader starts late). */
  public void startReading() {
    Thread reader = new Thread(this::readLoop, "test-websocket-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** The guest nick from the greeting: HELLO node nick room text. */
  public String nick() {
    return greeting.split(" ")[2];
  }

  /** Sends one line as one text message. */
  public WebChatClient send(String line) {
    return sendFrame(TEXT, line.getBytes(StandardCharsets.UTF_8), true);
  }

  /** Sends one frame, masked as a client must. */
  public synchronized WebChatClient sendFrame(int opcode, byte[] payload, boolean fin) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xFF);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    try {
      out.write(frame.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new IllegalStateException("send failed", e);
    }
    return this;
  }

  /** Sets the nick and waits for the server's OK. */
  public WebChatClient nick(String nick) {
    send("/nick " + nick);
    await(line -> line.equals("OK nick " + nick));
    return this;
  }

  /** Skips lines until one matches; fails on timeout or when the connection closes first. */
  public String await(Predicate<String> wanted) {
    List<String> skipped = new ArrayList<>();
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    while (true) {
      String line = poll(deadline);
      if (line == null || line.equals(CLOSED)) {
        fail((line == null ? "timed out" : "connection closed") + " waiting for a line; skipped: " + skipped);
      }
      if (wanted.test(line)) {
        return line;
      }
      skipped.add(line);
    }
  }

  public void awaitLine(String exact) {
    assertEquals(exact, await(line -> line.equals(exact)));
  }

  /** Waits for the server to close the WebSocket; returns the lines read until then. */
  public List<String> awaitClosed() {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    for (String line = poll(deadline); line != null; line = poll(deadline)) {
      if (line.equals(CLOSED)) {
        return seen;
      }
      seen.add(line);
    }
    return fail("the server did not close the WebSocket; read " + seen);
  }

  private String poll(long deadline) {
    try {
      long left = deadline - System.nanoTime();
      return left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void readLoop() {
    try {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      while (true) {
        int first = in.read();
        if (first < 0) {
          break;
        }
        int second = in.read();
        long length = second & 0x7F;
        if (length == 126) {
          length = (in.read() << 8) | in.read();
        } else if (length == 127) {
          length = 0;
          for (int i = 0; i < 8; i++) {
            length = (length << 8) | in.read();
          }
        }
        byte[] payload = in.readNBytes((int) length);
        int opcode = first & 0x0F;
        if (opcode == CLOSE) {
          sendFrame(CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0], true);
          break;
        }
        if (opcode == TEXT || opcode == CONTINUATION) {
          message.writeBytes(payload);
          if ((first & 0x80) != 0) {
            lines.add(message.toString(StandardCharsets.UTF_8));
            message.reset();
          }
        }
      }
    } catch (IOException | IllegalStateException e) {
      // closed: reported as CLOSED below
    }
    lines.add(CLOSED);
  }
}
