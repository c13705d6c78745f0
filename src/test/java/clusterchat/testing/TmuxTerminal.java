package clusterchat.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A program in a real pseudo-terminal: tmux runs it, send-keys types, capture-pane reads the
 * screen. Each instance has a tmux server of its own (-L), so tests never touch anyone's sessions.
 */
public final class TmuxTerminal implements AutoCloseable {

  private static final AtomicInteger COUNT = new AtomicInteger();
  private static final String TARGET = "term";

  private final String server = "clusterchat-test-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet();
  private Path socket;

  private TmuxTerminal() {
  }

  /** True when tmux is installed. */
  public static boolean available() {
    try {
      return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a shell command in a terminal of this size; the screen stays readable after it exits. */
  public static TmuxTerminal start(String command, int columns, int rows) {
    TmuxTerminal terminal = new TmuxTerminal();
    terminal.tmux("-f", "/dev/null", "new-session", "-d", "-s", TARGET, "-x", String.valueOf(columns),
        "-y", String.valueOf(rows), command, ";", "set-option", "-t", TARGET, "remain-on-exit", "on");
    terminal.socket = Path.of(terminal.tmux("display-message", "-p", "#{socket_path}").strip());
    return terminal;
  }

  /** Types text as it is (no key names). */
  public void type(String text) {
    tmux("send-keys", "-t", TARGET, "-l", text);
  }

  /** Presses keys by tmux name: Enter, Tab, Up, C-d ... */
  public void press(String... keys) {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", TARGET));
    args.addAll(Arrays.asList(keys));
    tmux(args.toArray(String[]::new));
  }

  /** The screen and its scroll-back, one string per row, trailing blanks removed. */
  public List<String> screen() {
    List<String> rows = new ArrayList<>(Arrays.asList(tmux("capture-pane", "-p", "-S", "-", "-t", TARGET).split("\n")));
    rows.replaceAll(String::stripTrailing);
    return rows;
  }

  /** The last row that is not blank (the input line while the program reads). */
  public static String lastLine(List<String> screen) {
    for (int i = screen.size() - 1; i >= 0; i--) {
      if (!screen.get(i).isBlank()) {
        return screen.get(i);
      }
    }
    return "";
  }

  /** Polls the screen until the condition holds; fails with the screen when the timeout passes first. */
  public List<String> await(String what, Predicate<List<String>> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> screen = screen();
    while (!condition.test(screen)) {
      if (System.nanoTime() > deadline) {
        return fail("screen never showed " + what + ":\n" + String.join("\n", screen));
      }
      try {
        Thread.sleep(50); // polling the screen between checks, not a synchronisation sleep
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      screen = screen();
    }
    return screen;
  }

  /** Ends the tmux server and the program in it, quietly when it has gone already, and removes its socket. */
  @Override
  public void close() {
    try {
      new ProcessBuilder("tmux", "-L", server, "kill-server").redirectErrorStream(true).start().waitFor();
      if (socket != null) {
        Files.deleteIfExists(socket);
      }
    } catch (IOException e) {
      // tmux could not run, or the socket could not be removed: nothing more to do
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String tmux(String... args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", server));
    command.addAll(Arrays.asList(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(command + " failed: " + output);
      }
      return output;
    } catch (IOException e) {
      throw new IllegalStateException(command + " failed", e);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
