package clusterchat.client;

import clusterchat.protocol.InputLine;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bundled client: shows server lines as they arrive while sending what is typed. On a terminal
 * it is an interactive chat client ({@link TerminalIo}); otherwise lines pass through raw
 * ({@link PipedIo}). When input ends (a pipe, Ctrl-D or Ctrl-C) it sends /quit and waits for the
 * server's goodbye, so {@code echo /who | clusterchat client} prints the answer.
 *
 * <p>The session outlives its connection. The client turns /seq on to know the last event shown in
 * each room ({@link RoomPositions}); when the connection is lost, or a draining node says
 * {@code BYE RECONNECT}, it connects again, to another node if need be ({@link ServerChoice}), and
 * sends /resume with the newest session token and those positions, so each missed line arrives once
 * (docs/PROTOCOL.md, "Resuming a lost connection"). The input thread sends what is typed; the network
 * thread shows what arrives and reconnects.
 */
public final class LineClient {

  private static final int CONNECT_TIMEOUT_MILLIS = 5000;
  /** How long a new connection may take for each line of its greeting and for the answer to /resume. */
  private static final int HANDSHAKE_TIMEOUT_MILLIS = 5000;
  private static final long GOODBYE_WAIT_SECONDS = 5;
  /** The pause between two rounds over the servers doubles from this... */
  private static final long FIRST_PAUSE_MILLIS = 250;
  /** ...up to this. */
  private static final long MAX_PAUSE_MILLIS = 2000;

  private final ServerChoice servers;
  private final boolean tls;
  private final boolean insecure;
  private final SessionState session = new SessionState();
  private final RoomPositions positions = new RoomPositions();
  private final SeqReplies seqReplies = new SeqReplies();
  /** Counted down when the user leaves (/quit, end of input): nothing reconnects after that. */
  private final CountDownLatch leaving = new CountDownLatch(1);
  /**
   * Held while a /quit is sent and while the client's own /seq on is, so that none follows a /quit:
   * a line that reaches a connection the server has closed makes it reset, which can discard the
   * goodbye before it is read.
   */
  private final Object quitOrder = new Object();
  /** The exit code, once the network thread is done. */
  private final CompletableFuture<Integer> outcome = new CompletableFuture<>();
  /** Where typed lines go; null while reconnecting. */
  private volatile ServerLink link;
  /** From the newest SESSION line (network thread only): the token /resume takes, and how long the session waits. */
  private String token;
  private int resumeSeconds;

  /** A client of the first reachable of servers; with tls, insecure skips certificate and host-name checks. */
  public LineClient(List<ServerAddress> servers, boolean tls, boolean insecure) {
    this.servers = new ServerChoice(servers, tls);
    this.tls = tls;
    this.insecure = insecure;
  }

  /** Runs until the session ends; returns the process exit code (0 after a goodbye, 1 if lost). */
  public int run() {
    ClientIo io;
    try {
      io = TerminalIo.available() ? TerminalIo.open(session) : new PipedIo();
    } catch (IOException e) {
      System.err.println("clusterchat client: cannot use the terminal: " + e.getMessage());
      return 1;
    }
    return run(io);
  }

  /** Runs with io, reading typed lines in this thread. */
  int run(ClientIo io) {
    ServerLink first = connectFirst();
    if (first == null) {
      return 1;
    }
    link = first;
    Thread network = new Thread(() -> converse(first, io), "clusterchat-client-network");
    network.setDaemon(true);
    network.start();
    type(io);
    return awaitOutcome();
  }

  private ServerLink connectFirst() {
    for (ServerAddress address : servers.atStart()) {
      try {
        return ServerLink.open(address, tls, insecure, CONNECT_TIMEOUT_MILLIS);
      } catch (IOException e) {
        System.err.println("clusterchat client: cannot connect to " + address + ": " + e.getMessage());
      }
    }
    return null;
  }

