package clusterchat.core;

import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The chat's use cases: claim a nick, join, part, say, message, list, quit. One per verticle
 * instance, called on its event loop. Knows nothing of sockets or wire formats.
 */
public final class ChatService {

  private static final int GUEST_NICK_ATTEMPTS = 20;

  private final String nodeId;
  private final String inbox;
  private final UserDirectory directory;
  private final RoomBus roomBus;
  private final Mailer mailer;

  public ChatService(String nodeId, String inbox, UserDirectory directory, RoomBus roomBus, Mailer mailer) {
    this.nodeId = nodeId;
    this.inbox = inbox;
    this.directory = directory;
    this.roomBus = roomBus;
    this.mailer = mailer;
  }

  /** Gives a new connection a unique guest nick and puts it in the default room (none if empty). */
  public Future<Void> connect(Member member, String defaultRoom) {
    return claimGuestNick(member, 1)
        .onSuccess(v -> roomBus.publish(PresenceEvent.connect(member.nick(), nodeId)))
        .compose(v -> defaultRoom.isEmpty() ? Future.succeededFuture() : join(member, defaultRoom).mapEmpty())
        .mapEmpty();
  }

  private Future<Void> claimGuestNick(Member member, int attempt) {
    // Four digits while the odds are good, then wider, so a crowded server still finds a free nick.
    int bound = attempt <= 5 ? 10_000 : 1_000_000_000;
    String candidate = "guest-" + ThreadLocalRandom.current().nextInt(bound);
    return directory.claim(record(member, candidate))
        .onSuccess(v -> rename(member, candidate))
        .recover(err -> attempt < GUEST_NICK_ATTEMPTS && isCode(err, ErrorCode.NICK_IN_USE)
            ? claimGuestNick(member, attempt + 1)
            : Future.failedFuture(err));
  }

  /** Joins the room (or just makes it current when already in it); returns the canonical name. */
  public Future<String> join(Member member, String roomName) {
    String room = Names.canonicalRoom(roomName);
    if (room == null) {
      return Future.failedFuture(invalidRoom(roomName));
    }
    if (member.isIn(room)) {
      member.makeCurrent(room);
      return Future.succeededFuture(room);
    }
    member.enter(room);
    return roomBus.subscribe(room, member)
        .compose(v -> directory.update(record(member, member.nick())))
        .onSuccess(v -> {
          roomBus.publish(event(RoomEvent.Kind.JOIN, room, member, null));
          roomBus.publish(PresenceEvent.join(member.nick(), nodeId, room));
        })
        .onFailure(err -> {
          member.leave(room);
          roomBus.unsubscribe(room, member);
        })
        .map(room);
  }

  /** Leaves the named room, or the current one when roomName is null; returns the room left. */
  public Future<String> part(Member member, String roomName) {
    String room = roomName == null ? member.currentRoom() : Names.canonicalRoom(roomName);
    if (room == null) {
      return Future.failedFuture(roomName == null
          ? new ChatException(ErrorCode.NO_ROOM, "you are in no room")
          : invalidRoom(roomName));
    }
    if (!member.isIn(room)) {
      return Future.failedFuture(new ChatException(ErrorCode.NOT_IN_ROOM, "you are not in " + room));
    }
    roomBus.publish(event(RoomEvent.Kind.PART, room, member, null));
    roomBus.publish(PresenceEvent.part(member.nick(), nodeId, room));
    roomBus.unsubscribe(room, member);
    member.leave(room);
    return directory.update(record(member, member.nick())).map(room);
  }

  /** Sends a chat line (or a /me action) to the member's current room. */
  public void say(Member member, String text, boolean action) {
    String room = member.currentRoom();
    if (room == null) {
      throw new ChatException(ErrorCode.NO_ROOM, "you are in no room; /join ROOM first");
    }
    roomBus.publish(event(action ? RoomEvent.Kind.ME : RoomEvent.Kind.MSG, room, member, text));
  }

  /** Changes the member's nick; every room it is in sees the change. */
  public Future<String> changeNick(Member member, String newNick) {
    if (!Names.isValidNick(newNick)) {
      return Future.failedFuture(new ChatException(ErrorCode.INVALID_NICK,
          "a nick is 1-" + Names.MAX_NICK_LENGTH + " letters, digits, '_' or '-'"));
    }
    String oldNick = member.nick();
    if (newNick.equals(oldNick)) {
      return Future.succeededFuture(newNick);
    }
    boolean sameKey = Names.nickKey(newNick).equals(Names.nickKey(oldNick));
    Future<Void> claimed = sameKey
        ? directory.update(record(member, newNick))
        : directory.claim(record(member, newNick)).compose(v -> directory.release(oldNick));
    return claimed.map(v -> {
      rename(member, newNick);
      announceNick(member, oldNick);
      return newNick;
    });
  }

  /** Sends a private message from a user or a bot; returns the recipient's nick as it is spelled. */
  public Future<String> privateMessage(String from, String to, String text) {
    return findUser(to).compose(recipient -> mailer.deliver(recipient, from, text).map(recipient.nick()));
  }

