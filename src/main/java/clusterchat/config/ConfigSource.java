package clusterchat.config;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Map;

/** Where a node's configuration comes from, so that a reload can read it again. */
@FunctionalInterface
public interface ConfigSource {

  Future<ChatConfig> load(Vertx vertx);

  /** The file, environment, system properties and command-line flags, as {@link ConfigLoader#load} reads them. */
  static ConfigSource of(Path file, boolean fileRequired, Map<ConfigKey, String> flags,
      Map<ConfigKey, String> flagNames) {
    Map<ConfigKey, String> fixedFlags = Map.copyOf(flags);
    Map<ConfigKey, String> fixedNames = Map.copyOf(flagNames);
    return vertx -> ConfigLoader.load(vertx, file, fileRequired, fixedFlags, fixedNames);
  }

  /** A configuration built in code (embedding, tests): a reload finds it unchanged. */
  static ConfigSource fixed(ChatConfig config) {
    return vertx -> Future.succeededFuture(config);
  }
}
