package clusterchat.core;

import io.vertx.core.Future;

/** Reaches a user's own verticle instance, wherever it runs: private messages and kicks. */
public interface Mailer {

  /** Fails with NO_SUCH_NICK when the recipient is no longer there. */
  Future<Void> deliver(UserRecord recipient, PrivateMessage message);

  /** Disconnects the user at the instance that serves it; fails with NO_SUCH_NICK when it is gone. */
  Future<Void> kick(UserRecord user, String reason);

  /** Tells the mailer which local member now answers to a nick; null for a nick taken or given up. */
  void nickChanged(Member member, String oldNick, String newNick);
}
