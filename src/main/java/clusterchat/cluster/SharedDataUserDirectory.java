package clusterchat.cluster;

import clusterchat.core.ChatException;
import clusterchat.core.ErrorCode;
import clusterchat.core.Names;
import clusterchat.core.UserDirectory;
import clusterchat.core.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.List;

/**
 * The user directory in a Vert.x shared async map: node-local on a plain Vert.x, a Hazelcast IMap
 * on a clustered one. Nick uniqueness rests on the map's atomic putIfAbsent. Records are kept as
 * encoded JSON text: on a single node a map of JsonObjects held about 1 KB per user, the text a
 * quarter of that; conditional replace and remove compare the same text.
 */
public final class SharedDataUserDirectory implements UserDirectory {

  private final AsyncMap<String, String> users;

  private SharedDataUserDirectory(AsyncMap<String, String> users) {
    this.users = users;
  }

  public static Future<UserDirectory> open(Vertx vertx) {
    return vertx.sharedData().<String, String>getAsyncMap(Addresses.USERS_MAP)
        .map(SharedDataUserDirectory::new);
  }

  @Override
  public Future<Void> claim(UserRecord user) {
    return users.putIfAbsent(Names.nickKey(user.nick()), encode(user)).compose(holder -> holder == null
        ? Future.succeededFuture()
        : Future.failedFuture(new ChatException(ErrorCode.NICK_IN_USE,
            decode(holder).nick() + " is already taken")));
  }

  @Override
  public Future<Boolean> replace(UserRecord current, UserRecord next) {
    return users.replaceIfPresent(Names.nickKey(current.nick()), encode(current), encode(next));
  }

  @Override
  public Future<Boolean> remove(UserRecord user) {
    return users.removeIfPresent(Names.nickKey(user.nick()), encode(user));
  }

  @Override
  public Future<UserRecord> find(String nick) {
    return users.get(Names.nickKey(nick)).map(text -> text == null ? null : decode(text));
  }

  @Override
  public Future<Integer> count() {
    return users.size();
  }

  @Override
  public Future<List<UserRecord>> all() {
    return users.values().map(values -> values.stream().map(SharedDataUserDirectory::decode).toList());
  }

  private static String encode(UserRecord user) {
    return user.toJson().encode();
  }

  private static UserRecord decode(String text) {
    return UserRecord.fromJson(new JsonObject(text));
  }
}
