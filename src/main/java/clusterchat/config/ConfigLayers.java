package clusterchat.config;

import clusterchat.core.Names;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layers configuration sources over the defaults, later layers winning, and validates each value
 * against {@link ConfigKey} as it is applied, so every problem can name its source and key.
 */
final class ConfigLayers {

  /** A bearer token (RFC 6750 token68 characters), long enough not to be guessed. */
  private static final Pattern ADMIN_TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]{16,}=*");
  /** One cluster member address: host:port. */
  private static final Pattern MEMBER = Pattern.compile("[^\\s:,]+:(\\d{1,5})");
  /** One bridge.bots entry: a name, a colon and the SHA-256 of the bot's token in hex. */
  private static final Pattern BOT = Pattern.compile("([^:]*):([0-9a-fA-F]{64})");
  /** One web origin as browsers send it: scheme://host[:port], no path; IPv6 hosts in brackets. */
  private static final Pattern ORIGIN = Pattern.compile("https?://(\\[[0-9A-Fa-f:.]+]|[^\\s/:\\[\\]]+)(:(\\d{1,5}))?");

  private final JsonObject effective = new JsonObject();
  private final List<String> problems = new ArrayList<>();
  /** Where each key's current value came from, for problems found after layering. */
  private final Map<ConfigKey, String> origins = new EnumMap<>(ConfigKey.class);

  ConfigLayers() {
    for (ConfigKey key : ConfigKey.values()) {
      set(effective, key.path(), key.defaultValue());
      origins.put(key, "default " + key.path());
    }
  }

  /** Applies a JSON document; keys starting with '_' are comments. */
  ConfigLayers applyJson(String source, JsonObject json) {
    applyObject(source, "", json);
    return this;
  }

  /**
   * Applies live settings (a reload's): a flat map of key path to value. Keys this node does not
   * know (a node of another version) or reads only at start are left alone.
   */
  ConfigLayers applyLive(String source, JsonObject settings) {
    for (Map.Entry<String, Object> entry : settings) {
      ConfigKey key = ConfigKey.byPath(entry.getKey());
      if (key != null && key.reload() != ConfigKey.Reload.RESTART) {
        accept(source + " (" + key.path() + ")", key, entry.getValue());
      }
    }
    return this;
  }

  /** Applies string values (environment, system properties, flags); names maps each key to its source. */
  ConfigLayers applyStrings(Map<ConfigKey, String> values, Map<ConfigKey, String> names) {
    values.forEach((key, raw) -> {
      Object value = switch (key.type()) {
        case INT -> parseInt(raw);
        case BOOLEAN -> parseBoolean(raw);
        case STRING -> raw;
      };
      accept(names.get(key) + " (" + key.path() + ")", key, value);
    });
    return this;
  }

  ChatConfig build() {
    String room = (String) get(effective, ConfigKey.ROOMS_DEFAULT.path());
    if (problems.isEmpty() && !room.isEmpty() && Names.canonicalRoom(room) == null) {
      problems.add(origins.get(ConfigKey.ROOMS_DEFAULT) + ": \"" + room + "\" is not a valid room name");
    }
    if (problems.isEmpty()) {
      checkTls();
    }
    String token = (String) get(effective, ConfigKey.ADMIN_TOKEN.path());
    if (!token.isEmpty() && !ADMIN_TOKEN.matcher(token).matches()) {
      // The value is a secret: the problem describes it without repeating it.
      problems.add(origins.get(ConfigKey.ADMIN_TOKEN) + ": expected at least 16 characters of A-Z a-z 0-9 - . _ ~ + /"
          + " (optionally ending in =), got " + token.length() + " characters");
    }
    String members = (String) get(effective, ConfigKey.CLUSTER_MEMBERS.path());
    for (String member : members.split(",")) {
      if (!member.isBlank() && !isMemberAddress(member.strip())) {
        problems.add(origins.get(ConfigKey.CLUSTER_MEMBERS) + ": \"" + member.strip()
            + "\" is not host:port (one port per member; ranges are not supported)");
      }
    }
    checkOperators();
    checkBridge();
    checkAllowedOrigins();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new ChatConfig(effective.copy());
  }

  private void applyObject(String source, String prefix, JsonObject json) {
    for (Map.Entry<String, Object> entry : json) {
      if (entry.getKey().startsWith("_")) {
        continue;
      }
      String path = prefix + entry.getKey();
      ConfigKey key = ConfigKey.byPath(path);
      if (path.equals(ConfigKey.CUSTOM_SECTION)) {
        if (entry.getValue() instanceof JsonObject custom) {
          effective.put(ConfigKey.CUSTOM_SECTION, custom.copy());
        } else {
          problems.add(source + ": " + path + ": expected an object of settings");
        }
      } else if (key != null) {
        accept(source + ": " + path, key, entry.getValue());
      } else if (isSection(path) && entry.getValue() instanceof JsonObject section) {
        applyObject(source, path + ".", section);
      } else if (isSection(path)) {
        problems.add(source + ": " + path + ": expected an object of settings");
      } else {
        problems.add(source + ": unknown key \"" + path + "\"");
      }
    }
  }

  private void accept(String where, ConfigKey key, Object value) {
    String problem = check(key, value);
    if (problem != null) {
      problems.add(where + ": " + problem);
    } else {
      set(effective, key.path(), key.type() == ConfigKey.Type.INT ? ((Number) value).intValue() : value);
      origins.put(key, where);
    }
  }

  private static String check(ConfigKey key, Object value) {
    if (key.type() == ConfigKey.Type.STRING) {
      return value instanceof String ? null : "expected a string, got " + describe(value);
    }
    if (key.type() == ConfigKey.Type.BOOLEAN) {
      return value instanceof Boolean ? null : "expected true or false, got " + describe(value);
    }
    String expected = "expected an integer from " + key.min() + " to " + key.max();
    if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())) {
      return expected + ", got " + describe(value);
    }
    long n = number.longValue();
    return n < key.min() || n > key.max() ? expected + ", got " + n : null;
  }

  private static Object parseInt(String raw) {
    try {
      return Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      return raw;
    }
  }

  private void checkOperators() {
    String operators = (String) get(effective, ConfigKey.IRC_OPERATORS.path());
    for (String entry : operators.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.indexOf('=');
      if (equals <= 0 || !PasswordHash.isHash(entry.substring(equals + 1).strip())) {
        String name = equals <= 0 ? entry.strip() : entry.substring(0, equals).strip();
        problems.add(origins.get(ConfigKey.IRC_OPERATORS) + ": operator \"" + name
            + "\" needs NAME=HASH with a hash from the passwd subcommand (plain-text passwords are refused)");
      }
    }
  }

  private void checkTls() {
    boolean tls = (Boolean) get(effective, ConfigKey.TLS_ENABLED.path());
    if (!tls && !(Boolean) get(effective, ConfigKey.TCP_ENABLED.path())) {
      problems.add(origins.get(ConfigKey.TCP_ENABLED) + ": with tls.enabled false too, no chat listener would run");
    }
    if (tls) {
      checkPemFiles(ConfigKey.TLS_ENABLED, ConfigKey.TLS_CERT_PATH, ConfigKey.TLS_KEY_PATH);
    }
    if ((Boolean) get(effective, ConfigKey.CLUSTER_TLS_ENABLED.path())) {
      checkPemFiles(ConfigKey.CLUSTER_TLS_ENABLED, ConfigKey.CLUSTER_TLS_CERT_PATH, ConfigKey.CLUSTER_TLS_KEY_PATH,
          ConfigKey.CLUSTER_TLS_CA_PATH);
    }
  }

  private void checkPemFiles(ConfigKey switchKey, ConfigKey... files) {
    for (ConfigKey key : files) {
      String path = (String) get(effective, key.path());
      if (path.isEmpty()) {
        problems.add(origins.get(key) + ": " + switchKey.path() + " is true, so " + key.path() + " must name a PEM file");
      } else if (!Files.isReadable(Path.of(path))) {
        problems.add(origins.get(key) + ": cannot read \"" + path + "\"");
      }
    }
  }

  /** Each bridge.bots entry is name:sha256 with a valid nick, no name or token listed twice. */
  private void checkBridge() {
    String where = origins.get(ConfigKey.BRIDGE_BOTS);
    Set<String> names = new HashSet<>();
    Set<String> hashes = new HashSet<>();
    List<String> entries = Arrays.stream(((String) get(effective, ConfigKey.BRIDGE_BOTS.path())).split(","))
        .map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    for (String entry : entries) {
      Matcher bot = BOT.matcher(entry);
      if (!bot.matches() || !Names.isValidNick(bot.group(1))) {
        problems.add(where + ": \"" + entry + "\" is not name:sha256 (a valid nick, a colon, 64 hex digits)");
      } else if (!names.add(Names.nickKey(bot.group(1)))) {
        problems.add(where + ": bot " + bot.group(1) + " is listed twice");
      } else if (!hashes.add(bot.group(2).toLowerCase(Locale.ROOT))) {
        problems.add(where + ": bot " + bot.group(1) + " has the same token hash as another bot");
      }
    }
    if (entries.isEmpty() && (Boolean) get(effective, ConfigKey.BRIDGE_ENABLED.path())) {
      problems.add(origins.get(ConfigKey.BRIDGE_ENABLED) + ": bridge.enabled is true, so bridge.bots must name at least one bot");
    }
  }

  private static boolean isMemberAddress(String member) {
    var matcher = MEMBER.matcher(member);
    return matcher.matches() && Integer.parseInt(matcher.group(1)) >= 1 && Integer.parseInt(matcher.group(1)) <= 65535;
  }

  private void checkAllowedOrigins() {
    String allowed = (String) get(effective, ConfigKey.HTTP_ALLOWED_ORIGINS.path());
    for (String origin : allowed.split(",")) {
      if (!origin.isBlank() && !isOrigin(origin.strip())) {
        problems.add(origins.get(ConfigKey.HTTP_ALLOWED_ORIGINS) + ": \"" + origin.strip()
            + "\" is not an origin like https://chat.example.com (scheme://host[:port], no path)");
      }
    }
  }

  private static boolean isOrigin(String origin) {
    var matcher = ORIGIN.matcher(origin);
    return matcher.matches() && (matcher.group(3) == null
        || Integer.parseInt(matcher.group(3)) >= 1 && Integer.parseInt(matcher.group(3)) <= 65535);
  }

  private static Object parseBoolean(String raw) {
    String value = raw.strip();
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    return raw;
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return "\"" + s + "\"";
    }
    return value == null ? "null" : value.toString();
  }

  private static boolean isSection(String path) {
    for (ConfigKey key : ConfigKey.values()) {
      if (key.path().startsWith(path + ".")) {
        return true;
      }
    }
    return false;
  }

  static Object get(JsonObject json, String path) {
    String[] parts = path.split("\\.");
    JsonObject node = json;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.getJsonObject(parts[i]);
    }
    return node.getValue(parts[parts.length - 1]);
  }

  private static void set(JsonObject json, String path, Object value) {
    String[] parts = path.split("\\.");
    JsonObject node = json;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonObject child = node.getJsonObject(parts[i]);
      if (child == null) {
        child = new JsonObject();
        node.put(parts[i], child);
      }
      node = child;
    }
    node.put(parts[parts.length - 1], value);
  }
}
