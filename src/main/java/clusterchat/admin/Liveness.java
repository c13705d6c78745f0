package clusterchat.admin;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Liveness: every event loop of the node's Vert.x (Vert.x's internal API gives the Netty group)
 * runs a task within {@link #BOUND_MILLIS}. A loop that does not is blocked, by a verticle or an
 * integration doing blocking work, and the chat on it is stuck.
 */
final class Liveness {

  static final long BOUND_MILLIS = 1000;

  private final List<EventExecutor> loops = new ArrayList<>();
  /** Thread names of the loops, learned from their answers, to name a loop that stops answering. */
  private final Map<EventExecutor, String> names = new ConcurrentHashMap<>();

  Liveness(Vertx vertx) {
    ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loops::add);
  }

  /** {"status":"UP","eventLoops":N}, or DOWN with the loops that did not answer in time. */
  Future<JsonObject> check() {
    return unanswered().map(stuck -> {
      JsonObject status = new JsonObject().put("status", stuck.isEmpty() ? "UP" : "DOWN").put("eventLoops", loops.size());
      if (!stuck.isEmpty()) {
        status.put("unresponsive", new JsonArray(stuck)).put("boundMillis", BOUND_MILLIS);
      }
      return status;
    });
  }

  /** Names of the loops that did not run a task within the bound; answers as soon as all have. */
  private Future<List<String>> unanswered() {
    ContextInternal context = ContextInternal.current();
    Promise<List<String>> result = context.promise();
    Set<EventExecutor> answered = ConcurrentHashMap.newKeySet();
    long timer = context.owner().setTimer(BOUND_MILLIS, id -> result.tryComplete(missing(answered)));
    for (EventExecutor loop : loops) {
      loop.execute(() -> {
        names.putIfAbsent(loop, Thread.currentThread().getName());
        answered.add(loop);
        if (answered.size() == loops.size()) {
          context.runOnContext(v -> {
            context.owner().cancelTimer(timer);
            result.tryComplete(List.of());
          });
        }
      });
    }
    return result.future();
  }

  private List<String> missing(Set<EventExecutor> answered) {
    List<String> stuck = new ArrayList<>();
    for (int i = 0; i < loops.size(); i++) {
      EventExecutor loop = loops.get(i);
      if (!answered.contains(loop)) {
        stuck.add(names.getOrDefault(loop, "event loop " + (i + 1) + " of " + loops.size()));
      }
    }
    return stuck;
  }
}
