package clusterchat.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import clusterchat.client.InsecureTls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A real TCP chat client for tests: a reader thread queues every server line, and the await
 * methods wait (with a deadline) for the line a test expects instead of sleeping.
 */
public final class ChatClient implements AutoCloseable {

  public static final Duration TIMEOUT = Duration.ofSeconds(10);
  /** Queued in place of a line when the server closes the connection. */
  private static final String EOF = "\u0000EOF";

  private final Socket socket;
  private final OutputStream out;
  private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final String greeting;

  private ChatClient(Socket socket, boolean awaitGreeting) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    Thread reader = new Thread(this::readLoop, "test-client-reader");
    reader.setDaemon(true);
    reader.start();
    this.greeting = awaitGreeting ? await(line -> line.startsWith("HELLO ")) : null;
  }

  /** Connects and waits for the greeting. */
  public static ChatClient connect(int port) throws IOException {
    return new ChatClient(open(port, 0), true);
  }

  /** Connects over TLS, trusting any certificate (the tests' self-signed one), and waits for the greeting. */
  public static ChatClient connectTls(int port) throws IOException {
    return tls(port, true);
  }

  /** Connects over TLS without waiting for anything (IRC over TLS speaks first). */
  public static ChatClient connectTlsRaw(int port) throws IOException {
    return tls(port, false);
  }

  private static ChatClient tls(int port, boolean awaitGreeting) throws IOException {
    try {
      SSLContext context = InsecureTls.context();
      SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(open(port, 0), "127.0.0.1", port, true);
      socket.startHandshake();
      return new ChatClient(socket, awaitGreeting);
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** The subject of the certificate the server presented (a TLS client). */
  public String tlsPeerSubject() throws IOException {
    return ((X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0])
        .getSubjectX500Principal().getName();
  }

  /** Connects without waiting for anything (for limits tests). */
  public static ChatClient connectRaw(int port) throws IOException {
    return new ChatClient(open(port, 0), false);
  }

  /** Connects with a tiny receive buffer and reads nothing until the test reads. */
  public static Socket connectSlowReader(int port) throws IOException {
    return open(port, 2048);
  }

  private static Socket open(int port, int receiveBuffer) throws IOException {
    Socket socket = new Socket();
    if (receiveBuffer > 0) {
      socket.setReceiveBufferSize(receiveBuffer);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return socket;
  }

  /** The guest nick from the greeting: HELLO node nick room text. */
  public String nick() {
    return greeting.split(" ")[2];
  }

  /** The client's own port: the server sees the connection coming from it. */
  public int localPort() {
    return socket.getLocalPort();
  }

  public ChatClient send(String line) {
    return sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public ChatClient sendRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new IllegalStateException("send failed", e);
    }
    return this;
  }

  /** Sets the nick and waits for the server's OK. */
  public ChatClient nick(String nick) {
    send("/nick " + nick);
    await(line -> line.equals("OK nick " + nick));
    return this;
  }

  /** Asks for a nick and returns the answer: "OK nick NAME" or the ERR line. */
  public String claimNick(String nick) {
    send("/nick " + nick);
    return await(line -> line.startsWith("OK nick") || line.startsWith("ERR "));
  }

  public ChatClient join(String room) {
    send("/join " + room);
    await(line -> line.equals("OK join " + room));
    return this;
  }

  /** The next line, whatever it is; fails after the timeout. */
  public String next() {
    try {
      String line = lines.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        fail("no line from the server within " + TIMEOUT);
      }
      return line;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The next line if one has arrived, else null at once; "" once the connection has closed. */
  public String poll() {
    String line = lines.peek();
    if (line == null || line.equals(EOF)) {
      return line == null ? null : "";
    }
    return lines.poll();
  }

  /** Skips lines until one matches; fails on timeout or when the connection closes first. */
  public String await(Predicate<String> wanted) {
    return await(wanted, TIMEOUT);
  }

  /** Skips lines until one matches; fails after the given time or when the connection closes first. */
  public String await(Predicate<String> wanted, Duration timeout) {
    List<String> skipped = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line;
      try {
        line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      if (line == null || line.equals(EOF)) {
        fail((line == null ? "timed out" : "connection closed") + " waiting for a line; skipped: " + skipped);
      }
      if (wanted.test(line)) {
        return line;
      }
      skipped.add(line);
    }
  }

  /** Every line up to and including this one; fails on timeout or when the connection closes first. */
  public List<String> linesThrough(String exact) {
    List<String> seen = new ArrayList<>();
    await(line -> seen.add(line) && line.equals(exact));
    return seen;
  }

  /** Waits until every one of these lines has arrived, in any order. */
  public void awaitAll(Collection<String> expected) {
    Set<String> missing = new HashSet<>(expected);
    while (!missing.isEmpty()) {
      missing.remove(await(missing::contains));
    }
  }

  public String awaitPrefix(String prefix) {
    return await(line -> line.startsWith(prefix));
  }

  public void awaitLine(String exact) {
    assertEquals(exact, await(line -> line.equals(exact)));
  }

  /**
   * Sends a query command (e.g. "/who room") again and again until its answer, the first line
   * starting with answerPrefix, equals expected: for state the cluster repairs asynchronously.
   */
  public void awaitAnswer(String command, String answerPrefix, String expected) {
    awaitAnswer(command, answerPrefix, expected, TIMEOUT);
  }

  /** As {@link #awaitAnswer(String, String, String)}, asking until the given time is up. */
  public void awaitAnswer(String command, String answerPrefix, String expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String answer;
    do {
      send(command);
      // An ERR line is an answer too (e.g. NO_SUCH_ROOM while a repair is under way): ask again.
      answer = await(line -> line.startsWith(answerPrefix) || line.startsWith("ERR "));
    } while (!answer.equals(expected) && System.nanoTime() < deadline);
    assertEquals(expected, answer, "answer to " + command);
  }

  /** Waits for the server to close the connection; returns the lines read until then. */
  public List<String> awaitClosed() {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) {
          break;
        }
        if (line.equals(EOF)) {
          return seen;
        }
        seen.add(line);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    return fail("the server did not close the connection; read " + seen);
  }

  /** Closes with a TCP reset instead of a FIN, like a crashed client. */
  public void reset() throws IOException {
    socket.setSoLinger(true, 0);
    socket.close();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void readLoop() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // closed: reported as EOF below
    }
    lines.add(EOF);
  }
}
