package clusterchat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.core.History;
import clusterchat.core.HistoryQuery;
import clusterchat.core.RoomEvent;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestCluster;
import com.hazelcast.cluster.Member;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Room sequence numbers and the room log across three clustered nodes. */
class RoomLogClusterTest {

  private TestCluster cluster;
  private final List<ChatClient> clients = new ArrayList<>();

  @BeforeEach
  void startCluster() throws IOException {
    cluster = TestCluster.start(3, new JsonObject());
  }

  @AfterEach
  void stopCluster() throws IOException {
    for (ChatClient client : clients) {
      client.close();
    }
    cluster.close();
  }

  private ChatClient connect(ChatNode node) throws IOException {
    ChatClient client = ChatClient.connect(node.port());
    clients.add(client);
    return client;
  }

  /** Collects msgid to seq of every event published on a room's address, as seen on one node. */
  private Map<String, Long> numbersSeenOn(ChatNode node, String room) {
    Map<String, Long> seen = new ConcurrentHashMap<>();
    MessageConsumer<JsonObject> consumer = node.vertx().eventBus().consumer(Addresses.room(room),
        message -> seen.put(message.body().getString("msgid"), message.body().getLong("seq")));
    consumer.completion().await();
    return seen;
  }

  @Test
  @DisplayName("senders on three nodes: every node numbers each event alike and every member gets the same order")
  void sameNumbersAndOrderEverywhere() throws Exception {
    String room = "seqroom";
    Map<String, Long> onFirst = numbersSeenOn(cluster.node(0), room);
    Map<String, Long> onThird = numbersSeenOn(cluster.node(2), room);
    List<ChatClient> senders = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      senders.add(connect(cluster.node(i)).nick("sender" + i).join(room));
    }
    ChatClient readerA = connect(cluster.node(0)).nick("readerA").join(room);
    ChatClient readerC = connect(cluster.node(2)).nick("readerC").join(room);
    senders.get(0).awaitLine("JOIN " + room + " readerC");
    readerA.awaitLine("JOIN " + room + " readerC");
    int perSender = 100;
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ChatClient sender = senders.get(i);
      int index = i;
      Thread thread = new Thread(() -> IntStream.range(0, perSender).forEach(n -> sender.send("line " + index + "-" + n)));
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    List<String> orderA = messages(readerA, 3 * perSender);
    List<String> orderC = messages(readerC, 3 * perSender);
    assertEquals(orderA, orderC, "both readers get the room's lines in the same order");
    for (int i = 0; i < 3; i++) {
      String prefix = "MSG " + room + " sender" + i + " line " + i + "-";
      List<String> own = orderA.stream().filter(line -> line.startsWith(prefix)).toList();
      assertEquals(IntStream.range(0, perSender).mapToObj(n -> prefix + n).toList(), own, "one sender's lines keep its order");
    }
    assertEquals(onFirst, onThird, "each event has the same number on both nodes");
    List<Long> numbers = onFirst.values().stream().sorted().toList();
    assertEquals(LongStream.range(numbers.get(0), numbers.get(0) + numbers.size()).boxed().toList(), numbers,
        "numbers are contiguous");
  }

  /** The next count MSG lines a reader gets. */
  private static List<String> messages(ChatClient reader, int count) {
    List<String> lines = new ArrayList<>();
    while (lines.size() < count) {
      lines.add(reader.await(line -> line.startsWith("MSG ")));
    }
    return lines;
  }

  @Test
  @DisplayName("the room log survives the crash of the node holding its primary copy, and numbering goes on")
  void survivesOwnerCrash() throws IOException {
    String room = "durable";
    awaitBackups();
    int owner = ownerOf(room);
    int survivor = (owner + 1) % 3;
    ChatClient talker = connect(cluster.node(survivor)).nick("talker").join(room);
    for (int i = 0; i < 30; i++) {
      talker.send("kept " + i);
    }
    History before = awaitMessages(cluster.node(survivor), room, 30);
    cluster.crash(owner);
    History after = cluster.node(survivor).roomLog().read(room, HistoryQuery.latest(1000, true)).await();
    assertEquals(texts(before), texts(after), "every line is still there");
    assertEquals(before.epoch(), after.epoch(), "the backup carries on in the same epoch");
    ChatClient newcomer = connect(cluster.node(survivor)).nick("newcomer");
    newcomer.send("/join " + room);
    newcomer.awaitLine("OK join " + room);
    for (int i = 10; i < 30; i++) {
      assertTrue(newcomer.next().endsWith(" MSG " + room + " talker kept " + i), "history.onJoin replays the last 20");
    }
    talker.send("after the crash");
    History next = awaitMessages(cluster.node(survivor), room, 31);
    RoomEvent last = next.events().get(next.events().size() - 1);
    assertEquals("after the crash", last.text());
    assertEquals(before.nextSeq() + 1, last.seq(), "numbering goes on: the newcomer's JOIN, then this line");
  }

  /** Waits until every partition has its backup (a cluster just formed is still moving them). */
  private void awaitBackups() {
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    while (!cluster.hazelcast(0).getPartitionService().isClusterSafe() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(50_000_000);
    }
    assertTrue(cluster.hazelcast(0).getPartitionService().isClusterSafe(), "partitions have their backups");
  }

  /** The index of the node whose Hazelcast member owns the partition of the room's log. */
  private int ownerOf(String room) {
    Member owner = cluster.hazelcast(0).getPartitionService().getPartition(room).getOwner();
    return IntStream.range(0, 3)
        .filter(i -> cluster.hazelcast(i).getCluster().getLocalMember().getUuid().equals(owner.getUuid()))
        .findFirst().orElseThrow();
  }

  /** Reads the room's log until it holds count messages (lines are logged asynchronously). */
  private static History awaitMessages(ChatNode node, String room, int count) {
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    History history;
    while (true) {
      history = node.roomLog().read(room, HistoryQuery.latest(1000, true)).await();
      if (history.events().size() >= count || System.nanoTime() > deadline) {
        break;
      }
      LockSupport.parkNanos(10_000_000);
    }
    assertEquals(count, history.events().size());
    assertTrue(history.events().stream().allMatch(RoomEvent::sequenced));
    return history;
  }

  private static List<String> texts(History history) {
    return history.events().stream().map(RoomEvent::text).toList();
  }
}
