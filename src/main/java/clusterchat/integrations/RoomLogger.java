package clusterchat.integrations;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Example integration: appends every event of the rooms in {@code integrations.logRooms} to
 * {@code integrations.logFile}, one JSON object per line, exactly as published on the event bus.
 */
public final class RoomLogger extends VerticleBase {

  private AsyncFile file;

  @Override
  public Future<?> start() {
    JsonObject settings = config().getJsonObject("integrations");
    return vertx.fileSystem()
        .open(settings.getString("logFile"), new OpenOptions().setAppend(true).setCreate(true).setWrite(true))
        .compose(opened -> {
          file = opened;
          List<Future<Void>> listening = new ArrayList<>();
          for (String room : TimeBot.rooms(settings.getString("logRooms"))) {
            listening.add(vertx.eventBus().<JsonObject>consumer("clusterchat.room." + room,
                message -> file.write(Buffer.buffer(message.body().encode() + "\n"))).completion());
          }
          return Future.all(listening);
        });
  }

  @Override
  public Future<?> stop() {
    return file == null ? Future.succeededFuture() : file.close();
  }
}
