package clusterchat.admin;

import clusterchat.cluster.Addresses;
import clusterchat.config.ChatConfig;
import clusterchat.config.ConfigException;
import clusterchat.config.ConfigKey;
import clusterchat.config.ConfigSource;
import clusterchat.server.NodeState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Config reload, pushed to the whole cluster. A reload (SIGHUP, POST /admin/reload) reads this
 * node's config again and is refused whole when it is invalid. Otherwise this node applies the
 * live keys, stores the cluster-wide ones ({@link ConfigKey.Reload#CLUSTER}) as the cluster's next
 * version, and pushes that version to every other node. Each node applies it over its own config,
 * re-reading its own file for the keys that stay per node (the TLS certificate), and acknowledges
 * the version it applied; {@link #status()} shows every node's. A node that joins adopts the
 * cluster's current version. Applies run one at a time, on this verticle's event loop.
 */
public final class ConfigSync extends VerticleBase {

  private static final Logger LOG = Logger.getLogger(ConfigSync.class.getName());
  private static final String CURRENT = "current";
  private static final long PUSH_TIMEOUT_MILLIS = 10_000;

  private final NodeState node;
  private final ConfigSource source;
  private final HazelcastClusterManager manager;
  private AsyncMap<String, String> versions;
  private AsyncMap<String, String> acknowledgements;
  private long appliedVersion;
  private Future<?> lastChange = Future.succeededFuture();

  /** manager is null when the node is not clustered. */
  public ConfigSync(NodeState node, ConfigSource source, HazelcastClusterManager manager) {
    this.node = node;
    this.source = source;
    this.manager = manager;
  }

  @Override
  public Future<?> start() {
    node.metrics().gauge("clusterchat.config.version",
        "Version of the cluster-wide live settings this node applied (0: its own config file, no reload yet)",
        () -> appliedVersion);
    return vertx.sharedData().<String, String>getAsyncMap(Addresses.CONFIG_MAP)
        .compose(map -> {
          versions = map;
          return vertx.sharedData().<String, String>getAsyncMap(Addresses.CONFIG_NODES_MAP);
        })
        .compose(map -> {
          acknowledgements = map;
          // Listen before reading the current version, so a push made meanwhile is not missed.
          return vertx.eventBus().<JsonObject>consumer(Addresses.configApply(node.memberId()), this::pushed)
              .completion();
        })
        .compose(listening -> versions.get(CURRENT))
        .compose(current -> current == null
            ? acknowledge(List.of(), List.of()).mapEmpty()
            : serially(() -> apply(new JsonObject(current))).mapEmpty());
  }

  /**
   * Reads this node's config again and applies it cluster-wide. The answer says whether it was
   * applied or refused (with every problem), which keys changed, which need a restart, and what
   * each node acknowledged. May be called from any thread.
   */
  public Future<JsonObject> reload() {
    Promise<JsonObject> answer = Promise.promise();
    context.runOnContext(v -> serially(this::reloadNow).onComplete(answer));
    return answer.future();
  }

  /** The cluster's current live settings and version, and the version each node acknowledged. */
  public Future<JsonObject> status() {
    Promise<JsonObject> answer = Promise.promise();
    context.runOnContext(v -> Future.all(versions.get(CURRENT), acknowledgements.entries())
        .map(both -> {
          String current = both.resultAt(0);
          JsonObject status = current == null
              ? new JsonObject().put("version", 0).put("settings", printable(node.config()
                  .liveSettings(ConfigKey.Reload.CLUSTER)))
              : describe(new JsonObject(current));
          Map<String, String> acks = both.resultAt(1);
          JsonArray nodes = new JsonArray();
          boolean converged = true;
          for (String member : members()) {
            String ack = acks.get(member);
            JsonObject entry = ack == null ? new JsonObject().put("id", member).putNull("version") : new JsonObject(ack);
            converged &= status.getLong("version").equals(entry.getLong("version"));
            nodes.add(entry);
          }
          return status.put("converged", converged).put("nodes", nodes);
        })
        .onComplete(answer));
    return answer.future();
  }

  private Future<JsonObject> reloadNow() {
    return source.load(vertx).transform(loaded -> {
      if (loaded.failed()) {
        return refused(loaded.cause());
      }
      ChatConfig running = node.config();
      ChatConfig fresh = loaded.result();
      ChatConfig next = running.withLiveSettings("reloaded config",
          fresh.liveSettings(ConfigKey.Reload.CLUSTER).mergeIn(fresh.liveSettings(ConfigKey.Reload.NODE)));
      List<String> changed = paths(running.changedKeys(next));
      List<String> restartNeeded = restartNeeded(running, fresh);
      return node.reconfigure(vertx, next)
          .compose(applied -> nextVersion(next.liveSettings(ConfigKey.Reload.CLUSTER)))
          .compose(version -> {
            appliedVersion = version.getLong("version");
            return acknowledge(restartNeeded, List.of()).compose(own -> pushToOthers(version)
                .map(others -> {
                  node.metrics().reloaded(true);
                  LOG.info("config reloaded: version " + appliedVersion + ", changed " + changed
                      + (restartNeeded.isEmpty() ? "" : ", a restart is needed for " + restartNeeded));
                  JsonArray nodes = new JsonArray().add(own);
                  others.forEach(nodes::add);
                  return describe(version).put("status", "applied").put("changed", new JsonArray(changed))
                      .put("restartNeeded", new JsonArray(restartNeeded)).put("nodes", nodes);
                }));
          }, this::refused);
    });
  }

  private Future<JsonObject> refused(Throwable err) {
    node.metrics().reloaded(false);
    List<String> problems = err instanceof ConfigException config ? config.problems() : List.of(String.valueOf(err));
    LOG.warning("config reload refused, nothing changed: " + String.join("; ", problems));
    return Future.succeededFuture(new JsonObject().put("status", "refused").put("problems", new JsonArray(problems))
        .put("version", appliedVersion));
  }

  /** Stores the cluster's next version of the live settings; retries when another node stored one meanwhile. */
  private Future<JsonObject> nextVersion(JsonObject settings) {
    return versions.get(CURRENT).compose(old -> {
      long version = old == null ? 1 : new JsonObject(old).getLong("version") + 1;
      String next = new JsonObject().put("version", version).put("settings", settings).put("by", node.nodeId())
          .put("at", Instant.now().toString()).encode();
      Future<Boolean> stored = old == null
          ? versions.putIfAbsent(CURRENT, next).map(previous -> previous == null)
          : versions.replaceIfPresent(CURRENT, old, next);
      return stored.compose(won -> won ? Future.succeededFuture(new JsonObject(next)) : nextVersion(settings));
    });
  }

  private Future<List<JsonObject>> pushToOthers(JsonObject version) {
    List<Future<JsonObject>> answers = new ArrayList<>();
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(PUSH_TIMEOUT_MILLIS);
    for (String member : members()) {
      if (!member.equals(node.memberId())) {
        answers.add(vertx.eventBus().<JsonObject>request(Addresses.configApply(member), version, options)
            .map(Message::body)
            .otherwise(err -> new JsonObject().put("id", member).putNull("version").put("problems",
                new JsonArray().add(unanswered(err)))));
      }
    }
    return Future.join(answers).map(all -> all.list());
  }

  private static String unanswered(Throwable err) {
    if (err instanceof ReplyException reply && reply.failureType() == ReplyFailure.NO_HANDLERS) {
      return "no answer: this cluster member runs no ClusterChat node";
    }
    return "no answer: " + err.getMessage();
  }

  /** Another node pushed a version: apply it unless this node has it (or a later one) already. */
  private void pushed(Message<JsonObject> message) {
    serially(() -> apply(message.body())).onComplete(acked -> message.reply(acked.succeeded() ? acked.result()
        : new JsonObject().put("id", node.memberId()).put("node", node.nodeId()).put("version", appliedVersion)
            .put("problems", new JsonArray().add(String.valueOf(acked.cause())))));
  }

  /**
   * Applies a version's cluster-wide settings over this node's own config, read again for the keys
   * that stay per node. A node whose own config or certificate cannot be read keeps its own part
   * as it runs and says so in its acknowledgement.
   */
  private Future<JsonObject> apply(JsonObject version) {
    long number = version.getLong("version");
    if (number <= appliedVersion) {
      return acknowledgements.get(node.memberId()).map(ack -> ack == null ? null : new JsonObject(ack));
    }
    JsonObject clusterWide = only(version.getJsonObject("settings"), ConfigKey.Reload.CLUSTER);
    String from = "cluster config version " + number;
    ChatConfig running = node.config();
    List<String> problems = new ArrayList<>();
    return source.load(vertx).transform(loaded -> {
      ChatConfig withClusterWide = running.withLiveSettings(from, clusterWide);
      if (loaded.failed()) {
        problems.addAll(problemsOf(loaded.cause()));
        node.reconfigureKeepingCertificate(withClusterWide);
        return finish(number, List.of(), problems);
      }
      ChatConfig own = loaded.result();
      ChatConfig next = withClusterWide.withLiveSettings("this node's config", own.liveSettings(ConfigKey.Reload.NODE));
      return node.reconfigure(vertx, next)
          .recover(err -> {
            problems.addAll(problemsOf(err));
            node.reconfigureKeepingCertificate(withClusterWide);
            return Future.succeededFuture();
          })
          .compose(applied -> finish(number, restartNeeded(running, own), problems));
    });
  }

  private Future<JsonObject> finish(long version, List<String> restartNeeded, List<String> problems) {
    appliedVersion = version;
    problems.forEach(problem -> LOG.warning("config version " + version + ": " + problem));
    return acknowledge(restartNeeded, problems);
  }

  /** Records (and returns) the version this node now runs, for GET /admin/config. */
  private Future<JsonObject> acknowledge(List<String> restartNeeded, List<String> problems) {
    JsonObject ack = new JsonObject().put("id", node.memberId()).put("node", node.nodeId())
        .put("version", appliedVersion).put("at", Instant.now().toString())
        .put("restartNeeded", new JsonArray(restartNeeded)).put("problems", new JsonArray(problems));
    return acknowledgements.put(node.memberId(), ack.encode()).map(ack);
  }

  /** Runs change after the changes before it have finished, failed or not. */
  private <T> Future<T> serially(Supplier<Future<T>> change) {
    Future<T> result = lastChange.transform(previous -> change.get());
    lastChange = result;
    return result;
  }

  private List<String> members() {
    return manager == null ? List.of(node.memberId()) : List.copyOf(manager.getNodes());
  }

  /** Keys read only at start whose value in the file differs from the running one. */
  private static List<String> restartNeeded(ChatConfig running, ChatConfig fresh) {
    return paths(running.changedKeys(fresh).stream().filter(key -> key.reload() == ConfigKey.Reload.RESTART).toList());
  }

  private static List<String> paths(List<ConfigKey> keys) {
    return keys.stream().map(ConfigKey::path).toList();
  }

  private static List<String> problemsOf(Throwable err) {
    return err instanceof ConfigException config ? config.problems() : List.of(String.valueOf(err));
  }

  private static JsonObject only(JsonObject settings, ConfigKey.Reload rule) {
    JsonObject kept = new JsonObject();
    settings.forEach(entry -> {
      ConfigKey key = ConfigKey.byPath(entry.getKey());
      if (key != null && key.reload() == rule) {
        kept.put(entry.getKey(), entry.getValue());
      }
    });
    return kept;
  }

  /** A stored version as the admin endpoints show it, the IRC server password hidden. */
  private static JsonObject describe(JsonObject version) {
    return new JsonObject().put("version", version.getLong("version")).put("by", version.getString("by"))
        .put("at", version.getString("at")).put("settings", printable(version.getJsonObject("settings")));
  }

  private static JsonObject printable(JsonObject settings) {
    JsonObject shown = settings.copy();
    String password = ConfigKey.IRC_PASSWORD.path();
    if (!shown.getString(password, "").isEmpty()) {
      shown.put(password, "(hidden)");
    }
    return shown;
  }
}
