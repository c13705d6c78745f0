package clusterchat.config;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The effective, validated configuration of a node. Immutable. */
public final class ChatConfig {

  private final JsonObject json;

  ChatConfig(JsonObject json) {
    this.json = json;
  }

  /** The effective configuration as nested JSON, as {@code --check-config} prints it. */
  public JsonObject toJson() {
    return json.copy();
  }

  /** As {@link #toJson()}, with a set admin.token shown as "(hidden)": for printing. */
  public JsonObject toPrintableJson() {
    JsonObject printable = toJson();
    if (!adminToken().isEmpty()) {
      printable.getJsonObject("admin").put("token", "(hidden)");
    }
    return printable;
  }

  /** The values of the keys a reload applies with the given rule, as a flat map of key path to value. */
  public JsonObject liveSettings(ConfigKey.Reload rule) {
    JsonObject settings = new JsonObject();
    for (ConfigKey key : ConfigKey.values()) {
      if (key.reload() == rule) {
        settings.put(key.path(), ConfigLayers.get(json, key.path()));
      }
    }
    return settings;
  }

  /**
   * This config with live keys set as in settings (a flat map of key path to value, from
   * {@link #liveSettings}); keys unknown here or read only at start are left alone. Fails with
   * {@link ConfigException} naming source and key when a value is not valid.
   */
  public ChatConfig withLiveSettings(String source, JsonObject settings) {
    return new ConfigLayers().applyJson("running config", json).applyLive(source, settings).build();
  }

  /** The keys whose values differ between this config and other, in declaration order. */
  public List<ConfigKey> changedKeys(ChatConfig other) {
    return Arrays.stream(ConfigKey.values())
        .filter(key -> !Objects.equals(ConfigLayers.get(json, key.path()), ConfigLayers.get(other.json, key.path())))
        .toList();
  }

  public String nodeName() {
    return string(ConfigKey.NODE_NAME);
  }

  public String tcpHost() {
    return string(ConfigKey.TCP_HOST);
  }

  public int tcpPort() {
    return integer(ConfigKey.TCP_PORT);
  }

  public boolean tcpEnabled() {
    return (Boolean) ConfigLayers.get(json, ConfigKey.TCP_ENABLED.path());
  }

  public boolean tlsEnabled() {
    return (Boolean) ConfigLayers.get(json, ConfigKey.TLS_ENABLED.path());
  }

  public int tlsPort() {
    return integer(ConfigKey.TLS_PORT);
  }

  public String tlsCertPath() {
    return string(ConfigKey.TLS_CERT_PATH);
  }

  public String tlsKeyPath() {
    return string(ConfigKey.TLS_KEY_PATH);
  }

  public boolean ircEnabled() {
    return (Boolean) ConfigLayers.get(json, ConfigKey.IRC_ENABLED.path());
  }

  /** The IRC listener's address: irc.host, or tcp.host when that is empty. */
  public String ircHost() {
    String host = string(ConfigKey.IRC_HOST);
    return host.isEmpty() ? tcpHost() : host;
  }

  public int ircPort() {
    return integer(ConfigKey.IRC_PORT);
  }

  public int ircTlsPort() {
    return integer(ConfigKey.IRC_TLS_PORT);
  }

  /** The IRC server name: irc.serverName, or the node id when that is empty. */
  public String ircServerName(String nodeId) {
    String name = string(ConfigKey.IRC_SERVER_NAME);
    return name.isEmpty() ? nodeId : name;
  }

  public int ircPingSeconds() {
    return integer(ConfigKey.IRC_PING_SECONDS);
  }

  public String ircPassword() {
    return string(ConfigKey.IRC_PASSWORD);
  }

  /** The message of the day, one entry per line; empty when irc.motd is. */
  public List<String> ircMotd() {
    String motd = string(ConfigKey.IRC_MOTD);
    return motd.isEmpty() ? List.of() : List.of(motd.split("\\n|\n"));
  }

