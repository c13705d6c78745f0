package clusterchat.admin;

import clusterchat.config.ChatConfig;
import clusterchat.metrics.ChatMetrics;
import clusterchat.server.ChatServerVerticle;
import clusterchat.server.NodeState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The admin HTTP listener on admin.host:admin.port: /health, /ready, /metrics, /connz, config
 * reload (POST /admin/reload, GET /admin/config) and the lame-duck drain (POST /admin/drain). Each
 * route is one line in {@link #routes}; with admin.token set, every path but /health needs it.
 */
public final class AdminVerticle extends VerticleBase {

  /**
   * Local address told to drain the node and end its process (POST /admin/drain); whoever owns the
   * process (Main) listens and replies once it has started.
   */
  public static final String DRAIN_REQUESTED = "clusterchat.local.drain";

  private static final Logger LOG = Logger.getLogger(AdminVerticle.class.getName());
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final NodeState node;
  private final ChatConfig config;
  private final ChatMetrics metrics;
  private final ConfigSync configSync;
  private final List<ChatServerVerticle> servers;
  private final HazelcastClusterManager manager;
  private Liveness liveness;
  private Readiness readiness;
  private ConnectionList connections;
  private NodeGauges gauges;
  private JvmGcMetrics gcMetrics;
  private HttpServer server;

  /** servers is empty on a worker; manager is null when not clustered. */
  public AdminVerticle(NodeState node, ConfigSync configSync, List<ChatServerVerticle> servers,
      HazelcastClusterManager manager) {
    this.node = node;
    this.config = node.config();
    this.metrics = node.metrics();
    this.configSync = configSync;
    this.servers = List.copyOf(servers);
    this.manager = manager;
  }

  @Override
  public Future<?> start() {
    bindJvmMeters(metrics.registry());
    liveness = new Liveness(vertx);
    readiness = new Readiness(vertx, servers, manager);
    connections = new ConnectionList(node.nodeId(), servers);
    gauges = new NodeGauges(vertx, metrics, node.roomQuota(), node.roomDirectory(), manager);
    Router router = Router.router(vertx);
    if (!config.adminToken().isEmpty()) {
      router.route().handler(new BearerToken(config.adminToken(), Set.of("/health")));
    } else if (!isLoopback(config.adminHost())) {
      LOG.warning("the admin listener on " + config.adminHost() + " has no admin.token: anyone who reaches it"
          + " sees who is connected from where");
    }
    routes(router);
    // The first check learns each event loop's thread name, to name a loop that stops answering.
    return liveness.check()
        .compose(learned -> vertx.createHttpServer(new HttpServerOptions().setHost(config.adminHost())
                .setPort(config.adminPort()))
            .requestHandler(router)
            .listen())
        .onSuccess(listening -> server = listening);
  }

  private void routes(Router router) {
    router.get("/health").handler(ctx -> liveness.check()
        .onSuccess(status -> reply(ctx, status.getString("status").equals("UP") ? 200 : 503, status)));
    router.get("/ready").handler(ctx -> readiness.check()
        .onSuccess(status -> reply(ctx, status.getBoolean("ready") ? 200 : 503, status)));
    router.get("/metrics").handler(this::metrics);
    router.get("/connz").handler(this::connections);
    router.post("/admin/reload").handler(ctx -> configSync.reload()
        .onSuccess(answer -> reply(ctx, answer.getString("status").equals("applied") ? 200 : 400, answer))
        .onFailure(ctx::fail));
    router.get("/admin/config").handler(ctx -> configSync.status()
        .onSuccess(status -> reply(ctx, 200, status))
        .onFailure(ctx::fail));
    router.post("/admin/drain").handler(ctx -> vertx.eventBus().request(DRAIN_REQUESTED, null)
        .onSuccess(started -> reply(ctx, 202, new JsonObject().put("status", "draining")
            .put("drainSeconds", node.config().shutdownDrainSeconds())))
        .onFailure(err -> reply(ctx, 503, new JsonObject().put("status", "refused")
            .put("reason", "this node's process was not started by the clusterchat command, which owns its exit"))));
  }

  @Override
  public Future<?> stop() {
    gcMetrics.close();
    readiness.close();
    return Future.succeededFuture();
  }

  /** The port the admin listener is bound to (the real one when configured with 0). */
  public int actualPort() {
    return server.actualPort();
  }

  private static void reply(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body.encode());
  }

  private void metrics(RoutingContext ctx) {
    gauges.refresh()
        .compose(refreshed -> vertx.executeBlocking(() -> metrics.registry().scrape(), false))
        .onSuccess(text -> ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT).end(text))
        .onFailure(ctx::fail);
  }

  private void connections(RoutingContext ctx) {
    int offset = parameter(ctx, "offset", 0, 0, Integer.MAX_VALUE - ConnectionList.MAX_LIMIT);
    int limit = parameter(ctx, "limit", ConnectionList.DEFAULT_LIMIT, 1, ConnectionList.MAX_LIMIT);
    if (offset < 0 || limit < 0) {
      reply(ctx, 400, new JsonObject().put("error", "offset must be 0 or more and limit from 1 to "
          + ConnectionList.MAX_LIMIT));
      return;
    }
    connections.page(offset, limit).onSuccess(page -> reply(ctx, 200, page)).onFailure(ctx::fail);
  }

  /** A query parameter within [min, max], its default when absent, or -1 when it is not such a number. */
  private static int parameter(RoutingContext ctx, String name, int absent, int min, int max) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) {
      return absent;
    }
    try {
      int value = Integer.parseInt(values.get(0));
      return value >= min && value <= max ? value : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void bindJvmMeters(MeterRegistry registry) {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gcMetrics = new JvmGcMetrics();
    gcMetrics.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }
}