  /** Sends what is typed until input ends (then /quit) or the session is over. */
  private void type(ClientIo io) {
    try {
      io.openingLines().forEach(this::send);
      String typed;
      while (!outcome.isDone() && (typed = io.readLine()) != null) {
        for (String line : typed.split("\n")) {
          if (sendTyped(line)) {
            io.sent(line);
          } else if (!line.isBlank()) {
            io.status("not connected, not sent: " + line);
          }
        }
      }
    } catch (IOException e) {
      // input broke: leave as at its end
    }
    synchronized (quitOrder) {
      leaving.countDown();
      if (!outcome.isDone()) {
        send("/quit");
      }
    }
  }

  private boolean sendTyped(String line) {
    synchronized (quitOrder) {
      if ("quit".equals(InputLine.parse(line).command())) {
        leaving.countDown();
      }
      return send(line);
    }
  }

  /** Sends a line on the current connection; false while there is none. */
  private boolean send(String line) {
    ServerLink current = link;
    if (current == null) {
      return false;
    }
    try {
      current.send(line);
    } catch (IOException e) {
      // the connection is going: the network thread sees it end
    }
    return true;
  }

  /** The network thread: shows what the servers send, moving to a new connection while the session allows. */
  private void converse(ServerLink first, ClientIo io) {
    ServerLink current = first;
    int exitCode;
    while (true) {
      Goodbye goodbye = follow(current, io);
      link = null;
      current.close();
      exitCode = goodbye == null ? 1 : 0;
      if (goodbye == null) {
        io.status("connection to " + current.address() + " lost");
      }
      boolean mayResume = token != null && leaving.getCount() > 0;
      List<ServerAddress> order = mayResume ? servers.afterEnd(current.address(), goodbye) : List.of();
      if (order.isEmpty()) {
        break;
      }
      current = reconnect(order, io);
      if (current == null) {
        exitCode = 1;
        break;
      }
      synchronized (quitOrder) {
        link = current;
        if (leaving.getCount() == 0) {
          send("/quit"); // the user left while this connection was being made
        }
      }
    }
    io.close();
    outcome.complete(exitCode);
  }

  /** Shows a connection's lines until it ends; the goodbye it ended with, or null when it was lost. */
  private Goodbye follow(ServerLink current, ClientIo io) {
    Goodbye goodbye = null;
    try {
      String line;
      while ((line = current.readLine()) != null) {
        if (line.startsWith("SESSION ")) {
          remember(line);
          askForNumbers();
        }
        if (goodbye == null) {
          goodbye = Goodbye.parse(line);
        }
        show(line, io);
      }
    } catch (IOException e) {
      // reset: lost, as when it ends without a goodbye
    }
    return goodbye;
  }

  /** Turns numbering on for RoomPositions, unless the user's /quit went out first (see quitOrder). */
  private void askForNumbers() {
    synchronized (quitOrder) {
      if (leaving.getCount() > 0 && send(SeqReplies.ASK)) {
        seqReplies.asked();
      }
    }
  }

  private void show(String line, ClientIo io) {
    if (seqReplies.hides(line)) {
      return;
    }
    String plain = positions.take(line);
    session.observe(ChatLineFormatter.clean(plain));
    io.show(seqReplies.showPrefixes() ? line : plain);
  }

  /** Takes in a {@code SESSION TOKEN SECONDS} line: the newest token is the one /resume needs. */
  private void remember(String sessionLine) {
    String[] f = sessionLine.split(" ");
    if (f.length == 3 && f[2].matches("[0-9]{1,9}")) {
      resumeSeconds = Integer.parseInt(f[2]);
      token = resumeSeconds > 0 ? f[1] : null;
    }
  }

