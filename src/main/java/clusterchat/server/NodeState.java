package clusterchat.server;

import clusterchat.cluster.RoomQuota;
import clusterchat.config.ChatConfig;
import clusterchat.core.RoomDirectory;
import clusterchat.core.RoomLog;
import clusterchat.metrics.ChatMetrics;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the server verticle instances of one node share: identity, config, the room directory and
 * quota, the connections open on the node, and its metrics.
 */
public final class NodeState {

  private final String nodeId;
  private final String memberId;
  private final ChatConfig config;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong connectionSequence = new AtomicLong();
  private final AddressLimits addressLimits;
  private final RoomDirectory roomDirectory;
  private final RoomLog roomLog;
  private final RoomQuota roomQuota;
  private final Set<String> liveConnections = ConcurrentHashMap.newKeySet();
  private final Listeners listeners = new Listeners();
  private final ChatMetrics metrics;

  public NodeState(String nodeId, String memberId, ChatConfig config, RoomDirectory roomDirectory, RoomLog roomLog,
      ChatMetrics metrics) {
    this.nodeId = nodeId;
    this.memberId = memberId;
    this.config = config;
    this.metrics = metrics;
    this.addressLimits = new AddressLimits(config.maxConnectionsPerIp(), config.connectsPerIpPerSecond());
    this.roomDirectory = roomDirectory;
    this.roomLog = roomLog;
    this.roomQuota = new RoomQuota(config.maxRoomsPerNode());
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

  public ChatConfig config() {
    return config;
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
