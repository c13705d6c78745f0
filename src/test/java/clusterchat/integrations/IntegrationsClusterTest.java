package clusterchat.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.testing.ChatClient;
import clusterchat.testing.TestCluster;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example integrations, deployed on a worker node by config, against a chat node. */
class IntegrationsClusterTest {

  @TempDir
  static Path dir;
  private static TestCluster cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster = TestCluster.start(1, new JsonObject());
    cluster.addWorker(new JsonObject().put("integrations", new JsonObject()
        .put("verticles", "clusterchat.integrations.TimeBot, clusterchat.integrations.RoomLogger")
        .put("botName", "clock").put("botRooms", "botland,other")
        .put("logRooms", "botland").put("logFile", dir.resolve("rooms.jsonl").toString())));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  @DisplayName("TimeBot answers !time and !who in its rooms")
  void timeBotAnswers() throws IOException {
    try (ChatClient user = ChatClient.connect(cluster.node(0).port())) {
      user.nick("timeAsker").join("botland");
      user.send("!time");
      String answer = user.awaitPrefix("BOT botland clock ");
      assertTrue(answer.matches("BOT botland clock the time is \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(UTC\\)"), answer);
      user.send("!who");
      user.awaitLine("BOT botland clock 1 in botland: timeAsker");
    }
  }

  @Test
  @DisplayName("RoomLogger appends each event of its rooms as one JSON line")
  void roomLoggerWritesJsonLines() throws Exception {
    try (ChatClient user = ChatClient.connect(cluster.node(0).port())) {
      user.nick("logged").join("botland");
      user.send("remember this");
      Path log = dir.resolve("rooms.jsonl");
      JsonObject line = awaitLogLine(log, json -> "remember this".equals(json.getString("text")));
      assertEquals(List.of(1, "MSG", "botland", "logged"),
          List.of(line.getInteger("v"), line.getString("kind"), line.getString("room"), line.getString("nick")));
    }
  }

  /** Polls the file until a line matches (the logger writes asynchronously). */
  private static JsonObject awaitLogLine(Path log, java.util.function.Predicate<JsonObject> wanted) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Optional<JsonObject> match = Files.readAllLines(log).stream().map(JsonObject::new).filter(wanted).findFirst();
        if (match.isPresent()) {
          return match.get();
        }
      }
      Thread.sleep(50); // polling a file between checks, bounded by the deadline
    }
    throw new AssertionError("no matching line in " + log);
  }
}
