package clusterchat.server;

import clusterchat.cluster.RoomQuota;
import clusterchat.config.ChatConfig;
import clusterchat.config.ConfigException;
import clusterchat.core.RoomDirectory;
import clusterchat.core.RoomLog;
import clusterchat.metrics.ChatMetrics;
import io.netty.handler.ssl.SslContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * What the server verticle instances of one node share: identity, the running config, the room
 * directory and quota, the connections open on the node, the TLS context, and its metrics.
 */
public final class NodeState {

  private final String nodeId;
  private final String memberId;
  private volatile ChatConfig config;
  private final TlsUpgrade tls = new TlsUpgrade();
  private final List<Runnable> reconfigureListeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong connectionSequence = new AtomicLong();
  private final AddressLimits addressLimits;
  private final RoomDirectory roomDirectory;
  private final RoomLog roomLog;
  private final RoomQuota roomQuota;
  private final Set<String> liveConnections = ConcurrentHashMap.newKeySet();
  private final Listeners listeners = new Listeners();
  private final ChatMetrics metrics;
  private final Predicate<String> memberAlive;

  /** memberAlive: whether a member id (a record's node) is in the cluster now. */
  public NodeState(String nodeId, String memberId, ChatConfig config, RoomDirectory roomDirectory, RoomLog roomLog,
      ChatMetrics metrics, Predicate<String> memberAlive) {
    this.nodeId = nodeId;
    this.memberAlive = memberAlive;
    this.memberId = memberId;
    this.config = config;
    this.metrics = metrics;
    this.addressLimits = new AddressLimits(config.maxConnectionsPerIp(), config.connectsPerIpPerSecond());
    this.roomDirectory = roomDirectory;
    this.roomLog = roomLog;
    this.roomQuota = new RoomQuota(config.maxRoomsPerNode());
  }

  /** Whether the node with this member id is in the cluster now (on one node: whether it is this one). */
  public boolean isMemberAlive(String id) {
    return memberAlive.test(id);
  }

  public RoomDirectory roomDirectory() {
    return roomDirectory;
  }

  /** Every room's numbered recent events, cluster-wide when clustered; null on a worker. */
  public RoomLog roomLog() {
    return roomLog;
  }

  public ChatMetrics metrics() {
    return metrics;
  }

  public RoomQuota roomQuota() {
    return roomQuota;
  }

  /**
   * Ids of the connections of this node that may hold directory records and seats: a connection is
   * in from before its first claim until its records are gone. Repairs remove what is not.
   */
  public Set<String> liveConnections() {
    return liveConnections;
  }

  Listeners listeners() {
    return listeners;
  }

  AddressLimits addressLimits() {
    return addressLimits;
  }

  public String nodeId() {
    return nodeId;
  }

  /** The id this node's users are registered under: the Vert.x cluster node id when clustered. */
  public String memberId() {
    return memberId;
  }

  /** The running config: the one the node started with, or the last one a reload applied. */
  public ChatConfig config() {
    return config;
  }

  /**
   * Makes next the running config: limits, quotas and the TLS certificate (read again from its
   * files, on a worker thread) change now; each server instance then applies it to its
   * connections. Fails, changing nothing, when the certificate cannot be used.
   */
  public Future<Void> reconfigure(Vertx vertx, ChatConfig next) {
    if (!next.tlsEnabled()) {
      return Future.succeededFuture(apply(next, null));
    }
    return vertx.executeBlocking(() -> TlsUpgrade.read(vertx, next), false)
        .recover(err -> Future.failedFuture(tlsProblem(err)))
        .map(certificate -> apply(next, certificate));
  }

  /** As {@link #reconfigure}, but keeps the TLS certificate in use: next must name the same files. */
  public void reconfigureKeepingCertificate(ChatConfig next) {
    apply(next, null);
  }

  private Void apply(ChatConfig next, SslContext certificate) {
    if (certificate != null) {
      tls.use(certificate);
    }
    config = next;
    addressLimits.retune(next.maxConnectionsPerIp(), next.connectsPerIpPerSecond());
    roomQuota.setMaxRooms(next.maxRoomsPerNode());
    if (roomLog != null) {
      roomLog.maxEvents(next.historyMaxPerRoom());
    }
    reconfigureListeners.forEach(Runnable::run);
    return null;
  }

  /** Why tls.certPath and tls.keyPath cannot be used, as a config problem. */
  private static ConfigException tlsProblem(Throwable err) {
    return new ConfigException(List.of("tls.certPath, tls.keyPath: cannot use the certificate and key: " + err));
  }

  /** Runs listener (on the caller of reconfigure) after each reconfiguration. */
  void onReconfigured(Runnable listener) {
    reconfigureListeners.add(listener);
  }

  void removeReconfigureListener(Runnable listener) {
    reconfigureListeners.remove(listener);
  }

  TlsUpgrade tls() {
    return tls;
  }

  /** Counts a new connection in, or returns false when the node is full. */
  boolean admit() {
    if (connections.incrementAndGet() > config.maxConnections()) {
      connections.decrementAndGet();
      return false;
    }
    return true;
  }

  void release() {
    connections.decrementAndGet();
  }

  public int connectionCount() {
    return connections.get();
  }

  /** The next connection's number on this node: 1, 2, 3... */
  long nextConnectionSequence() {
    return connectionSequence.incrementAndGet();
  }

  /** A connection id unique in the cluster: the node id and the connection's sequence number. */
  String connectionId(long sequence) {
    return nodeId + "/" + sequence;
  }
}
