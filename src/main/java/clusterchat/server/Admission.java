package clusterchat.server;

/**
 * One accepted socket's place in the node's limits (the node total and its client key's count),
 * taken when the TCP connection is accepted and given back exactly once, whenever it closes: in
 * the TLS handshake or as a chat session. Used on the accepting instance's event loop only.
 */
final class Admission {

  private final NodeState node;
  private final String ip;
  private boolean released;

  String ip() {
    return ip;
  }

  Admission(NodeState node, String ip) {
    this.node = node;
    this.ip = ip;
  }

  void release() {
    if (!released) {
      released = true;
      node.release();
      node.addressLimits().release(ip);
    }
  }

  boolean released() {
    return released;
  }
}
