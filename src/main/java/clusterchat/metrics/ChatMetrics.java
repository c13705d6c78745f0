package clusterchat.metrics;

import clusterchat.protocol.CloseReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The meters of one node, in a Prometheus registry of its own (several nodes can share a JVM).
 * The counting methods run on the event loops for every line: each is one lock-free update of a
 * Micrometer counter (an adder) or an atomic integer, with no allocation.
 */
public final class ChatMetrics {

  /** The chat listener a connection arrived on: its tag is plain, tls, irc, irc-tls or web. */
  public enum Listener {
    PLAIN, TLS, IRC, IRC_TLS, WEB;

    private final String tag = name().toLowerCase(Locale.ROOT).replace('_', '-');

    public String tag() {
      return tag;
    }
  }

  private static final Set<String> LINT_REJECTED = Set.of("process.cpu.time", "system.cpu.count");

  private final PrometheusMeterRegistry registry = newRegistry();
  private final Counter linesIn = counter("clusterchat.lines.in",
      "Lines received from clients, counted before the rate limit");
  private final Counter linesOut = counter("clusterchat.lines.out", "Lines written to clients, in any protocol (plain, IRC, web chat)");
  private final Counter deliveries = counter("clusterchat.deliveries",
      "Room-event and private-message lines written for recipients on this node, one per line and recipient");
  private final Counter droppedLines = counter("clusterchat.lines.dropped",
      "Lines not written to a client because it was not reading (slow reader)");
  private final Counter rateLimitedLines = counter("clusterchat.lines.rate.limited",
      "Lines refused with ERR RATE_LIMITED");
  private final Counter reloadsApplied = reloads("applied");
  private final Counter reloadsRefused = reloads("refused");
  private final Counter skippedRoomEvents = counter("clusterchat.room.events.skipped",
      "Room events a server instance could not deliver in order: lost in transit and no longer in the room log");
  private final Counter[] closes = new Counter[CloseReason.values().length];
  private final AtomicInteger[] connections = new AtomicInteger[Listener.values().length];
  private final Counter[] replyFailures = new Counter[ReplyFailure.values().length];

  public ChatMetrics() {
    for (CloseReason reason : CloseReason.values()) {
      closes[reason.ordinal()] = Counter.builder("clusterchat.closes")
          .description("Connections closed or refused, by reason: the code of their BYE line (IRC: ERROR line); CONNECTION_LOST: none")
          .tag("reason", reason.name())
          .register(registry);
    }
    for (Listener listener : Listener.values()) {
      AtomicInteger open = new AtomicInteger();
      connections[listener.ordinal()] = open;
      Gauge.builder("clusterchat.connections", open, AtomicInteger::get)
          .description("Connections open on this node, by listener (TLS ones from accept, handshake included; web: WebSockets)")
          .tag("listener", listener.tag())
          .register(registry);
    }
    for (ReplyFailure failure : ReplyFailure.values()) {
      replyFailures[failure.ordinal()] = Counter.builder("clusterchat.eventbus.reply.failures")
          .description("Event-bus requests sent from this node that got no reply, by failure (TIMEOUT: timed out)")
          .tag("failure", failure.name())
          .register(registry);
    }
  }

  /**
   * Two of Micrometer's processor meters have names promtool's lint rejects: an abbreviated unit
   * (process_cpu_time_ns_total) and a _count suffix on a gauge (system_cpu_count). The CPU usage
   * gauges stay. Filters must be in place before the first meter.
   */
  private static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(MeterFilter.deny(id -> LINT_REJECTED.contains(id.getName())));
    return registry;
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  private Counter reloads(String result) {
    return Counter.builder("clusterchat.config.reloads")
        .description("Config reloads started on this node (SIGHUP, POST /admin/reload), by result: applied or refused")
        .tag("result", result)
        .register(registry);
  }

  /** A reload started here was applied, or refused as invalid. */
  public void reloaded(boolean applied) {
    (applied ? reloadsApplied : reloadsRefused).increment();
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** Registers a gauge read from supplier at each scrape. */
  public void gauge(String name, String description, Supplier<Number> supplier) {
    Gauge.builder(name, supplier).description(description).strongReference(true).register(registry);
  }

  public void lineIn() {
    linesIn.increment();
  }

  public void lineOut() {
    linesOut.increment();
  }

  public void delivered() {
    deliveries.increment();
  }

  public void dropped() {
    droppedLines.increment();
  }

  public void roomEventsSkipped(long count) {
    skippedRoomEvents.increment(count);
  }

  public void rateLimited() {
    rateLimitedLines.increment();
  }

  public void closed(CloseReason reason) {
    closes[reason.ordinal()].increment();
  }

  public void connectionOpened(Listener listener) {
    connections[listener.ordinal()].incrementAndGet();
  }

  public void connectionReleased(Listener listener) {
    connections[listener.ordinal()].decrementAndGet();
  }

  /**
   * A Vert.x metrics SPI that only counts failed event-bus requests (ReplyHandler reports each);
   * every other Vert.x metric stays off.
   */
  public VertxMetricsFactory vertxMetrics() {
    EventBusMetrics<Void> eventBus = new EventBusMetrics<>() {
      @Override
      public void replyFailure(String address, ReplyFailure failure) {
        replyFailures[failure.ordinal()].increment();
      }
    };
    VertxMetrics vertx = new VertxMetrics() {
      @Override
      public EventBusMetrics<?> createEventBusMetrics() {
        return eventBus;
      }
    };
    return options -> vertx;
  }
}
