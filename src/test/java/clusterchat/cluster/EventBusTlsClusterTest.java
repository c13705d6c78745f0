package clusterchat.cluster;

import clusterchat.testing.ChatClient;
import clusterchat.testing.TestCluster;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Two nodes whose event bus runs over mutual TLS still carry chat between them. */
class EventBusTlsClusterTest {

  @Test
  @DisplayName("with cluster.tls enabled, room lines and private messages cross nodes")
  void chatOverTlsEventBus() throws IOException {
    String cert = "src/test/resources/tls/cert.pem";
    JsonObject tls = new JsonObject().put("cluster", new JsonObject().put("tls", new JsonObject()
        .put("enabled", true).put("certPath", cert).put("keyPath", "src/test/resources/tls/key.pem").put("caPath", cert)));
    try (TestCluster cluster = TestCluster.start(2, tls);
         ChatClient a = ChatClient.connect(cluster.node(0).port()).nick("tlsA").join("sealed");
         ChatClient b = ChatClient.connect(cluster.node(1).port()).nick("tlsB").join("sealed")) {
      a.awaitLine("JOIN sealed tlsB");
      a.send("through the tunnel");
      b.awaitLine("MSG sealed tlsA through the tunnel");
      b.send("/msg tlsA private too");
      a.awaitLine("PRIV tlsB tlsA private too");
    }
  }
}
