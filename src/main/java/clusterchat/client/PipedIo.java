package clusterchat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Standard input and output that are not a terminal: lines pass through raw, as the protocol has
 * them; the client's own status lines go to standard error. Standard input is read by a thread of
 * its own, since a read from it cannot be interrupted and {@link #close} must end readLine.
 */
final class PipedIo implements ClientIo {

  /** Piped lines; their end comes once input ended or the io was closed. */
  private final InputLines typed = new InputLines();
  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  PipedIo() {
    Thread reader = new Thread(this::readInput, "clusterchat-client-stdin");
    reader.setDaemon(true);
    reader.start();
  }

  private void readInput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        typed.add(line);
      }
    } catch (IOException e) {
      // ends input like the end of the pipe
    }
    typed.end();
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
    // the protocol shows no echo, and neither does a pipe
  }

  @Override
  public void show(String serverLine) {
    out.println(serverLine);
  }

  @Override
  public void status(String text) {
    System.err.println("clusterchat client: " + text);
  }

  @Override
  public void close() {
    typed.end();
  }
}
