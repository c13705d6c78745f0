package clusterchat.client;

import static org.junit.jupiter.api.Assertions.fail;

import clusterchat.testing.ChatClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The client's keyboard and screen in a test: lines are typed on cue, and every line shown is kept
 * as it came (the client's status lines as {@code ** TEXT}) for the test to await, never to sleep on.
 */
final class ScriptedIo implements ClientIo {

  private final InputLines typed = new InputLines();
  private final BlockingQueue<String> shown = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  void type(String line) {
    typed.add(line);
  }

  /** Ctrl-D. */
  void endInput() {
    typed.end();
  }

  /** Takes shown lines until one matches; fails after ChatClient.TIMEOUT. */
  String await(Predicate<String> wanted) {
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    try {
      while (true) {
        String line = shown.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line == null) {
          return fail("timed out waiting for a line; shown so far: " + seen);
        }
        seen.add(line);
        if (wanted.test(line)) {
          return line;
        }
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  void awaitLine(String exact) {
    await(exact::equals);
  }

  /** Every line taken by await so far, in the order shown. */
  List<String> seen() {
    return List.copyOf(seen);
  }

  @Override
  public List<String> openingLines() {
    return List.of();
  }

  @Override
  public String readLine() throws IOException {
    return typed.take();
  }

  @Override
  public void sent(String line) {
    // shown lines are the server's and the client's own
  }

  @Override
  public void show(String serverLine) {
    shown.add(serverLine);
  }

  @Override
  public void status(String text) {
    shown.add("** " + text);
  }

  @Override
  public void close() {
    endInput();
  }
}
