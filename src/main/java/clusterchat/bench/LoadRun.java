package clusterchat.bench;

import clusterchat.bench.BenchOptions.Scenario;
import clusterchat.bench.BenchOptions.Target;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One load run against real chat nodes over TCP. Every client socket and timer runs on the single
 * event loop of the tool's Vert.x, so the state here needs no locks. Messages carry the sender's
 * index, a sequence number and the send time: {@code idx:seq:nanos:padding}.
 */
final class LoadRun {

  /** Most messages one sender writes in one batch (one socket write). */
  private static final int BATCH = 64;
  /** Connection attempts in progress at once. */
  private static final int CONNECT_CONCURRENCY = 256;
  /** Clients per warm-up round of the connections scenario. */
  private static final int WARM_UP_ROUND = 2_000;
  /** How long the run waits for the last messages after sending stops. */
  private static final long DRAIN_MILLIS = 15_000;

  private final Vertx vertx;
  private final BenchOptions options;
  private final Consumer<String> progress;
  private final NetClient netClient;
  private final Accounting accounting = new Accounting();
  private final List<Client> clients = new ArrayList<>();
  private final List<Client> senders = new ArrayList<>();
  private final byte[] padding;
  private boolean sending;
  private long sendStartNanos;
  private long measureStartNanos;
  private long measureStartSent;
  private long measureStartDelivered;
  private long measureEndNanos;
  private long measureEndSent;
  private long measureEndDelivered;
  /** The server's CPU time around the window its report covers: connecting (connections) or measuring. */
  private long serverCpuStart;
  private long serverCpuEnd;

