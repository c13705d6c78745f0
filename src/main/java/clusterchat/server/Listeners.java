package clusterchat.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's listening sockets, so a stop can close them before any instance lets go of its
 * connect handler. Vert.x closes a shared listening socket only after the last instance has
 * removed its handler, and closes whatever it accepts in between without a word; closing the
 * listening socket first leaves the kernel to reset connections it still queues, which were never
 * accepted. Vert.x does not expose the listening socket, so it is learned as the parent channel of
 * an accepted connection (through Vert.x's internal API).
 */
final class Listeners {

  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

  /** Notes the listening socket that accepted this connection (a TCP socket or a WebSocket's). */
  void learnFrom(ChannelHandlerContext connection) {
    Channel listener = connection.channel().parent();
    if (listener != null && !channels.contains(listener)) {
      channels.add(listener);
    }
  }

  /** Closes every listening socket learned so far; completes once all are closed. */
  Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    for (Channel channel : channels) {
      Promise<Void> closed = Promise.promise();
      channel.close().addListener(done -> closed.complete());
      closing.add(closed.future());
    }
    return Future.join(closing).mapEmpty();
  }
}
