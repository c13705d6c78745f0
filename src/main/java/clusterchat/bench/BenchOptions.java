package clusterchat.bench;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/** The load tool's settings, parsed from the command line; every value is bounded. */
public final class BenchOptions {

  public enum Scenario { FANOUT, ROOMS, CONNECTIONS, CLUSTER }

  /** One chat node to load. */
  public record Target(String host, int port) {
    static Target parse(String text) {
      int colon = text.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("expected host:port, got \"" + text + "\"");
      }
      return new Target(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }
  }

  public static final String USAGE = """
      usage: clusterchat bench SCENARIO [options]
        scenarios: fanout | rooms | connections | cluster
        --targets H:P[,H:P...]  chat nodes to load, clients spread over them (default 127.0.0.1:7000)
        --receivers N           fanout/cluster: receivers in the room (default 100)
        --senders N             fanout/cluster: senders in the room (default 1)
        --payload BYTES         text size of each message (default 64)
        --rate N                fanout/cluster: messages per second from all senders together;
                                rooms: per member; 0 = as fast as the window allows (default 0 / 1)
        --in-flight N           fanout/cluster without --rate: unacknowledged messages per sender (default 256)
        --rooms N --members K   rooms: N rooms of K members (default 100 x 10)
        --connections N         connections: idle connections to open (default 10000)
        --server-pid PID        server process to measure (RSS, CPU; default: the one found via /proc)
        --duration S --warmup S measured seconds after warm-up seconds (default 10 and 2; at most 600);
                                connections: how long the idle connections are held, after
                                warm-up seconds of connecting and closing rounds of 2,000 clients
        --out DIR               where the JSON result and the PNG chart go (default target/bench)
        --help                  print this help
      """;

  private static final Set<String> FLAGS = Set.of("--targets", "--receivers", "--senders", "--payload", "--rate",
      "--in-flight", "--rooms", "--members", "--connections", "--server-pid", "--duration", "--warmup", "--out");

  Scenario scenario;
  List<Target> targets = List.of(new Target("127.0.0.1", 7000));
  int receivers = 100;
  int senders = 1;
  int payload = 64;
  int rate = -1;
  int inFlight = 256;
  int rooms = 100;
  int members = 10;
  int connections = 10_000;
  long serverPid;
  int durationSeconds = 10;
  int warmupSeconds = 2;
  Path out = Path.of("target", "bench");

  public static BenchOptions parse(List<String> args) {
    Deque<String> rest = new ArrayDeque<>(args);
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("name a scenario");
    }
    BenchOptions options = new BenchOptions();
    String scenario = rest.pop();
    try {
      options.scenario = Scenario.valueOf(scenario.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown scenario \"" + scenario + "\"");
    }
    while (!rest.isEmpty()) {
      String flag = rest.pop();
      if (!FLAGS.contains(flag)) {
        throw new IllegalArgumentException("unknown option: " + flag);
      }
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = rest.pop();
      switch (flag) {
        case "--targets" -> {
          List<Target> targets = new ArrayList<>();
          for (String target : value.split(",")) {
            targets.add(Target.parse(target.strip()));
          }
          options.targets = List.copyOf(targets);
        }
        case "--receivers" -> options.receivers = number(flag, value, 1, 100_000);
        case "--senders" -> options.senders = number(flag, value, 1, 10_000);
        case "--payload" -> options.payload = number(flag, value, 16, 4000);
        case "--rate" -> options.rate = number(flag, value, 0, 10_000_000);
        case "--in-flight" -> options.inFlight = number(flag, value, 1, 1_000_000);
        case "--rooms" -> options.rooms = number(flag, value, 1, 100_000);
        case "--members" -> options.members = number(flag, value, 2, 10_000);
        case "--connections" -> options.connections = number(flag, value, 1, 200_000);
        case "--server-pid" -> options.serverPid = number(flag, value, 1, Integer.MAX_VALUE);
        case "--duration" -> options.durationSeconds = number(flag, value, 1, 600);
        case "--warmup" -> options.warmupSeconds = number(flag, value, 0, 600);
        case "--out" -> options.out = Path.of(value);
      }
    }
    if (options.rate < 0) {
      options.rate = options.scenario == Scenario.ROOMS ? 1 : 0;
    }
    return options;
  }

  private static int number(String flag, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(flag + ": expected a number from " + min + " to " + max + ", got \"" + value + "\"");
  }
}
