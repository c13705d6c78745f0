package clusterchat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AddressKeyTest {

  @Test
  @DisplayName("IPv4 stays per address, IPv6 becomes its /64, IPv4-mapped IPv6 becomes the IPv4 address")
  void keys() {
    assertEquals("192.0.2.1", AddressKey.of("192.0.2.1"));
    assertEquals("2001:db8:1:2:0:0:0:0/64", AddressKey.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
    assertEquals("2001:db8:1:2:0:0:0:0/64", AddressKey.of("2001:db8:1:2::1"));
    assertEquals("fe80:0:0:0:0:0:0:0/64", AddressKey.of("fe80:0:0:0:0:0:0:1%eth0"));
    assertEquals("0:0:0:0:0:0:0:0/64", AddressKey.of("0:0:0:0:0:0:0:1"));
    assertEquals("192.0.2.1", AddressKey.of("::ffff:192.0.2.1"));
    assertEquals("192.0.2.1", AddressKey.of("0:0:0:0:0:ffff:c000:201"));
  }
}
