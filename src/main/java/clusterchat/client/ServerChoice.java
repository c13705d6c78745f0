package clusterchat.client;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which servers the client tries, in order. At start: the configured ones ({@code --servers}, then
 * {@code --host}/{@code --port}). After a lost connection: the configured ones again, the lost one
 * among them (it may be back at once). After {@code BYE RECONNECT}: the nodes it named, then the
 * configured ones, the node that said goodbye last. After {@code BYE SHUTDOWN}: the configured
 * ones, the stopping one last, but only when there is another. No other goodbye reconnects.
 */
final class ServerChoice {

  private final List<ServerAddress> configured;
  private final boolean tls;

  /** With tls, the addresses a BYE RECONNECT names are not used: they are plain listeners. */
  ServerChoice(List<ServerAddress> configured, boolean tls) {
    if (configured.isEmpty()) {
      throw new IllegalArgumentException("no server to connect to");
    }
    this.configured = List.copyOf(new LinkedHashSet<>(configured));
    this.tls = tls;
  }

  List<ServerAddress> atStart() {
    return configured;
  }

  /**
   * Where to go once the connection to {@code from} ended, with {@code goodbye} or lost (null), in
   * the order to try; empty when the client should not reconnect.
   */
  List<ServerAddress> afterEnd(ServerAddress from, Goodbye goodbye) {
    if (goodbye == null) {
      return configured;
    }
    Set<ServerAddress> order = new LinkedHashSet<>();
    switch (goodbye.code()) {
      case Goodbye.RECONNECT -> order.addAll(tls ? List.of() : goodbye.moveTo());
      case Goodbye.SHUTDOWN -> {
      }
      default -> {
        return List.of();
      }
    }
    order.addAll(configured);
    order.remove(from);
    if (order.isEmpty()) {
      return List.of();
    }
    order.add(from);
    return List.copyOf(order);
  }
}
