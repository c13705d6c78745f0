package clusterchat.server;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-address admission for one node, shared by its verticle instances: at most
 * {@code maxPerAddress} open connections per client key (see {@link AddressKey}), and new
 * connections from one key at a sustained {@code perSecond} (a token bucket of the same size).
 * Thread-safe: every read and change of an address's counts runs inside the map's per-key
 * {@code compute}, so admit, release and the idle sweep never see or drop each other's half-done work.
 */
final class AddressLimits {

  enum Verdict { ACCEPT, TOO_MANY, TOO_FAST }

  /** Above this many tracked addresses, idle ones are forgotten on the next admission. */
  static final int SWEEP_ABOVE = 10_000;

  // Changed by a config reload; admissions read them inside compute, so each sees one pair or the other.
  private volatile int maxPerAddress;
  private volatile double perSecond;
  private final int sweepAbove;
  private final ConcurrentHashMap<String, Address> addresses = new ConcurrentHashMap<>();

  /** Counts of one key; only touched inside a compute for that key. */
  private static final class Address {
    int open;
    double tokens;
    long lastNanos;
  }

  AddressLimits(int maxPerAddress, int perSecond) {
    this(maxPerAddress, perSecond, SWEEP_ABOVE);
  }

  AddressLimits(int maxPerAddress, int perSecond, int sweepAbove) {
    this.maxPerAddress = maxPerAddress;
    this.perSecond = perSecond;
    this.sweepAbove = sweepAbove;
  }

  /** New limits (a config reload); connections already counted stay. */
  void retune(int maxPerAddress, int perSecond) {
    this.maxPerAddress = maxPerAddress;
    this.perSecond = perSecond;
  }

  /** Counts a new connection from ip in, or says why not. */
  Verdict admit(String ip, long nowNanos) {
    if (addresses.size() > sweepAbove) {
      sweep(nowNanos);
    }
    Verdict[] verdict = new Verdict[1];
    addresses.compute(AddressKey.of(ip), (key, known) -> {
      Address address = known;
      if (address == null) {
        address = new Address();
        address.tokens = perSecond;
        address.lastNanos = nowNanos;
      }
      verdict[0] = take(address, nowNanos);
      return address;
    });
    return verdict[0];
  }

  private Verdict take(Address address, long nowNanos) {
    address.tokens = refilled(address, nowNanos);
    address.lastNanos = nowNanos;
    if (address.tokens < 1) {
      return Verdict.TOO_FAST;
    }
    address.tokens -= 1;
    if (address.open >= maxPerAddress) {
      return Verdict.TOO_MANY;
    }
    address.open++;
    return Verdict.ACCEPT;
  }

  /** Gives back the place of a connection that admit accepted. */
  void release(String ip) {
    addresses.computeIfPresent(AddressKey.of(ip), (key, address) -> {
      address.open--;
      return address;
    });
  }

  private void sweep(long nowNanos) {
    for (String key : addresses.keySet()) {
      addresses.computeIfPresent(key, (k, address) ->
          address.open == 0 && refilled(address, nowNanos) >= perSecond ? null : address);
    }
  }

  private double refilled(Address address, long nowNanos) {
    return Math.min(perSecond, address.tokens + (nowNanos - address.lastNanos) / 1e9 * perSecond);
  }
}
