package clusterchat.irc;

import clusterchat.core.Names;
import java.util.List;

/** The ISUPPORT (005) tokens: what a client may rely on from this server. */
final class Isupport {

  private Isupport() {
  }

  static List<String> tokens() {
    return List.of(
        "AWAYLEN=200",
        "CASEMAPPING=ascii",
        "CHANLIMIT=#:50",
        "CHANMODES=b,k,,nst",
        "CHANNELLEN=" + (Names.MAX_ROOM_LENGTH + 1),
        "CHANTYPES=#",
        "CHATHISTORY=" + HistoryReplies.MAX_LIMIT,
        "ELIST=",
        "KICKLEN=390",
        "MODES=4",
        "MSGREFTYPES=msgid,timestamp",
        "NETWORK=" + IrcSettings.NETWORK,
        "NICKLEN=" + Names.MAX_NICK_LENGTH,
        "PREFIX=(ov)@+",
        "TARGMAX=JOIN:,KICK:,NAMES:,NOTICE:4,PART:,PRIVMSG:4,TAGMSG:4,WHOIS:1",
        "TOPICLEN=390",
        "USERLEN=10",
        "UTF8ONLY",
        "WHOX");
  }
}
