package clusterchat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Standard input and output that are not a terminal: lines pass through raw, as the protocol has them. */
final class PipedIo implements ClientIo {

  private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
  private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  @Override
  public List<String> openingLines() {
    return List.of();
  }

  @Override
  public String readLine() throws IOException {
    return in.readLine();
  }

  @Override
  public void show(String serverLine) {
    out.println(serverLine);
  }

  @Override
  public void close() {
    // Nothing to tidy: the process ends while the input thread may still be blocked on the pipe.
  }
}