  /** Server operators: name to password hash (validated when the config was loaded). */
  public Map<String, String> ircOperators() {
    Map<String, String> operators = new LinkedHashMap<>();
    for (String entry : string(ConfigKey.IRC_OPERATORS).split(",")) {
      int equals = entry.indexOf('=');
      if (equals > 0) {
        operators.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
      }
    }
    return operators;
  }

  public boolean httpEnabled() {
    return (Boolean) ConfigLayers.get(json, ConfigKey.HTTP_ENABLED.path());
  }

  /** The web chat's address: http.host, or tcp.host when that is empty. */
  public String httpHost() {
    String host = string(ConfigKey.HTTP_HOST);
    return host.isEmpty() ? tcpHost() : host;
  }

  public int httpPort() {
    return integer(ConfigKey.HTTP_PORT);
  }

  /** The extra origins allowed to open the WebSocket, lower case, as written otherwise. */
  public List<String> httpAllowedOrigins() {
    return list(ConfigKey.HTTP_ALLOWED_ORIGINS).stream().map(origin -> origin.toLowerCase(Locale.ROOT)).toList();
  }

  /** Configured instances, with 0 resolved to the number of cores. */
  public int tcpInstances() {
    int configured = integer(ConfigKey.TCP_INSTANCES);
    return configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
  }

  public String defaultRoom() {
    return string(ConfigKey.ROOMS_DEFAULT);
  }

  public int maxLineBytes() {
    return integer(ConfigKey.PROTOCOL_MAX_LINE_BYTES);
  }

  public int maxConnections() {
    return integer(ConfigKey.LIMITS_MAX_CONNECTIONS);
  }

  public int maxConnectionsPerIp() {
    return integer(ConfigKey.LIMITS_MAX_CONNECTIONS_PER_IP);
  }

  public int connectsPerIpPerSecond() {
    return integer(ConfigKey.LIMITS_CONNECTS_PER_IP_PER_SECOND);
  }

  public int tlsHandshakeSeconds() {
    return integer(ConfigKey.LIMITS_TLS_HANDSHAKE_SECONDS);
  }

  public int idleTimeoutSeconds() {
    return integer(ConfigKey.LIMITS_IDLE_TIMEOUT_SECONDS);
  }

  public int keepAliveSeconds() {
    return integer(ConfigKey.LIMITS_KEEP_ALIVE_SECONDS);
  }

  public int maxPendingBytes() {
    return integer(ConfigKey.LIMITS_MAX_PENDING_BYTES);
  }

  public int maxDroppedLines() {
    return integer(ConfigKey.LIMITS_MAX_DROPPED_LINES);
  }

  public int maxRoomsPerConnection() {
    return integer(ConfigKey.LIMITS_MAX_ROOMS_PER_CONNECTION);
  }

  public int maxRoomsPerNode() {
    return integer(ConfigKey.LIMITS_MAX_ROOMS_PER_NODE);
  }

  public int rateBurst() {
    return integer(ConfigKey.LIMITS_RATE_BURST);
  }

  public int rateLinesPerSecond() {
    return integer(ConfigKey.LIMITS_RATE_LINES_PER_SECOND);
  }

  public int floodDisconnectLines() {
    return integer(ConfigKey.LIMITS_FLOOD_DISCONNECT_LINES);
  }

  public int historyMaxPerRoom() {
    return integer(ConfigKey.HISTORY_MAX_PER_ROOM);
  }

  public int historyMaxAgeSeconds() {
    return integer(ConfigKey.HISTORY_MAX_AGE_SECONDS);
  }

  public int historyOnJoin() {
    return integer(ConfigKey.HISTORY_ON_JOIN);
  }

  public int sessionResumeSeconds() {
    return integer(ConfigKey.SESSION_RESUME_SECONDS);
  }

  public int shutdownDrainSeconds() {
    return integer(ConfigKey.SHUTDOWN_DRAIN_SECONDS);
  }

