package clusterchat.cluster;

import clusterchat.core.SessionRecord;
import clusterchat.core.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.shareddata.AsyncMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Session records as JSON text in a Vert.x shared map: a Hazelcast map when clustered, in memory
 * on one node. Text compares exactly, which the conditional calls need.
 */
public final class SharedDataSessionStore implements SessionStore {

  private final AsyncMap<String, String> sessions;
  private final boolean clustered;

  private SharedDataSessionStore(AsyncMap<String, String> sessions, boolean clustered) {
    this.sessions = sessions;
    this.clustered = clustered;
  }

  public static Future<SessionStore> open(Vertx vertx) {
    return vertx.sharedData().<String, String>getAsyncMap(Addresses.SESSIONS_MAP)
        .map(map -> new SharedDataSessionStore(map, vertx.isClustered()));
  }

  @Override
  public Future<Void> keepLive(String token, SessionRecord live) {
    return clustered ? sessions.put(token, live.encode()) : Future.succeededFuture();
  }

  @Override
  public Future<Void> keep(String token, SessionRecord record, long ttlMillis) {
    return ttlMillis > 0 ? sessions.put(token, record.encode(), ttlMillis) : sessions.put(token, record.encode());
  }

  @Override
  public Future<SessionRecord> get(String token) {
    return sessions.get(token).map(SharedDataSessionStore::decode);
  }

  @Override
  public Future<Boolean> remove(String token, SessionRecord record) {
    return sessions.removeIfPresent(token, record.encode());
  }

  @Override
  public Future<Boolean> replace(String token, SessionRecord expected, SessionRecord replacement) {
    return sessions.replaceIfPresent(token, expected.encode(), replacement.encode());
  }

  @Override
  public Future<SessionRecord> take(String token) {
    return sessions.remove(token).map(SharedDataSessionStore::decode);
  }

  @Override
  public Future<Map<String, SessionRecord>> all() {
    return sessions.entries().map(entries -> {
      Map<String, SessionRecord> records = new LinkedHashMap<>();
      entries.forEach((token, text) -> records.put(token, SessionRecord.decode(text)));
      return records;
    });
  }

  private static SessionRecord decode(String text) {
    return text == null ? null : SessionRecord.decode(text);
  }
}
