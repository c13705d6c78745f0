package clusterchat.core;

import io.vertx.core.Future;
import java.util.List;

/**
 * Who is connected, under which nick, in which rooms. Shared by every verticle instance of a node,
 * and by every node of a cluster; all operations are asynchronous for that reason.
 */
public interface UserDirectory {

  /** Claims the record's nick; fails with NICK_IN_USE when someone holds it (ignoring case). */
  Future<Void> claim(UserRecord user);

  /** Replaces the record of a nick this caller holds (e.g. after joining a room). */
  Future<Void> update(UserRecord user);

  /** Gives up a nick this caller holds. */
  Future<Void> release(String nick);

  /**
   * Removes exactly this record, and only if it is still stored unchanged; returns whether it did.
   * Several nodes cleaning up after a dead one thus each remove a user at most once between them.
   */
  Future<Boolean> remove(UserRecord user);

  /** The record of a nick, or null when nobody holds it. */
  Future<UserRecord> find(String nick);

  /** Every connected user. */
  Future<List<UserRecord>> all();
}