  /** The host other nodes send this node's plain clients to (see ConfigKey.TCP_ADVERTISED_HOST). */
  public String tcpAdvertisedHost() {
    String advertised = string(ConfigKey.TCP_ADVERTISED_HOST);
    if (!advertised.isEmpty()) {
      return advertised;
    }
    String host = tcpHost();
    return host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") ? clusterHost() : host;
  }

  public long historyMaxAgeMillis() {
    return historyMaxAgeSeconds() * 1000L;
  }

  public boolean clusterEnabled() {
    return (Boolean) ConfigLayers.get(json, ConfigKey.CLUSTER_ENABLED.path());
  }

  public String clusterName() {
    return string(ConfigKey.CLUSTER_NAME);
  }

  public String clusterHost() {
    return string(ConfigKey.CLUSTER_HOST);
  }

  public int clusterPort() {
    return integer(ConfigKey.CLUSTER_PORT);
  }

  /** The member addresses, trimmed, without empty entries. */
  public List<String> clusterMembers() {
    return list(ConfigKey.CLUSTER_MEMBERS);
  }

  public int clusterEventBusPort() {
    return integer(ConfigKey.CLUSTER_EVENT_BUS_PORT);
  }

  public int clusterFailureTimeoutSeconds() {
    return integer(ConfigKey.CLUSTER_FAILURE_TIMEOUT_SECONDS);
  }

  public boolean clusterTlsEnabled() {
    return (Boolean) ConfigLayers.get(json, ConfigKey.CLUSTER_TLS_ENABLED.path());
  }

  public String clusterTlsCertPath() {
    return string(ConfigKey.CLUSTER_TLS_CERT_PATH);
  }

  public String clusterTlsKeyPath() {
    return string(ConfigKey.CLUSTER_TLS_KEY_PATH);
  }

  public String clusterTlsCaPath() {
    return string(ConfigKey.CLUSTER_TLS_CA_PATH);
  }

  public String clusterHazelcastConfig() {
    return string(ConfigKey.CLUSTER_HAZELCAST_CONFIG);
  }

  public boolean bridgeEnabled() {
    return (Boolean) ConfigLayers.get(json, ConfigKey.BRIDGE_ENABLED.path());
  }

  public String bridgeHost() {
    return string(ConfigKey.BRIDGE_HOST);
  }

  public int bridgePort() {
    return integer(ConfigKey.BRIDGE_PORT);
  }

  /** The bots of bridge.bots: name to the SHA-256 of its token in lower-case hex, in the order listed. */
  public Map<String, String> bridgeBots() {
    Map<String, String> bots = new LinkedHashMap<>();
    for (String entry : list(ConfigKey.BRIDGE_BOTS)) {
      String[] nameAndHash = entry.split(":", 2);
      bots.put(nameAndHash[0], nameAndHash[1].toLowerCase(Locale.ROOT));
    }
    return bots;
  }

  public boolean adminEnabled() {
    return (Boolean) ConfigLayers.get(json, ConfigKey.ADMIN_ENABLED.path());
  }

  public String adminHost() {
    return string(ConfigKey.ADMIN_HOST);
  }

  public int adminPort() {
    return integer(ConfigKey.ADMIN_PORT);
  }

  /** The bearer token the admin endpoints require, or "" for none. */
  public String adminToken() {
    return string(ConfigKey.ADMIN_TOKEN);
  }

  /** Verticle classes to deploy on this node, from integrations.verticles. */
  public List<String> integrationVerticles() {
    return list(ConfigKey.INTEGRATIONS_VERTICLES);
  }

  /** A comma-separated value as a list, entries trimmed, empty ones left out. */
  private List<String> list(ConfigKey key) {
    return Arrays.stream(string(key).split(",")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
  }

  private String string(ConfigKey key) {
    return (String) ConfigLayers.get(json, key.path());
  }

  private int integer(ConfigKey key) {
    return ((Number) ConfigLayers.get(json, key.path())).intValue();
  }
}
