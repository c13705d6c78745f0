package clusterchat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.core.Seat;
import clusterchat.core.UserRecord;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestCluster;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a node does after Hazelcast merges it back from a split, with the shared state left as the
 * merge may leave it: one user removed as lost by the other side, one nick taken there, a ghost
 * record and seat of a connection that left during the split. The node is then sent the signal
 * ClusterMembership sends itself on Hazelcast's MERGED event. (ClusterSplitIT stages real splits.)
 */
class SplitBrainMergeTest {

  @Test
  @DisplayName("after a merge: lost users come back and are announced, a taken nick is renamed, ghosts go, /who is exact")
  void mergeRepairsTheDirectory() throws IOException {
    try (TestCluster cluster = TestCluster.start(2, new JsonObject().put("session", new JsonObject().put("resumeSeconds", 0)));
         ChatClient lost = ChatClient.connect(cluster.node(0).port()).nick("wasLost").join("split");
         ChatClient collided = ChatClient.connect(cluster.node(0).port()).nick("twin").join("split");
         ChatClient watcher = ChatClient.connect(cluster.node(1).port()).nick("watcher").join("split")) {
      ChatNode merging = cluster.node(0);
      AsyncMap<String, String> users = merging.vertx().sharedData()
          .<String, String>getAsyncMap(Addresses.USERS_MAP).await();
      String self = merging.memberId();
      String otherSide = cluster.node(1).memberId();
      // The other side declared the node lost (records and seats gone), and someone there took "twin".
      UserRecord lostRecord = UserRecord.fromJson(new JsonObject(users.get("waslost").await()));
      users.remove("waslost").await();
      merging.roomDirectory().unseat("split", lostRecord.connectionId()).await();
      users.put("twin", new UserRecord("Twin", otherSide, "clusterchat.inbox.elsewhere", "n2/999", List.of("lobby"))
          .toJson().encode()).await();
      // A user of this node who quit during the split comes back with the other side's copy.
      users.put("ghost", new UserRecord("ghost", self, "clusterchat.inbox.gone", "n1/424242", List.of("split"))
          .toJson().encode()).await();
      merging.roomDirectory().seat("split", new Seat("n1/424242", "ghost", self)).await();

      merging.vertx().eventBus().publish(ClusterMembership.MERGED_ADDRESS, null);

      String notice = collided.awaitPrefix("NOTICE RENAMED ");
      String newNick = notice.substring(notice.lastIndexOf(' ') + 1);
      assertTrue(newNick.startsWith("guest-"), notice);
      // The users may sit on different verticle instances: their lines come in any order.
      watcher.awaitAll(List.of("NICK split twin " + newNick, "JOIN split wasLost", "JOIN split " + newNick,
          "QUIT split ghost connection lost"));
      List<String> members = Stream.of("wasLost", newNick, "watcher").sorted(String.CASE_INSENSITIVE_ORDER).toList();
      watcher.awaitAnswer("/who split", "WHO ", "WHO split 3 " + String.join(" ", members));
      assertEquals(self, UserRecord.fromJson(new JsonObject(users.get("waslost").await())).nodeId());
      assertEquals(otherSide, UserRecord.fromJson(new JsonObject(users.get("twin").await())).nodeId());
      assertEquals(newNick, UserRecord.fromJson(new JsonObject(users.get(newNick).await())).nick());
      assertNull(users.get("ghost").await());
    }
  }
}
