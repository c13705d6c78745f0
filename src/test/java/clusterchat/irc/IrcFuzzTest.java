package clusterchat.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clusterchat.ChatNode;
import clusterchat.protocol.ProtocolFuzzTest;
import clusterchat.testing.IrcTestClient;
import clusterchat.testing.TestNodes;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
 * Hostile input on the IRC port while three IRC users chat: random bytes, and registered clients
 * sending every command with random, missing, oversized and malformed parameters. The node stays
 * up, no exception escapes, and the users get every line of each other in order.
 */
class IrcFuzzTest {

  private static final int BYTE_FUZZERS = 60;
  private static final int COMMAND_FUZZERS = 60;
  private static final int COMMANDS_PER_FUZZER = 150;
  private static final int LINES_PER_USER = 100;
  private static final String[] COMMANDS = {"NICK", "USER", "PASS", "CAP", "JOIN", "PART", "PRIVMSG", "NOTICE",
      "TAGMSG", "NAMES", "WHO", "WHOIS", "TOPIC", "MODE", "KICK", "AWAY", "ISON", "USERHOST", "OPER", "LUSERS",
      "MOTD", "LIST", "PING", "PONG", "QUIT", "FROB"};
  private static final String[] WORDS = {"", "#calm", "#x", "#", "##", "#a,#b,#c", "0", "*", "?", "%tcuihsnfdlaor,1",
      "%", "+o", "-o", "+k", "+ov-t", "+b", "b", "+zq", "fuzzA", "fuzzB", "nobody", "a,b,c,d,e,f", ":", "::",
      "\u0001ACTION x\u0001", "\u0001", "é", "\uD83D\uDE00", "LS", "REQ", "END", "LIST", "302", "-", "+i", "~"};

  @Test
  @DisplayName("byte and command fuzzing on the IRC port does not disturb three IRC users chatting")
  void fuzzWhileChatting() throws Exception {
    ChatNode node = TestNodes.start(new JsonObject().put("rooms", new JsonObject().put("default", "")));
    int port = node.ircPort();
    List<Throwable> escaped = new CopyOnWriteArrayList<>();
    node.vertx().exceptionHandler(escaped::add);
    ExecutorService fuzzers = Executors.newFixedThreadPool(8);
    try (IrcTestClient a = IrcTestClient.register(port, "fuzzA").join("#calm");
         IrcTestClient b = IrcTestClient.register(port, "fuzzB").join("#calm");
         IrcTestClient c = IrcTestClient.register(port, "fuzzC").join("#calm")) {
      a.awaitContaining("fuzzC!fuzzc@");
      b.awaitContaining("fuzzC!fuzzc@");
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < BYTE_FUZZERS + COMMAND_FUZZERS; i++) {
        long seed = 9_000 + i;
        boolean bytes = i < BYTE_FUZZERS;
        running.add(fuzzers.submit(() -> bytes ? fuzzBytes(port, seed) : fuzzCommands(port, seed)));
      }
      List<IrcTestClient> users = List.of(a, b, c);
      for (int n = 0; n < LINES_PER_USER; n++) {
        for (IrcTestClient user : users) {
          user.send("PRIVMSG #calm :line " + n);
        }
      }
      for (Future<?> fuzzer : running) {
        fuzzer.get(120, TimeUnit.SECONDS);
      }
      for (IrcTestClient receiver : users) {
        int[] next = new int[3];
        for (int k = 0; k < 2 * LINES_PER_USER; k++) {
          String line = receiver.awaitContaining(" PRIVMSG #calm :line ");
          int sender = line.charAt(5) - 'A';
          assertEquals(next[sender]++, Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1)), line);
        }
      }
      a.send("NAMES #calm");
      String names = a.awaitContaining(" 353 fuzzA = #calm :");
      // Fuzzers (nicks f<seed>) may still be in the channel; the users are there, fuzzA still its operator.
      assertEquals(List.of("@fuzzA", "fuzzB", "fuzzC"), List.of(names.substring(names.lastIndexOf(':') + 1).split(" "))
          .stream().filter(name -> name.contains("fuzz")).sorted().toList());
      assertEquals(List.of(), escaped, "exceptions escaped to Vert.x");
    } finally {
      fuzzers.shutdownNow();
      node.stop().await();
    }
  }

  private static Void fuzzBytes(int port, long seed) {
    Random random = new Random(seed);
    try (Socket socket = open(port)) {
      OutputStream out = socket.getOutputStream();
      for (int burst = 0; burst < 1 + random.nextInt(4); burst++) {
        out.write(ProtocolFuzzTest.hostileStream(random));
        out.flush();
      }
    } catch (IOException e) {
      // The server may close a fuzzer first (flood, line limits): that is allowed.
    }
    return null;
  }

  /** Registers, then sends random commands built from IRC's grammar and hostile words. */
  private static Void fuzzCommands(int port, long seed) {
    Random random = new Random(seed);
    try (Socket socket = open(port)) {
      OutputStream out = socket.getOutputStream();
      StringBuilder lines = new StringBuilder("NICK f" + seed + "\r\nUSER f 0 * :fuzz\r\n");
      for (int i = 0; i < COMMANDS_PER_FUZZER; i++) {
        lines.append(randomLine(random)).append(random.nextInt(4) == 0 ? "\n" : "\r\n");
      }
      out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      // closed by the server (flood, QUIT): allowed
    }
    return null;
  }

  private static String randomLine(Random random) {
    StringBuilder line = new StringBuilder();
    if (random.nextInt(5) == 0) {
      line.append("@label=").append(random.nextInt(100)).append(";+t=").append("v".repeat(random.nextInt(50))).append(' ');
    }
    if (random.nextInt(8) == 0) {
      line.append(":someone!x@y ");
    }
    line.append(COMMANDS[random.nextInt(COMMANDS.length)]);
    int params = random.nextInt(6);
    for (int p = 0; p < params; p++) {
      line.append(' ');
      if (p == params - 1 && random.nextBoolean()) {
        line.append(':');
      }
      line.append(random.nextInt(20) == 0 ? "w".repeat(600) : WORDS[random.nextInt(WORDS.length)]);
    }
    return line.toString();
  }

  private static Socket open(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return socket;
  }
}
