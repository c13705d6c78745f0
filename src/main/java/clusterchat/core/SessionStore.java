package clusterchat.core;

import io.vertx.core.Future;

/** Sessions of lost connections, cluster-wide, by their secret token, each for a limited time. */
public interface SessionStore {

  /** Keeps the record under the token for ttlMillis. */
  Future<Void> keep(String token, SessionRecord record, long ttlMillis);

  /** Removes and returns the token's record, or null when there is none: of several takers one gets it. */
  Future<SessionRecord> take(String token);
}
