package clusterchat.core;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/** Message ids unique across the cluster: a random prefix per process and a counter. */
public final class MessageIds {

  private static final String PREFIX = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
  private static final AtomicLong COUNTER = new AtomicLong();

  private MessageIds() {
  }

  public static String next() {
    return PREFIX + "-" + Long.toString(COUNTER.incrementAndGet(), 36);
  }
}
