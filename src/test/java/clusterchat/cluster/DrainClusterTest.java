package clusterchat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.IrcTestClient;
import clusterchat.testing.SeqReader;
import clusterchat.testing.TestCluster;
import clusterchat.testing.WebChatClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The lame-duck drain: a node's clients move to the other nodes and lose nothing; in-JVM clusters. */
class DrainClusterTest {

  private static final Duration READ = Duration.ofSeconds(30);

  private static JsonObject settings() {
    return new JsonObject()
        .put("session", new JsonObject().put("resumeSeconds", 60))
        .put("shutdown", new JsonObject().put("drainSeconds", 5))
        .put("history", new JsonObject().put("maxPerRoom", 10_000))
        .put("limits", new JsonObject().put("rateBurst", 1000).put("rateLinesPerSecond", 1000));
  }

  @Test
  @DisplayName("a draining node sends BYE RECONNECT naming the other nodes; its user resumes there with every line once, and nobody sees it leave; IRC and web users get BYE SHUTDOWN")
  void drainMovesClients() throws Exception {
    try (TestCluster cluster = TestCluster.start(3, settings());
         ChatClient stay = ChatClient.connect(cluster.node(1).port()).nick("stay").join("moving");
         SeqReader mover = SeqReader.connect(cluster.node(0).port());
         IrcTestClient irc = IrcTestClient.register(cluster.node(0).ircPort(), "ircUser").join("#moving");
         WebChatClient web = WebChatClient.connect(cluster.node(0).httpPort()).nick("webUser")) {
      mover.nick("mover").join("moving");
      stay.awaitAll(List.of("JOIN moving mover", "JOIN moving ircUser"));
      stay.send("before the drain");
      mover.readUntilSaid("moving", "stay", "before the drain", READ);

      ChatNode draining = cluster.node(0);
      CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> drain(draining));
      String bye = mover.client().await(line -> line.startsWith("BYE "));
      List<String> others = List.of("127.0.0.1:" + cluster.node(1).port(), "127.0.0.1:" + cluster.node(2).port());
      assertEquals("BYE RECONNECT " + String.join(",", others.stream().sorted().toList())
          + " this node is going away; reconnect to one of these and /resume your session", bye);
      assertTrue(irc.awaitClosed().stream().anyMatch(line -> line.startsWith("ERROR ")), "IRC's form of BYE SHUTDOWN");
      List<String> webLines = web.awaitClosed();
      assertEquals("BYE SHUTDOWN the server is shutting down", webLines.get(webLines.size() - 1));
      stay.send("during the drain");
      mover.resumeOn(cluster.node(2).port(), READ);
      drained.get(30, TimeUnit.SECONDS);
      stay.send("after the drain");
      mover.readUntilSaid("moving", "stay", "after the drain", READ);
      assertEquals(List.of("before the drain", "during the drain", "after the drain"),
          mover.said().stream().filter(said -> said.room().equals("moving")).map(SeqReader.Said::text).toList());

      stay.send("/who moving");
      List<String> seen = stay.linesThrough("WHO moving 2 mover stay");
      assertTrue(seen.stream().noneMatch(line -> line.matches("(QUIT|PART) \\S+ mover( .*)?")), "nobody saw mover leave: " + seen);
    }
  }

  @Test
  @DisplayName("a rolling restart of all three nodes under load: every sender's lines reach every reader once and in order")
  void rollingRestartLosesNothing() throws Exception {
    try (TestCluster cluster = TestCluster.start(3, settings())) {
      List<String> rooms = List.of("alpha", "beta");
      List<SeqReader> senders = new ArrayList<>();
      List<SeqReader> readers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        senders.add(SeqReader.connect(cluster.node(i).port()).nick("sender" + i).join(rooms.get(i)));
      }
      for (int i = 0; i < 3; i++) {
        readers.add(SeqReader.connect(cluster.node(i).port()).nick("reader" + i).join("alpha").join("beta"));
      }
      AtomicBoolean stop = new AtomicBoolean();
      List<CompletableFuture<Integer>> sent = new ArrayList<>();
      for (SeqReader sender : senders) {
        sent.add(CompletableFuture.supplyAsync(() -> sendUntil(sender, stop)));
      }
      List<CompletableFuture<Void>> read = new ArrayList<>();
      for (SeqReader reader : readers) {
        read.add(CompletableFuture.runAsync(() -> {
          reader.readUntilSaid("alpha", "sender0", "end", Duration.ofSeconds(90));
          reader.readUntilSaid("beta", "sender1", "end", Duration.ofSeconds(90));
        }));
      }

      for (int i = 0; i < 3; i++) {
        drain(cluster.node(i));
        cluster.addNode();
      }
      stop.set(true);
      List<Integer> counts = new ArrayList<>();
      for (CompletableFuture<Integer> count : sent) {
        counts.add(count.get(60, TimeUnit.SECONDS));
      }
      for (CompletableFuture<Void> reading : read) {
        reading.get(120, TimeUnit.SECONDS);
      }
      for (SeqReader reader : readers) {
        reader.assertAllOnceInOrder("alpha", List.of("sender0"), "line", counts.get(0));
        reader.assertAllOnceInOrder("beta", List.of("sender1"), "line", counts.get(1));
      }
      assertTrue(counts.stream().allMatch(count -> count > 100), "the senders kept sending: " + counts);
      for (SeqReader client : senders) {
        client.close();
      }
      for (SeqReader client : readers) {
        client.close();
      }
    }
  }

  /** Drains the node and waits until it has stopped. */
  private static void drain(ChatNode node) {
    try {
      node.drain().await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the drain did not end", e);
    }
  }

  /** Sends "line N" to the sender's room until told to stop, following drains, then "end"; returns N. */
  private static int sendUntil(SeqReader sender, AtomicBoolean stop) {
    int count = 0;
    try {
      while (!stop.get()) {
        sender.readAvailable(READ);
        sender.client().send("line " + count++);
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos()); // pacing the load, not synchronisation
      }
      sender.readAvailable(READ);
      sender.client().send("end");
      return count;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
