package clusterchat.cluster;

import clusterchat.config.ChatConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.FileSystemXmlConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.io.FileNotFoundException;
import java.io.UncheckedIOException;

/**
 * Turns the chat config into Hazelcast and Vert.x cluster settings: TCP-IP join with an explicit
 * member list, multicast and auto-detection off, sockets bound only to cluster.host, phone-home
 * off, and failure detection sized for a small cluster.
 */
public final class HazelcastSetup {

  private HazelcastSetup() {
  }

  public static Config hazelcastConfig(ChatConfig chat) {
    Config config = chat.clusterHazelcastConfig().isEmpty() ? ConfigUtil.loadConfig() : fromFile(chat.clusterHazelcastConfig());
    config.setClusterName(chat.clusterName());
    int timeout = chat.clusterFailureTimeoutSeconds();
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    config.setProperty("hazelcast.socket.bind.any", "false");
    // Connections to other members leave from cluster.host too, not from whatever address the OS picks.
    config.setProperty("hazelcast.socket.client.bind.any", "false");
    config.setProperty("hazelcast.health.monitoring.level", "OFF");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", String.valueOf(timeout));
    config.setProperty("hazelcast.heartbeat.interval.seconds", String.valueOf(Math.max(1, timeout / 5)));
    // Split-brain merges are checked soon after a partition heals, not after the default 5 minutes.
    config.setProperty("hazelcast.merge.first.run.delay.seconds", String.valueOf(Math.max(5, timeout)));
    config.setProperty("hazelcast.merge.next.run.delay.seconds", String.valueOf(Math.max(5, timeout)));

    config.addMapConfig(HazelcastRoomDirectory.mapConfig());
    config.addMapConfig(HazelcastRoomLog.mapConfig(chat.historyMaxAgeSeconds()));

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(chat.clusterPort()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).clear().addInterface(chat.clusterHost());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(chat.clusterMembers());
    return config;
  }

  public static VertxOptions vertxOptions(ChatConfig chat) {
    VertxOptions options = new VertxOptions().setPreferNativeTransport(true);
    EventBusOptions eventBus = options.getEventBusOptions().setHost(chat.clusterHost()).setPort(chat.clusterEventBusPort());
    if (chat.clusterTlsEnabled()) {
      // Mutual TLS: a node accepts event-bus connections only from certificates chaining to the CA.
      eventBus.setSsl(true)
          .setClientAuth(ClientAuth.REQUIRED)
          .setKeyCertOptions(new PemKeyCertOptions().setCertPath(chat.clusterTlsCertPath()).setKeyPath(chat.clusterTlsKeyPath()))
          .setTrustOptions(new PemTrustOptions().addCertPath(chat.clusterTlsCaPath()));
    }
    return options;
  }

  private static Config fromFile(String path) {
    try {
      return new FileSystemXmlConfig(path);
    } catch (FileNotFoundException e) {
      throw new UncheckedIOException("cluster.hazelcastConfig: no such file " + path, e);
    }
  }
}
