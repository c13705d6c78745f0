package clusterchat.client;

import java.util.Arrays;
import java.util.List;

/** A server's {@code host:port}, as {@code --servers} and {@code BYE RECONNECT} name it; an IPv6 host goes in brackets. */
public record ServerAddress(String host, int port) {

  public ServerAddress {
    if (host.isEmpty() || port < 1 || port > 65535) {
      throw new IllegalArgumentException("expected a host and a port from 1 to 65535, got " + host + ":" + port);
    }
  }

  /** Reads {@code host:port} or {@code [v6-address]:port}; IllegalArgumentException when it is neither. */
  public static ServerAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    String host = colon < 0 ? "" : text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      String port = text.substring(colon + 1);
      if (!host.isEmpty() && port.matches("[0-9]{1,5}")) {
        return new ServerAddress(host, Integer.parseInt(port));
      }
    } catch (IllegalArgumentException e) {
      // reported below, naming the whole text
    }
    throw new IllegalArgumentException("expected host:port, got \"" + text + "\"");
  }

  /** Reads a comma-separated list: {@code host:port[,host:port...]}. */
  public static List<ServerAddress> parseList(String text) {
    return Arrays.stream(text.split(",", -1)).map(ServerAddress::parse).toList();
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
