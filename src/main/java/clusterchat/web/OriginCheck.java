package clusterchat.web;

import java.util.List;
import java.util.Locale;

/**
 * Which pages may open the chat's WebSocket. A browser sends its page's origin with every
 * WebSocket upgrade, and any site's page could otherwise connect its visitors to the chat.
 * Allowed: the page's own origin (the one the browser addressed this server by: Origin names the
 * same host and port as the Host header), the configured extra origins, and clients that send no
 * Origin (not browsers, so no visitor is used).
 */
final class OriginCheck {

  private final List<String> allowedOrigins;

  /** allowedOrigins in lower case, as ChatConfig#httpAllowedOrigins gives them. */
  OriginCheck(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  boolean allows(String origin, String host) {
    if (origin == null) {
      return true;
    }
    String lower = origin.toLowerCase(Locale.ROOT);
    if (allowedOrigins.contains(lower)) {
      return true;
    }
    int authority = lower.indexOf("://");
    boolean web = lower.startsWith("http://") || lower.startsWith("https://");
    return web && host != null && lower.substring(authority + 3).equals(host.toLowerCase(Locale.ROOT));
  }
}
