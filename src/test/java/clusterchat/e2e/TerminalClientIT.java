package clusterchat.e2e;

import static clusterchat.testing.TmuxTerminal.lastLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import clusterchat.testing.ChatClient;
import clusterchat.testing.ProcessRunner;
import clusterchat.testing.TmuxTerminal;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The bundled client in a real pseudo-terminal (tmux) against the real server jar. */
class TerminalClientIT {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SCREEN_TIMEOUT = Duration.ofSeconds(20);
  private static final String TIME = "\\d\\d:\\d\\d ";

  @BeforeAll
  static void needsTmux() {
    assumeTrue(TmuxTerminal.available(), "needs tmux (Debian package tmux; .ci/run installs it)");
  }

  private static ProcessRunner startServer(int port) throws IOException {
    ProcessRunner server = ProcessRunner.start(
        List.of("java", "-jar", ProcessRunner.jar(), "--port", String.valueOf(port)),
        Map.of("CHAT_IRC_PORT", "0", "CHAT_HTTP_PORT", "0", "CHAT_ADMIN_PORT", "0"));
    server.awaitOutput(line -> line.contains("listening on"), START_TIMEOUT);
    return server;
  }

  /** The client in a 100x30 terminal; its exit code shows on the screen when it ends. */
  private static TmuxTerminal startClient(int port) {
    return TmuxTerminal.start("java -jar '" + ProcessRunner.jar() + "' client --port " + port
        + "; echo \"client exited with $?\"", 100, 30);
  }

  private static boolean hasLine(List<String> screen, String regex) {
    return screen.stream().anyMatch(line -> line.matches(regex));
  }

  @Test
  @DisplayName("lines arrive above the half-typed input, which stays intact and is then sent whole; "
      + "prompt, completion, history, errors and Ctrl-D work")
  void chatWhileTyping() throws IOException {
    int port = ProcessRunner.freePort();
    try (ProcessRunner server = startServer(port); ChatClient bob = ChatClient.connect(port)) {
      bob.nick("bob");
      try (TmuxTerminal terminal = startClient(port)) {
        terminal.await("the greeting and a prompt with the guest nick and room", s -> hasLine(s, TIME + "-- Welcome to ClusterChat.*")
            && lastLine(s).matches("guest-\\d+@lobby>"), SCREEN_TIMEOUT);
        terminal.type("/nick alice");
        terminal.press("Enter");
        bob.await(line -> line.matches("NICK lobby guest-\\d+ alice"));
        List<String> renamed = terminal.await("the new nick in the prompt", s -> lastLine(s).equals("alice@lobby>"),
            SCREEN_TIMEOUT);
        assertTrue(renamed.stream().noneMatch(line -> line.matches(TIME + "-- /.*")), "the opening /help (for completion) "
            + "answers before /nick and is not shown:\n" + String.join("\n", renamed));

        String halfTyped = "alice@lobby> half";
        terminal.type("half");
        terminal.await("the half-typed line", s -> lastLine(s).equals(halfTyped), SCREEN_TIMEOUT);
        bob.send("hello alice");
        bob.send("/msg alice psst");
        List<String> screen = terminal.await("both messages above the intact input line",
            s -> hasLine(s, TIME + "\\[lobby\\] bob: hello alice") && hasLine(s, TIME + "\\[private\\] bob -> alice: psst")
                && lastLine(s).equals(halfTyped), SCREEN_TIMEOUT);
        assertEquals(1, screen.stream().filter(line -> line.contains("half")).count(), String.join("\n", screen));

        terminal.type(" done!! \\o/ it's sent");
        terminal.press("Enter");
        bob.awaitLine("MSG lobby alice half done!! \\o/ it's sent");
        terminal.await("the sent line shown as the room sees it, and an empty input line",
            s -> hasLine(s, TIME + "\\[lobby\\] alice: half done!! \\\\o/ it's sent") && lastLine(s).equals("alice@lobby>"),
            SCREEN_TIMEOUT);

        terminal.type("/jo");
        terminal.press("Tab");
        terminal.await("/join completed", s -> lastLine(s).equals("alice@lobby> /join"), SCREEN_TIMEOUT);
        terminal.type("dev");
        terminal.press("Enter");
        terminal.await("the new room in the prompt", s -> hasLine(s, TIME + "-- now talking in dev")
            && lastLine(s).equals("alice@dev>"), SCREEN_TIMEOUT);
        terminal.press("Up");
        terminal.await("the last typed line from history", s -> lastLine(s).equals("alice@dev> /join dev"), SCREEN_TIMEOUT);
        terminal.press("C-u");

        terminal.type("/frob");
        terminal.press("Enter");
        terminal.await("the error, marked", s -> hasLine(s,
            TIME + "error: /frob is not a command; type /help for the list \\[UNKNOWN_COMMAND\\]"), SCREEN_TIMEOUT);

        terminal.press("C-d");
        screen = terminal.await("the goodbye and exit code 0", s -> hasLine(s, TIME + "disconnected: goodbye \\[QUIT\\]")
            && s.contains("client exited with 0"), SCREEN_TIMEOUT);
        bob.awaitLine("QUIT lobby alice quit");
        assertEquals(0, screen.stream().filter(line -> line.startsWith("alice@")).count(),
            "no input line left behind:\n" + String.join("\n", screen));
      }
      server.terminate();
      assertEquals(0, server.awaitExit(Duration.ofSeconds(30)));
    }
  }

  @Test
  @DisplayName("when the server stops, the client shows why, clears its unfinished input line and exits")
  void serverStops() throws IOException {
    int port = ProcessRunner.freePort();
    try (ProcessRunner server = startServer(port); TmuxTerminal terminal = startClient(port)) {
      terminal.await("the prompt", s -> lastLine(s).matches("guest-\\d+@lobby>"), SCREEN_TIMEOUT);
      terminal.type("never sent");
      terminal.await("the typed text", s -> lastLine(s).endsWith("> never sent"), SCREEN_TIMEOUT);
      server.terminate();
      List<String> screen = terminal.await("the goodbye and exit code 0", s -> hasLine(s,
          TIME + "disconnected: the server is shutting down \\[SHUTDOWN\\]") && s.contains("client exited with 0"),
          SCREEN_TIMEOUT);
      assertEquals(0, screen.stream().filter(line -> line.contains("never sent")).count(),
          "no input line left behind:\n" + String.join("\n", screen));
      assertEquals(0, server.awaitExit(Duration.ofSeconds(30)));
    }
  }
}