  /**
   * Tries the servers in order, round after round with a growing pause in between, until one takes
   * the session (or at least a new connection stands) or the session's time is up; null then, or
   * when the user left meanwhile.
   */
  private ServerLink reconnect(List<ServerAddress> order, ClientIo io) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(resumeSeconds);
    Set<ServerAddress> announced = new HashSet<>();
    String problem = "no server answered";
    long pause = FIRST_PAUSE_MILLIS;
    try {
      while (millisLeft(deadline) > 0 && leaving.getCount() > 0) {
        for (ServerAddress address : order) {
          long left = millisLeft(deadline);
          if (left <= 0 || leaving.getCount() == 0) {
            break;
          }
          if (announced.add(address)) {
            io.status("reconnecting to " + address + " ...");
          }
          try {
            return resume(ServerLink.open(address, tls, insecure, (int) Math.min(CONNECT_TIMEOUT_MILLIS, left)), io);
          } catch (IOException e) {
            problem = address + ": " + e.getMessage();
          }
        }
        leaving.await(Math.min(pause, Math.max(0, millisLeft(deadline))), TimeUnit.MILLISECONDS);
        pause = Math.min(2 * pause, MAX_PAUSE_MILLIS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (leaving.getCount() > 0) {
      io.status("could not reconnect within " + resumeSeconds + " s, the session is lost (" + problem + ")");
    }
    return null;
  }

  private static long millisLeft(long deadline) {
    return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
  }

  /**
   * Takes the session over on a new connection: after its greeting and SESSION line, turns numbering
   * on and sends /resume with the last token and the positions shown. Until the answer the lines are
   * the new guest's, so they are shown only when the session could not be resumed; the new token is
   * the session's either way. A goodbye, the end or a silent server fails the attempt.
   */
  private ServerLink resume(ServerLink candidate, ClientIo io) throws IOException {
    try {
      candidate.readTimeout(HANDSHAKE_TIMEOUT_MILLIS);
      List<String> held = new ArrayList<>();
      String greeting;
      do {
        greeting = expect(candidate);
        held.add(greeting);
      } while (!greeting.startsWith("SESSION "));
      seqReplies.asked();
      candidate.send(SeqReplies.ASK);
      candidate.send(positions.resumeCommand(token, session.rooms()));
      String answer;
      while (!(answer = expect(candidate)).startsWith("OK resume") && !answer.startsWith("ERR ")) {
        if (!seqReplies.hides(answer)) {
          held.add(answer);
        }
      }
      if (answer.startsWith("ERR SESSION_ACTIVE ")) {
        // The cluster has not yet noticed that the old connection's node is gone: try again shortly.
        throw new IOException(answer.substring("ERR ".length()));
      }
      candidate.readTimeout(0);
      remember(greeting);
      if (answer.startsWith("ERR ")) {
        String[] f = answer.split(" ", 3);
        positions.clear();
        io.status("reconnected to " + candidate.address() + " but could not resume: "
            + (f.length == 3 ? f[2] : "") + " [" + f[1] + "]; you are a new guest");
        held.forEach(line -> show(line, io));
      } else {
        session.observe(ChatLineFormatter.clean(answer));
        io.status("reconnected to " + candidate.address() + ": "
            + ChatLineFormatter.resumedAs(answer.substring("OK resume".length()).strip()));
      }
      return candidate;
    } catch (IOException e) {
      candidate.close();
      throw e;
    }
  }

  /** The next line of a connection being set up; its end or a goodbye fails the attempt. */
  private static String expect(ServerLink candidate) throws IOException {
    String line = candidate.readLine();
    if (line == null) {
      throw new EOFException("closed the connection");
    }
    Goodbye goodbye = Goodbye.parse(line);
    if (goodbye != null) {
      throw new IOException("said goodbye: " + goodbye.text() + " [" + goodbye.code() + "]");
    }
    return line;
  }

  /** The exit code once the network thread is done, waiting a little for the goodbye after /quit. */
  private int awaitOutcome() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GOODBYE_WAIT_SECONDS);
    while (true) {
      try {
        return outcome.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        // TerminalIo.close() interrupts this thread to end its readLine; the outcome follows at once
      } catch (ExecutionException | TimeoutException e) {
        return 1;
      }
    }
  }
}
