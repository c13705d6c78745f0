package clusterchat.protocol;

/** Why the server closed a connection; sent in the final {@code BYE} line and logged. */
public enum CloseReason {
  /** The user typed /quit or ended its input. */
  QUIT,
  /** An operator or integration removed the user through the event-bus API; the text is the reason. */
  KICKED,
  /** The server is shutting down (SIGTERM/SIGINT) and no other node is there to go to. */
  SHUTDOWN,
  /**
   * The node drains (lame duck): BYE RECONNECT ADDRESSES TEXT names other nodes (host:port, comma
   * separated) where the client reconnects and resumes its session, which is held meanwhile.
   */
  RECONNECT,
  /** No line for limits.idleTimeoutSeconds. */
  IDLE_TIMEOUT,
  /** Far past the line rate: more than limits.floodDisconnectLines excess lines. */
  FLOOD,
  /** Did not read its output: more than limits.maxDroppedLines lines dropped in a row. */
  SLOW_READER,
  /** The node already serves limits.maxConnections connections. */
  SERVER_FULL,
  /** The remote address already holds limits.maxConnectionsPerIp connections on this node. */
  TOO_MANY_CONNECTIONS,
  /** The remote address opens connections faster than limits.connectsPerIpPerSecond. */
  THROTTLED,
  /** IRC only: the server has a password (irc.password) and the client gave another or none. */
  BAD_PASSWORD,
  /** The peer vanished (reset or closed without /quit); no BYE line can be sent. */
  CONNECTION_LOST
}