  LoadRun(Vertx vertx, BenchOptions options, Consumer<String> progress) {
    this.vertx = vertx;
    this.options = options;
    this.progress = progress;
    this.netClient = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true).setConnectTimeout(10_000));
    this.padding = "x".repeat(options.payload).getBytes(StandardCharsets.US_ASCII);
  }

  /** One simulated user. */
  private final class Client {
    final int index;
    final String room;
    final boolean sends;
    final boolean counts;
    final Promise<Void> ready = Promise.promise();
    NetSocket socket;
    int seq;
    /** For senders in window mode: messages the first receiver of the room has got. */
    long acked;
    /** For the first receiver of a room: acknowledges for the senders of that room. */
    boolean acker;

    Client(int index, String room, boolean sends, boolean counts) {
      this.index = index;
      this.room = room;
      this.sends = sends;
      this.counts = counts;
    }

    void onLine(byte[] line, int start, int end) {
      if (startsWith(line, start, end, "MSG ")) {
        if (counts) {
          onMessage(line, start, end);
        }
      } else if (startsWith(line, start, end, "HELLO ")) {
        // HELLO <node> <nick> <default room or -> ...
        String defaultRoom = text(line, start, end).split(" ", 5)[3];
        if (room == null) {
          ready.tryComplete();
        } else {
          socket.write((defaultRoom.equals("-") ? "" : "/part " + defaultRoom + "\n") + "/join " + room + "\n");
        }
      } else if (room != null && startsWith(line, start, end, "OK join " + room)) {
        ready.tryComplete();
      } else if (startsWith(line, start, end, "ERR ") || startsWith(line, start, end, "BYE ")) {
        progress.accept("client " + index + ": " + text(line, start, end));
      }
    }

    private void onMessage(byte[] line, int start, int end) {
      // MSG <room> <nick> <idx>:<seq>:<nanos>:<padding>
      int pos = indexOf(line, ' ', indexOf(line, ' ', start + 4, end) + 1, end) + 1;
      long[] fields = new long[3];
      for (int f = 0; f < 3; f++) {
        int colon = indexOf(line, ':', pos, end);
        long value = 0;
        for (; pos < colon; pos++) {
          value = value * 10 + (line[pos] - '0');
        }
        fields[f] = value;
        pos = colon + 1;
      }
      int sender = (int) fields[0];
      accounting.delivered(index, sender, (int) fields[1], fields[2], System.nanoTime());
      if (acker) {
        Client from = clients.get(sender);
        from.acked++;
        pump(from);
      }
    }
  }

  Future<BenchReport> run() {
    Promise<BenchReport> done = Promise.promise();
    // Measured before any connection, warm-up included: its garbage counts against the server.
    long rssBefore = ServerProcess.rssBytes(options.serverPid);
    vertx.runOnContext(v -> {
      long cpuStart = BenchReport.processCpuNanos();
      long wallStart = System.nanoTime();
      createClients();
      Future<Void> warmedUp = options.scenario == Scenario.CONNECTIONS
          ? warmUpConnecting(System.nanoTime() + options.warmupSeconds * 1_000_000_000L)
          : Future.succeededFuture();
      long[] connectStart = new long[1];
      warmedUp.compose(warm -> {
        connectStart[0] = System.nanoTime();
        serverCpuStart = ServerProcess.cpuNanos(options.serverPid);
        return connectAll(clients);
      }).onComplete(connected -> {
        if (connected.failed()) {
          done.fail(connected.cause());
          return;
        }
        double connectSeconds = (System.nanoTime() - connectStart[0]) / 1e9;
        serverCpuEnd = ServerProcess.cpuNanos(options.serverPid);
        progress.accept(String.format("%d clients connected and joined in %.2f s", clients.size(), connectSeconds));
        Future<BenchReport> measured = options.scenario == Scenario.CONNECTIONS
            ? holdConnections(connectSeconds, rssBefore)
            : sendAndMeasure(connectSeconds);
        measured.onComplete(result -> {
          clients.forEach(client -> client.socket.close());
          if (result.succeeded()) {
            result.result().toolCpu(cpuStart, wallStart);
          }
          done.handle(result);
        });
      });
    });
    return done.future();
  }

  private void createClients() {
    switch (options.scenario) {
      case FANOUT, CLUSTER -> {
        for (int i = 0; i < options.senders; i++) {
          clients.add(new Client(clients.size(), "bench", true, false));
        }
        for (int i = 0; i < options.receivers; i++) {
          clients.add(new Client(clients.size(), "bench", false, true));
        }
        clients.get(options.senders).acker = true;
      }
      case ROOMS -> {
        for (int room = 0; room < options.rooms; room++) {
          for (int member = 0; member < options.members; member++) {
            clients.add(new Client(clients.size(), "room" + room, true, true));
          }
        }
      }
      case CONNECTIONS -> {
        for (int i = 0; i < options.connections; i++) {
          clients.add(new Client(clients.size(), null, false, false));
        }
      }
    }
    clients.stream().filter(c -> c.sends).forEach(senders::add);
  }

  /**
   * Connects and closes rounds of throwaway clients until the deadline, so that the measured round
   * runs on compiled code in both the server and the tool, as a long-running server would.
   */
  private Future<Void> warmUpConnecting(long deadlineNanos) {
    if (System.nanoTime() >= deadlineNanos) {
      return Future.succeededFuture();
    }
    List<Client> round = new ArrayList<>();
    for (int i = 0; i < Math.min(options.connections, WARM_UP_ROUND); i++) {
      round.add(new Client(i, null, false, false));
    }
    return connectAll(round)
        .compose(v -> Future.all(round.stream().map(client -> client.socket.close()).toList()))
        .compose(v -> {
          progress.accept("warm-up: connected and closed " + round.size() + " clients");
          return warmUpConnecting(deadlineNanos);
        });
  }

  /** Connects every client, a bounded number at a time, spreading them over the targets. */
  private Future<Void> connectAll(List<Client> batch) {
    Promise<Void> all = Promise.promise();
    int[] next = {0};
    int[] finished = {0};
    Runnable[] launch = new Runnable[1];
    launch[0] = () -> {
      if (next[0] >= batch.size()) {
        return;
      }
      Client client = batch.get(next[0]++);
      Target target = options.targets.get(client.index % options.targets.size());
      netClient.connect(target.port(), target.host())
          .compose(socket -> {
            client.socket = socket;
            socket.handler(new LineSplitter(64 * 1024, client::onLine));
            socket.closeHandler(closed -> client.ready.tryFail("connection " + client.index + " closed"));
            return client.ready.future();
          })
          .onComplete(result -> {
            if (result.failed()) {
              all.tryFail(new IllegalStateException("client " + client.index + " to " + target.host() + ":"
                  + target.port() + ": " + result.cause().getMessage()));
              return;
            }
            if (++finished[0] == batch.size()) {
              all.tryComplete();
            } else {
              launch[0].run();
            }
          });
    };
    for (int i = 0; i < Math.min(CONNECT_CONCURRENCY, batch.size()); i++) {
      launch[0].run();
    }
    return all.future();
  }

  private Future<BenchReport> holdConnections(double connectSeconds, long rssBefore) {
    BenchReport report = new BenchReport(options, accounting);
    report.connectSeconds = connectSeconds;
    report.serverRssBeforeBytes = rssBefore;
    report.serverRssBytes = ServerProcess.rssBytes(options.serverPid);
    report.serverCpuPercent = serverCpuPercent((long) (connectSeconds * 1e9));
    progress.accept("holding " + options.connections + " idle connections for " + options.durationSeconds + " s");
    // Hold the idle connections for --duration seconds (to inspect the server) before letting go.
    return vertx.timer(options.durationSeconds * 1000L).map(v -> report);
  }

  private Future<BenchReport> sendAndMeasure(double connectSeconds) {
    Promise<BenchReport> finished = Promise.promise();
    sending = true;
    sendStartNanos = System.nanoTime();
    if (options.rate > 0) {
      vertx.setPeriodic(1, id -> {
        if (!sending) {
          vertx.cancelTimer(id);
        } else {
          sendDue();
        }
      });
    } else {
      senders.forEach(sender -> {
        sender.socket.drainHandler(v -> pump(sender));
        pump(sender);
      });
    }
    int[] second = {0};
    vertx.setPeriodic(1000, id -> {
      Accounting.Second row = accounting.tick(++second[0]);
      progress.accept(String.format("t=%ds sent/s=%d delivered/s=%d p50=%.2fms p99=%.2fms",
          row.second(), row.sent(), row.delivered(), row.p50Millis(), row.p99Millis()));
      if (second[0] == options.warmupSeconds) {
        startMeasuring();
      }
      if (second[0] == options.warmupSeconds + options.durationSeconds) {
        vertx.cancelTimer(id);
        stopSending();
        awaitDrain().onComplete(v -> {
          BenchReport report = new BenchReport(options, accounting);
          report.connectSeconds = connectSeconds;
          report.measure(measureEndNanos - measureStartNanos, measureEndSent - measureStartSent,
              measureEndDelivered - measureStartDelivered);
          report.serverCpuPercent = serverCpuPercent(measureEndNanos - measureStartNanos);
          report.expected = expectedDeliveries();
          report.unique = uniqueDeliveries();
          finished.complete(report);
        });
      }
    });
    if (options.warmupSeconds == 0) {
      startMeasuring();
    }
    return finished.future();
  }

  /** The server's CPU use over the window, as a percentage of one core; -1 when unknown. */
  private double serverCpuPercent(long windowNanos) {
    return serverCpuStart >= 0 && serverCpuEnd >= 0 ? 100.0 * (serverCpuEnd - serverCpuStart) / windowNanos : -1;
  }

  private void startMeasuring() {
    accounting.resetLatency();
    measureStartNanos = System.nanoTime();
    measureStartSent = accounting.sentCount();
    measureStartDelivered = accounting.deliveredCount();
    serverCpuStart = ServerProcess.cpuNanos(options.serverPid);
  }

  private void stopSending() {
    sending = false;
    measureEndNanos = System.nanoTime();
    measureEndSent = accounting.sentCount();
    measureEndDelivered = accounting.deliveredCount();
    serverCpuEnd = ServerProcess.cpuNanos(options.serverPid);
  }

  /** Completes once no delivery arrived for a second (or after DRAIN_MILLIS). */
  private Future<Void> awaitDrain() {
    Promise<Void> drained = Promise.promise();
    long deadline = System.nanoTime() + DRAIN_MILLIS * 1_000_000;
    long[] last = {-1};
    vertx.setPeriodic(1000, id -> {
      long now = accounting.deliveredCount();
      if (now == last[0] || System.nanoTime() > deadline) {
        vertx.cancelTimer(id);
        drained.complete();
      }
      last[0] = now;
    });
    return drained.future();
  }

  /** Window mode: keeps up to in-flight unacknowledged messages per sender. */
  private void pump(Client sender) {
    if (!sending || options.rate > 0 || sender.socket.writeQueueFull()) {
      return;
    }
    Buffer batch = Buffer.buffer(BATCH * (options.payload + 40));
    int n = 0;
    while (n < BATCH && sender.seq - sender.acked < options.inFlight) {
      append(batch, sender);
      n++;
    }
    if (n > 0) {
      sender.socket.write(batch);
    }
  }

  /**
   * Rate mode: each sender catches up with its schedule since sending started. Senders are phased
   * evenly over one interval, so 1,000 members at 1 msg/s send one message per millisecond, not a
   * burst of 1,000 each second.
   */
  private void sendDue() {
    double elapsed = (System.nanoTime() - sendStartNanos) / 1e9;
    double perSender = options.scenario == Scenario.ROOMS ? options.rate : (double) options.rate / senders.size();
    for (int i = 0; i < senders.size(); i++) {
      Client sender = senders.get(i);
      long due = (long) (elapsed * perSender + (double) i / senders.size());
      if (sender.seq >= due || sender.socket.writeQueueFull()) {
        continue;
      }
      Buffer batch = Buffer.buffer();
      for (int n = 0; sender.seq < due && n < 10_000; n++) {
        append(batch, sender);
      }
      sender.socket.write(batch);
    }
  }

  private void append(Buffer batch, Client sender) {
    batch.appendString(sender.index + ":" + sender.seq++ + ":" + System.nanoTime() + ":");
    batch.appendBytes(padding, 0, Math.max(0, options.payload - 30)).appendByte((byte) '\n');
    accounting.sent();
  }

  private long expectedDeliveries() {
    long expected = 0;
    for (Client receiver : clients) {
      if (receiver.counts) {
        for (Client sender : senders) {
          if (sender != receiver && sender.room.equals(receiver.room)) {
            expected += sender.seq;
          }
        }
      }
    }
    return expected;
  }

  private long uniqueDeliveries() {
    long unique = 0;
    for (Client receiver : clients) {
      if (receiver.counts) {
        for (Client sender : senders) {
          unique += accounting.unique(receiver.index, sender.index);
        }
      }
    }
    return unique;
  }

  private static boolean startsWith(byte[] line, int start, int end, String prefix) {
    if (end - start < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (line[start + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] line, char c, int from, int end) {
    for (int i = from; i < end; i++) {
      if (line[i] == c) {
        return i;
      }
    }
    throw new IllegalStateException("malformed MSG line from the server: " + text(line, from, end));
  }

  private static String text(byte[] line, int start, int end) {
    return new String(line, start, end - start, StandardCharsets.UTF_8);
  }
}
