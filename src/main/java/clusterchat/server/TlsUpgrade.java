package clusterchat.server;

import clusterchat.config.ChatConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import java.util.concurrent.TimeUnit;

/**
 * The server side of the TLS ports. Their listeners accept plain TCP, so admission counts a
 * connection before the handshake; this then puts Netty's SslHandler at the front of the
 * socket's pipeline. Vert.x's NetSocket#upgradeToSsl is not used: in 5.1.5 it fails on every
 * verticle instance sharing the port except the first (their servers get no SSL context
 * manager). One per node; a config reload swaps in a context with the certificate read again.
 */
final class TlsUpgrade {

  private volatile SslContext sslContext;

  /** Reads the certificate and key (Vert.x parses the PEM, PKCS#8 or PKCS#1); blocking; fails on a bad pair. */
  static SslContext read(Vertx vertx, ChatConfig config) throws Exception {
    var keyCert = new PemKeyCertOptions().setCertPath(config.tlsCertPath()).setKeyPath(config.tlsKeyPath());
    return SslContextBuilder.forServer(keyCert.getKeyManagerFactory(vertx)).sslProvider(SslProvider.JDK).build();
  }

  /** New handshakes use context from now on; connections already encrypted keep theirs. */
  void use(SslContext context) {
    this.sslContext = context;
  }

  /**
   * Starts the handshake on a just-accepted socket. Completes on context when it is done; fails
   * when it fails or has not finished within handshakeSeconds (Netty then closes the socket).
   */
  Future<Void> handshake(NetSocket socket, Context context, int handshakeSeconds) {
    ChannelHandlerContext channel = ((NetSocketInternal) socket).channelHandlerContext();
    SslHandler ssl = sslContext.newHandler(channel.alloc());
    ssl.setHandshakeTimeoutMillis(TimeUnit.SECONDS.toMillis(handshakeSeconds));
    channel.pipeline().addFirst("ssl", ssl);
    Promise<Void> done = Promise.promise();
    ssl.handshakeFuture().addListener(result -> context.runOnContext(v -> {
      if (result.isSuccess()) {
        done.complete();
      } else {
        done.fail(result.cause());
      }
    }));
    return done.future();
  }
}
