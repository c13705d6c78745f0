package clusterchat;

import clusterchat.admin.AdminVerticle;
import clusterchat.bench.BenchMain;
import clusterchat.bench.BenchOptions;
import clusterchat.client.LineClient;
import clusterchat.client.ServerAddress;
import clusterchat.config.ChatConfig;
import clusterchat.config.ConfigException;
import clusterchat.config.ConfigKey;
import clusterchat.config.ConfigLoader;
import clusterchat.config.ConfigSource;
import clusterchat.config.PasswdCommand;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Command-line entry point: {@code server} (the default), {@code worker}, {@code client}, {@code bench},
 * {@code passwd} and {@code help}; each prints its usage with {@code --help}.
 */
public final class Main {

  private static final Logger LOG = Logger.getLogger(Main.class.getName());
  /** Exit code for a bad command line or configuration. */
  private static final int EXIT_USAGE = 2;
  private static final String USAGE = """
      usage: clusterchat [server] [--config FILE] [--host HOST] [--port N] [--instances N] [--check-config]
             clusterchat worker [--config FILE] [--check-config]
             clusterchat client [--servers HOST:PORT,...] [--host HOST] [--port N] [--tls [--insecure]]
             clusterchat bench fanout|rooms|connections|cluster [options]
             clusterchat passwd    (prints a password hash for irc.operators)
             clusterchat help
      Every command takes --help.
      """;
  private static final String SERVER_USAGE = """
      usage: clusterchat [server] [--config FILE] [--host HOST] [--port N] [--instances N] [--check-config]
      Runs a chat node. Settings come from the config file, CHAT_* environment variables,
      -Dchat.* system properties and these flags, later winning (README.md, "Configuration").
        --config FILE     config file (default conf/config.json; defaults apply when it is missing)
        --host HOST       address of the chat listener (tcp.host)
        --port N          port of the chat listener (tcp.port)
        --instances N     server verticle instances sharing the port; 0 = one per core (tcp.instances)
        --check-config    print the effective configuration as JSON and exit
        --help            print this help
      """;
  private static final String WORKER_USAGE = """
      usage: clusterchat worker [--config FILE] [--check-config]
      Joins the cluster without a chat listener and runs integrations.verticles.
        --config FILE     config file (default conf/config.json); cluster.enabled must be true
        --check-config    print the effective configuration as JSON and exit
        --help            print this help
      """;
  private static final String CLIENT_USAGE = """
      usage: clusterchat client [--servers HOST:PORT,...] [--host HOST] [--port N] [--tls [--insecure]]
      The bundled client: on a terminal an interactive chat client (line editing, history, completion);
      otherwise it prints server lines as they arrive and sends what it reads. When the connection is
      lost, or a draining node sends the client elsewhere, it reconnects and resumes the session.
        --servers LIST    the nodes to use, e.g. a:7000,b:7000 (IPv6: [::1]:7000): the first reachable
                          at start, the others to reconnect to
        --host HOST       server address (default 127.0.0.1; with --servers: one more node, last)
        --port N          server port (default 7000)
        --tls             connect over TLS, checking the certificate against Java's trust store
        --insecure        with --tls: accept any certificate (self-signed ones)
        --help            print this help
      """;

  private Main() {
  }

