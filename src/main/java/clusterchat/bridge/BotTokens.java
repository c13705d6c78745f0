package clusterchat.bridge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The bots that may log in to the bridge, known by the SHA-256 of their tokens (bridge.bots). */
final class BotTokens {

  private final Map<String, byte[]> hashByBot = new LinkedHashMap<>();

  /** hexHashByBot: bot name to the SHA-256 of its token in hex. */
  BotTokens(Map<String, String> hexHashByBot) {
    hexHashByBot.forEach((bot, hex) -> hashByBot.put(bot, HexFormat.of().parseHex(hex)));
  }

  /** The bot this token belongs to, or null. Every bot's hash is compared, each in constant time. */
  String botFor(String token) {
    byte[] hash = sha256(token);
    String found = null;
    for (Map.Entry<String, byte[]> bot : hashByBot.entrySet()) {
      if (MessageDigest.isEqual(hash, bot.getValue())) {
        found = bot.getKey();
      }
    }
    return found;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
