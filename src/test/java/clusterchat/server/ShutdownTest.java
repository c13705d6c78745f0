package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A node that stops while clients keep connecting says goodbye to every connection it served. */
class ShutdownTest {

  private static final String BYE = "BYE SHUTDOWN the server is shutting down";
  private static final int CONNECTORS = 32;
  /** Greeted clients before the stop: their goodbyes keep the node busy while others still arrive. */
  private static final int GREETED_BEFORE_STOP = 300;
  private static final int MAX_CLIENTS = 2000;

  /** How a read ended. */
  private enum End { LINE, CLOSED, RESET, SILENT }

  /** What a connection read through its first line end, or until it ended, and how that read ended. */
  private record Reading(String text, End end) {
  }

  private record Client(Socket socket, Reading first) {
  }

  @Test
  @DisplayName("while clients connect in a loop and the node stops, every connection that got a line ends with BYE SHUTDOWN")
  void everyServedConnectionHearsShutdown() throws Exception {
    ChatNode node = TestNodes.start();
    int port = node.port();
    List<Client> clients = new CopyOnWriteArrayList<>();
    AtomicInteger greeted = new AtomicInteger();
    List<Thread> connectors = new ArrayList<>();
    try {
      for (int i = 0; i < CONNECTORS; i++) {
        Thread connector = new Thread(() -> connectUntilRefused(port, clients, greeted), "connector-" + i);
        connector.start();
        connectors.add(connector);
      }
      long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
      while (greeted.get() < GREETED_BEFORE_STOP && System.nanoTime() < deadline) {
        Thread.sleep(5); // polling the greeting count between checks, not a synchronisation sleep
      }
      node.stop().await();
      for (Thread connector : connectors) {
        connector.join(ChatClient.TIMEOUT.toMillis());
      }
      int refused = 0;
      for (Client client : clients) {
        // The kernel resets connections still in its accept queue when the listening socket closes,
        // and forgets handshakes it had not finished (the client, which sends nothing, waits in
        // silence): the node never took those. A close with nothing said is a connection it took and cut.
        if (client.first().text().isEmpty()) {
          assertNotEquals(End.CLOSED, client.first().end(), "a connection was closed without a line");
          continue;
        }
        String text = client.first().text() + readToEnd(client.socket(), false).text();
        String[] lines = text.split("\n");
        if (!lines[0].startsWith("HELLO ")) {
          refused++;
        }
        assertEquals(BYE, lines[lines.length - 1], "a connection was cut without a goodbye; it read " + List.of(lines));
      }
      assertTrue(greeted.get() >= GREETED_BEFORE_STOP, "only " + greeted + " clients were greeted");
      assertTrue(refused + greeted.get() > GREETED_BEFORE_STOP, "no client arrived during the stop");
    } finally {
      for (Client client : clients) {
        client.socket().close();
      }
    }
  }

  @Test
  @DisplayName("members of one room all end with BYE SHUTDOWN: the others' quits never follow a goodbye")
  void roomMembersEndWithTheirGoodbye() throws Exception {
    ChatNode node = TestNodes.start();
    List<ChatClient> members = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        ChatClient member = ChatClient.connect(node.port()).nick("member" + i);
        members.add(member);
      }
      ChatClient last = members.get(members.size() - 1);
      // Everyone speaks, so that every connection has room lines in flight; a sender gets no echo.
      for (int i = 0; i < members.size(); i++) {
        members.get(i).send("here " + i);
      }
      List<String> said = new ArrayList<>();
      for (int i = 0; i < members.size() - 1; i++) {
        said.add("MSG lobby member" + i + " here " + i);
      }
      last.awaitAll(said);
      node.stop().await();
      for (int i = 0; i < members.size(); i++) {
        List<String> lines = members.get(i).awaitClosed();
        assertEquals(BYE, lines.get(lines.size() - 1), "member" + i + " read " + lines);
      }
    } finally {
      for (ChatClient member : members) {
        member.close();
      }
    }
  }

  /**
   * Each connector opens a connection and reads its first line before opening the next, so the
   * node is never far behind, until the node refuses connections or MAX_CLIENTS are open.
   */
  private static void connectUntilRefused(int port, List<Client> clients, AtomicInteger greeted) {
    while (clients.size() < MAX_CLIENTS) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      } catch (IOException refused) {
        return;
      }
      Reading first = readToEnd(socket, true);
      clients.add(new Client(socket, first));
      if (first.text().startsWith("HELLO ")) {
        greeted.incrementAndGet();
      }
    }
  }

  /**
   * What the server sent until it closed the connection (or, with oneLine, through the first line
   * end); bytes before a reset still count.
   */
  private static Reading readToEnd(Socket socket, boolean oneLine) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      socket.setSoTimeout((int) ChatClient.TIMEOUT.toMillis());
      InputStream in = socket.getInputStream();
      int b;
      while ((b = in.read()) >= 0) {
        bytes.write(b);
        if (oneLine && b == '\n') {
          return new Reading(bytes.toString(StandardCharsets.UTF_8), End.LINE);
        }
      }
    } catch (SocketTimeoutException silent) {
      return new Reading(bytes.toString(StandardCharsets.UTF_8), End.SILENT);
    } catch (IOException reset) {
      return new Reading(bytes.toString(StandardCharsets.UTF_8), End.RESET);
    }
    return new Reading(bytes.toString(StandardCharsets.UTF_8), End.CLOSED);
  }
}
