package clusterchat.cluster;

import clusterchat.core.SessionRecord;
import clusterchat.core.SessionStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;

/** Session records in a Vert.x shared map: a Hazelcast map when clustered, in memory on one node. */
public final class SharedDataSessionStore implements SessionStore {

  private final AsyncMap<String, JsonObject> sessions;

  private SharedDataSessionStore(AsyncMap<String, JsonObject> sessions) {
    this.sessions = sessions;
  }

  public static Future<SessionStore> open(Vertx vertx) {
    return vertx.sharedData().<String, JsonObject>getAsyncMap(Addresses.SESSIONS_MAP).map(SharedDataSessionStore::new);
  }

  @Override
  public Future<Void> keep(String token, SessionRecord record, long ttlMillis) {
    return sessions.put(token, record.toJson(), ttlMillis);
  }

  @Override
  public Future<SessionRecord> take(String token) {
    return sessions.remove(token).map(json -> json == null ? null : SessionRecord.fromJson(json));
  }
}
