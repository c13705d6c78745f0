package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clusterchat.ChatNode;
import clusterchat.protocol.ProtocolFuzzTest;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Hostile byte streams against a live server while three users chat: the server stays up, no
 * exception reaches a user, and the users receive every line of each other, in order.
 */
class LiveFuzzTest {

  private static final int FUZZ_CONNECTIONS = 150;
  private static final int LINES_PER_USER = 100;

  @Test
  @DisplayName("150 fuzzing connections do not disturb three users chatting")
  void fuzzWhileChatting() throws Exception {
    ChatNode node = TestNodes.start();
    List<Throwable> escaped = new CopyOnWriteArrayList<>();
    node.vertx().exceptionHandler(escaped::add);
    ExecutorService fuzzers = Executors.newFixedThreadPool(8);
    try (ChatClient a = ChatClient.connect(node.port()).nick("fuzzA").join("calm");
         ChatClient b = ChatClient.connect(node.port()).nick("fuzzB").join("calm");
         ChatClient c = ChatClient.connect(node.port()).nick("fuzzC").join("calm")) {
      a.awaitLine("JOIN calm fuzzC");
      b.awaitLine("JOIN calm fuzzC");
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < FUZZ_CONNECTIONS; i++) {
        long seed = 7_000 + i;
        running.add(fuzzers.submit(() -> fuzz(node.port(), seed)));
      }
      List<ChatClient> users = List.of(a, b, c);
      for (int n = 0; n < LINES_PER_USER; n++) {
        for (ChatClient user : users) {
          user.send("line " + n);
        }
      }
      for (Future<?> fuzzer : running) {
        fuzzer.get(60, TimeUnit.SECONDS);
      }
      for (ChatClient receiver : users) {
        int[] next = new int[3];
        for (int k = 0; k < 2 * LINES_PER_USER; k++) {
          String[] line = receiver.awaitPrefix("MSG calm ").split(" ");
          int sender = line[2].charAt(4) - 'A';
          assertEquals("line", line[3]);
          assertEquals(next[sender]++, Integer.parseInt(line[4]), "from " + line[2]);
        }
      }
      a.send("/who calm");
      a.awaitLine("WHO calm 3 fuzzA fuzzB fuzzC");
      assertEquals(List.of(), escaped, "exceptions escaped to Vert.x");
    } finally {
      fuzzers.shutdownNow();
      node.stop().await();
    }
  }

  /** Sends one seeded hostile stream, sometimes in one packet, and drops the connection. */
  private static Void fuzz(int port, long seed) throws IOException {
    Random random = new Random(seed);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      OutputStream out = socket.getOutputStream();
      for (int burst = 0; burst < 1 + random.nextInt(4); burst++) {
        out.write(ProtocolFuzzTest.hostileStream(random));
        out.flush();
      }
      if (random.nextBoolean()) {
        socket.setSoLinger(true, 0);
      }
    } catch (IOException e) {
      // The server may close a fuzzer first (flood, line limits): that is allowed.
    }
    return null;
  }
}
