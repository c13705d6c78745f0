package clusterchat.testing;

import java.io.IOException;
import java.util.List;

/** A scripted IRC client over a real socket: registers, joins, and reads lines like ChatClient. */
public final class IrcTestClient implements AutoCloseable {

  private final ChatClient lines;
  private final String nick;

  private IrcTestClient(ChatClient lines, String nick) {
    this.lines = lines;
    this.nick = nick;
  }

  /** Connects, registers as nick (optionally asking for capabilities first) and waits for the welcome. */
  public static IrcTestClient register(int port, String nick, String... capabilities) throws IOException {
    ChatClient client = ChatClient.connectRaw(port);
    if (capabilities.length > 0) {
      client.send("CAP LS 302");
      client.send("CAP REQ :" + String.join(" ", capabilities));
      client.await(line -> line.contains(" CAP * ACK "));
      client.send("CAP END");
    }
    client.send("NICK " + nick);
    client.send("USER " + nick.toLowerCase() + " 0 * :Real " + nick);
    client.await(line -> line.contains(" 001 " + nick + " "));
    client.await(line -> line.contains(" 376 " + nick + " ") || line.contains(" 422 " + nick + " "));
    return new IrcTestClient(client, nick);
  }

  public String nick() {
    return nick;
  }

  public IrcTestClient send(String line) {
    lines.send(line);
    return this;
  }

  /** Joins a channel and waits for the end of its names list. */
  public IrcTestClient join(String channel) {
    lines.send("JOIN " + channel);
    lines.await(line -> line.contains(" 366 " + nick + " " + channel + " "));
    return this;
  }

  /** Skips lines until one contains the text; returns it. */
  public String awaitContaining(String text) {
    return lines.await(line -> line.contains(text));
  }

  /** Skips lines until one is exactly this. */
  public void awaitLine(String exact) {
    lines.awaitLine(exact);
  }

  /** The lines from now through the one that is exactly this. */
  public List<String> linesThrough(String exact) {
    return lines.linesThrough(exact);
  }

  /** Everything the server sends until it closes the connection. */
  public List<String> awaitClosed() {
    return lines.awaitClosed();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
