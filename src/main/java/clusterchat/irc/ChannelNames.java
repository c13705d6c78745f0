package clusterchat.irc;

import clusterchat.core.Names;

/** IRC channel names for rooms: channel "#dev" is room "dev". */
final class ChannelNames {

  private ChannelNames() {
  }

  /** The room of a channel name, or null when it is not a valid channel name. */
  static String room(String channel) {
    return channel.startsWith("#") ? Names.canonicalRoom(channel) : null;
  }

  static String channel(String room) {
    return "#" + room;
  }
}
