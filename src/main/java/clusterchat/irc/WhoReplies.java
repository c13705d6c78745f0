package clusterchat.irc;

import clusterchat.core.ChatService;
import clusterchat.core.Profile;
import clusterchat.core.RoomState;
import clusterchat.core.UserRecord;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * WHO (with IRCv3 WHOX fields) and WHOIS. WHO of a channel or a nick costs what the room or the
 * one record costs; a WHO mask with wildcards has to read the whole user directory, so a client
 * gets one such search per {@value #MASK_SEARCH_SECONDS} seconds (after a burst of
 * {@value #MASK_SEARCH_BURST}) and at most {@value #MAX_MATCHES}
 * answers; it does not find invisible users (mode +i) it shares no channel with.
 */
final class WhoReplies {

  static final int MASK_SEARCH_SECONDS = 10;
  /** Mask searches a client may make at once before the one-per-period pace applies. */
  static final int MASK_SEARCH_BURST = 3;
  static final int MAX_MATCHES = 200;
  /** WHOX fields in the order they are written, whatever order the client asked for them in. */
  private static final String WHOX_ORDER = "tcuihsnfdlaor";

  private final IrcDialect irc;
  private double maskSearches = MASK_SEARCH_BURST;
  private long maskSearchesCountedNanos = System.nanoTime();

  WhoReplies(IrcDialect irc) {
    this.irc = irc;
  }

  private ChatService chat() {
    return irc.connection().chat();
  }

  /** One WHO answer line's facts. */
  private record Entry(String channel, String nick, Profile profile, String channelPrefix) {
  }

  Future<?> who(IrcMessage message) {
    String mask = message.param(0) == null || message.param(0).isEmpty() ? "*" : message.param(0);
    String fields = message.param(1) != null && message.param(1).startsWith("%") ? message.param(1).substring(1) : null;
    Future<List<Entry>> entries;
    if (mask.startsWith("#")) {
      entries = channelEntries(mask);
    } else if (mask.indexOf('*') < 0 && mask.indexOf('?') < 0) {
      entries = chat().findUser(mask).map(user -> List.of(new Entry("*", user.nick(), user.profile(), "")))
          .otherwise(List.of());
    } else {
      entries = maskEntries(mask);
    }
    return entries.onSuccess(found -> {
      for (Entry entry : found) {
        if (fields == null) {
          irc.reply("352", entry.channel(), entry.profile().user(), entry.profile().host(),
              irc.settings().serverName(), entry.nick(), flags(entry), "0 " + entry.profile().realName());
        } else {
          irc.reply("354", whox(entry, fields).toArray(String[]::new));
        }
      }
      irc.reply("315", mask, "End of WHO list");
    });
  }

  private Future<List<Entry>> channelEntries(String channel) {
    String room = ChannelNames.room(channel);
    if (room == null) {
      return Future.succeededFuture(List.of());
    }
    return chat().roomInfo(room).map(info -> {
      if (info.secret() && !irc.member().isIn(room)) {
        return List.of();
      }
      List<Entry> entries = new ArrayList<>();
      for (RoomState.Occupant occupant : info.occupants()) {
        entries.add(new Entry("#" + room, occupant.seat().nick(), occupant.seat().profile(), irc.caps().prefixes(occupant)));
      }
      return entries;
    });
  }

  private Future<List<Entry>> maskEntries(String mask) {
    long now = System.nanoTime();
    maskSearches = Math.min(MASK_SEARCH_BURST,
        maskSearches + (now - maskSearchesCountedNanos) / (MASK_SEARCH_SECONDS * 1e9));
    maskSearchesCountedNanos = now;
    if (maskSearches < 1) {
      irc.reply("263", "WHO", "Searching by mask is limited to one search per " + MASK_SEARCH_SECONDS
          + " seconds; try again later");
      return Future.succeededFuture(List.of());
    }
    maskSearches--;
    Pattern pattern = glob(mask);
    return chat().allUsers().map(users -> {
      List<Entry> entries = new ArrayList<>();
      for (UserRecord user : users) {
        Profile profile = user.profile();
        boolean matches = pattern.matcher(user.nick()).matches() || pattern.matcher(profile.user()).matches()
            || pattern.matcher(profile.host()).matches() || pattern.matcher(profile.realName()).matches();
        boolean visible = !profile.invisible() || user.connectionId().equals(irc.member().id())
            || user.rooms().stream().anyMatch(irc.member()::isIn);
        if (matches && visible && entries.size() < MAX_MATCHES) {
          entries.add(new Entry("*", user.nick(), profile, ""));
        }
      }
      return entries;
    });
  }



  private static String flags(Entry entry) {
    return (entry.profile().isAway() ? "G" : "H") + (entry.profile().oper() ? "*" : "") + entry.channelPrefix();
  }

  private List<String> whox(Entry entry, String requested) {
    int comma = requested.indexOf(',');
    String letters = comma < 0 ? requested : requested.substring(0, comma);
    String token = comma < 0 ? "0" : requested.substring(comma + 1);
    List<String> params = new ArrayList<>();
    for (char field : WHOX_ORDER.toCharArray()) {
      if (letters.indexOf(field) < 0) {
        continue;
      }
      Profile profile = entry.profile();
      params.add(switch (field) {
        case 't' -> token;
        case 'c' -> entry.channel();
        case 'u' -> profile.user();
        case 'i' -> "255.255.255.255";
        case 'h' -> profile.host();
        case 's' -> irc.settings().serverName();
        case 'n' -> entry.nick();
        case 'f' -> flags(entry);
        case 'd' -> "0";
        case 'l' -> "0";
        case 'a' -> "0";
        case 'o' -> "n/a";
        default -> profile.realName(); // 'r'
      });
    }
    return params;
  }

  /** IRC's wildcards: '*' any run of characters, '?' one; compared ignoring ASCII case. */
  static Pattern glob(String mask) {
    StringBuilder regex = new StringBuilder();
    for (char c : mask.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
  }

  Future<?> whois(IrcMessage message) {
    if (message.params().isEmpty() || message.param(0).isEmpty()) {
      irc.reply("431", "No nickname given");
      return Future.succeededFuture();
    }
    String nick = message.params().get(message.params().size() - 1);
    return chat().findUser(nick).compose(user -> channelsOf(user).map(channels -> {
      Profile profile = user.profile();
      irc.reply("311", user.nick(), profile.user(), profile.host(), "*", profile.realName());
      if (!channels.isEmpty()) {
        irc.reply("319", user.nick(), String.join(" ", channels));
      }
      irc.reply("312", user.nick(), irc.settings().serverName(), IrcSettings.NETWORK + " node " + user.nodeId());
      if (profile.oper()) {
        irc.reply("313", user.nick(), "is an IRC operator");
      }
      if (profile.isAway()) {
        irc.reply("301", user.nick(), profile.away());
      }
      irc.reply("318", user.nick(), "End of /WHOIS list");
      return (Void) null;
    })).recover(err -> {
      irc.reply("401", nick, "No such nick/channel");
      irc.reply("318", nick, "End of /WHOIS list");
      return Future.succeededFuture();
    });
  }

  /** The user's channels with its prefix in each; secret ones only when the asker is in them too. */
  private Future<List<String>> channelsOf(UserRecord user) {
    List<Future<String>> channels = user.rooms().stream().map(room -> chat().roomInfo(room).map(info -> {
      if (info.secret() && !irc.member().isIn(room)) {
        return (String) null;
      }
      RoomState.Occupant occupant = info.occupant(user.connectionId());
      return occupant == null ? null : irc.caps().prefixes(occupant) + "#" + room;
    })).toList();
    return Future.join(channels).map(all -> channels.stream().map(Future::result)
        .filter(channel -> channel != null).toList());
  }
}
