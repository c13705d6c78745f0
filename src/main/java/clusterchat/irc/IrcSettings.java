package clusterchat.irc;

import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * What the IRC listener needs to know of its node: the server name it speaks as, the optional
 * server password, the message of the day, the server operators (name to password hash), the
 * ping interval and how many nodes the cluster has now.
 */
public record IrcSettings(String serverName, String password, List<String> motd, Map<String, String> operators,
    int pingSeconds, IntSupplier servers) {

  public static final String NETWORK = "ClusterChat";
  public static final String VERSION = "clusterchat-1";
}
