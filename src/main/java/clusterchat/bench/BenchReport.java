package clusterchat.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The outcome of a run: the human summary, the JSON result file and the PNG chart. */
final class BenchReport {

  private final BenchOptions options;
  private final Accounting accounting;
  double connectSeconds;
  long serverRssBeforeBytes = -1;
  long serverRssBytes = -1;
  double serverCpuPercent = -1;
  long expected;
  long unique;
  private double measuredSeconds;
  private long measuredSent;
  private long measuredDelivered;
  private double toolCpuPercent;

  BenchReport(BenchOptions options, Accounting accounting) {
    this.options = options;
    this.accounting = accounting;
  }

  void measure(long nanos, long sent, long delivered) {
    measuredSeconds = nanos / 1e9;
    measuredSent = sent;
    measuredDelivered = delivered;
  }

  void toolCpu(long cpuStartNanos, long wallStartNanos) {
    toolCpuPercent = 100.0 * (processCpuNanos() - cpuStartNanos) / (System.nanoTime() - wallStartNanos);
  }

  static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  long lost() {
    return expected - unique;
  }

  long duplicates() {
    return accounting.duplicates();
  }

  long reorders() {
    return accounting.reorders();
  }

  /** True when every expected message arrived exactly once and in order. */
  boolean clean() {
    return lost() == 0 && duplicates() == 0 && reorders() == 0;
  }

  String summary() {
    StringBuilder s = new StringBuilder();
    s.append(String.format("scenario %s against %s%n", options.scenario.name().toLowerCase(), options.targets));
    s.append(String.format("connect: %.2f s for the clients%n", connectSeconds));
    if (options.scenario == BenchOptions.Scenario.CONNECTIONS) {
      s.append(String.format("connections: %d idle%n", options.connections));
      if (serverRssBytes > 0 && serverRssBeforeBytes > 0) {
        s.append(String.format("server RSS: %.1f MiB before, %.1f MiB with the connections: %.0f bytes per connection"
            + " (growth / connections)%n", serverRssBeforeBytes / 1048576.0, serverRssBytes / 1048576.0,
            (double) (serverRssBytes - serverRssBeforeBytes) / options.connections));
      }
      if (serverCpuPercent >= 0) {
        s.append(String.format("server CPU: %.1f%% of one core while connecting%n", serverCpuPercent));
      }
    } else {
      Histogram h = accounting.latency();
      s.append(String.format("measured %.1f s: sent/s %.0f, delivered/s %.0f%n",
          measuredSeconds, measuredSent / measuredSeconds, measuredDelivered / measuredSeconds));
      s.append(String.format("latency ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f (%d samples)%n",
          ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9), h.getMaxValue() / 1000.0, h.getTotalCount()));
      s.append(String.format("deliveries: expected %d, unique %d, lost %d, duplicates %d, reordered %d%n",
          expected, unique, lost(), duplicates(), reorders()));
      if (serverCpuPercent >= 0) {
        s.append(String.format("server CPU: %.1f%% of one core while measured%n", serverCpuPercent));
      }
    }
    s.append(String.format("tool CPU: %.0f%% of one core%n", toolCpuPercent));
    return s.toString();
  }

  JsonObject toJson() {
    Histogram h = accounting.latency();
    JsonArray series = new JsonArray();
    accounting.series().forEach(row -> series.add(new JsonObject().put("second", row.second())
        .put("sent", row.sent()).put("delivered", row.delivered())
        .put("p50Ms", row.p50Millis()).put("p99Ms", row.p99Millis())));
    return new JsonObject()
        .put("scenario", options.scenario.name().toLowerCase())
        .put("targets", options.targets.toString())
        .put("receivers", options.receivers).put("senders", options.senders).put("payload", options.payload)
        .put("rate", options.rate).put("inFlight", options.inFlight)
        .put("rooms", options.rooms).put("members", options.members).put("connections", options.connections)
        .put("connectSeconds", connectSeconds)
        .put("serverRssBeforeBytes", serverRssBeforeBytes)
        .put("serverRssBytes", serverRssBytes)
        .put("serverCpuPercent", serverCpuPercent)
        .put("measuredSeconds", measuredSeconds)
        .put("sentPerSecond", measuredSeconds > 0 ? measuredSent / measuredSeconds : 0)
        .put("deliveredPerSecond", measuredSeconds > 0 ? measuredDelivered / measuredSeconds : 0)
        .put("latencyMs", new JsonObject().put("p50", ms(h, 50)).put("p90", ms(h, 90)).put("p99", ms(h, 99))
            .put("p999", ms(h, 99.9)).put("max", h.getMaxValue() / 1000.0))
        .put("expected", expected).put("unique", unique).put("lost", lost())
        .put("duplicates", duplicates()).put("reorders", reorders())
        .put("toolCpuPercent", toolCpuPercent)
        .put("series", series);
  }

  /** Writes the JSON result and, for message scenarios, the chart; returns the JSON file. */
  Path write() throws IOException {
    Files.createDirectories(options.out);
    String stem = options.scenario.name().toLowerCase() + "-"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path json = options.out.resolve(stem + ".json");
    Files.writeString(json, toJson().encodePrettily());
    if (options.scenario != BenchOptions.Scenario.CONNECTIONS) {
      writeChart(options.out.resolve(stem + ".png"));
    }
    return json;
  }

  private void writeChart(Path png) throws IOException {
    XYSeries delivered = new XYSeries("deliveries/s");
    XYSeries p50 = new XYSeries("p50 latency (ms)");
    XYSeries p99 = new XYSeries("p99 latency (ms)");
    accounting.series().forEach(row -> {
      delivered.add(row.second(), row.delivered());
      p50.add(row.second(), row.p50Millis());
      p99.add(row.second(), row.p99Millis());
    });
    XYLineAndShapeRenderer throughputRenderer = new XYLineAndShapeRenderer(true, false);
    throughputRenderer.setSeriesPaint(0, Color.BLUE);
    XYPlot plot = new XYPlot(new XYSeriesCollection(delivered), new NumberAxis("second"),
        new NumberAxis("deliveries per second"), throughputRenderer);
    XYSeriesCollection latency = new XYSeriesCollection(p50);
    latency.addSeries(p99);
    plot.setDataset(1, latency);
    plot.setRangeAxis(1, new NumberAxis("latency (ms)"));
    plot.mapDatasetToRangeAxis(1, 1);
    XYLineAndShapeRenderer latencyRenderer = new XYLineAndShapeRenderer(true, false);
    latencyRenderer.setSeriesPaint(0, new Color(0, 128, 0));
    latencyRenderer.setSeriesPaint(1, Color.RED);
    plot.setRenderer(1, latencyRenderer);
    JFreeChart chart = new JFreeChart("ClusterChat " + options.scenario.name().toLowerCase(), plot);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 500);
  }

  private static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }
}
