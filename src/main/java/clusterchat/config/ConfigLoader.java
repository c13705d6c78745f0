package clusterchat.config;

import io.vertx.config.ConfigRetriever;
import io.vertx.config.ConfigRetrieverOptions;
import io.vertx.config.ConfigStoreOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the configuration: defaults, then the JSON file, then {@code CHAT_*} environment variables,
 * then {@code -Dchat.*} system properties, then command-line flags; later wins. vertx-config reads
 * each source; {@link ConfigLayers} merges and validates them.
 */
public final class ConfigLoader {

  /** The file used when no --config is given; a missing default file just means defaults. */
  public static final Path DEFAULT_FILE = Path.of("conf", "config.json");

  private ConfigLoader() {
  }

  /**
   * Loads the configuration. {@code flags} holds command-line values by key with the flag that set
   * them. Fails with {@link ConfigException} naming every problem.
   */
  public static Future<ChatConfig> load(Vertx vertx, Path file, boolean fileRequired, Map<ConfigKey, String> flags,
      Map<ConfigKey, String> flagNames) {
    if (fileRequired && !Files.isRegularFile(file)) {
      return Future.failedFuture(new ConfigException(List.of(file + ": no such config file")));
    }
    Future<JsonObject> fileJson = Files.isRegularFile(file)
        ? read(vertx, new ConfigStoreOptions().setType("file").setFormat("json")
            .setConfig(new JsonObject().put("path", file.toString())))
            .recover(err -> Future.failedFuture(new ConfigException(List.of(file + ": invalid JSON: " + rootMessage(err)))))
        : Future.succeededFuture(new JsonObject());
    Future<JsonObject> env = read(vertx, new ConfigStoreOptions().setType("env")
        .setConfig(new JsonObject().put("keys", envNames()).put("raw-data", true)));
    Future<JsonObject> sys = read(vertx, new ConfigStoreOptions().setType("sys")
        .setConfig(new JsonObject().put("hierarchical", false).put("cache", false).put("raw-data", true)));
    return Future.all(fileJson, env, sys).map(all -> new ConfigLayers()
        .applyJson(file.toString(), fileJson.result())
        .applyStrings(pick(env.result(), true), sourceNames(true))
        .applyStrings(pick(sys.result(), false), sourceNames(false))
        .applyStrings(flags, flagNames)
        .build());
  }

  /** Validates an in-code configuration over the defaults (for embedding and tests). */
  public static ChatConfig fromJson(JsonObject json) {
    return new ConfigLayers().applyJson("config", json).build();
  }

  private static Future<JsonObject> read(Vertx vertx, ConfigStoreOptions store) {
    ConfigRetriever retriever = ConfigRetriever.create(vertx,
        new ConfigRetrieverOptions().setScanPeriod(0).setIncludeDefaultStores(false).addStore(store));
    return retriever.getConfig().andThen(done -> retriever.close());
  }

  private static JsonArray envNames() {
    JsonArray names = new JsonArray();
    for (ConfigKey key : ConfigKey.values()) {
      names.add(key.envName());
    }
    return names;
  }

  private static Map<ConfigKey, String> pick(JsonObject source, boolean env) {
    Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      Object value = source.getValue(env ? key.envName() : key.propertyName());
      if (value != null) {
        values.put(key, value.toString());
      }
    }
    return values;
  }

  private static Map<ConfigKey, String> sourceNames(boolean env) {
    Map<ConfigKey, String> names = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      names.put(key, env ? "environment variable " + key.envName() : "system property " + key.propertyName());
    }
    return names;
  }

  private static String rootMessage(Throwable err) {
    Throwable root = err;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
