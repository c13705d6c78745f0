package clusterchat.client;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import clusterchat.testing.ChatClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A line server on a real loopback socket that says exactly what the test tells it, for the
 * client's reconnect flow: a server that drops, drains or refuses a resume on cue. (The real
 * server's side of /resume with positions and of BYE RECONNECT is being built separately; the
 * client's other tests run against a real node.)
 */
final class FakeLineServer implements AutoCloseable {

  private static final int TIMEOUT_MILLIS = (int) ChatClient.TIMEOUT.toMillis();

  private final ServerSocket listener;

  FakeLineServer() throws IOException {
    listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    listener.setSoTimeout(TIMEOUT_MILLIS);
  }

  ServerAddress address() {
    return new ServerAddress("127.0.0.1", listener.getLocalPort());
  }

  /** The next connection; fails after ChatClient.TIMEOUT. */
  Peer accept() throws IOException {
    return new Peer(listener.accept());
  }

  /** Stops listening: connecting is refused from now on. */
  @Override
  public void close() throws IOException {
    listener.close();
  }

  /** One client connection. */
  static final class Peer implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private Peer(Socket socket) throws IOException {
      this.socket = socket;
      socket.setSoTimeout(TIMEOUT_MILLIS);
      this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      this.out = socket.getOutputStream();
    }

    Peer send(String... lines) throws IOException {
      for (String line : lines) {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
      return this;
    }

    /** The client's next line; fails when none comes within ChatClient.TIMEOUT. */
    String next() throws IOException {
      String line = in.readLine();
      assertNotNull(line, "the client closed the connection");
      return line;
    }

    /** Drops the connection with a TCP reset, as a crashed node or a broken network does. */
    void reset() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
