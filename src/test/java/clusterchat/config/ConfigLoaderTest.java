package clusterchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the configuration from a real file, system properties and flags through vertx-config. */
class ConfigLoaderTest {

  private static final String PORT_PROPERTY = ConfigKey.TCP_PORT.propertyName();
  private static final String BURST_PROPERTY = ConfigKey.LIMITS_RATE_BURST.propertyName();

  @TempDir
  Path dir;

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    System.clearProperty(PORT_PROPERTY);
    System.clearProperty(BURST_PROPERTY);
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    System.clearProperty(PORT_PROPERTY);
    System.clearProperty(BURST_PROPERTY);
    vertx.close().await();
  }

  private static Map<ConfigKey, String> map(Object... keysAndValues) {
    Map<ConfigKey, String> map = new EnumMap<>(ConfigKey.class);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((ConfigKey) keysAndValues[i], (String) keysAndValues[i + 1]);
    }
    return map;
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private ChatConfig load(Path file, boolean required, Map<ConfigKey, String> flags, Map<ConfigKey, String> flagNames)
      throws Exception {
    return ConfigLoader.load(vertx, file, required, flags, flagNames).await(30, TimeUnit.SECONDS);
  }

  /** Loads expecting failure and returns the ConfigException, however await delivers it. */
  private ConfigException loadFailure(Path file, boolean required, Map<ConfigKey, String> flags,
      Map<ConfigKey, String> flagNames) throws Exception {
    Future<ChatConfig> future = ConfigLoader.load(vertx, file, required, flags, flagNames);
    try {
      ChatConfig config = future.await(30, TimeUnit.SECONDS);
      return fail("expected the load to fail, but it gave " + config.toJson().encode());
    } catch (java.util.concurrent.TimeoutException e) {
      throw e;
    } catch (Throwable thrown) {
      for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof ConfigException config) {
          return config;
        }
      }
      throw new AssertionError("expected a ConfigException, got " + thrown, thrown);
    }
  }

  @Test
  @DisplayName("a valid file is loaded and its values override the defaults")
  void loadsValidFile() throws Exception {
    Path file = write("config.json", """
        {
          "_comment": "test",
          "tcp": { "port": 7123, "host": "0.0.0.0" },
          "rooms": { "default": "dev" },
          "limits": { "rateBurst": 9 }
        }
        """);
    ChatConfig config = load(file, true, Map.of(), Map.of());
    assertEquals(7123, config.tcpPort());
    assertEquals("0.0.0.0", config.tcpHost());
    assertEquals("dev", config.defaultRoom());
    assertEquals(9, config.rateBurst());
    assertEquals(ConfigKey.PROTOCOL_MAX_LINE_BYTES.defaultValue(), config.maxLineBytes());
  }

  @Test
  @DisplayName("a missing required file fails with a ConfigException naming the file")
  void missingRequiredFile() throws Exception {
    Path missing = dir.resolve("nope.json");
    ConfigException e = loadFailure(missing, true, Map.of(), Map.of());
    assertEquals(1, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().get(0).contains(missing.toString()), e.problems().toString());
  }

  @Test
  @DisplayName("a missing optional file just means defaults")
  void missingOptionalFile() throws Exception {
    ChatConfig config = load(dir.resolve("absent.json"), false, Map.of(), Map.of());
    for (ConfigKey key : ConfigKey.values()) {
      assertEquals(key.defaultValue(), ConfigLayers.get(config.toJson(), key.path()), key.path());
    }
  }

  @Test
  @DisplayName("invalid JSON fails with a message naming the file and saying \"invalid JSON\"")
  void invalidJson() throws Exception {
    Path file = write("broken.json", "{ \"tcp\": { \"port\": 7000, }");
    ConfigException e = loadFailure(file, true, Map.of(), Map.of());
    assertEquals(1, e.problems().size(), e.problems().toString());
    String problem = e.problems().get(0);
    assertTrue(problem.startsWith(file.toString()), problem);
    assertTrue(problem.contains("invalid JSON"), problem);
  }

  @Test
  @DisplayName("an invalid value in the file is reported naming the file and the key")
  void invalidValueInFile() throws Exception {
    Path file = write("bad.json", "{ \"tcp\": { \"port\": \"seven\" } }");
    ConfigException e = loadFailure(file, true, Map.of(), Map.of());
    assertEquals(1, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().get(0).startsWith(file + ": tcp.port: "), e.problems().toString());
  }

  @Test
  @DisplayName("a chat.tcp.port system property overrides the file")
  void systemPropertyOverridesFile() throws Exception {
    Path file = write("config.json", "{ \"tcp\": { \"port\": 7123 }, \"limits\": { \"rateBurst\": 9 } }");
    System.setProperty(PORT_PROPERTY, "7456");
    ChatConfig config = load(file, true, Map.of(), Map.of());
    assertEquals(7456, config.tcpPort());
    assertEquals(9, config.rateBurst(), "keys without a property keep the file's value");
  }

  @Test
  @DisplayName("a bad system property is reported naming the property")
  void badSystemProperty() throws Exception {
    System.setProperty(PORT_PROPERTY, "abc");
    ConfigException e = loadFailure(dir.resolve("absent.json"), false, Map.of(), Map.of());
    assertEquals(1, e.problems().size(), e.problems().toString());
    String problem = e.problems().get(0);
    assertTrue(problem.startsWith("system property chat.tcp.port (tcp.port): "), problem);
    assertTrue(problem.contains("\"abc\""), problem);
  }

  @Test
  @DisplayName("flags override system properties, which override the file")
  void flagsOverrideSystemProperties() throws Exception {
    Path file = write("config.json", "{ \"tcp\": { \"port\": 7123 }, \"limits\": { \"rateBurst\": 9 } }");
    System.setProperty(PORT_PROPERTY, "7456");
    System.setProperty(BURST_PROPERTY, "11");
    ChatConfig config = load(file, true, map(ConfigKey.TCP_PORT, "7789"), map(ConfigKey.TCP_PORT, "--port"));
    assertEquals(7789, config.tcpPort());
    assertEquals(11, config.rateBurst());
  }

  @Test
  @DisplayName("a flag's problem names the flag given in flagNames")
  void flagProblemNamesFlag() throws Exception {
    ConfigException e = loadFailure(dir.resolve("absent.json"), false,
        map(ConfigKey.TCP_PORT, "seven", ConfigKey.ROOMS_DEFAULT, "lobby"),
        map(ConfigKey.TCP_PORT, "--port", ConfigKey.ROOMS_DEFAULT, "--room"));
    assertEquals(1, e.problems().size(), e.problems().toString());
    String problem = e.problems().get(0);
    assertTrue(problem.startsWith("--port (tcp.port): "), problem);
    assertTrue(problem.contains("\"seven\""), problem);
  }

  @Test
  @DisplayName("fromJson validates an in-code configuration over the defaults")
  void fromJson() {
    ChatConfig config = ConfigLoader.fromJson(new io.vertx.core.json.JsonObject()
        .put("tcp", new io.vertx.core.json.JsonObject().put("port", 0)));
    assertNotNull(config);
    assertEquals(0, config.tcpPort());
    assertEquals(ConfigKey.ROOMS_DEFAULT.defaultValue(), config.defaultRoom());
  }
}
