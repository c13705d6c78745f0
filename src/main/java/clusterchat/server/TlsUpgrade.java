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
 * The server side of the TLS port. Its listener accepts plain TCP, so admission counts a
 * connection before the handshake; this then puts Netty's SslHandler at the front of the
 * socket's pipeline. Vert.x's NetSocket#upgradeToSsl is not used: in 5.1.5 it fails on every
 * verticle instance sharing the port except the first (their servers get no SSL context
 * manager). One per verticle instance; its handshakes complete on that instance's context.
 */
final class TlsUpgrade {

  private final SslContext sslContext;
  private final long handshakeMillis;

  /** Reads the certificate and key (Vert.x parses the PEM, PKCS#8 or PKCS#1); fails on a bad pair. */
  TlsUpgrade(Vertx vertx, ChatConfig config) throws Exception {
    var keyCert = new PemKeyCertOptions().setCertPath(config.tlsCertPath()).setKeyPath(config.tlsKeyPath());
    this.sslContext = SslContextBuilder.forServer(keyCert.getKeyManagerFactory(vertx)).sslProvider(SslProvider.JDK)
        .build();
    this.handshakeMillis = TimeUnit.SECONDS.toMillis(config.tlsHandshakeSeconds());
  }

  /**
   * Starts the handshake on a just-accepted socket. Completes on context when it is done; fails
   * when it fails or has not finished within limits.tlsHandshakeSeconds (Netty then closes the socket).
   */
  Future<Void> handshake(NetSocket socket, Context context) {
    ChannelHandlerContext channel = ((NetSocketInternal) socket).channelHandlerContext();
    SslHandler ssl = sslContext.newHandler(channel.alloc());
    ssl.setHandshakeTimeoutMillis(handshakeMillis);
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
