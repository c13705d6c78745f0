package clusterchat.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.core.UserRecord;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestCluster;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a node does after Hazelcast merges it back from a split. The split itself is not staged
 * here: the test leaves the directory as the other side may have left it (one user removed as
 * lost, one nick taken by someone else) and then sends the node the merge signal that
 * ClusterMembership sends on Hazelcast's MERGED event.
 */
class SplitBrainMergeTest {

  @Test
  @DisplayName("after a merge a lost user is registered again and a nick taken meanwhile is renamed and told")
  void mergeRepairsTheDirectory() throws IOException {
    try (TestCluster cluster = TestCluster.start(2, new JsonObject());
         ChatClient lost = ChatClient.connect(cluster.node(0).port()).nick("wasLost").join("split");
         ChatClient collided = ChatClient.connect(cluster.node(0).port()).nick("twin").join("split");
         ChatClient watcher = ChatClient.connect(cluster.node(1).port()).nick("watcher").join("split")) {
      ChatNode merging = cluster.node(0);
      AsyncMap<String, JsonObject> users = merging.vertx().sharedData()
          .<String, JsonObject>getAsyncMap(Addresses.USERS_MAP).await();
      // The other side declared the node lost and someone there (on node 1) took the nick "twin".
      String otherSide = cluster.node(1).memberId();
      users.remove("waslost").await();
      users.put("twin", new UserRecord("Twin", otherSide, "clusterchat.inbox.elsewhere", List.of("lobby")).toJson()).await();

      merging.vertx().eventBus().publish(ClusterMembership.MERGED_ADDRESS, null);

      String notice = collided.awaitPrefix("NOTICE RENAMED ");
      String newNick = notice.substring(notice.lastIndexOf(' ') + 1);
      assertTrue(newNick.startsWith("guest-"), notice);
      // The two users may sit on different verticle instances: their lines come in either order.
      watcher.awaitAll(List.of("NICK split twin " + newNick, "JOIN split wasLost"));
      assertEquals("wasLost", UserRecord.fromJson(users.get("waslost").await()).nick());
      assertEquals(otherSide, UserRecord.fromJson(users.get("twin").await()).nodeId());
      assertEquals(newNick, UserRecord.fromJson(users.get(newNick).await()).nick());
    }
  }
}
