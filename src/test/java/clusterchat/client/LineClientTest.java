package clusterchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.client.FakeLineServer.Peer;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The client's own logic (LineClient with a scripted keyboard and screen) over real sockets: against
 * a real node for numbering and a real /resume, against {@link FakeLineServer}s for the moves
 * between nodes that a real cluster cannot stage on cue.
 */
class LineClientTest {

  private static final String GREETING = " Welcome to ClusterChat.";

  /** The client's run(io) in a thread of its own, which reads the typed lines as on a terminal; its exit code. */
  private static CompletableFuture<Integer> start(List<ServerAddress> servers, ScriptedIo io) {
    CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    Thread client = new Thread(() -> exitCode.complete(new LineClient(servers, false, false).run(io)), "test-client");
    client.setDaemon(true);
    client.start();
    return exitCode;
  }

  private static int exitCode(CompletableFuture<Integer> client) throws Exception {
    return client.get(ChatClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static ServerAddress local(int port) {
    return new ServerAddress("127.0.0.1", port);
  }

  @Test
  @DisplayName("on a real node: the client's own /seq on goes unseen and lines read as without it; the user's /seq on shows the prefixes")
  void numberingOnARealNode() throws Exception {
    ChatNode node = TestNodes.start();
    try (ChatClient bob = ChatClient.connect(node.port()).nick("bob")) {
      ScriptedIo io = new ScriptedIo();
      CompletableFuture<Integer> client = start(List.of(local(node.port())), io);
      io.await(line -> line.startsWith("SESSION "));
      io.type("/who"); // answered after the client's /seq on, which went out on SESSION
      io.await(line -> line.startsWith("WHO lobby 2 "));
      bob.send("hello");
      io.awaitLine("MSG lobby bob hello");
      io.type("/seq on");
      io.awaitLine("OK seq on");
      bob.send("numbered");
      io.await(line -> line.matches("SEQ [A-Za-z0-9-]+ [0-9]+ MSG lobby bob numbered"));
      io.endInput();
      io.awaitLine("BYE QUIT goodbye");
      assertEquals(0, exitCode(client));
      assertEquals(1, io.seen().stream().filter(line -> line.equals("OK seq on")).count(), "only the user's: " + io.seen());
    } finally {
      node.stop().await();
    }
  }

  @Test
  @DisplayName("on a real node: a connection lost through a cut network resumes on the next server, the missed line shown once")
  void resumesOnARealNode() throws Exception {
    ChatNode node = TestNodes.start();
    try (ChatClient bob = ChatClient.connect(node.port()).nick("bob"); TcpRelay relay = new TcpRelay(node.port())) {
      // Bob waits outside the lobby, so the client is shown no numbered line before the cut and its
      // /resume carries the token alone.
      bob.send("/part lobby");
      bob.awaitLine("OK part lobby");
      ScriptedIo io = new ScriptedIo();
      CompletableFuture<Integer> client = start(List.of(relay.address(), local(node.port())), io);
      String guest = io.await(line -> line.startsWith("HELLO ")).split(" ")[2];
      io.await(line -> line.startsWith("SESSION "));
      io.type("/who");
      io.awaitLine("WHO lobby 1 " + guest);

      int before = node.connectionCount();
      relay.cutNodeSide();
      long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
      while (node.connectionCount() >= before && System.nanoTime() < deadline) {
        LockSupport.parkNanos(10_000_000);
      }
      assertTrue(node.connectionCount() < before, "the node saw the connection go, and holds the session");
      bob.join("lobby");
      bob.send("while you were away");
      relay.close();

      io.awaitLine("** reconnected to " + local(node.port()) + ": resumed as " + guest + " in lobby");
      io.awaitLine("MSG lobby bob while you were away");
      io.type("back");
      bob.awaitLine("MSG lobby " + guest + " back");
      io.endInput();
      io.awaitLine("BYE QUIT goodbye");
      assertEquals(0, exitCode(client));
      List<String> seen = io.seen();
      assertTrue(seen.containsAll(List.of("** connection to " + relay.address() + " lost",
          "** reconnecting to " + relay.address() + " ...", "** reconnecting to " + local(node.port()) + " ...")),
          seen.toString());
      assertEquals(1, seen.stream().filter(line -> line.startsWith("HELLO ")).count(),
          "the new connection's greeting is not shown: " + seen);
      assertEquals(1, seen.stream().filter(line -> line.equals("MSG lobby bob while you were away")).count(), seen.toString());
    } finally {
      node.stop().await();
    }
  }

  @Test
  @DisplayName("a lost connection resumes on the next server with the newest token and the last position shown per room")
  void lostConnectionResumesElsewhere() throws Exception {
    try (FakeLineServer a = new FakeLineServer(); FakeLineServer b = new FakeLineServer()) {
      ScriptedIo io = new ScriptedIo();
      CompletableFuture<Integer> client = start(List.of(a.address(), b.address()), io);
      Peer first = greet(a, "node-a alice", "tok-1 30");
      first.send("OK seq on", "SEQ ep-1 7 MSG lobby bob hello", "OK join dev",
          "HISTORY 2026-11-23T15:20:11Z SEQ ep-2 41 MSG dev carol earlier", "SEQ ep-1 8 JOIN lobby dave");
      io.awaitLine("JOIN lobby dave");
      a.close();
      first.reset();

      Peer second = b.accept();
      second.send("HELLO node-b guest-2 lobby" + GREETING, "SESSION tok-2 30",
          "HISTORY 2026-11-23T15:10:00Z MSG lobby erin the new guest's history, not shown");
      assertEquals("/seq on", second.next());
      assertEquals("/resume tok-1 lobby:ep-1:8 dev:ep-2:41", second.next());
      second.send("OK seq on", "OK resume alice lobby dev", "NOTICE HISTORY_GAP dev: lines are missing",
          "SEQ ep-2 43 MSG dev carol missed");
      io.awaitLine("MSG dev carol missed");
      io.type("hi");
      assertEquals("hi", second.next(), "typed lines go to the new connection");
      second.send("BYE KICKED too noisy");
      second.close();
      assertEquals(0, exitCode(client), "a kick ends the client: no reconnect");
      io.awaitLine("BYE KICKED too noisy");
      assertEquals(List.of(
          "HELLO node-a alice lobby" + GREETING,
          "SESSION tok-1 30",
          "MSG lobby bob hello",
          "OK join dev",
          "HISTORY 2026-11-23T15:20:11Z MSG dev carol earlier",
          "JOIN lobby dave",
          "** connection to " + a.address() + " lost",
          "** reconnecting to " + a.address() + " ...",
          "** reconnecting to " + b.address() + " ...",
          "** reconnected to " + b.address() + ": resumed as alice in lobby, dev",
          "NOTICE HISTORY_GAP dev: lines are missing",
          "MSG dev carol missed",
          "BYE KICKED too noisy"), io.seen());
    }
  }

  @Test
  @DisplayName("ERR SESSION_ACTIVE (the cluster has not yet seen the old node die): the client asks again with the same token")
  void sessionStillActiveIsTriedAgain() throws Exception {
    try (FakeLineServer a = new FakeLineServer(); FakeLineServer b = new FakeLineServer()) {
      ScriptedIo io = new ScriptedIo();
      CompletableFuture<Integer> client = start(List.of(a.address(), b.address()), io);
      Peer first = greet(a, "node-a alice", "tok-1 30");
      first.send("OK seq on", "SEQ ep-1 7 MSG lobby bob hello");
      io.awaitLine("MSG lobby bob hello");
      a.close();
      first.reset();

      Peer early = greet(b, "node-b guest-2", "tok-2 30");
      assertEquals("/resume tok-1 lobby:ep-1:7", early.next());
      early.send("OK seq on", "ERR SESSION_ACTIVE that session's connection is still open");
      Peer again = greet(b, "node-b guest-3", "tok-3 30");
      assertEquals("/resume tok-1 lobby:ep-1:7", again.next(), "the same token and position, not the guest's");
      again.send("OK seq on", "OK resume alice lobby", "SEQ ep-1 8 MSG lobby bob missed");
      io.awaitLine("MSG lobby bob missed");
      io.type("/quit");
      assertEquals("/quit", again.next());
      again.send("BYE QUIT goodbye");
      again.close();
      assertEquals(0, exitCode(client));
    }
  }

  @Test
  @DisplayName("BYE RECONNECT sends the client to the node it names first; nothing typed is sent while no connection"
      + " stands; a refused resume leaves a new guest")
  void drainingNodeAndRefusedResume() throws Exception {
    try (FakeLineServer a = new FakeLineServer(); FakeLineServer c = new FakeLineServer()) {
      ScriptedIo io = new ScriptedIo();
      CompletableFuture<Integer> client = start(List.of(a.address()), io);
      Peer first = greet(a, "node-a guest-1", "tok-1 30");
      first.send("OK seq on", "SEQ e 3 MSG lobby bob hi", "BYE RECONNECT " + c.address() + " this node is draining");
      first.close();

      Peer moved = greet(c, "node-c guest-5", "tok-2 30");
      assertEquals("/resume tok-1 lobby:e:3", moved.next());
      moved.send("OK seq on", "OK resume guest-1 lobby");
      io.awaitLine("** reconnected to " + c.address() + ": resumed as guest-1 in lobby");
      moved.reset();

      Peer third = a.accept(); // lost: back to the configured server, which still listens
      io.awaitLine("** reconnecting to " + a.address() + " ...");
      io.type("said while away"); // no connection stands until the greeting below
      io.awaitLine("** not connected, not sent: said while away");
      third.send("HELLO node-a guest-7 lobby" + GREETING, "SESSION tok-3 30");
      assertEquals("/seq on", third.next());
      assertEquals("/resume tok-2 lobby:e:3", third.next(), "the token of the connection that resumed");
      third.send("OK seq on", "ERR NO_SESSION no session waits under that token");
      io.awaitLine("SESSION tok-3 30");
      third.send("BYE SHUTDOWN the server is shutting down");
      third.close();
      assertEquals(0, exitCode(client), "the only server known stops: the client ends");
      io.awaitLine("BYE SHUTDOWN the server is shutting down");
      assertEquals(List.of(
          "HELLO node-a guest-1 lobby" + GREETING,
          "SESSION tok-1 30",
          "MSG lobby bob hi",
          "BYE RECONNECT " + c.address() + " this node is draining",
          "** reconnecting to " + c.address() + " ...",
          "** reconnected to " + c.address() + ": resumed as guest-1 in lobby",
          "** connection to " + c.address() + " lost",
          "** reconnecting to " + a.address() + " ...",
          "** not connected, not sent: said while away",
          "** reconnected to " + a.address() + " but could not resume: no session waits under that token"
              + " [NO_SESSION]; you are a new guest",
          "HELLO node-a guest-7 lobby" + GREETING,
          "SESSION tok-3 30",
          "BYE SHUTDOWN the server is shutting down"), io.seen());
    }
  }

  @Test
  @DisplayName("no reconnect after the user's /quit, even when the goodbye never came")
  void noReconnectAfterQuit() throws Exception {
    try (FakeLineServer a = new FakeLineServer()) {
      ScriptedIo io = new ScriptedIo();
      CompletableFuture<Integer> client = start(List.of(a.address()), io);
      Peer first = greet(a, "node-a alice", "tok-1 30");
      io.type("/quit");
      assertEquals("/quit", first.next());
      first.reset();
      assertEquals(1, exitCode(client));
      io.awaitLine("** connection to " + a.address() + " lost");
      assertTrue(io.seen().stream().noneMatch(line -> line.startsWith("** reconnecting")), io.seen().toString());
    }
  }

  @Test
  @DisplayName("when no server answers, the client gives up once the session's time is over")
  void givesUpWhenTheSessionEnds() throws Exception {
    try (FakeLineServer a = new FakeLineServer()) {
      ScriptedIo io = new ScriptedIo();
      CompletableFuture<Integer> client = start(List.of(a.address()), io);
      Peer first = greet(a, "node-a alice", "tok-1 1");
      a.close();
      first.reset();
      assertEquals(1, exitCode(client));
      io.await(line -> line.startsWith("** could not reconnect within 1 s, the session is lost (" + a.address() + ": "));
      assertEquals(List.of("HELLO node-a alice lobby" + GREETING, "SESSION tok-1 1", "** connection to " + a.address()
          + " lost", "** reconnecting to " + a.address() + " ..."), io.seen().subList(0, 4));
    }
  }

  /**
   * Accepts the client's next connection: greets it as NODE NICK in lobby with the SESSION token
   * and seconds given, and takes the /seq on the client sends first.
   */
  private static Peer greet(FakeLineServer server, String nodeAndNick, String session) throws IOException {
    Peer peer = server.accept();
    peer.send("HELLO " + nodeAndNick + " lobby" + GREETING, "SESSION " + session);
    assertEquals("/seq on", peer.next());
    return peer;
  }
}
