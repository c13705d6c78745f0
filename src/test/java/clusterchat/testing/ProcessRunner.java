package clusterchat.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Runs a real process (the jar or a script) from the repository root and captures its output. */
public final class ProcessRunner implements AutoCloseable {

  /** Test servers' fixed ports come from here, below the kernel's ephemeral port range. */
  public static final int FIXED_PORTS_FROM = 20_000;
  public static final int FIXED_PORTS_TO = 32_000;

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private ProcessRunner(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "process-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static ProcessRunner start(List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    return new ProcessRunner(builder.start());
  }

  /** The jar the build produced; Maven passes its path, a plain IDE run finds it under target/. */
  public static String jar() {
    return System.getProperty("clusterchat.jar", "target/clusterchat.jar");
  }

  /**
   * A port that is free now, below Linux's ephemeral range (32768 and up by default): a port the
   * kernel handed out for port 0 could be handed to another socket (a client, a listener on port
   * 0) before the test binds it, which happened with Hazelcast's member port.
   */
  public static int freePort() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIXED_PORTS_FROM, FIXED_PORTS_TO);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port between " + FIXED_PORTS_FROM + " and " + FIXED_PORTS_TO);
  }

  public long pid() {
    return process.pid();
  }

  /** Waits for an output line; fails if the process exits or the timeout passes first. */
  public String awaitOutput(Predicate<String> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int checked = 0;
    while (System.nanoTime() < deadline) {
      while (checked < output.size()) {
        String line = output.get(checked++);
        if (wanted.test(line)) {
          return line;
        }
      }
      if (!process.isAlive() && !reader.isAlive() && checked == output.size()) {
        break;
      }
      try {
        Thread.sleep(20); // polling an output list between checks, not a synchronisation sleep
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
    return fail("no matching output; process alive=" + process.isAlive() + ", output: " + output);
  }

  /** Writes a line to the process's standard input. */
  public void sendLine(String line) {
    try {
      process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
      process.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends SIGTERM (Process.destroy on Linux). */
  public void terminate() {
    process.destroy();
  }

  /** Waits for exit and returns the exit code; kills the process if it does not exit in time. */
  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        fail("process did not exit within " + timeout + "; output: " + output);
      }
      reader.join(timeout.toMillis());
      return process.exitValue();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<String> output() {
    return List.copyOf(output);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        output.add(line);
      }
    } catch (IOException e) {
      // the process ended
    }
  }
}
