package clusterchat.bridge;

import clusterchat.cluster.Addresses;
import clusterchat.config.ChatConfig;
import clusterchat.server.ChatServerVerticle;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServerOptions;
import io.vertx.ext.bridge.BridgeOptions;
import io.vertx.ext.bridge.PermittedOptions;
import io.vertx.ext.eventbus.bridge.tcp.TcpEventBusBridge;

/**
 * The TCP event-bus bridge on bridge.host:bridge.port, for bots in any language. The permitted
 * addresses below are the bridge's own check; {@link BridgeGuard} checks and rewrites every frame
 * before it, and is what keeps bots to their own name.
 */
public final class BridgeVerticle extends VerticleBase {

  private final ChatConfig config;
  private TcpEventBusBridge bridge;

  public BridgeVerticle(ChatConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    BridgeOptions permitted = new BridgeOptions()
        .addInboundPermitted(new PermittedOptions().setAddress(Addresses.API))
        .addOutboundPermitted(new PermittedOptions().setAddress(Addresses.PRESENCE))
        .addOutboundPermitted(new PermittedOptions().setAddressRegex(BridgeGuard.ROOM_ADDRESS));
    // TCP keepalive as on the chat port, so a vanished bot's subscriptions are dropped.
    NetServerOptions server = new NetServerOptions().setTcpNoDelay(true).setTcpKeepAlive(true);
    server.setTcpKeepAliveIdleSeconds(config.keepAliveSeconds());
    server.setTcpKeepAliveIntervalSeconds(ChatServerVerticle.KEEPALIVE_INTERVAL_SECONDS);
    server.setTcpKeepAliveCount(ChatServerVerticle.KEEPALIVE_PROBES);
    // A bot may observe as many rooms as a user may join, plus presence.
    BridgeGuard guard = new BridgeGuard(new BotTokens(config.bridgeBots()), config.maxRoomsPerConnection() + 1);
    bridge = TcpEventBusBridge.create(vertx, permitted, server, guard);
    return bridge.listen(config.bridgePort(), config.bridgeHost());
  }

  @Override
  public Future<?> stop() {
    return bridge.close();
  }
}
