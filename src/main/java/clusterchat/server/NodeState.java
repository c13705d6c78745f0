package clusterchat.server;

import clusterchat.config.ChatConfig;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What the server verticle instances of one node share: identity, config and the connection count. */
public final class NodeState {

  private final String nodeId;
  private final ChatConfig config;
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong connectionSequence = new AtomicLong();

  public NodeState(String nodeId, ChatConfig config) {
    this.nodeId = nodeId;
    this.config = config;
  }

  public String nodeId() {
    return nodeId;
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
