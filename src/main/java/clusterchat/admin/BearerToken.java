package clusterchat.admin;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/** Lets a request through when it carries {@code Authorization: Bearer TOKEN}, or its path is open; else 401. */
final class BearerToken implements Handler<RoutingContext> {

  private final byte[] expected;
  private final Set<String> openPaths;

  BearerToken(String token, Set<String> openPaths) {
    this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.openPaths = Set.copyOf(openPaths);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String given = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    // MessageDigest.isEqual takes the same time wherever the first difference is.
    if (openPaths.contains(ctx.normalizedPath())
        || given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))) {
      ctx.next();
      return;
    }
    ctx.response()
        .setStatusCode(401)
        .putHeader("WWW-Authenticate", "Bearer realm=\"clusterchat-admin\"")
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("error", "this endpoint needs Authorization: Bearer <admin.token>").encode());
  }
}
