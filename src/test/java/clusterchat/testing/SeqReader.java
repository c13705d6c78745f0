package clusterchat.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A plain-protocol user that reads room lines with their sequence numbers (/seq on), as a resuming
 * client does: it remembers per room the last numbered event it got and every message line, and
 * after losing its connection resumes on another node with /resume TOKEN ROOM:EPOCH:SEQ...
 */
public final class SeqReader implements AutoCloseable {

  /** A message line as read: the room, the sender and the text. */
  public record Said(String room, String nick, String text) {
  }

  private final Map<String, String> positions = new LinkedHashMap<>();
  private final List<Said> said = new ArrayList<>();
  // Every line read but numbered messages, for failure messages.
  private final List<String> others = new ArrayList<>();
  private ChatClient client;
  private String token;
  private String nick = "?";

  private SeqReader(ChatClient client) {
    this.client = client;
    token = client.awaitPrefix("SESSION ").split(" ")[1];
    client.send("/seq on");
    client.awaitLine("OK seq on");
  }

  /** Connects, takes the session token and turns sequence numbers on. */
  public static SeqReader connect(int port) throws IOException {
    return new SeqReader(ChatClient.connect(port));
  }

  public ChatClient client() {
    return client;
  }

  /** Sets the nick and waits for the server's OK. */
  public SeqReader nick(String name) {
    client.send("/nick " + name);
    readUntil(line -> line.equals("OK nick " + name), ChatClient.TIMEOUT);
    return this;
  }

  /** Joins the room and waits for the server's OK. */
  public SeqReader join(String room) {
    client.send("/join " + room);
    readUntil(line -> line.equals("OK join " + room), ChatClient.TIMEOUT);
    return this;
  }

  /** The session token of the current connection. */
  public String token() {
    return token;
  }

  /** Positions as /resume takes them: ROOM:EPOCH:SEQ, one per room this reader got a numbered line in. */
  public String positions() {
    return positions.entrySet().stream().map(at -> at.getKey() + ":" + at.getValue()).collect(Collectors.joining(" "));
  }

  public List<Said> said() {
    return said;
  }

  /**
   * Reads lines until one matches; numbered room lines update the positions and the messages. A
   * BYE RECONNECT (its node drains) is followed: this reader resumes on the first node it names.
   */
  public String readUntil(Predicate<String> wanted, Duration timeout) {
    String[] reconnect = {null};
    String line = client.await(next -> {
      take(next);
      if (next.startsWith("BYE RECONNECT ")) {
        reconnect[0] = next;
        return true;
      }
      return wanted.test(next);
    }, timeout);
    if (reconnect[0] == null) {
      return line;
    }
    followReconnect(reconnect[0], timeout);
    return readUntil(wanted, timeout);
  }

  /** Takes the lines that have arrived without waiting; follows a BYE RECONNECT among them. */
  public void readAvailable(Duration timeout) throws IOException {
    for (String line = client.poll(); line != null && !line.isEmpty(); line = client.poll()) {
      take(line);
      if (line.startsWith("BYE RECONNECT ")) {
        followReconnect(line, timeout);
        return;
      }
    }
  }

  private void followReconnect(String bye, Duration timeout) {
    String first = bye.split(" ")[2].split(",")[0];
    try {
      resumeOn(Integer.parseInt(first.substring(first.lastIndexOf(':') + 1)), timeout);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads until this reader has a message from nick in room with the given text. */
  public void readUntilSaid(String room, String nick, String text, Duration timeout) {
    Said expected = new Said(room, nick, text);
    if (!said.contains(expected)) {
      readUntil(line -> said.contains(expected), timeout);
    }
  }

  private void take(String line) {
    String[] words = line.split(" ", 7);
    if (line.startsWith("OK nick ") || line.startsWith("OK resume ")) {
      nick = line.split(" ")[2];
    }
    if (words.length < 5 || !words[0].equals("SEQ") || words[1].equals("-")) {
      others.add(line);
      return;
    }
    String room = words[4];
    positions.put(room, words[1] + ":" + words[2]);
    if (words[3].equals("MSG") && words.length == 7) {
      said.add(new Said(room, words[5], words[6]));
    }
  }

  /**
   * Resumes this reader's session on another node after its connection was lost: a new connection
   * with sequence numbers on, then /resume with the positions, tried again while the cluster has not
   * yet declared the old node gone (ERR SESSION_ACTIVE). Returns the OK resume line.
   */
  public String resumeOn(int port, Duration timeout) throws IOException {
    client.close();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ChatClient next = ChatClient.connect(port);
      String nextToken = next.awaitPrefix("SESSION ").split(" ")[1];
      next.send("/seq on");
      next.awaitLine("OK seq on");
      next.send("/resume " + token + " " + positions());
      String answer = next.await(line -> line.startsWith("OK resume ") || line.startsWith("ERR "));
      if (answer.startsWith("OK resume ")) {
        client = next;
        token = nextToken;
        return answer;
      }
      next.close();
      if (!answer.startsWith("ERR SESSION_ACTIVE ") || System.nanoTime() > deadline) {
        return fail("could not resume: " + answer);
      }
      LockSupport.parkNanos(Duration.ofMillis(200).toNanos()); // back-off between attempts, as a client does
    }
  }

  /**
   * Checks that the reader got lines "PREFIX 0" to "PREFIX count-1" of each sender in the room,
   * each once and in order (other lines of theirs are not counted).
   */
  public void assertAllOnceInOrder(String room, List<String> senders, String prefix, int count) {
    for (String sender : senders) {
      List<String> got = said.stream().filter(s -> s.room().equals(room) && s.nick().equals(sender))
          .map(Said::text).filter(text -> text.startsWith(prefix + " ")).toList();
      List<String> expected = IntStream.range(0, count).mapToObj(i -> prefix + " " + i).toList();
      if (!expected.equals(got)) {
        List<String> missing = expected.stream().filter(line -> !got.contains(line)).toList();
        List<String> twice = got.stream().filter(line -> got.indexOf(line) != got.lastIndexOf(line)).distinct().toList();
        fail(nick + " got lines of " + sender + " in " + room + ": " + got.size() + " of " + count + "; missing " + missing
            + "; twice " + twice + (missing.isEmpty() && twice.isEmpty() ? "; out of order: " + got : "")
            + "; other lines: " + others.subList(Math.max(0, others.size() - 20), others.size()));
      }
    }
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
