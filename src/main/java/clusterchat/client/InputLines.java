package clusterchat.client;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Lines typed or piped in, taken one at a time by the client; null from their end on, every time. */
final class InputLines {

  private final BlockingQueue<Optional<String>> lines = new LinkedBlockingQueue<>();

  void add(String line) {
    lines.add(Optional.of(line));
  }

  /** No more lines: the end of input (Ctrl-D, the end of the pipe) or the io closed. */
  void end() {
    lines.add(Optional.empty());
  }

  /** The next line, waiting for it; null once input has ended. */
  String take() throws IOException {
    try {
      Optional<String> line = lines.take();
      if (line.isEmpty()) {
        lines.add(line);
      }
      return line.orElse(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
