package clusterchat.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the Linux kernel knows of this machine's TCP sockets, read from /proc/net/tcp and tcp6. */
public final class KernelSockets {

  /** A socket row: local address (hex, as the kernel prints it), state, and the timer fields. */
  public record Row(String localAddress, String state, int timerKind, long timerTicks) {
    /** Loopback in either table (IPv4, or IPv4-mapped IPv6), else the kernel's hex address. */
    public String address() {
      return localAddress.equals("0100007F") || localAddress.equals("0000000000000000FFFF00000100007F")
          ? "127.0.0.1" : localAddress;
    }
  }

  /** State of a listening socket. */
  public static final String LISTEN = "0A";
  /** State of an established connection. */
  public static final String ESTABLISHED = "01";
  /** Timer kind of a socket waiting for its next keepalive probe. */
  public static final int KEEPALIVE_TIMER = 2;
  /** USER_HZ: the tables report timers in these ticks per second. */
  public static final int TICKS_PER_SECOND = 100;

  private KernelSockets() {
  }

  /** Every socket whose local port is port. */
  public static List<Row> localPort(int port) throws IOException {
    String suffix = String.format(Locale.ROOT, ":%04X", port);
    List<Row> rows = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : Files.readAllLines(Path.of(table))) {
        // sl local_address rem_address st tx_queue:rx_queue tr:tm->when ...
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 5 && fields[1].endsWith(suffix)) {
          String[] timer = fields[5].split(":");
          rows.add(new Row(fields[1].substring(0, fields[1].length() - suffix.length()), fields[3],
              Integer.parseInt(timer[0], 16), Long.parseLong(timer[1], 16)));
        }
      }
    }
    return rows;
  }
}
