package clusterchat.server;

import clusterchat.config.ChatConfig;
import clusterchat.core.ErrorCode;
import clusterchat.core.PrivateMessage;
import clusterchat.core.RenderedLines;
import clusterchat.core.RoomEvent;
import clusterchat.protocol.CloseReason;
import io.vertx.core.buffer.Buffer;

/**
 * A protocol a {@link Connection} speaks: what its input lines mean and how the chat's output is
 * written. The connection does framing, limits, ordering and closing the same way for all.
 */
public interface Dialect {

  /** Makes the dialect for one connection. */
  interface Factory {
    Dialect create(Connection connection);

    /** The longest input line, in bytes without the line end. */
    int maxLineBytes(ChatConfig config);

    /** The only line a connection refused at accept gets (node full, too many from one address...). */
    Buffer refusal(CloseReason reason, String message);
  }

  /** Starts the session once the socket is wired. */
  void start();

  /** One input line, valid UTF-8, within the rate limit. */
  void line(String text);

  /** A room event for the member; its own events come back too. */
  void deliver(RoomEvent event, RenderedLines lines);

  void deliver(PrivateMessage message);

  /**
   * Called now and then (about once a second) with the time of the client's last line, for
   * keepalive checks of protocols that have them; the plain protocol has none.
   */
  default void tick(long nowNanos, long lastLineNanos) {
  }

  /** The cluster renamed the member after a split (someone else held its nick on the other side). */
  void renamed(String oldNick, String newNick);

  Buffer error(ErrorCode code, String message);

  Buffer notice(String code, String message);

  /** The last line before the server closes the connection. */
  Buffer bye(CloseReason reason, String message);
}
