package clusterchat.testing;

import clusterchat.ChatNode;
import clusterchat.config.ConfigLoader;
import clusterchat.config.ConfigSource;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
    return ChatNode.start(ConfigLoader.fromJson(defaults().mergeIn(overrides, true))).await();
  }

  private static JsonObject defaults() {
    return new JsonObject()
        .put("tcp", new JsonObject().put("host", "127.0.0.1").put("port", 0).put("instances", 2))
        .put("irc", new JsonObject().put("port", 0))
        .put("http", new JsonObject().put("port", 0))
        .put("admin", new JsonObject().put("port", 0))
        .put("limits", new JsonObject().put("rateBurst", 1000).put("rateLinesPerSecond", 1000)
            .put("maxConnectionsPerIp", 100_000).put("connectsPerIpPerSecond", 100_000));
  }

  /**
   * Starts a node whose config is the file, written now with the overrides over the test
   * defaults; a reload reads the file again.
   */
  public static ChatNode startWithConfigFile(Path file, JsonObject overrides) throws IOException {
    Files.writeString(file, defaults().mergeIn(overrides, true).encodePrettily());
    return ChatNode.start(ConfigLoader.fromJson(new JsonObject(Files.readString(file))),
        ConfigSource.of(file, true, Map.of(), Map.of())).await();
  }

  public static ChatNode start() {
    return start(new JsonObject());
  }
}
