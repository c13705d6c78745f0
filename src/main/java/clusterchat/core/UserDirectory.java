package clusterchat.core;

import io.vertx.core.Future;
import java.util.List;

/**
 * Who is connected, under which nick, in which rooms. Shared by every verticle instance of a node,
 * and by every node of a cluster; all operations are asynchronous for that reason. Changes are
 * conditional on the record the caller last stored, so a node never overwrites or removes a
 * record that someone else holds now (after a split, say).
 */
public interface UserDirectory {

  /** Claims the record's nick; fails with NICK_IN_USE when someone holds it (ignoring case). */
  Future<Void> claim(UserRecord user);

  /** Replaces {@code current} by {@code next} (same nick key) if it is still stored unchanged; returns whether it did. */
  Future<Boolean> replace(UserRecord current, UserRecord next);

  /**
   * Removes exactly this record, and only if it is still stored unchanged; returns whether it did.
   * Several nodes cleaning up after a dead one thus each remove a user at most once between them.
   */
  Future<Boolean> remove(UserRecord user);

  /** The record of a nick, or null when nobody holds it. */
  Future<UserRecord> find(String nick);

  /** How many users are connected (IRC's LUSERS). */
  Future<Integer> count();

  /** Every connected user: for repairs after failures only, never per request (it reads the whole directory). */
  Future<List<UserRecord>> all();
}
