package clusterchat.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * What per-IP limits count a client by: an IPv4 address as it is, an IPv6 address by its /64
 * prefix (one subscriber usually gets a whole /64, so counting per address would not limit
 * anyone), and an IPv4-mapped IPv6 address as the IPv4 address it carries.
 */
final class AddressKey {

  private static final int IPV6_PREFIX_BYTES = 8;

  private AddressKey() {
  }

  /** The key for a literal address as Vert.x reports it, e.g. "192.0.2.1" or "2001:db8:0:0:0:0:0:1". */
  static String of(String ip) {
    if (ip.indexOf(':') < 0) {
      return ip;
    }
    int scope = ip.indexOf('%');
    InetAddress address;
    try {
      // A literal with a colon is parsed, never looked up in DNS.
      address = InetAddress.getByName(scope < 0 ? ip : ip.substring(0, scope));
    } catch (UnknownHostException e) {
      return ip;
    }
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
    Arrays.fill(prefix, IPV6_PREFIX_BYTES, prefix.length, (byte) 0);
    try {
      return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an address", e);
    }
  }
}
