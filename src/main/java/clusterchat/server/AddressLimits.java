package clusterchat.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-address admission for one node, shared by its verticle instances: at most
 * {@code maxPerAddress} open connections per remote IP, and new connections from one IP at a
 * sustained {@code perSecond} (a token bucket of the same size). Thread-safe.
 */
final class AddressLimits {

  enum Verdict { ACCEPT, TOO_MANY, TOO_FAST }

  /** Above this many tracked addresses, idle ones are forgotten on the next admission. */
  private static final int SWEEP_ABOVE = 10_000;

  private final int maxPerAddress;
  private final double perSecond;
  private final Map<String, Address> addresses = new ConcurrentHashMap<>();

  private static final class Address {
    int open;
    double tokens;
    long lastNanos;
  }

  AddressLimits(int maxPerAddress, int perSecond) {
    this.maxPerAddress = maxPerAddress;
    this.perSecond = perSecond;
  }

  Verdict admit(String ip, long nowNanos) {
    if (addresses.size() > SWEEP_ABOVE) {
      addresses.values().removeIf(address -> idle(address, nowNanos));
    }
    Address address = addresses.computeIfAbsent(ip, key -> {
      Address fresh = new Address();
      fresh.tokens = perSecond;
      fresh.lastNanos = nowNanos;
      return fresh;
    });
    synchronized (address) {
      address.tokens = Math.min(perSecond, address.tokens + (nowNanos - address.lastNanos) / 1e9 * perSecond);
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
  }

  void release(String ip) {
    Address address = addresses.get(ip);
    if (address != null) {
      synchronized (address) {
        address.open--;
      }
    }
  }

  private boolean idle(Address address, long nowNanos) {
    synchronized (address) {
      return address.open == 0 && address.tokens + (nowNanos - address.lastNanos) / 1e9 * perSecond >= perSecond;
    }
  }
}
