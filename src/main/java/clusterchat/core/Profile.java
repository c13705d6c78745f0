package clusterchat.core;

import io.vertx.core.json.JsonObject;
import java.io.Serializable;

/**
 * What others can see of a user besides its nick: the user name and real name an IRC client
 * registered with (a plain client gets "chat" and ""), the host shown for it (the node serving
 * it, never the user's address), its away message ("" when present), whether it is a server
 * operator, and whether it is invisible (IRC user mode +i: not found by WHO masks of strangers).
 */
public record Profile(String user, String host, String realName, String away, boolean oper, boolean invisible)
    implements Serializable {

  /** The user name IRC shows for users of the plain protocol, which has none of its own. */
  public static final String PLAIN_USER = "chat";

  public static Profile plain(String nodeId) {
    return new Profile(PLAIN_USER, nodeId, "", "", false, false);
  }

  public Profile withAway(String message) {
    return new Profile(user, host, realName, message, oper, invisible);
  }

  public Profile withOper(boolean isOper) {
    return new Profile(user, host, realName, away, isOper, invisible);
  }

  public Profile withInvisible(boolean isInvisible) {
    return new Profile(user, host, realName, away, oper, isInvisible);
  }

  /** IRC's user modes: "+", "+i", "+io"... */
  public String userModes() {
    return "+" + (invisible ? "i" : "") + (oper ? "o" : "");
  }

  public boolean isAway() {
    return !away.isEmpty();
  }

  /** IRC's "user@host", the part of a message's source after the nick. */
  public String userAtHost() {
    return user + "@" + host;
  }

  JsonObject toJson() {
    return new JsonObject().put("user", user).put("host", host).put("realName", realName)
        .put("away", away).put("oper", oper).put("invisible", invisible);
  }

  static Profile fromJson(JsonObject json, String nodeId) {
    if (json == null) {
      return plain(nodeId);
    }
    return new Profile(json.getString("user", PLAIN_USER), json.getString("host", nodeId), json.getString("realName", ""),
        json.getString("away", ""), json.getBoolean("oper", false), json.getBoolean("invisible", false));
  }
}
