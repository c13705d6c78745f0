package clusterchat.irc;

import clusterchat.core.RoomState;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The IRCv3 capabilities a client negotiated (CAP LS/REQ/END), and whether negotiation holds registration. */
final class Capabilities {

  static final String MULTI_PREFIX = "multi-prefix";
  static final String USERHOST_IN_NAMES = "userhost-in-names";
  static final String SERVER_TIME = "server-time";
  static final String MESSAGE_TAGS = "message-tags";
  static final String ECHO_MESSAGE = "echo-message";
  static final String CAP_NOTIFY = "cap-notify";
  static final String BATCH = "batch";
  static final String LABELED_RESPONSE = "labeled-response";
  /** Announces CHATHISTORY (the command works whether or not a client asks for it). */
  static final String CHATHISTORY = "draft/chathistory";

  /** What this server offers, in the order CAP LS lists it. */
  static final List<String> OFFERED =
      List.of(BATCH, CAP_NOTIFY, CHATHISTORY, ECHO_MESSAGE, LABELED_RESPONSE, MESSAGE_TAGS, MULTI_PREFIX,
          SERVER_TIME, USERHOST_IN_NAMES);

  private final Set<String> enabled = new LinkedHashSet<>();
  private boolean negotiating;

  boolean has(String cap) {
    return enabled.contains(cap);
  }

  Set<String> enabled() {
    return enabled;
  }

  boolean negotiating() {
    return negotiating;
  }

  void negotiating(boolean holding) {
    negotiating = holding;
  }

  /**
   * Applies a CAP REQ ("a -b c") all or nothing; returns false, changing nothing, when it names a
   * capability this server does not offer.
   */
  boolean request(List<String> changes) {
    for (String change : changes) {
      String name = change.startsWith("-") ? change.substring(1) : change;
      if (!OFFERED.contains(name)) {
        return false;
      }
    }
    for (String change : changes) {
      if (change.startsWith("-")) {
        enabled.remove(change.substring(1));
      } else {
        enabled.add(change);
      }
    }
    return true;
  }

  /** A member's channel prefix as this client wants it: "@" operator, "+" voice; both with multi-prefix. */
  String prefixes(RoomState.Occupant occupant) {
    if (has(MULTI_PREFIX)) {
      return (occupant.operator() ? "@" : "") + (occupant.voiced() ? "+" : "");
    }
    return occupant.operator() ? "@" : occupant.voiced() ? "+" : "";
  }

  /** The tags a line this client gets carries; null when none. */
  String tagsFor(long time, String msgid, String clientTags) {
    return IrcRenderers.tags(has(SERVER_TIME), has(MESSAGE_TAGS), time, msgid, clientTags);
  }
}
