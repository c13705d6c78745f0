package clusterchat.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The chat server's process, read from /proc (Linux): found by its command line, measured by RSS. */
final class ServerProcess {

  private ServerProcess() {
  }

  /** The pid of the one running ClusterChat server, or 0 when there is none or several. */
  static long find() {
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      List<Long> servers = processes
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(ServerProcess::isChatServer)
          .map(p -> Long.parseLong(p.getFileName().toString()))
          .toList();
      return servers.size() == 1 ? servers.get(0) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static boolean isChatServer(Path proc) {
    try {
      String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
      return cmdline.contains("clusterchat.jar") && !cmdline.contains(" bench ") && !cmdline.contains(" client")
          && !cmdline.contains(" worker");
    } catch (IOException e) {
      return false;
    }
  }

  /** Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on Linux x86-64). */
  private static final long TICKS_PER_SECOND = 100;

  /** CPU time the process has used (user + system), in nanoseconds, or -1 when unknown. */
  static long cpuNanos(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      return ticks * 1_000_000_000L / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Resident set size in bytes, or -1 when unknown. */
  static long rssBytes(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