  /** A connected user's record; fails with NO_SUCH_NICK. */
  public Future<UserRecord> findUser(String nick) {
    return directory.find(nick).compose(user -> user == null
        ? Future.failedFuture(noSuchNick(nick))
        : Future.succeededFuture(user));
  }

  /** Posts a line into a room as a bot; fails when the room is empty or a human holds the name. */
  public Future<Void> postAsBot(String botName, String roomName, String text) {
    if (!Names.isValidNick(botName)) {
      return Future.failedFuture(new ChatException(ErrorCode.INVALID_NICK, "'" + botName + "' is not a valid bot name"));
    }
    return who(roomName).compose(nicks -> directory.find(botName)).compose(human -> {
      if (human != null) {
        return Future.failedFuture(new ChatException(ErrorCode.NICK_IN_USE, botName + " is a user's nick"));
      }
      roomBus.publish(new RoomEvent(RoomEvent.Kind.BOT, Names.canonicalRoom(roomName), botName, text, ""));
      return Future.succeededFuture();
    });
  }

  /** Disconnects a user wherever it is connected; its rooms see "kicked: reason". */
  public Future<Void> kick(String nick, String reason) {
    return findUser(nick).compose(user -> mailer.kick(user, reason));
  }

  /** The nicks in a room, sorted ignoring case; fails with NO_SUCH_ROOM when it is empty. */
  public Future<List<String>> who(String roomName) {
    String room = Names.canonicalRoom(roomName);
    if (room == null) {
      return Future.failedFuture(invalidRoom(roomName));
    }
    return directory.all().compose(users -> {
      List<String> nicks = users.stream()
          .filter(user -> user.rooms().contains(room))
          .map(UserRecord::nick)
          .sorted(String.CASE_INSENSITIVE_ORDER)
          .toList();
      return nicks.isEmpty()
          ? Future.failedFuture(new ChatException(ErrorCode.NO_SUCH_ROOM, "nobody is in " + room))
          : Future.succeededFuture(nicks);
    });
  }

  /** Every room that has members, by name, with its member count. */
  public Future<Map<String, Integer>> rooms() {
    return directory.all().map(users -> {
      Map<String, Integer> counts = new TreeMap<>();
      users.forEach(user -> user.rooms().forEach(room -> counts.merge(room, 1, Integer::sum)));
      return counts;
    });
  }

  /** Takes the member out of every room and releases its nick; each room sees it quit. */
  public Future<Void> quit(Member member, String reason) {
    if (member.nick() == null) {
      return Future.succeededFuture();
    }
    for (String room : member.rooms()) {
      roomBus.publish(event(RoomEvent.Kind.QUIT, room, member, reason));
      roomBus.unsubscribe(room, member);
      member.leave(room);
    }
    String nick = member.nick();
    rename(member, null);
    roomBus.publish(PresenceEvent.disconnect(nick, nodeId, reason));
    return directory.release(nick);
  }

  private void rename(Member member, String newNick) {
    mailer.nickChanged(member, member.nick(), newNick);
    member.nick(newNick);
  }

  /**
   * Puts the member back into the directory after a split-brain merge. Returns null when it kept its
   * nick, or the new guest nick when someone else took the nick meanwhile.
   */
  public Future<String> reassert(Member member) {
    String nick = member.nick();
    if (nick == null) {
      return Future.succeededFuture();
    }
    UserRecord mine = record(member, nick);
    return directory.claim(mine)
        .<String>map(v -> {
          member.rooms().forEach(room -> roomBus.publish(event(RoomEvent.Kind.JOIN, room, member, null)));
          return null;
        })
        .recover(err -> !isCode(err, ErrorCode.NICK_IN_USE) ? Future.failedFuture(err)
            : directory.find(nick).compose(holder -> holder != null && inbox.equals(holder.inbox())
                ? directory.update(mine).map((String) null)
                : renameAfterConflict(member, nick)));
  }

  private Future<String> renameAfterConflict(Member member, String lostNick) {
    return claimGuestNick(member, 1).map(v -> {
      announceNick(member, lostNick);
      return member.nick();
    });
  }

  private void announceNick(Member member, String oldNick) {
    for (String room : member.rooms()) {
      roomBus.publish(new RoomEvent(RoomEvent.Kind.NICK, room, oldNick, member.nick(), member.id()));
    }
    roomBus.publish(PresenceEvent.nick(oldNick, nodeId, member.nick()));
  }

  private UserRecord record(Member member, String nick) {
    return new UserRecord(nick, nodeId, inbox, member.rooms());
  }

  private static RoomEvent event(RoomEvent.Kind kind, String room, Member member, String text) {
    return new RoomEvent(kind, room, member.nick(), text, member.id());
  }

  private static ChatException invalidRoom(String name) {
    return new ChatException(ErrorCode.INVALID_ROOM, "'" + name + "' is not a room name: 1-"
        + Names.MAX_ROOM_LENGTH + " letters, digits, '_' or '-', optionally after one '#'");
  }

  public static ChatException noSuchNick(String nick) {
    return new ChatException(ErrorCode.NO_SUCH_NICK, "nobody is called " + nick);
  }

  private static boolean isCode(Throwable err, ErrorCode code) {
    return err instanceof ChatException chat && chat.code() == code;
  }
}
