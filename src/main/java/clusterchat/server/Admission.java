package clusterchat.server;

import clusterchat.metrics.ChatMetrics.Listener;

/**
 * One accepted socket's place in the node's limits (the node total and its client key's count)
 * and in the connections gauge of its listener, taken when the TCP connection (or the web chat's
 * WebSocket) is accepted and given back exactly once, whenever it closes: in the TLS handshake or
 * as a chat session. Used on the accepting instance's event loop only.
 */
final class Admission {

  private final NodeState node;
  private final String ip;
  private final Listener listener;
  private boolean released;

  Admission(NodeState node, String ip, Listener listener) {
    this.node = node;
    this.ip = ip;
    this.listener = listener;
    node.metrics().connectionOpened(listener);
  }

  void release() {
    if (!released) {
      released = true;
      node.release();
      node.addressLimits().release(ip);
      node.metrics().connectionReleased(listener);
    }
  }

  String ip() {
    return ip;
  }

  Listener listener() {
    return listener;
  }

  boolean released() {
    return released;
  }
}
