package clusterchat.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code clusterchat bench SCENARIO ...}: the load tool. One event loop drives every client, so the
 * tool stays light (its CPU use is reported); the run is bounded by --duration and exits 0 only
 * when nothing was lost, duplicated or reordered.
 */
public final class BenchMain {

  private BenchMain() {
  }

  /** Runs the load tool and returns the process exit code. */
  public static int run(List<String> args) {
    System.setProperty("java.awt.headless", "true");
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.err.print(BenchOptions.USAGE);
      return 2;
    }
    if (options.serverPid == 0 && options.scenario != BenchOptions.Scenario.CLUSTER) {
      options.serverPid = ServerProcess.find();
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(true));
    try {
      BenchReport report = new LoadRun(vertx, options, System.out::println).run().await();
      System.out.print(report.summary());
      Path json = report.write();
      System.out.println("result: " + json);
      return report.clean() ? 0 : 1;
    } catch (Exception e) {
      System.err.println("bench: " + e.getMessage());
      return 1;
    } finally {
      vertx.close().await();
    }
  }
}
