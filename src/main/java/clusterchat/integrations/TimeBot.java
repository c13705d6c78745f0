package clusterchat.integrations;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Example integration: answers {@code !time} and {@code !who} in the rooms of
 * {@code integrations.botRooms}, as the bot {@code integrations.botName}. It uses only the public
 * event-bus API (docs/EVENTBUS.md), so it runs inside a chat node or on a worker node.
 */
public final class TimeBot extends VerticleBase {

  private String name;

  @Override
  public Future<?> start() {
    JsonObject settings = config().getJsonObject("integrations");
    name = settings.getString("botName");
    List<Future<Void>> listening = new ArrayList<>();
    for (String room : rooms(settings.getString("botRooms"))) {
      listening.add(vertx.eventBus().<JsonObject>consumer("clusterchat.room." + room, message -> onRoomEvent(message.body()))
          .completion());
    }
    return Future.all(listening);
  }

  private void onRoomEvent(JsonObject event) {
    if (!"MSG".equals(event.getString("kind"))) {
      return;
    }
    String room = event.getString("room");
    switch (event.getString("text", "").strip()) {
      case "!time" -> post(room, "the time is " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " (UTC)");
      case "!who" -> api(new JsonObject().put("action", "who").put("room", room)).onSuccess(reply -> {
        JsonArray nicks = reply.getJsonArray("nicks", new JsonArray());
        post(room, nicks.size() + " in " + room + ": " + String.join(", ", nicks.getList()));
      });
      default -> {
      }
    }
  }

  private void post(String room, String text) {
    api(new JsonObject().put("action", "post").put("bot", name).put("room", room).put("text", text));
  }

  private Future<JsonObject> api(JsonObject request) {
    return vertx.eventBus().<JsonObject>request("clusterchat.api", request.put("v", 1)).map(reply -> reply.body());
  }

  static List<String> rooms(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).filter(room -> !room.isEmpty()).toList();
  }
}
