package clusterchat.core;

import java.util.Locale;
import java.util.regex.Pattern;

/** Naming rules for nicks and rooms (docs/PROTOCOL.md, "Names"). */
public final class Names {

  public static final int MAX_NICK_LENGTH = 32;
  public static final int MAX_ROOM_LENGTH = 50;

  private static final Pattern NICK = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_NICK_LENGTH + "}");
  // Checked before lower-casing, so no non-ASCII letter can fold into an allowed one.
  private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_ROOM_LENGTH + "}");

  private Names() {
  }

  public static boolean isValidNick(String nick) {
    return nick != null && NICK.matcher(nick).matches();
  }

  /** The key under which a nick is unique: nicks differing only in case are the same nick. */
  public static String nickKey(String nick) {
    return nick.toLowerCase(Locale.ROOT);
  }

  /**
   * The canonical room name, or null when invalid. One leading '#' is accepted and dropped, and case
   * is ignored, so "#Dev", "dev" and "DEV" are one room, shown as "dev".
   */
  public static String canonicalRoom(String room) {
    if (room == null) {
      return null;
    }
    String name = room.startsWith("#") ? room.substring(1) : room;
    return ROOM.matcher(name).matches() ? name.toLowerCase(Locale.ROOT) : null;
  }
}
