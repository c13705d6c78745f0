package clusterchat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.bridge.BridgeError;
import clusterchat.config.ConfigKey;
import clusterchat.core.ErrorCode;
import clusterchat.protocol.CloseReason;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The docs follow the code: every config key, error code, bridge error and close reason is documented. */
class DocsTest {

  @Test
  @DisplayName("README documents every config key with its default and reload rule; conf/config.json sets every key")
  void everyConfigKeyDocumented() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    JsonObject shipped = new JsonObject(Files.readString(Path.of("conf", "config.json")));
    for (ConfigKey key : ConfigKey.values()) {
      Object value = key.defaultValue();
      String shown = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
      String row = "| `" + key.path() + "` | `" + shown + "` |";
      String reload = switch (key.reload()) {
        case CLUSTER -> "| live, cluster-wide |";
        case NODE -> "| live, per node |";
        case RESTART -> "| restart |";
      };
      assertTrue(readme.lines().anyMatch(line -> line.startsWith(row) && line.endsWith(reload)),
          "README lacks the row for " + key.path() + ": " + row + " ... " + reload);
      String[] path = key.path().split("\\.");
      assertTrue(shipped.getJsonObject(path[0]).containsKey(path[1]), "conf/config.json lacks " + key.path());
    }
  }

  @Test
  @DisplayName("docs/EVENTBUS.md documents every error code of the TCP bridge")
  void everyBridgeErrorDocumented() throws IOException {
    String eventBus = Files.readString(Path.of("docs", "EVENTBUS.md"));
    for (BridgeError error : BridgeError.values()) {
      assertTrue(eventBus.contains("| `" + error + "` |"), "EVENTBUS.md lacks bridge error " + error);
    }
  }

  @Test
  @DisplayName("docs/PROTOCOL.md documents every error code and every goodbye code")
  void everyCodeDocumented() throws IOException {
    String protocol = Files.readString(Path.of("docs", "PROTOCOL.md"));
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(protocol.contains("| `" + code + "` |"), "PROTOCOL.md lacks error code " + code);
    }
    for (CloseReason reason : CloseReason.values()) {
      if (reason != CloseReason.CONNECTION_LOST) {
        assertTrue(protocol.contains("| `" + reason + "` |"), "PROTOCOL.md lacks goodbye code " + reason);
      }
    }
  }
}
