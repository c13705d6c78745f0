package clusterchat.testing;

import clusterchat.ChatNode;
import clusterchat.config.ConfigLoader;
import io.vertx.core.json.JsonObject;

/** Starts real chat nodes in the test JVM on a free loopback port. */
public final class TestNodes {

  private TestNodes() {
  }

  /**
   * A node on 127.0.0.1 and free ports (chat, IRC, web chat and the admin listener), with two
   * instances and generous rate limits unless the overrides say otherwise. Overrides use the
   * config file's nested layout.
   */
  public static ChatNode start(JsonObject overrides) {
    JsonObject config = new JsonObject()
        .put("tcp", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 2))
        .put("irc", new JsonObject().put("port", 0))
        .put("http", new JsonObject().put("port", 0))
        .put("admin", new JsonObject().put("port", 0))
        .put("limits", new JsonObject().put("rateBurst", 1000).put("rateLinesPerSecond", 1000)
            .put("maxConnectionsPerIp", 100_000).put("connectsPerIpPerSecond", 100_000));
    return ChatNode.start(ConfigLoader.fromJson(config.mergeIn(overrides, true))).await();
  }

  public static ChatNode start() {
    return start(new JsonObject());
  }
}
