package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clusterchat.server.AddressLimits.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Per-address admission, driven by explicit nanoTime values and, for the races, by real threads. */
class AddressLimitsTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long T0 = 987_654_321_000L;

  @Test
  @DisplayName("IPv6 clients share one budget per /64; IPv4 and IPv4-mapped IPv6 count per address")
  void ipv6CountsPerPrefix() {
    AddressLimits limits = new AddressLimits(1, 1000);
    assertEquals(Verdict.ACCEPT, limits.admit("2001:db8:1:2:0:0:0:1", T0));
    assertEquals(Verdict.TOO_MANY, limits.admit("2001:db8:1:2:ffff:1:2:3", T0));
    assertEquals(Verdict.ACCEPT, limits.admit("2001:db8:1:3:0:0:0:1", T0));
    assertEquals(Verdict.ACCEPT, limits.admit("192.0.2.1", T0));
    assertEquals(Verdict.ACCEPT, limits.admit("192.0.2.2", T0));
    assertEquals(Verdict.TOO_MANY, limits.admit("::ffff:192.0.2.1", T0));
    limits.release("2001:db8:1:2:ffff:0:0:9");
    assertEquals(Verdict.ACCEPT, limits.admit("2001:db8:1:2:0:0:0:2", T0));
  }

  /**
   * Threads admit and release their own addresses while every admission sweeps (threshold 0), so
   * sweeps of one thread race with admissions of the others. Each thread knows how many
   * connections it holds per address, so every verdict is predictable, and afterwards every
   * address must take exactly maxPerAddress connections again.
   */
  @Test
  @DisplayName("admit, release and the idle sweep racing on many threads keep every count exact")
  void sweepRacesKeepCountsExact() throws Exception {
    int maxPerAddress = 2;
    int threads = 4;
    int addressesPerThread = 3;
    AddressLimits limits = new AddressLimits(maxPerAddress, 1_000_000, 0);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> hammer(limits, thread, addressesPerThread, maxPerAddress, 200_000)));
      }
      for (Future<String> result : results) {
        assertEquals("", result.get(2, TimeUnit.MINUTES));
      }
    } finally {
      pool.shutdownNow();
    }
    long later = System.nanoTime() + 60 * SECOND;
    for (int t = 0; t < threads; t++) {
      for (int a = 0; a < addressesPerThread; a++) {
        String ip = address(t, a);
        for (int i = 0; i < maxPerAddress; i++) {
          assertEquals(Verdict.ACCEPT, limits.admit(ip, later), ip + " admission #" + (i + 1));
        }
        assertEquals(Verdict.TOO_MANY, limits.admit(ip, later), ip + " past its limit");
      }
    }
  }

  private static String address(int thread, int index) {
    return "10.0." + thread + "." + index;
  }

  /** Returns a description of the first unexpected verdict, or "" when all were as expected. */
  private static String hammer(AddressLimits limits, int thread, int addresses, int max, int rounds) {
    int[] held = new int[addresses];
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int round = 0; round < rounds; round++) {
      int a = random.nextInt(addresses);
      String ip = address(thread, a);
      if (held[a] > 0 && random.nextBoolean()) {
        limits.release(ip);
        held[a]--;
        continue;
      }
      Verdict expected = held[a] < max ? Verdict.ACCEPT : Verdict.TOO_MANY;
      Verdict verdict = limits.admit(ip, System.nanoTime());
      if (verdict != expected) {
        return ip + " holding " + held[a] + " got " + verdict + " in round " + round;
      }
      if (verdict == Verdict.ACCEPT) {
        held[a]++;
      }
    }
    for (int a = 0; a < addresses; a++) {
      for (; held[a] > 0; held[a]--) {
        limits.release(address(thread, a));
      }
    }
    return "";
  }
}
