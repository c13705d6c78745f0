package clusterchat.server;

import clusterchat.config.ChatConfig;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the server verticle instances of one node share: identity, config and the connection count. */
public final class NodeState {

  private final String nodeId;
  private final String memberId;
  private final ChatConfig config;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong connectionSequence = new AtomicLong();
  private final AddressLimits addressLimits;

  public NodeState(String nodeId, String memberId, ChatConfig config) {
    this.nodeId = nodeId;
    this.memberId = memberId;
    this.config = config;
    this.addressLimits = new AddressLimits(config.maxConnectionsPerIp(), config.connectsPerIpPerSecond());
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

  /** A connection id unique in the cluster: the node id and a per-node sequence number. */
  String nextConnectionId() {
    return nodeId + "/" + connectionSequence.incrementAndGet();
  }
}
