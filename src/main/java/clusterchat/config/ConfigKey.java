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
  TCP_ADVERTISED_HOST("tcp.advertisedHost", Type.STRING, "",
      "Host other nodes send this node's plain clients to when they drain (BYE RECONNECT); empty uses tcp.host,"
          + " or cluster.host when tcp.host is a wildcard."),
  TCP_ENABLED("tcp.enabled", true, "Run the plain-text chat listener; false serves TLS only."),
  TLS_ENABLED("tls.enabled", false, "Run a TLS chat listener (same protocol) on tls.port."),
  TLS_PORT("tls.port", 7443, 0, 65535, "TLS chat listener port; 0 picks a free port."),
  TLS_CERT_PATH("tls.certPath", Type.STRING, "", "PEM certificate (chain) file for the TLS listener."),
  TLS_KEY_PATH("tls.keyPath", Type.STRING, "", "PEM private key file (PKCS#8 or PKCS#1) for the TLS listener."),
  IRC_ENABLED("irc.enabled", true, "Run the IRC listener: IRC clients chat in the same rooms (docs/IRC.md)."),
  IRC_HOST("irc.host", Type.STRING, "", "Address the IRC listener binds to; empty uses tcp.host."),
  IRC_PORT("irc.port", 6667, 0, 65535, "IRC listener port; 0 picks a free port."),
  IRC_TLS_PORT("irc.tlsPort", 6697, 0, 65535, "IRC-over-TLS listener port, served when tls.enabled (same certificate)."),
  IRC_SERVER_NAME("irc.serverName", Type.STRING, "", "Server name IRC clients see; empty uses the node id."),
  IRC_PASSWORD("irc.password", Type.STRING, "", "Server password IRC clients must send with PASS; empty for none."),
  IRC_MOTD("irc.motd", Type.STRING, "Welcome to ClusterChat.", "Message of the day for IRC clients; \\n separates lines."),
  IRC_PING_SECONDS("irc.pingSeconds", 120, 1, 3600,
      "An IRC client silent this long gets a PING; silent twice as long (or unregistered this long), it is disconnected."),
  IRC_OPERATORS("irc.operators", Type.STRING, "",
      "Server operators as NAME=HASH pairs, comma-separated; HASH comes from the passwd subcommand."),
  HTTP_ENABLED("http.enabled", true, "Serve the web chat (its page and WebSocket endpoint) on http.port."),
  HTTP_HOST("http.host", Type.STRING, "", "Address the web chat binds to; empty means the same as tcp.host."),
  HTTP_PORT("http.port", 8080, 0, 65535, "Web chat port; 0 picks a free port (logged at start)."),
  HTTP_ALLOWED_ORIGINS("http.allowedOrigins", Type.STRING, "",
      "Comma-separated origins (scheme://host[:port]) besides the page's own whose pages may open the WebSocket."),
  TCP_INSTANCES("tcp.instances", 0, 0, 1024, "Server verticle instances sharing the port; 0 means one per core."),
  ROOMS_DEFAULT("rooms.default", Type.STRING, "lobby", "Room every new connection joins; empty joins none."),
  PROTOCOL_MAX_LINE_BYTES("protocol.maxLineBytes", 4096, 64, 1 << 20,
      "Longest accepted input line in bytes, line end excluded."),
  LIMITS_MAX_CONNECTIONS("limits.maxConnections", 10_000, 1, 10_000_000, "Connections one node accepts at once."),
  LIMITS_MAX_CONNECTIONS_PER_IP("limits.maxConnectionsPerIp", 50, 1, 10_000_000,
      "Connections one remote IP may hold on this node at once."),
  LIMITS_CONNECTS_PER_IP_PER_SECOND("limits.connectsPerIpPerSecond", 20, 1, 1_000_000,
      "New connections one remote IP may open per second on this node (bursts of the same size)."),
  LIMITS_TLS_HANDSHAKE_SECONDS("limits.tlsHandshakeSeconds", 10, 1, 300,
      "Seconds a client on the TLS port has to finish its handshake before it is disconnected."),
  LIMITS_IDLE_TIMEOUT_SECONDS("limits.idleTimeoutSeconds", 0, 0, 604_800,
      "Close connections that sent no line for this long; 0 never closes them."),
  LIMITS_KEEP_ALIVE_SECONDS("limits.keepAliveSeconds", 60, 1, 7200,
      "TCP keepalive: probe a connection silent this long, every 10 s, and drop it after 3 unanswered probes."),
  LIMITS_MAX_PENDING_BYTES("limits.maxPendingBytes", 65_536, 1024, 64 << 20,
      "Output queued per connection before further lines to it are dropped."),
  LIMITS_MAX_DROPPED_LINES("limits.maxDroppedLines", 1000, 1, 10_000_000,
      "Lines dropped for a slow reader before it is disconnected."),
  LIMITS_MAX_ROOMS_PER_CONNECTION("limits.maxRoomsPerConnection", 50, 1, 100_000,
      "Rooms one connection may be in at once."),
  LIMITS_MAX_ROOMS_PER_NODE("limits.maxRoomsPerNode", 10_000, 1, 10_000_000,
      "Rooms with members on this node at once; joining one more is refused."),
  LIMITS_RATE_BURST("limits.rateBurst", 20, 1, 1_000_000, "Lines a connection may send at once (token bucket size)."),
  LIMITS_RATE_LINES_PER_SECOND("limits.rateLinesPerSecond", 5, 1, 1_000_000,
      "Sustained lines per second per connection (token refill rate)."),
  LIMITS_FLOOD_DISCONNECT_LINES("limits.floodDisconnectLines", 100, 1, 10_000_000,
      "Excess lines (decaying at the refill rate) after which a flooder is disconnected."),
  HISTORY_MAX_PER_ROOM("history.maxPerRoom", 1000, 1, 100_000,
      "Events each room's history keeps (lines, actions, joins, parts, quits, nick, topic, mode and kick changes)."),
  HISTORY_MAX_AGE_SECONDS("history.maxAgeSeconds", 86_400, 60, 31_536_000,
      "Events older than this leave the history; a room silent this long loses its history (and its numbering)."),
  HISTORY_ON_JOIN("history.onJoin", 20, 0, 1000,
      "Messages said in a room before someone joins that the join replays, marked as history; 0 replays none."),
  SESSION_RESUME_SECONDS("session.resumeSeconds", 120, 0, 3600,
      "A plain-protocol connection lost without /quit keeps its nick and rooms this long for /resume on any node; 0 quits at once."),
  SHUTDOWN_DRAIN_SECONDS("shutdown.drainSeconds", 10, 0, 600,
      "On SIGTERM or POST /admin/drain with other nodes up: how long clients told BYE RECONNECT have to close before"
          + " the node closes them and exits."),
  CLUSTER_ENABLED("cluster.enabled", false, "Join a Hazelcast cluster of ClusterChat nodes; false runs one embedded node."),
  CLUSTER_NAME("cluster.name", Type.STRING, "clusterchat", "Only nodes with the same name form a cluster (not a password)."),
  CLUSTER_HOST("cluster.host", Type.STRING, "127.0.0.1",
      "Address Hazelcast and the event bus bind to and announce; must be reachable by the other nodes."),
  CLUSTER_PORT("cluster.port", 5701, 1, 65535, "Hazelcast member port."),
  CLUSTER_MEMBERS("cluster.members", Type.STRING, "127.0.0.1:5701",
      "Comma-separated host:port Hazelcast addresses of the nodes to join (this node may be listed)."),
  CLUSTER_EVENT_BUS_PORT("cluster.eventBusPort", 0, 0, 65535, "Event-bus port for node-to-node messages; 0 picks a free one."),
  CLUSTER_FAILURE_TIMEOUT_SECONDS("cluster.failureTimeoutSeconds", 10, 2, 300,
      "A node silent this long (no heartbeat) is declared dead and its users are removed."),
  CLUSTER_HAZELCAST_CONFIG("cluster.hazelcastConfig", Type.STRING, "",
      "Optional Hazelcast XML file for advanced settings; the keys above still apply on top."),
  CLUSTER_TLS_ENABLED("cluster.tls.enabled", false,
      "Mutual TLS on the event bus between nodes (chat traffic); Hazelcast's own traffic stays plain."),
  CLUSTER_TLS_CERT_PATH("cluster.tls.certPath", Type.STRING, "", "PEM certificate this node presents to other nodes."),
  CLUSTER_TLS_KEY_PATH("cluster.tls.keyPath", Type.STRING, "", "PEM private key of that certificate."),
  CLUSTER_TLS_CA_PATH("cluster.tls.caPath", Type.STRING, "", "PEM CA certificate(s) a peer's certificate must chain to."),
  BRIDGE_ENABLED("bridge.enabled", false,
      "Run the TCP event-bus bridge, through which bots in any language log in and use the chat."),
  BRIDGE_HOST("bridge.host", Type.STRING, "127.0.0.1", "Address the bridge listener binds to."),
  BRIDGE_PORT("bridge.port", 7500, 1, 65535, "Bridge listener port."),
  BRIDGE_BOTS("bridge.bots", Type.STRING, "",
      "Comma-separated name:sha256 entries: each bot that may log in, with the SHA-256 (hex) of its token."),
  ADMIN_ENABLED("admin.enabled", true, "Run the admin HTTP listener: health, readiness, metrics, connections."),
  ADMIN_HOST("admin.host", Type.STRING, "127.0.0.1", "Address the admin listener binds to; loopback by default."),
  ADMIN_PORT("admin.port", 7080, 0, 65535, "Admin listener port; 0 picks a free port (logged at start)."),
  ADMIN_TOKEN("admin.token", Type.STRING, "",
      "Bearer token every admin endpoint but /health requires; empty requires none."),
  INTEGRATIONS_VERTICLES("integrations.verticles", Type.STRING, "",
      "Comma-separated verticle classes to deploy on this node, e.g. clusterchat.integrations.TimeBot."),
  INTEGRATIONS_BOT_NAME("integrations.botName", Type.STRING, "timebot", "Name the example TimeBot posts under."),
  INTEGRATIONS_BOT_ROOMS("integrations.botRooms", Type.STRING, "lobby", "Comma-separated rooms TimeBot answers in."),
  INTEGRATIONS_LOG_ROOMS("integrations.logRooms", Type.STRING, "lobby", "Comma-separated rooms RoomLogger records."),
  INTEGRATIONS_LOG_FILE("integrations.logFile", Type.STRING, "room-log.jsonl",
      "File RoomLogger appends one JSON line per room event to.");

  /** A section passed to integration verticles as it is, without validation (their own settings). */
  public static final String CUSTOM_SECTION = "custom";

  /** The JSON type a key holds. */
  public enum Type { STRING, INT, BOOLEAN }

  /** How a changed value takes effect when the config is reloaded (SIGHUP, POST /admin/reload). */
  public enum Reload {
    /** Read at start only: a changed value is reported and waits for a restart. */
    RESTART,
    /** Applied live on every node: the reloading node's value is pushed to the whole cluster. */
    CLUSTER,
    /** Applied live, but from each node's own config: every node re-reads its own value (its own files). */
    NODE
  }

  private final String path;
  private final Type type;
  private final Object defaultValue;
  private final int min;
  private final int max;
  private final String description;

  ConfigKey(String path, Type type, String defaultValue, String description) {
    this(path, type, defaultValue, 0, 0, description);
  }

  ConfigKey(String path, boolean defaultValue, String description) {
    this(path, Type.BOOLEAN, defaultValue, 0, 0, description);
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

  public Reload reload() {
    return switch (this) {
      case LIMITS_MAX_CONNECTIONS, LIMITS_MAX_CONNECTIONS_PER_IP, LIMITS_CONNECTS_PER_IP_PER_SECOND,
          LIMITS_TLS_HANDSHAKE_SECONDS, LIMITS_IDLE_TIMEOUT_SECONDS, LIMITS_MAX_PENDING_BYTES,
          LIMITS_MAX_DROPPED_LINES, LIMITS_MAX_ROOMS_PER_CONNECTION, LIMITS_MAX_ROOMS_PER_NODE, LIMITS_RATE_BURST,
          LIMITS_RATE_LINES_PER_SECOND, LIMITS_FLOOD_DISCONNECT_LINES, ROOMS_DEFAULT, IRC_PASSWORD, IRC_MOTD,
          IRC_PING_SECONDS, IRC_OPERATORS, HISTORY_MAX_PER_ROOM, HISTORY_ON_JOIN, SESSION_RESUME_SECONDS,
          SHUTDOWN_DRAIN_SECONDS -> Reload.CLUSTER;
      case TLS_CERT_PATH, TLS_KEY_PATH -> Reload.NODE;
      default -> Reload.RESTART;
    };
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
