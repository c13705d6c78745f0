package clusterchat.server;

/**
 * Per-connection flood control. A token bucket admits bursts of {@code burst} lines and a sustained
 * {@code perSecond}; each refused line adds to an excess count that drains at the same rate, and a
 * sender whose excess passes {@code disconnectAfter} is cut off. Used on one event loop only.
 */
final class LineRateLimiter {

  enum Verdict { ACCEPT, DROP, DISCONNECT }

  private static final double NANOS_PER_SECOND = 1e9;

  private double burst;
  private double perSecond;
  private double disconnectAfter;
  private double tokens;
  private double excess;
  private long lastNanos;

  LineRateLimiter(int burst, int perSecond, int disconnectAfter, long nowNanos) {
    retune(burst, perSecond, disconnectAfter);
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** New limits (a config reload); tokens and excess carry over, capped at the new burst. */
  void retune(int burst, int perSecond, int disconnectAfter) {
    this.burst = burst;
    this.perSecond = perSecond;
    this.disconnectAfter = disconnectAfter;
    this.tokens = Math.min(tokens, burst);
  }

  Verdict take(long nowNanos) {
    double refill = (nowNanos - lastNanos) / NANOS_PER_SECOND * perSecond;
    lastNanos = nowNanos;
    tokens = Math.min(burst, tokens + refill);
    excess = Math.max(0, excess - refill);
    if (tokens >= 1) {
      tokens -= 1;
      return Verdict.ACCEPT;
    }
    excess += 1;
    return excess > disconnectAfter ? Verdict.DISCONNECT : Verdict.DROP;
  }
}
