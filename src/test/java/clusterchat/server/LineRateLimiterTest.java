package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.server.LineRateLimiter.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The per-connection token bucket, driven by explicit nanoTime values. */
class LineRateLimiterTest {

  private static final long SECOND = 1_000_000_000L;
  /** An arbitrary, large start so the arithmetic does not rely on a zero origin. */
  private static final long T0 = 987_654_321_000L;

  private static void expect(LineRateLimiter limiter, long now, int times, Verdict verdict) {
    for (int i = 0; i < times; i++) {
      assertEquals(verdict, limiter.take(now), "take #" + (i + 1) + " expecting " + verdict);
    }
  }

  @Test
  @DisplayName("a burst of `burst` lines is accepted at once and the next one is dropped")
  void burstThenDrop() {
    LineRateLimiter limiter = new LineRateLimiter(5, 2, 100, T0);
    expect(limiter, T0, 5, Verdict.ACCEPT);
    assertEquals(Verdict.DROP, limiter.take(T0));
  }

  @Test
  @DisplayName("after one second at rate r, exactly r more lines are accepted; half a second gives r/2")
  void refillAtRate() {
    LineRateLimiter limiter = new LineRateLimiter(10, 4, 100, T0);
    expect(limiter, T0, 10, Verdict.ACCEPT);
    expect(limiter, T0 + SECOND, 4, Verdict.ACCEPT);
    assertEquals(Verdict.DROP, limiter.take(T0 + SECOND));
    expect(limiter, T0 + SECOND + SECOND / 2, 2, Verdict.ACCEPT);
    assertEquals(Verdict.DROP, limiter.take(T0 + SECOND + SECOND / 2));
  }

  @Test
  @DisplayName("a sustained rate of exactly r lines per second is always accepted")
  void sustainedRateAccepted() {
    LineRateLimiter limiter = new LineRateLimiter(1, 4, 1, T0);
    for (int i = 0; i < 1000; i++) {
      assertEquals(Verdict.ACCEPT, limiter.take(T0 + i * (SECOND / 4)), "line " + i);
    }
  }

  @Test
  @DisplayName("tokens never exceed the burst, however long the pause")
  void tokensCapAtBurst() {
    LineRateLimiter limiter = new LineRateLimiter(3, 5, 100, T0);
    expect(limiter, T0, 3, Verdict.ACCEPT);
    long later = T0 + 3600 * SECOND;
    expect(limiter, later, 3, Verdict.ACCEPT);
    assertEquals(Verdict.DROP, limiter.take(later));
  }

  @Test
  @DisplayName("an unused bucket also starts full and caps at the burst")
  void freshBucketCapsAtBurst() {
    LineRateLimiter limiter = new LineRateLimiter(3, 5, 100, T0);
    long later = T0 + 3600 * SECOND;
    expect(limiter, later, 3, Verdict.ACCEPT);
    assertEquals(Verdict.DROP, limiter.take(later));
  }

  @Test
  @DisplayName("continuous excess disconnects only after more than disconnectAfter dropped lines")
  void floodDisconnects() {
    LineRateLimiter limiter = new LineRateLimiter(3, 2, 5, T0);
    expect(limiter, T0, 3, Verdict.ACCEPT);
    expect(limiter, T0, 5, Verdict.DROP);
    assertEquals(Verdict.DISCONNECT, limiter.take(T0));
  }

  @Test
  @DisplayName("a sender steadily over the rate is eventually disconnected")
  void steadyOverRateDisconnects() {
    // rate 2/s, sender 8/s: 6 lines a second are dropped while excess drains by 2, so it grows by 4 a second.
    LineRateLimiter limiter = new LineRateLimiter(2, 2, 10, T0);
    int accepted = 0;
    int dropped = 0;
    Verdict verdict = Verdict.ACCEPT;
    long now = T0;
    while (verdict != Verdict.DISCONNECT && now < T0 + 600 * SECOND) {
      verdict = limiter.take(now);
      if (verdict == Verdict.ACCEPT) {
        accepted++;
      } else if (verdict == Verdict.DROP) {
        dropped++;
      }
      now += SECOND / 8;
    }
    assertEquals(Verdict.DISCONNECT, verdict);
    assertTrue(dropped > 10, "dropped " + dropped + " before the disconnect");
    assertTrue(accepted > 2, "accepted " + accepted + " lines at the sustained rate meanwhile");
    assertTrue(now - T0 < 10 * SECOND, "disconnected after " + (now - T0) / SECOND + " s");
  }

  @Test
  @DisplayName("excess drains over time, so a sender that slows down is not disconnected")
  void excessDrains() {
    LineRateLimiter limiter = new LineRateLimiter(3, 2, 5, T0);
    expect(limiter, T0, 3, Verdict.ACCEPT);
    expect(limiter, T0, 5, Verdict.DROP);
    // One more line now would disconnect. Three seconds at 2/s drain 6 excess lines and refill the bucket.
    long later = T0 + 3 * SECOND;
    expect(limiter, later, 3, Verdict.ACCEPT);
    expect(limiter, later, 5, Verdict.DROP);
    assertEquals(Verdict.DISCONNECT, limiter.take(later));
  }

  @Test
  @DisplayName("a sender that drops back under the rate is never disconnected")
  void slowSenderNeverDisconnected() {
    LineRateLimiter limiter = new LineRateLimiter(3, 2, 5, T0);
    expect(limiter, T0, 3, Verdict.ACCEPT);
    expect(limiter, T0, 5, Verdict.DROP);
    for (int i = 1; i <= 200; i++) {
      assertEquals(Verdict.ACCEPT, limiter.take(T0 + i * SECOND), "line at second " + i);
    }
  }
}