  public static void main(String[] args) {
    Deque<String> rest = new ArrayDeque<>(List.of(args));
    String command = rest.isEmpty() || rest.peek().startsWith("-") ? "server" : rest.pop();
    if (args.length > 0 && isHelp(args[0])) {
      command = "help";
    }
    String usage = usage(command);
    try {
      if (usage == null) {
        throw new IllegalArgumentException("unknown command: " + command);
      }
      if (rest.stream().anyMatch(Main::isHelp)) {
        System.out.print(usage);
        return;
      }
      switch (command) {
        case "server" -> node(rest, false);
        case "worker" -> node(rest, true);
        case "client" -> System.exit(client(rest));
        case "bench" -> System.exit(BenchMain.run(List.copyOf(rest)));
        case "passwd" -> System.exit(PasswdCommand.run(List.copyOf(rest), System.out, System.err));
        case "help" -> System.out.print(usage);
        default -> throw new IllegalArgumentException("unknown command: " + command);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("clusterchat: " + e.getMessage());
      System.err.print(usage == null ? USAGE : usage);
      System.exit(EXIT_USAGE);
    }
  }

  private static boolean isHelp(String arg) {
    return arg.equals("--help") || arg.equals("-h");
  }

  /** The help text of a command, or null for an unknown command. */
  private static String usage(String command) {
    return switch (command) {
      case "server" -> SERVER_USAGE;
      case "worker" -> WORKER_USAGE;
      case "client" -> CLIENT_USAGE;
      case "bench" -> BenchOptions.USAGE;
      case "passwd" -> PasswdCommand.USAGE;
      case "help" -> USAGE + "\n" + BenchOptions.USAGE;
      default -> null;
    };
  }

  /** Runs a chat node, or a worker (cluster member without chat listener) running the integrations. */
  private static void node(Deque<String> args, boolean worker) {
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
        case "--host", "--port", "--instances" -> {
          if (worker) {
            throw new IllegalArgumentException(flag + " is for chat nodes; a worker has no chat listener");
          }
          putListenerFlag(flags, flagNames, flag, value(flag, args));
        }
        case "--check-config" -> checkOnly = true;
        default -> throw new IllegalArgumentException("unknown option: " + flag);
      }
    }
    ConfigSource source = ConfigSource.of(file, fileRequired, flags, flagNames);
    ChatConfig config = loadConfig(source);
    if (checkOnly) {
      System.out.println(config.toPrintableJson().encodePrettily());
      return;
    }
    ChatNode node;
    try {
      node = (worker ? ChatNode.startWorker(config, source) : ChatNode.start(config, source)).await();
    } catch (Exception e) {
      LOG.severe("could not start the node: " + e.getMessage());
      System.exit(1);
      return;
    }
    String cluster = config.clusterEnabled()
        ? ", cluster " + config.clusterName() + " has " + node.clusterSize() + " nodes" : "";
    String admin = config.adminEnabled() ? ", admin on " + config.adminHost() + ":" + node.adminPort() : "";
    if (worker) {
      LOG.info(() -> "ClusterChat worker " + node.nodeId() + " running " + config.integrationVerticles() + cluster
          + admin);
    } else {
      String tls = config.tlsEnabled() ? ", TLS on " + config.tcpHost() + ":" + node.tlsPort() : "";
      String plain = config.tcpEnabled() ? config.tcpHost() + ":" + node.port() : "TLS only";
      String web = config.httpEnabled() ? ", web chat on " + webAddress(config.httpHost(), node.httpPort()) : "";
      String bridge = config.bridgeEnabled() ? ", bridge on " + config.bridgeHost() + ":" + config.bridgePort() : "";
      LOG.info(() -> "ClusterChat node " + node.nodeId() + " listening on " + plain + tls + web
          + " with " + config.tcpInstances() + " instances" + bridge + cluster + admin
          + (node.nativeTransport() ? ", epoll transport" : ", NIO transport"));
    }
    installShutdown(node);
    installReload(node);
  }

  /**
   * SIGHUP reloads the config (see ConfigSync): the result, or why it was refused, goes to the log.
   * A process started with SIGHUP ignored (nohup) keeps it ignored: the JVM will not take it over.
   */
  private static void installReload(ChatNode node) {
    if (Signal.handle(new Signal("HUP"), s -> node.reload()) == SignalHandler.SIG_IGN) {
      LOG.warning("SIGHUP is ignored in this process (started under nohup?): reload the config with"
          + " POST /admin/reload, or start the node through scripts/start.sh");
    }
  }

  /** The page's address as a browser wants it (IPv6 in brackets). */
  private static String webAddress(String host, int port) {
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
  }

  private static ChatConfig loadConfig(ConfigSource source) {
    Vertx reader = Vertx.vertx();
    try {
      return source.load(reader).await();
    } catch (ConfigException e) {
      System.err.println("clusterchat: invalid configuration:");
      e.problems().forEach(problem -> System.err.println("  " + problem));
      System.exit(EXIT_USAGE);
      return null;
    } finally {
      reader.close();
    }
  }

  /**
   * SIGTERM, SIGINT and POST /admin/drain drain the node (ChatNode#drain: with other nodes up its
   * clients move to them and resume there; alone, they get BYE SHUTDOWN), then the process exits 0.
   */
  private static void installShutdown(ChatNode node) {
    Runnable shutdown = () -> {
      LOG.info("draining and shutting down");
      try {
        node.drain().await(node.config().shutdownDrainSeconds() + 30L, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warning("shutdown did not complete cleanly: " + e);
      }
      System.exit(0);
    };
    AtomicBoolean started = new AtomicBoolean();
    Runnable startShutdown = () -> {
      if (started.compareAndSet(false, true)) {
        new Thread(shutdown, "clusterchat-shutdown").start();
      }
    };
    for (String signal : List.of("TERM", "INT")) {
      Signal.handle(new Signal(signal), s -> startShutdown.run());
    }
    node.vertx().eventBus().localConsumer(AdminVerticle.DRAIN_REQUESTED, request -> {
      request.reply(null);
      startShutdown.run();
    });
  }

  private static int client(Deque<String> args) {
    List<ServerAddress> servers = new ArrayList<>();
    String host = null;
    Integer port = null;
    boolean tls = false;
    boolean insecure = false;
    while (!args.isEmpty()) {
      String flag = args.pop();
      switch (flag) {
        case "--servers" -> servers.addAll(parseServers(value(flag, args)));
        case "--host" -> host = value(flag, args);
        case "--port" -> port = parsePort(value(flag, args));
        case "--tls" -> tls = true;
        case "--insecure" -> insecure = true;
        default -> throw new IllegalArgumentException("unknown option: " + flag);
      }
    }
    if (insecure && !tls) {
      throw new IllegalArgumentException("--insecure only makes sense with --tls");
    }
    if (servers.isEmpty() || host != null || port != null) {
      servers.add(new ServerAddress(host == null ? "127.0.0.1" : host, port == null ? 7000 : port));
    }
    return new LineClient(servers, tls, insecure).run();
  }

  private static List<ServerAddress> parseServers(String value) {
    try {
      return ServerAddress.parseList(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--servers: " + e.getMessage() + " in \"" + value + "\"");
    }
  }

  private static void putListenerFlag(Map<ConfigKey, String> flags, Map<ConfigKey, String> names, String flag,
      String value) {
    ConfigKey key = switch (flag) {
      case "--host" -> ConfigKey.TCP_HOST;
      case "--port" -> ConfigKey.TCP_PORT;
      default -> ConfigKey.TCP_INSTANCES;
    };
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
