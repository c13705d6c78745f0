package clusterchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.testing.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real jar's command line: every command's --help, and unknown flags. */
class CommandLineIT {

  /** Exit code, standard output and standard error of one run, kept apart. */
  private record Run(int exit, String out, String err) {
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("--help prints the command's usage to stdout and exits 0")
  @CsvSource(delimiter = '|', value = {
      "--help              | usage: clusterchat [server]",
      "help                | usage: clusterchat bench SCENARIO",
      "server --help       | --check-config    print the effective configuration",
      "server --port 7 -h  | --instances N     server verticle instances",
      "worker --help       | usage: clusterchat worker [--config FILE]",
      "client --help       | --insecure        with --tls: accept any certificate",
      "bench --help        | usage: clusterchat bench SCENARIO [options]",
      "-h                  | clusterchat passwd    (prints a password hash for irc.operators)",
      "passwd --help       | usage: clusterchat passwd          prints the hash of a password",
      "passwd -h           | for irc.operators (\"NAME=HASH\")",
  })
  void helpForEveryCommand(String args, String expected) throws Exception {
    Run run = run(args);
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains(expected), "stdout lacks \"" + expected + "\": " + run);
    assertEquals("", run.err());
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName("an unknown flag or command exits 2 and names it on stderr")
  @CsvSource(delimiter = '|', value = {
      "--bogus                 | unknown option: --bogus",
      "server --bogus          | unknown option: --bogus",
      "worker --port 7000      | --port is for chat nodes",
      "client --bogus          | unknown option: --bogus",
      "bench fanout --bogus 1  | unknown option: --bogus",
      "passwd --bogus          | unexpected argument --bogus",
      "chat                    | unknown command: chat",
  })
  void unknownFlags(String args, String expected) throws Exception {
    Run run = run(args);
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains(expected), "stderr lacks \"" + expected + "\": " + run);
    assertTrue(run.err().contains("usage: clusterchat"), "stderr shows no usage: " + run);
  }

  private static Run run(String args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("java", "-jar", ProcessRunner.jar()));
    command.addAll(List.of(args.trim().split("\\s+")));
    Process process = new ProcessBuilder(command).start();
    process.getOutputStream().close();
    // Both outputs are small (a usage text): reading one to its end before the other cannot block.
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    return new Run(process.exitValue(), out, err);
  }
}
