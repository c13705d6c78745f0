package clusterchat.core;

import io.vertx.core.Future;
import java.util.Map;

/**
 * Plain-protocol sessions, cluster-wide, by their secret token. A conditional call changes a record
 * only while it is still the one read, so of several nodes acting on it at once one wins.
 */
public interface SessionStore {

  /** Keeps the record under the token; for ttlMillis, or with 0 until it is removed. */
  Future<Void> keep(String token, SessionRecord record, long ttlMillis);

  /**
   * Keeps an open connection's (live) record, which lets another node resume it should this node
   * die; a store that serves one node alone may skip it, as no other node could.
   */
  Future<Void> keepLive(String token, SessionRecord live);

  /** The token's record, or null. */
  Future<SessionRecord> get(String token);

  /** Removes the token's record if it is still this one; false when it changed or is gone. */
  Future<Boolean> remove(String token, SessionRecord record);

  /** Replaces the token's record if it is still the expected one; false when it changed or is gone. */
  Future<Boolean> replace(String token, SessionRecord expected, SessionRecord replacement);

  /** Removes and returns the token's record, or null when there is none. */
  Future<SessionRecord> take(String token);

  /** Every record, by token (for the sweep after a node is lost). */
  Future<Map<String, SessionRecord>> all();
}
