package clusterchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.testing.AdminHttp;
import clusterchat.testing.ChatClient;
import clusterchat.testing.IrcTestClient;
import clusterchat.testing.KernelSockets;
import clusterchat.testing.ProcessRunner;
import clusterchat.testing.SeqReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A real 3-process cluster started by scripts/cluster.sh: every listener bound to the configured
 * address only (the admin listeners too), an IRC client and plain clients on different nodes in
 * one room, and one node killed by SIGKILL, seen by the survivors' metrics as well.
 */
class ClusterProcessIT {

  private static final Duration RELEASE_LIMIT = Duration.ofSeconds(10);
  /** Addresses the kernel has listening sockets on for this port. */
  private static List<String> listenAddresses(int port) throws IOException {
    return KernelSockets.localPort(port).stream()
        .filter(row -> row.state().equals(KernelSockets.LISTEN))
        .map(KernelSockets.Row::address)
        .distinct()
        .sorted()
        .toList();
  }

  @Test
  @DisplayName("kill -9 of one node: its plain user resumes on a survivor with every line once and in order, its IRC user quits as 'node lost', survivors keep chatting")
  void killOneNode() throws Exception {
    // user1 sends 30 lines at once: above the default burst of 20.
    Map<String, String> env = PortRanges.clusterEnv("it", Map.of("CHAT_LIMITS_RATE_BURST", "100"));
    int chatBase = Integer.parseInt(env.get("CLUSTER_CHAT_BASE_PORT"));
    int ircBase = Integer.parseInt(env.get("CLUSTER_IRC_BASE_PORT"));
    List<ChatClient> clients = new ArrayList<>();
    IrcTestClient irc = null;
    IrcTestClient ircGone = null;
    SeqReader user3 = null;
    try {
      PortRanges.run(List.of("scripts/cluster.sh", "start", "3"), env, Duration.ofSeconds(180));
      for (String base : List.of("CLUSTER_CHAT_BASE_PORT", "CLUSTER_IRC_BASE_PORT", "CLUSTER_HTTP_BASE_PORT",
          "CLUSTER_HAZELCAST_BASE_PORT", "CLUSTER_EVENTBUS_BASE_PORT", "CLUSTER_ADMIN_BASE_PORT")) {
        for (int node = 1; node <= 3; node++) {
          int port = Integer.parseInt(env.get(base)) + node;
          assertEquals(List.of("127.0.0.1"), listenAddresses(port), "listeners on port " + port);
        }
      }
      int adminBase = Integer.parseInt(env.get("CLUSTER_ADMIN_BASE_PORT"));
      for (int node = 1; node <= 3; node++) {
        AdminHttp.awaitStatus(adminBase + node, "/ready", 200, Duration.ofSeconds(60));
      }
      for (int node = 1; node <= 2; node++) {
        clients.add(ChatClient.connect(chatBase + node).nick("user" + node).join("kill"));
      }
      user3 = SeqReader.connect(chatBase + 3).nick("user3").join("kill");
      clients.get(0).awaitLine("JOIN kill user3");
      clients.get(1).awaitLine("JOIN kill user3");
      // An IRC client on node 1 chats with the plain client on node 2 in the same room.
      irc = IrcTestClient.register(ircBase + 1, "ircUser").join("#kill");
      clients.get(1).awaitLine("JOIN kill ircUser");
      irc.send("PRIVMSG #kill :hello from irc");
      clients.get(1).awaitLine("MSG kill ircUser hello from irc");
      clients.get(1).send("hello from nc");
      irc.awaitLine(":user2!chat@node2 PRIVMSG #kill :hello from nc");
      ircGone = IrcTestClient.register(ircBase + 3, "ircGone").join("#kill");
      clients.get(0).awaitLine("JOIN kill ircGone");
      for (int i = 0; i < 10; i++) {
        clients.get(0).send("line " + i);
      }
      user3.readUntilSaid("kill", "user1", "line 9", Duration.ofSeconds(10));

      long pid = Long.parseLong(Files.readString(Path.of("target/cluster/node3.pid")).strip());
      long killed = System.nanoTime();
      assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly());
      for (int i = 10; i < 30; i++) {
        clients.get(0).send("line " + i);
      }
      clients.get(1).awaitLine("QUIT kill ircGone node lost");
      Duration announced = Duration.ofNanos(System.nanoTime() - killed);
      System.out.println("kill -9 to 'node lost' notice: " + announced.toMillis() + " ms");
      assertTrue(announced.compareTo(RELEASE_LIMIT) < 0, "took " + announced);
      AdminHttp.awaitSample(adminBase + 1, "clusterchat_cluster_members", members -> members == 2);

      assertEquals("OK resume user3 lobby kill", user3.resumeOn(chatBase + 1, Duration.ofSeconds(30)));
      clients.get(0).send("line 30");
      user3.readUntilSaid("kill", "user1", "line 30", Duration.ofSeconds(10));
      user3.assertAllOnceInOrder("kill", List.of("user1"), "line", 31);
      // user1, ircUser and user3 (resumed) on node 1, user2 on node 2; the nick stayed user3's.
      AdminHttp.awaitSample(adminBase + 1, "clusterchat_cluster_users", users -> users == 4);
      try (ChatClient other = ChatClient.connect(chatBase + 2)) {
        assertEquals("ERR NICK_IN_USE user3 is already taken", other.claimNick("user3"));
      }
      clients.get(1).send("/who kill");
      List<String> seen = clients.get(1).linesThrough("WHO kill 4 ircUser user1 user2 user3");
      assertTrue(seen.stream().noneMatch(line -> line.startsWith("QUIT kill user3")), "nobody saw user3 quit: " + seen);

      clients.get(0).send("still chatting");
      clients.get(1).awaitLine("MSG kill user1 still chatting");
      clients.get(1).send("me too");
      clients.get(0).awaitLine("MSG kill user2 me too");
    } finally {
      for (ChatClient client : clients) {
        client.close();
      }
      for (AutoCloseable other : Arrays.asList(irc, ircGone, user3)) {
        if (other != null) {
          other.close();
        }
      }
      PortRanges.run(List.of("scripts/cluster.sh", "stop"), env, Duration.ofSeconds(60));
    }
    String status = String.join("\n", PortRanges.run(List.of("scripts/cluster.sh", "status"), env, Duration.ofSeconds(30)));
    assertEquals("no nodes started", status);
    for (int node = 1; node <= 3; node++) {
      assertFalse(Files.exists(Path.of("target/cluster/node" + node + ".pid")));
    }
  }

  @Test
  @DisplayName("POST /admin/drain on one node: the bundled client on it moves to the other node by itself with its nick, room and every line once; the drained node exits")
  void drainMovesTheBundledClient() throws Exception {
    Map<String, String> env = PortRanges.clusterEnv("drain", Map.of());
    int chatBase = Integer.parseInt(env.get("CLUSTER_CHAT_BASE_PORT"));
    int adminBase = Integer.parseInt(env.get("CLUSTER_ADMIN_BASE_PORT"));
    String node1 = "127.0.0.1:" + (chatBase + 1);
    String node2 = "127.0.0.1:" + (chatBase + 2);
    try {
      PortRanges.run(List.of("scripts/cluster.sh", "start", "2"), env, Duration.ofSeconds(180));
      for (int node = 1; node <= 2; node++) {
        AdminHttp.awaitStatus(adminBase + node, "/ready", 200, Duration.ofSeconds(60));
      }
      long drainedPid = Long.parseLong(Files.readString(Path.of("target/cluster/node2.pid")).strip());
      try (ChatClient stay = ChatClient.connect(chatBase + 1).nick("stay").join("moving");
           ProcessRunner client = ProcessRunner.start(List.of("scripts/client.sh", "--servers", node2 + "," + node1),
               Map.of())) {
        client.sendLine("/nick mover");
        client.sendLine("/join moving");
        stay.awaitLine("JOIN moving mover");
        stay.send("before the drain");
        client.awaitOutput(line -> line.equals("MSG moving stay before the drain"), Duration.ofSeconds(10));

        assertEquals(202, AdminHttp.post(adminBase + 2, "/admin/drain").statusCode());
        stay.send("during the drain");
        client.awaitOutput(line -> line.contains("resumed as mover in lobby, moving"), Duration.ofSeconds(30));
        stay.send("after the drain");
        client.awaitOutput(line -> line.equals("MSG moving stay after the drain"), Duration.ofSeconds(10));
        assertEquals(List.of("MSG moving stay before the drain", "MSG moving stay during the drain",
            "MSG moving stay after the drain"), client.output().stream().filter(line -> line.startsWith("MSG ")).toList());
        Optional<ProcessHandle> drained = ProcessHandle.of(drainedPid);
        if (drained.isPresent()) {
          drained.get().onExit().get(30, TimeUnit.SECONDS);
        }

        stay.send("/who moving");
        List<String> seen = stay.linesThrough("WHO moving 2 mover stay");
        assertTrue(seen.stream().noneMatch(line -> line.matches("(QUIT|PART) moving mover( .*)?")), seen.toString());
        client.sendLine("/quit");
        assertEquals(0, client.awaitExit(Duration.ofSeconds(10)), client.output().toString());
      }
    } finally {
      PortRanges.run(List.of("scripts/cluster.sh", "stop"), env, Duration.ofSeconds(60));
    }
  }
}
