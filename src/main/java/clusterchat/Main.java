package clusterchat;

import clusterchat.client.LineClient;
import clusterchat.config.ChatConfig;
import clusterchat.config.ConfigException;
import clusterchat.config.ConfigKey;
import clusterchat.config.ConfigLoader;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import sun.misc.Signal;

/** Command-line entry point: {@code server} (the default) and {@code client}. */
public final class Main {

  private static final Logger LOG = Logger.getLogger(Main.class.getName());
  /** Exit code for a bad command line or configuration. */
  private static final int EXIT_USAGE = 2;
  private static final String USAGE = """
      usage: clusterchat [server] [--config FILE] [--host HOST] [--port N] [--instances N] [--check-config]
             clusterchat client [--host HOST] [--port N]
      """;

  private Main() {
  }

  public static void main(String[] args) {
    Deque<String> rest = new ArrayDeque<>(List.of(args));
    String command = !rest.isEmpty() && !rest.peek().startsWith("-") ? rest.pop() : "server";
    try {
      switch (command) {
        case "server" -> server(rest);
        case "client" -> System.exit(client(rest));
        case "help" -> System.out.print(USAGE);
        default -> throw new IllegalArgumentException("unknown command: " + command);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("clusterchat: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(EXIT_USAGE);
    }
  }

  private static void server(Deque<String> args) {
    Path file = ConfigLoader.DEFAULT_FILE;
    boolean fileRequired = false;
    boolean checkOnly = false;
    Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
    Map<ConfigKey, String> flagNames = new EnumMap<>(ConfigKey.class);
    while (!args.isEmpty()) {
      String flag = args.pop();
      switch (flag) {
        case "--config" -> {
          file = Path.of(value(flag, args));
          fileRequired = true;
        }
        case "--host" -> putFlag(flags, flagNames, ConfigKey.TCP_HOST, flag, value(flag, args));
        case "--port" -> putFlag(flags, flagNames, ConfigKey.TCP_PORT, flag, value(flag, args));
        case "--instances" -> putFlag(flags, flagNames, ConfigKey.TCP_INSTANCES, flag, value(flag, args));
        case "--check-config" -> checkOnly = true;
        default -> throw new IllegalArgumentException("unknown option: " + flag);
      }
    }
    ChatConfig config = loadConfig(file, fileRequired, flags, flagNames);
    if (checkOnly) {
      System.out.println(config.toJson().encodePrettily());
      return;
    }
    ChatNode node;
    try {
      node = ChatNode.start(config).await();
    } catch (Exception e) {
      LOG.severe("could not start the node: " + e.getMessage());
      System.exit(1);
      return;
    }
    LOG.info(() -> "ClusterChat node " + node.nodeId() + " listening on " + config.tcpHost() + ":" + node.port()
        + " with " + config.tcpInstances() + " instances"
        + (config.clusterEnabled() ? ", cluster " + config.clusterName() + " has " + node.clusterSize() + " nodes" : ""));
    installShutdown(node);
  }

  private static ChatConfig loadConfig(Path file, boolean required, Map<ConfigKey, String> flags,
      Map<ConfigKey, String> flagNames) {
    Vertx reader = Vertx.vertx();
    try {
      return ConfigLoader.load(reader, file, required, flags, flagNames).await();
    } catch (ConfigException e) {
      System.err.println("clusterchat: invalid configuration:");
      e.problems().forEach(problem -> System.err.println("  " + problem));
      System.exit(EXIT_USAGE);
      return null;
    } finally {
      reader.close();
    }
  }

  /** SIGTERM and SIGINT stop the node gracefully (clients get a BYE line) and exit 0. */
  private static void installShutdown(ChatNode node) {
    Runnable shutdown = () -> {
      LOG.info("shutting down");
      try {
        node.stop().await(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warning("shutdown did not complete cleanly: " + e);
      }
      System.exit(0);
    };
    for (String signal : List.of("TERM", "INT")) {
      Signal.handle(new Signal(signal), s -> new Thread(shutdown, "clusterchat-shutdown").start());
    }
  }

  private static int client(Deque<String> args) {
    String host = "127.0.0.1";
    int port = 7000;
    while (!args.isEmpty()) {
      String flag = args.pop();
      switch (flag) {
        case "--host" -> host = value(flag, args);
        case "--port" -> port = parsePort(value(flag, args));
        default -> throw new IllegalArgumentException("unknown option: " + flag);
      }
    }
    return new LineClient(host, port).run();
  }

  private static void putFlag(Map<ConfigKey, String> flags, Map<ConfigKey, String> names, ConfigKey key,
      String flag, String value) {
    flags.put(key, value);
    names.put(key, flag);
  }

  private static String value(String flag, Deque<String> args) {
    if (args.isEmpty()) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args.pop();
  }

  private static int parsePort(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--port: expected a port from 1 to 65535, got \"" + value + "\"");
  }
}
