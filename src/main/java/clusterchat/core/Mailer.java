package clusterchat.core;

import io.vertx.core.Future;

/** Delivers private messages to the instance that serves the recipient. */
public interface Mailer {

  /** Fails with NO_SUCH_NICK when the recipient is no longer there. */
  Future<Void> deliver(UserRecord recipient, String from, String text);

  /** Tells the mailer which local member now answers to a nick; null for a nick taken or given up. */
  void nickChanged(Member member, String oldNick, String newNick);
}
