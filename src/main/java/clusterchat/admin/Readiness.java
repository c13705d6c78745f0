package clusterchat.admin;

import clusterchat.cluster.Addresses;
import clusterchat.server.ChatServerVerticle;
import com.hazelcast.cluster.ClusterState;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Readiness: the node can serve users. Its enabled chat listeners (plain, TLS, IRC, IRC over TLS,
 * web chat) are bound and not stopping; when clustered, Hazelcast runs, the cluster state is
 * ACTIVE and no partition is migrating or missing its backup; the user directory answers a read.
 * Each check has {@link Bounded#ANSWER_MILLIS}.
 */
final class Readiness {

  /** A key no user can hold (nick keys have no spaces): the read finds nothing, cheaply. */
  private static final String PROBE_KEY = "readiness probe";

  private final Vertx vertx;
  private final List<ChatServerVerticle> servers;
  private final HazelcastClusterManager manager;
  // One thread: a Hazelcast call that hangs holds one thread, not the shared worker pool.
  private final WorkerExecutor hazelcastCalls;

  /** servers is empty on a worker; manager is null when not clustered. */
  Readiness(Vertx vertx, List<ChatServerVerticle> servers, HazelcastClusterManager manager) {
    this.vertx = vertx;
    this.servers = List.copyOf(servers);
    this.manager = manager;
    this.hazelcastCalls = manager == null ? null : vertx.createSharedWorkerExecutor("clusterchat-admin-readiness", 1);
  }

  /** {"ready":true,"checks":{NAME:"ok",...}}, or ready false with the failing checks' problems and names. */
  Future<JsonObject> check() {
    Map<String, Future<Void>> checks = new LinkedHashMap<>();
    if (!servers.isEmpty()) {
      checks.put("listeners", Bounded.call(this::listeners));
    }
    if (manager != null) {
      checks.put("cluster", Bounded.call(this::cluster));
    }
    checks.put("directory", Bounded.call(this::directory));
    return Future.join(List.copyOf(checks.values())).transform(done -> {
      JsonObject results = new JsonObject();
      JsonArray notReady = new JsonArray();
      checks.forEach((name, check) -> {
        results.put(name, check.succeeded() ? "ok" : describe(check.cause()));
        if (check.failed()) {
          notReady.add(name);
        }
      });
      JsonObject status = new JsonObject().put("ready", notReady.isEmpty()).put("checks", results);
      return Future.succeededFuture(notReady.isEmpty() ? status : status.put("notReady", notReady));
    });
  }

  void close() {
    if (hazelcastCalls != null) {
      hazelcastCalls.close();
    }
  }

  private Future<Void> listeners() {
    return Future.all(servers.stream().map(ChatServerVerticle::listening).toList()).compose(all ->
        all.<Boolean>list().stream().allMatch(Boolean::booleanValue)
            ? Future.succeededFuture()
            : Future.failedFuture("not listening: the node is stopping"));
  }

  private Future<Void> cluster() {
    return hazelcastCalls.executeBlocking(() -> {
      HazelcastInstance hazelcast = manager.getHazelcastInstance();
      if (!hazelcast.getLifecycleService().isRunning()) {
        throw new IllegalStateException("Hazelcast is not running");
      }
      ClusterState state = hazelcast.getCluster().getClusterState();
      if (state != ClusterState.ACTIVE) {
        throw new IllegalStateException("cluster state is " + state);
      }
      if (!hazelcast.getPartitionService().isClusterSafe()) {
        throw new IllegalStateException("partitions are migrating or lack their backup");
      }
      return null;
    }, false);
  }

  private Future<Void> directory() {
    return vertx.sharedData().getAsyncMap(Addresses.USERS_MAP).compose(users -> users.get(PROBE_KEY)).mapEmpty();
  }

  private static String describe(Throwable err) {
    return err.getMessage() != null ? err.getMessage() : err.toString();
  }
}
