package clusterchat.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Relays one connection from a loopback port to a real node, and cuts it as a failing network
 * would: toward the node first (so that the node holds the session for /resume), then toward the client.
 */
final class TcpRelay implements AutoCloseable {

  private final ServerSocket listener;
  private final int nodePort;
  private volatile Socket toClient;
  private volatile Socket toNode;

  TcpRelay(int nodePort) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    this.nodePort = nodePort;
    daemon(this::relayOne);
  }

  ServerAddress address() {
    return new ServerAddress("127.0.0.1", listener.getLocalPort());
  }

  private void relayOne() {
    try {
      toClient = listener.accept();
      toNode = new Socket("127.0.0.1", nodePort);
      daemon(() -> pump(toClient, toNode));
      daemon(() -> pump(toNode, toClient));
    } catch (IOException e) {
      // closed before a client came
    }
  }

  private static void pump(Socket from, Socket to) {
    try {
      from.getInputStream().transferTo(to.getOutputStream());
    } catch (IOException e) {
      // cut
    }
  }

  private static void daemon(Runnable task) {
    Thread thread = new Thread(task, "test-relay");
    thread.setDaemon(true);
    thread.start();
  }

  void cutNodeSide() throws IOException {
    reset(toNode);
  }

  /** Cuts the client's side and stops listening, so that connecting here is refused. */
  @Override
  public void close() throws IOException {
    listener.close();
    reset(toClient);
  }

  private static void reset(Socket socket) throws IOException {
    if (socket != null && !socket.isClosed()) {
      socket.setSoLinger(true, 0);
      socket.close();
    }
  }
}
