package clusterchat.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Layering configuration sources over the defaults, and the problems each bad value produces. */
class ConfigLayersTest {

  private static final String FILE = "conf/x.json";

  private static Map<ConfigKey, String> values(Object... keysAndValues) {
    Map<ConfigKey, String> map = new EnumMap<>(ConfigKey.class);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((ConfigKey) keysAndValues[i], (String) keysAndValues[i + 1]);
    }
    return map;
  }

  /** Source names for every key, as the loader builds them: a prefix plus the key's override name. */
  private static Map<ConfigKey, String> names(String prefix) {
    Map<ConfigKey, String> names = new EnumMap<>(ConfigKey.class);
    for (ConfigKey key : ConfigKey.values()) {
      names.put(key, prefix + key.envName());
    }
    return names;
  }

  private static List<String> problems(ConfigLayers layers) {
    ConfigException e = assertThrows(ConfigException.class, layers::build);
    assertEquals(String.join("\n", e.problems()), e.getMessage());
    return e.problems();
  }

  private static List<String> jsonProblems(JsonObject json) {
    return problems(new ConfigLayers().applyJson(FILE, json));
  }

  /** The single problem reported, which must start with {@code prefix}. */
  private static String onlyProblem(List<String> problems, String prefix) {
    assertEquals(1, problems.size(), "problems: " + problems);
    String problem = problems.get(0);
    assertTrue(problem.startsWith(prefix), "expected a problem starting with <" + prefix + "> but was <" + problem + ">");
    return problem;
  }

  private static JsonObject tcp(String key, Object value) {
    return new JsonObject().put("tcp", new JsonObject().put(key, value));
  }

  // Defaults and layering

  @Test
  @DisplayName("with no layers, every key has its ConfigKey default")
  void defaults() {
    JsonObject json = new ConfigLayers().build().toJson();
    for (ConfigKey key : ConfigKey.values()) {
      assertEquals(key.defaultValue(), ConfigLayers.get(json, key.path()), key.path());
    }
    ChatConfig config = new ConfigLayers().build();
    assertEquals(ConfigKey.TCP_PORT.defaultValue(), config.tcpPort());
    assertEquals(ConfigKey.ROOMS_DEFAULT.defaultValue(), config.defaultRoom());
    assertEquals(ConfigKey.PROTOCOL_MAX_LINE_BYTES.defaultValue(), config.maxLineBytes());
    assertEquals(ConfigKey.TCP_HOST.defaultValue(), config.tcpHost());
  }

  @Test
  @DisplayName("a JSON layer overrides the keys it names and leaves the others at their defaults")
  void jsonOverrides() {
    ChatConfig config = new ConfigLayers().applyJson(FILE, new JsonObject()
        .put("tcp", new JsonObject().put("port", 7100).put("host", "0.0.0.0"))
        .put("rooms", new JsonObject().put("default", "dev"))
        .put("limits", new JsonObject().put("rateBurst", 7)))
        .build();
    assertEquals(7100, config.tcpPort());
    assertEquals("0.0.0.0", config.tcpHost());
    assertEquals("dev", config.defaultRoom());
    assertEquals(7, config.rateBurst());
    assertEquals(ConfigKey.PROTOCOL_MAX_LINE_BYTES.defaultValue(), config.maxLineBytes());
    assertEquals(ConfigKey.LIMITS_RATE_LINES_PER_SECOND.defaultValue(), config.rateLinesPerSecond());
  }

  @Test
  @DisplayName("an integer written as 7100.0 is accepted and stored as an int")
  void wholeDoubleAccepted() {
    ChatConfig config = new ConfigLayers().applyJson(FILE, tcp("port", 7100.0)).build();
    assertEquals(7100, config.tcpPort());
    assertEquals(Integer.valueOf(7100), ConfigLayers.get(config.toJson(), "tcp.port"));
  }

  @Test
  @DisplayName("string layers win in order: file, then environment, then system properties, then flags")
  void laterLayersWin() {
    ConfigLayers layers = new ConfigLayers()
        .applyJson(FILE, tcp("port", 7100))
        .applyStrings(values(ConfigKey.TCP_PORT, "7200", ConfigKey.PROTOCOL_MAX_LINE_BYTES, "512",
            ConfigKey.TCP_HOST, "10.0.0.1"), names("environment variable "))
        .applyStrings(values(ConfigKey.TCP_PORT, "7300", ConfigKey.TCP_HOST, "10.0.0.2"), names("system property "))
        .applyStrings(values(ConfigKey.TCP_PORT, "7400"), names("flag "));
    ChatConfig config = layers.build();
    assertEquals(7400, config.tcpPort());
    assertEquals("10.0.0.2", config.tcpHost());
    assertEquals(512, config.maxLineBytes(), "a key set only by an earlier layer keeps its value");

    ChatConfig withoutFlags = new ConfigLayers()
        .applyJson(FILE, tcp("port", 7100))
        .applyStrings(values(ConfigKey.TCP_PORT, "7200"), names("environment variable "))
        .applyStrings(values(ConfigKey.TCP_PORT, "7300"), names("system property "))
        .build();
    assertEquals(7300, withoutFlags.tcpPort());

    ChatConfig envOnly = new ConfigLayers()
        .applyJson(FILE, tcp("port", 7100))
        .applyStrings(values(ConfigKey.TCP_PORT, "7200"), names("environment variable "))
        .build();
    assertEquals(7200, envOnly.tcpPort());
  }

  @Test
  @DisplayName("string values are parsed per type: integers (surrounding blanks allowed), booleans, strings as given")
  void stringParsing() {
    ChatConfig config = new ConfigLayers()
        .applyStrings(values(ConfigKey.TCP_PORT, " 7001 ", ConfigKey.CLUSTER_ENABLED, "TRUE",
            ConfigKey.CLUSTER_NAME, " spaced name "), names("flag "))
        .build();
    assertEquals(7001, config.tcpPort());
    assertTrue(config.clusterEnabled());
    assertEquals(" spaced name ", config.clusterName());
    assertFalse(new ConfigLayers().applyStrings(values(ConfigKey.CLUSTER_ENABLED, "false"), names("flag "))
        .build().clusterEnabled());
  }

  @Test
  @DisplayName("keys starting with '_' are comments, at the top and inside sections")
  void commentsIgnored() {
    ChatConfig config = new ConfigLayers().applyJson(FILE, new JsonObject()
        .put("_comment", "top")
        .put("tcp", new JsonObject().put("_comment", new JsonObject().put("any", "thing")).put("port", 7001))
        .put("_other", 12))
        .build();
    assertEquals(7001, config.tcpPort());
  }

  // Problems

  @Test
  @DisplayName("an unknown key is reported with the source name and its full path")
  void unknownKey() {
    assertEquals(List.of(FILE + ": unknown key \"tcp.prot\""), jsonProblems(tcp("prot", 7001)));
    assertEquals(List.of(FILE + ": unknown key \"bogus\""), jsonProblems(new JsonObject().put("bogus", 1)));
  }

  @Test
  @DisplayName("a string for an integer key is reported naming the key and the value")
  void stringForInt() {
    String problem = onlyProblem(jsonProblems(tcp("port", "7001")), FILE + ": tcp.port: ");
    assertTrue(problem.contains("expected an integer from 0 to 65535"), problem);
    assertTrue(problem.contains("\"7001\""), problem);
  }

  @Test
  @DisplayName("a fraction for an integer key is reported naming the key")
  void fractionForInt() {
    String problem = onlyProblem(jsonProblems(tcp("port", 7000.5)), FILE + ": tcp.port: ");
    assertTrue(problem.contains("expected an integer"), problem);
    assertTrue(problem.contains("7000.5"), problem);
  }

  @Test
  @DisplayName("an object where a value belongs is reported naming the key")
  void objectForLeaf() {
    String problem = onlyProblem(jsonProblems(tcp("port", new JsonObject().put("value", 7001))), FILE + ": tcp.port: ");
    assertTrue(problem.contains("expected an integer"), problem);
    onlyProblem(jsonProblems(tcp("host", new JsonObject())), FILE + ": tcp.host: expected a string");
  }

  @Test
  @DisplayName("a number for a string key is reported naming the key")
  void numberForString() {
    String problem = onlyProblem(jsonProblems(tcp("host", 5)), FILE + ": tcp.host: ");
    assertTrue(problem.contains("expected a string"), problem);
    assertTrue(problem.endsWith("5"), problem);
  }

  @Test
  @DisplayName("a non-boolean for a boolean key is reported naming the key")
  void wrongBoolean() {
    String problem = onlyProblem(jsonProblems(new JsonObject().put("cluster", new JsonObject().put("enabled", "yes"))),
        FILE + ": cluster.enabled: ");
    assertTrue(problem.contains("expected true or false"), problem);
    onlyProblem(problems(new ConfigLayers().applyStrings(values(ConfigKey.CLUSTER_ENABLED, "yes"), names("flag "))),
        "flag CHAT_CLUSTER_ENABLED (cluster.enabled): expected true or false");
  }

  @Test
  @DisplayName("a non-object where a section is expected is reported naming the section")
  void nonObjectSection() {
    assertEquals(List.of(FILE + ": tcp: expected an object of settings"), jsonProblems(new JsonObject().put("tcp", 5)));
    assertEquals(List.of(FILE + ": limits: expected an object of settings"),
        jsonProblems(new JsonObject().put("limits", "none")));
  }

  @Test
  @DisplayName("values out of range are reported with the range; the range ends themselves are accepted")
  void outOfRange() {
    String high = onlyProblem(jsonProblems(tcp("port", 70000)), FILE + ": tcp.port: ");
    assertTrue(high.contains("from 0 to 65535") && high.contains("70000"), high);
    onlyProblem(jsonProblems(tcp("port", -1)), FILE + ": tcp.port: ");
    onlyProblem(jsonProblems(new JsonObject().put("protocol", new JsonObject().put("maxLineBytes", 63))),
        FILE + ": protocol.maxLineBytes: ");
    onlyProblem(jsonProblems(new JsonObject().put("protocol", new JsonObject().put("maxLineBytes", (1 << 20) + 1))),
        FILE + ": protocol.maxLineBytes: ");
    onlyProblem(problems(new ConfigLayers().applyStrings(values(ConfigKey.TCP_PORT, "99999999999"), names("flag "))),
        "flag CHAT_TCP_PORT (tcp.port): ");

    assertEquals(0, new ConfigLayers().applyJson(FILE, tcp("port", 0)).build().tcpPort());
    assertEquals(65535, new ConfigLayers().applyJson(FILE, tcp("port", 65535)).build().tcpPort());
    assertEquals(64, new ConfigLayers().applyJson(FILE,
        new JsonObject().put("protocol", new JsonObject().put("maxLineBytes", 64))).build().maxLineBytes());
    assertEquals(1 << 20, new ConfigLayers().applyJson(FILE,
        new JsonObject().put("protocol", new JsonObject().put("maxLineBytes", 1 << 20))).build().maxLineBytes());
  }

  @Test
  @DisplayName("an environment-style layer with \"abc\" for tcp.port names the source from the names map")
  void badStringLayerNamesSource() {
    Map<ConfigKey, String> names = new EnumMap<>(ConfigKey.class);
    names.put(ConfigKey.TCP_PORT, "environment variable CHAT_TCP_PORT");
    String problem = onlyProblem(
        problems(new ConfigLayers().applyStrings(values(ConfigKey.TCP_PORT, "abc"), names)),
        "environment variable CHAT_TCP_PORT (tcp.port): ");
    assertTrue(problem.contains("expected an integer from 0 to 65535"), problem);
    assertTrue(problem.contains("\"abc\""), problem);
  }

  @Test
  @DisplayName("an invalid rooms.default is reported with the source that set it")
  void invalidDefaultRoom() {
    String problem = onlyProblem(jsonProblems(new JsonObject().put("rooms", new JsonObject().put("default", "bad room"))),
        FILE + ": rooms.default: ");
    assertTrue(problem.contains("\"bad room\""), problem);
    assertTrue(problem.contains("not a valid room name"), problem);

    Map<ConfigKey, String> names = new EnumMap<>(ConfigKey.class);
    names.put(ConfigKey.ROOMS_DEFAULT, "--room");
    onlyProblem(problems(new ConfigLayers()
        .applyJson(FILE, new JsonObject().put("rooms", new JsonObject().put("default", "dev")))
        .applyStrings(values(ConfigKey.ROOMS_DEFAULT, "##x"), names)), "--room (rooms.default): ");
  }

  @Test
  @DisplayName("a valid room name with '#' and capitals is accepted as rooms.default")
  void defaultRoomWithHash() {
    ChatConfig config = new ConfigLayers().applyJson(FILE,
        new JsonObject().put("rooms", new JsonObject().put("default", "#Dev"))).build();
    assertNotNull(config);
    assertEquals("dev", clusterchat.core.Names.canonicalRoom(config.defaultRoom()));
  }

  @Test
  @DisplayName("cluster members must be host:port; a bad entry is reported naming the key and the entry")
  void clusterMembers() {
    ChatConfig config = new ConfigLayers().applyJson(FILE, new JsonObject().put("cluster",
        new JsonObject().put("members", " 10.0.0.1:5701, node-b:5702 ,"))).build();
    assertEquals(List.of("10.0.0.1:5701", "node-b:5702"), config.clusterMembers());

    String problem = onlyProblem(jsonProblems(new JsonObject().put("cluster",
        new JsonObject().put("members", "10.0.0.1:5701,10.0.0.2"))), FILE + ": cluster.members: ");
    assertTrue(problem.contains("\"10.0.0.2\""), problem);
  }

  @Test
  @DisplayName("admin.token: empty or 16+ token characters; a bad one is reported without repeating it")
  void adminToken() {
    String token = "s3cret-Token_0123456789+/==";
    ChatConfig config = new ConfigLayers().applyStrings(values(ConfigKey.ADMIN_TOKEN, token), names("env ")).build();
    assertEquals(token, config.adminToken());
    assertEquals("(hidden)", config.toPrintableJson().getJsonObject("admin").getString("token"));
    assertEquals(token, config.toJson().getJsonObject("admin").getString("token"));
    assertEquals("", new ConfigLayers().build().toPrintableJson().getJsonObject("admin").getString("token"));

    for (String bad : List.of("short-token", "has a space in it, long enough", "ümlaut-is-not-a-token-char")) {
      String problem = onlyProblem(problems(new ConfigLayers().applyStrings(values(ConfigKey.ADMIN_TOKEN, bad),
          names("env "))), "env CHAT_ADMIN_TOKEN (admin.token): expected at least 16 characters");
      assertTrue(problem.endsWith("got " + bad.length() + " characters"), problem);
      assertFalse(problem.contains(bad), problem);
    }
  }

  @Test
  @DisplayName("http.host follows tcp.host while it is empty, and wins once set")
  void httpHostFollowsTcpHost() {
    JsonObject tcp = new JsonObject().put("tcp", new JsonObject().put("host", "0.0.0.0"));
    assertEquals("0.0.0.0", new ConfigLayers().applyJson(FILE, tcp).build().httpHost());
    assertEquals("127.0.0.2", new ConfigLayers().applyJson(FILE, tcp.copy()
        .put("http", new JsonObject().put("host", "127.0.0.2"))).build().httpHost());
  }

  @Test
  @DisplayName("http.allowedOrigins takes scheme://host[:port] entries; a path, a bad port or no scheme is reported")
  void allowedOrigins() {
    ChatConfig config = new ConfigLayers().applyJson(FILE, new JsonObject().put("http", new JsonObject()
        .put("allowedOrigins", " https://Chat.Example.com, http://10.0.0.5:8080 ,http://[::1]:7080"))).build();
    assertEquals(List.of("https://chat.example.com", "http://10.0.0.5:8080", "http://[::1]:7080"),
        config.httpAllowedOrigins());

    for (String bad : List.of("https://chat.example.com/", "chat.example.com", "http://host:70000", "ftp://host")) {
      String problem = onlyProblem(jsonProblems(new JsonObject().put("http", new JsonObject()
          .put("allowedOrigins", "http://ok.example.com," + bad))), FILE + ": http.allowedOrigins: ");
      assertTrue(problem.contains("\"" + bad + "\" is not an origin"), problem);
    }
  }

  @Test
  @DisplayName("bridge.bots lists name:sha256 entries; the hash is kept in lower case")
  void bridgeBots() {
    String hash = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
    ChatConfig config = new ConfigLayers().applyJson(FILE, new JsonObject().put("bridge", new JsonObject()
        .put("enabled", true).put("bots", " echobot:" + hash + " ,"))).build();
    assertEquals(Map.of("echobot", hash.toLowerCase(Locale.ROOT)), config.bridgeBots());
  }

  @Test
  @DisplayName("bad bridge.bots entries are reported naming the key and the entry; an enabled bridge needs a bot")
  void bridgeBotsProblems() {
    String hash = "a".repeat(64);
    String otherHash = "b".repeat(64);
    List<String> problems = jsonProblems(new JsonObject().put("bridge", new JsonObject().put("bots",
        "echobot:" + hash + ",no token,bad name:" + otherHash + ",short:abc,EchoBot:" + otherHash
            + ",twin:" + hash.toUpperCase(Locale.ROOT))));
    assertEquals(List.of(
        FILE + ": bridge.bots: \"no token\" is not name:sha256 (a valid nick, a colon, 64 hex digits)",
        FILE + ": bridge.bots: \"bad name:" + otherHash + "\" is not name:sha256 (a valid nick, a colon, 64 hex digits)",
        FILE + ": bridge.bots: \"short:abc\" is not name:sha256 (a valid nick, a colon, 64 hex digits)",
        FILE + ": bridge.bots: bot EchoBot is listed twice",
        FILE + ": bridge.bots: bot twin has the same token hash as another bot"), problems);

    onlyProblem(problems(new ConfigLayers().applyStrings(values(ConfigKey.BRIDGE_ENABLED, "true"), names("env "))),
        "env CHAT_BRIDGE_ENABLED (bridge.enabled): bridge.enabled is true, so bridge.bots must name at least one bot");
  }

  @Test
  @DisplayName("all problems are collected, not just the first")
  void allProblemsCollected() {
    List<String> problems = jsonProblems(new JsonObject()
        .put("tcp", new JsonObject().put("port", "x").put("prot", 1))
        .put("protocol", new JsonObject().put("maxLineBytes", 1)));
    assertEquals(3, problems.size(), "problems: " + problems);
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(FILE + ": tcp.port: ")), problems.toString());
    assertTrue(problems.contains(FILE + ": unknown key \"tcp.prot\""), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith(FILE + ": protocol.maxLineBytes: ")), problems.toString());

    List<String> acrossLayers = problems(new ConfigLayers()
        .applyJson(FILE, tcp("port", "x"))
        .applyStrings(values(ConfigKey.LIMITS_RATE_BURST, "0"), names("flag ")));
    assertEquals(2, acrossLayers.size(), "problems: " + acrossLayers);
    assertTrue(acrossLayers.get(0).startsWith(FILE + ": tcp.port: "), acrossLayers.toString());
    assertTrue(acrossLayers.get(1).startsWith("flag CHAT_LIMITS_RATE_BURST (limits.rateBurst): "), acrossLayers.toString());
  }

  // ConfigKey names

  @Test
  @DisplayName("environment variable names: tcp.port is CHAT_TCP_PORT, camelCase becomes words")
  void envNames() {
    assertEquals("CHAT_TCP_PORT", ConfigKey.TCP_PORT.envName());
    assertEquals("CHAT_PROTOCOL_MAX_LINE_BYTES", ConfigKey.PROTOCOL_MAX_LINE_BYTES.envName());
    assertEquals("CHAT_LIMITS_RATE_LINES_PER_SECOND", ConfigKey.LIMITS_RATE_LINES_PER_SECOND.envName());
    assertEquals("CHAT_ROOMS_DEFAULT", ConfigKey.ROOMS_DEFAULT.envName());
    Set<String> seen = new HashSet<>();
    for (ConfigKey key : ConfigKey.values()) {
      assertTrue(seen.add(key.envName()), "duplicate env name " + key.envName());
    }
  }

  @Test
  @DisplayName("system property names: tcp.port is chat.tcp.port")
  void propertyNames() {
    assertEquals("chat.tcp.port", ConfigKey.TCP_PORT.propertyName());
    assertEquals("chat.protocol.maxLineBytes", ConfigKey.PROTOCOL_MAX_LINE_BYTES.propertyName());
  }

  @Test
  @DisplayName("byPath finds every key by its path and nothing else")
  void byPath() {
    for (ConfigKey key : ConfigKey.values()) {
      assertEquals(key, ConfigKey.byPath(key.path()));
    }
    assertEquals(null, ConfigKey.byPath("tcp"));
    assertEquals(null, ConfigKey.byPath("tcp.prot"));
  }

  @Test
  @DisplayName("irc.operators takes NAME=HASH pairs only: a plain-text password is refused, naming the operator")
  void operatorsNeedHashes() {
    String hash = PasswordHash.hash("secret");
    JsonObject good = new JsonObject().put("irc", new JsonObject().put("operators", "alice=" + hash + ", bob=" + hash));
    assertEquals(2, new ConfigLayers().applyJson(FILE, good).build().ircOperators().size());
    JsonObject plain = new JsonObject().put("irc", new JsonObject().put("operators", "alice=" + hash + ",bob=secret"));
    String problem = onlyProblem(jsonProblems(plain), FILE + ": irc.operators: ");
    assertTrue(problem.contains("operator \"bob\" needs NAME=HASH"), problem);
  }
}
