package clusterchat.config;

import java.util.Locale;

/**
 * Every configuration key, with its type, default and allowed range. The loader, the validation,
 * {@code --check-config} and the README table all follow this list.
 */
public enum ConfigKey {
  NODE_NAME("node.name", Type.STRING, "", "Node id shown in greetings and logs; empty picks a random one."),
  TCP_HOST("tcp.host", Type.STRING, "127.0.0.1", "Address the chat listener binds to; 0.0.0.0 for all interfaces."),
  TCP_PORT("tcp.port", 7000, 0, 65535, "Chat listener port; 0 picks a free port (logged at start)."),
  TCP_INSTANCES("tcp.instances", 0, 0, 1024, "Server verticle instances sharing the port; 0 means one per core."),
  ROOMS_DEFAULT("rooms.default", Type.STRING, "lobby", "Room every new connection joins."),
  PROTOCOL_MAX_LINE_BYTES("protocol.maxLineBytes", 4096, 64, 1 << 20,
      "Longest accepted input line in bytes, line end excluded."),
  LIMITS_MAX_CONNECTIONS("limits.maxConnections", 10_000, 1, 10_000_000, "Connections one node accepts at once."),
  LIMITS_IDLE_TIMEOUT_SECONDS("limits.idleTimeoutSeconds", 0, 0, 604_800,
      "Close connections that sent no line for this long; 0 never closes them."),
  LIMITS_MAX_PENDING_BYTES("limits.maxPendingBytes", 65_536, 1024, 64 << 20,
      "Output queued per connection before further lines to it are dropped."),
  LIMITS_MAX_DROPPED_LINES("limits.maxDroppedLines", 1000, 1, 10_000_000,
      "Lines dropped for a slow reader before it is disconnected."),
  LIMITS_RATE_BURST("limits.rateBurst", 20, 1, 1_000_000, "Lines a connection may send at once (token bucket size)."),
  LIMITS_RATE_LINES_PER_SECOND("limits.rateLinesPerSecond", 5, 1, 1_000_000,
      "Sustained lines per second per connection (token refill rate)."),
  LIMITS_FLOOD_DISCONNECT_LINES("limits.floodDisconnectLines", 100, 1, 10_000_000,
      "Excess lines (decaying at the refill rate) after which a flooder is disconnected.");

  /** The JSON type a key holds. */
  public enum Type { STRING, INT }

  private final String path;
  private final Type type;
  private final Object defaultValue;
  private final int min;
  private final int max;
  private final String description;

  ConfigKey(String path, Type type, String defaultValue, String description) {
    this(path, type, defaultValue, 0, 0, description);
  }

  ConfigKey(String path, int defaultValue, int min, int max, String description) {
    this(path, Type.INT, defaultValue, min, max, description);
  }

  ConfigKey(String path, Type type, Object defaultValue, int min, int max, String description) {
    this.path = path;
    this.type = type;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.description = description;
  }

  /** Dotted path in the JSON file, e.g. {@code tcp.port}. */
  public String path() {
    return path;
  }

  public Type type() {
    return type;
  }

  public Object defaultValue() {
    return defaultValue;
  }

  public int min() {
    return min;
  }

  public int max() {
    return max;
  }

  public String description() {
    return description;
  }

  /** The environment variable that overrides this key: {@code tcp.port} becomes {@code CHAT_TCP_PORT}. */
  public String envName() {
    return "CHAT_" + path.replace('.', '_').replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** The system property that overrides this key: {@code tcp.port} becomes {@code chat.tcp.port}. */
  public String propertyName() {
    return "chat." + path;
  }

  public static ConfigKey byPath(String path) {
    for (ConfigKey key : values()) {
      if (key.path.equals(path)) {
        return key;
      }
    }
    return null;
  }
}
