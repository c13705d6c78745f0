package clusterchat.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.List;
import java.util.logging.Logger;

/**
 * The web chat's HTTP side: the page (HTML, JS and CSS from the jar's {@code webchat/} folder)
 * and the WebSocket endpoint {@link #WEBSOCKET_PATH}, whose accepted WebSockets go to the chat
 * server. The page's script speaks the line protocol over it.
 */
public final class WebChat {

  public static final String WEBSOCKET_PATH = "/ws";
  private static final Logger LOG = Logger.getLogger(WebChat.class.getName());
  /** Only the page's own files, no inline script or style; no framing by other sites. */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private WebChat() {
  }

  /**
   * Serves the web chat on server: the page through a vertx-web router, and WebSocket upgrades
   * to {@link #WEBSOCKET_PATH} from an allowed origin to onWebSocket. The upgrade is Vert.x
   * core's own (not the router's), so onWebSocket gets core's WebSocket, whose connection the
   * chat server tunes through the internal API.
   */
  public static HttpServer serve(HttpServer server, Vertx vertx, List<String> allowedOrigins,
      Handler<ServerWebSocket> onWebSocket) {
    OriginCheck origins = new OriginCheck(allowedOrigins);
    Router router = Router.router(vertx);
    router.get().handler(WebChat::pageHeaders);
    router.get().handler(StaticHandler.create("webchat").setCachingEnabled(false).setDirectoryListing(false));
    return server.requestHandler(router)
        .webSocketHandshakeHandler(handshake -> handshake(handshake, origins))
        .webSocketHandler(onWebSocket);
  }

  private static void handshake(ServerWebSocketHandshake handshake, OriginCheck origins) {
    String origin = handshake.headers().get(HttpHeaders.ORIGIN);
    if (!handshake.path().equals(WEBSOCKET_PATH)) {
      handshake.reject(404);
    } else if (!origins.allows(origin, handshake.headers().get(HttpHeaders.HOST))) {
      LOG.fine(() -> "refused a WebSocket from origin " + origin + " at " + handshake.remoteAddress());
      handshake.reject(403);
    } else {
      handshake.accept();
    }
  }

  private static void pageHeaders(RoutingContext context) {
    context.response()
        .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    context.next();
  }
}
