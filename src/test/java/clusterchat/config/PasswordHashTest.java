package clusterchat.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordHashTest {

  @Test
  @DisplayName("a hash matches its password only, and two hashes of one password differ by their salt")
  void hashAndMatch() {
    String hash = PasswordHash.hash("operpassword");
    assertTrue(PasswordHash.isHash(hash), hash);
    assertTrue(PasswordHash.matches("operpassword", hash));
    assertFalse(PasswordHash.matches("operpassword ", hash));
    assertFalse(PasswordHash.matches("operpassword", "operpassword"));
    assertNotEquals(hash, PasswordHash.hash("operpassword"));
  }

  @Test
  @DisplayName("plain text and malformed hashes are not hashes")
  void notHashes() {
    assertFalse(PasswordHash.isHash("operpassword"));
    assertFalse(PasswordHash.isHash("pbkdf2-sha256:x:00:00"));
    assertFalse(PasswordHash.isHash("pbkdf2-sha256:1000:zz:" + "00".repeat(32)));
  }
}
