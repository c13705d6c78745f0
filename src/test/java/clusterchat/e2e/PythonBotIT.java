package clusterchat.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.testing.BridgeClient;
import clusterchat.testing.ChatClient;
import clusterchat.testing.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example Python bot (examples/python/echo_bot.py) run by python3 against the real jar's bridge. */
class PythonBotIT {

  private static final String TOKEN = "python-it-token-7d3e91b0c4";
  private static final String BOT = "examples/python/echo_bot.py";

  @Test
  @DisplayName("the Python bot logs in over the bridge and answers !ping and !echo in the room; a wrong token stops it")
  void pythonBotAnswersInTheRoom(@TempDir Path dir) throws IOException {
    int chatPort = ProcessRunner.freePort();
    int bridgePort = ProcessRunner.freePort();
    Path config = dir.resolve("node.json");
    Files.writeString(config, "{\"tcp\": {\"port\": " + chatPort + "}, \"bridge\": {\"enabled\": true, \"port\": "
        + bridgePort + ", \"bots\": \"echobot:" + BridgeClient.tokenHash(TOKEN) + "\"}}");
    List<String> bot = List.of("python3", BOT, "--port", String.valueOf(bridgePort), "--room", "lobby");

    try (ProcessRunner node = ProcessRunner.start(
        List.of("java", "-jar", ProcessRunner.jar(), "server", "--config", config.toString()),
        Map.of("CHAT_IRC_PORT", "0", "CHAT_HTTP_PORT", "0", "CHAT_ADMIN_PORT", "0"))) {
      node.awaitOutput(line -> line.contains("bridge on 127.0.0.1:" + bridgePort), Duration.ofSeconds(60));
      try (ChatClient user = ChatClient.connect(chatPort);
           ProcessRunner echo = ProcessRunner.start(bot, Map.of("CLUSTERCHAT_BOT_TOKEN", TOKEN))) {
        user.nick("pinger");
        user.awaitLine("BOT lobby echobot echobot is here: say !ping or !echo TEXT");
        user.send("!ping");
        user.awaitLine("BOT lobby echobot pong");
        user.send("!echo  hello from nc ");
        user.awaitLine("BOT lobby echobot hello from nc");
        echo.awaitOutput(line -> line.equals("echobot listening in lobby"), Duration.ofSeconds(10));
      }
      try (ProcessRunner impostor = ProcessRunner.start(bot, Map.of("CLUSTERCHAT_BOT_TOKEN", "guessed"))) {
        assertEquals(2, impostor.awaitExit(Duration.ofSeconds(30)), impostor.output().toString());
        assertTrue(impostor.output().stream().anyMatch(line -> line.startsWith("login refused: BAD_TOKEN")),
            impostor.output().toString());
      }
      node.terminate();
      assertEquals(0, node.awaitExit(Duration.ofSeconds(30)), node.output().toString());
    }
  }
}
