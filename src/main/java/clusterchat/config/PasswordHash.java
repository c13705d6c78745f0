package clusterchat.config;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Server operator passwords are configured as salted PBKDF2 hashes, never in plain text:
 * "pbkdf2-sha256:ITERATIONS:SALT:HASH" (hex). {@code clusterchat passwd} makes one.
 */
public final class PasswordHash {

  private static final String SCHEME = "pbkdf2-sha256";
  private static final int ITERATIONS = 210_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  private static final HexFormat HEX = HexFormat.of();

  private PasswordHash() {
  }

  /** A new hash of the password, with a fresh random salt. */
  public static String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    new SecureRandom().nextBytes(salt);
    return SCHEME + ":" + ITERATIONS + ":" + HEX.formatHex(salt) + ":" + HEX.formatHex(derive(password, salt, ITERATIONS));
  }

  /** Whether the text has the form of a hash this class makes. */
  public static boolean isHash(String text) {
    String[] parts = text.split(":");
    try {
      return parts.length == 4 && parts[0].equals(SCHEME) && Integer.parseInt(parts[1]) > 0
          && HEX.parseHex(parts[2]).length > 0 && HEX.parseHex(parts[3]).length == HASH_BITS / 8;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Whether the password matches the hash; compares in constant time. */
  public static boolean matches(String password, String hash) {
    if (!isHash(hash)) {
      return false;
    }
    String[] parts = hash.split(":");
    byte[] expected = HEX.parseHex(parts[3]);
    return MessageDigest.isEqual(expected, derive(password, HEX.parseHex(parts[2]), Integer.parseInt(parts[1])));
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every Java 17 runtime", e);
    }
  }
}
