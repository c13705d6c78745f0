package clusterchat.client;

import java.util.List;

/**
 * A server's {@code BYE CODE TEXT} line. For {@code BYE RECONNECT ADDR[,ADDR...] TEXT} (a draining
 * node) the addresses are the other nodes' plain listeners to move to; a RECONNECT whose second
 * word is no address list keeps all of it as text and names no address.
 */
record Goodbye(String code, String text, List<ServerAddress> moveTo) {

  static final String RECONNECT = "RECONNECT";
  static final String SHUTDOWN = "SHUTDOWN";

  /** The goodbye a server line says, or null when it is not a {@code BYE} line. */
  static Goodbye parse(String line) {
    if (!line.startsWith("BYE ")) {
      return null;
    }
    String[] f = line.substring("BYE ".length()).split(" ", 2);
    String text = f.length == 2 ? f[1] : "";
    if (f[0].equals(RECONNECT)) {
      String[] addresses = text.split(" ", 2);
      try {
        return new Goodbye(RECONNECT, addresses.length == 2 ? addresses[1] : "", ServerAddress.parseList(addresses[0]));
      } catch (IllegalArgumentException e) {
        // no address list: the text is all text
      }
    }
    return new Goodbye(f[0], text, List.of());
  }
}
