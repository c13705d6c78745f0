package clusterchat.core;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * The chat's use cases: claim a nick, join, part, say, message, list, quit. One per verticle
 * instance, called on its event loop. Knows nothing of sockets or wire formats.
 */
public final class ChatService {

  private static final Logger LOG = Logger.getLogger(ChatService.class.getName());
  private static final int GUEST_NICK_ATTEMPTS = 20;
  /** How much longer a session record is kept than its connection waits for /resume. */
  private static final long SESSION_GRACE_MILLIS = 30_000;

  private final String nodeId;
  private final String inbox;
  private final UserDirectory directory;
  private final RoomDirectory roomDirectory;
  private final RoomBus roomBus;
  private final RoomLog roomLog;
  private final SessionStore sessions;
  private final Mailer mailer;
  private final IntSupplier maxRoomsPerMember;
  private final IntSupplier historyOnJoin;
  private final Predicate<String> nodeAlive;

  /**
   * historyOnJoin: how many earlier messages a join replays (history.onJoin); nodeAlive: whether a
   * node id is a member of the cluster now.
   */
  public ChatService(String nodeId, String inbox, UserDirectory directory, RoomDirectory roomDirectory,
      RoomBus roomBus, RoomLog roomLog, SessionStore sessions, Mailer mailer, IntSupplier maxRoomsPerMember,
      IntSupplier historyOnJoin, Predicate<String> nodeAlive) {
    this.nodeId = nodeId;
    this.inbox = inbox;
    this.directory = directory;
    this.roomDirectory = roomDirectory;
    this.roomBus = roomBus;
    this.roomLog = roomLog;
    this.sessions = sessions;
    this.mailer = mailer;
    this.maxRoomsPerMember = maxRoomsPerMember;
    this.historyOnJoin = historyOnJoin;
    this.nodeAlive = nodeAlive;
  }

  /**
   * Gives a new connection a unique guest nick and puts it in the default room; returns that join,
   * or null when the default room is empty.
   */
  public Future<Joined> connect(Member member, String defaultRoom) {
    return claimGuestNick(member, 1)
        .onSuccess(v -> roomBus.publish(PresenceEvent.connect(member.nick(), nodeId)))
        .compose(v -> defaultRoom.isEmpty() ? Future.succeededFuture() : join(member, defaultRoom, "", false));
  }

  /** Registers a connection under the nick it asked for (IRC); fails with NICK_IN_USE or INVALID_NICK. */
  public Future<Void> register(Member member, String nick, Profile profile) {
    if (!Names.isValidNick(nick)) {
      return Future.failedFuture(invalidNick());
    }
    member.profile(profile);
    UserRecord claimed = record(member, nick);
    return directory.claim(claimed).onSuccess(v -> {
      member.record(claimed);
      rename(member, nick);
      roomBus.publish(PresenceEvent.connect(nick, nodeId));
    });
  }

  private Future<Void> claimGuestNick(Member member, int attempt) {
    // Four digits while the odds are good, then wider, so a crowded server still finds a free nick.
    int bound = attempt <= 5 ? 10_000 : 1_000_000_000;
    String candidate = "guest-" + ThreadLocalRandom.current().nextInt(bound);
    UserRecord claimed = record(member, candidate);
    return directory.claim(claimed)
        .compose(v -> {
          member.record(claimed);
          // The session is kept before the greeting gives its token out.
          return rename(member, candidate);
        })
        .recover(err -> attempt < GUEST_NICK_ATTEMPTS && isCode(err, ErrorCode.NICK_IN_USE)
            ? claimGuestNick(member, attempt + 1)
            : Future.failedFuture(err));
  }

  /** Joins the room (or just makes it current when already in it); returns the canonical name. */
  public Future<String> join(Member member, String roomName) {
    return join(member, roomName, "", false).map(Joined::room);
  }

  /**
   * What a join did: the room's canonical name, the directory's answer (null when already in), and
   * the sequence number of the first event the member gets live (-1 when unknown or already in).
   */
  public record Joined(String room, RoomUpdates.Entered entered, long since) {
  }

  /**
   * Joins the room with its key ("" for none), or just makes it current when already in it; with
   * withInfo the answer carries the room's members and modes.
   */
  public Future<Joined> join(Member member, String roomName, String key, boolean withInfo) {
    String room = Names.canonicalRoom(roomName);
    if (room == null) {
      return Future.failedFuture(invalidRoom(roomName));
    }
    if (member.isIn(room)) {
      member.makeCurrent(room);
      return Future.succeededFuture(new Joined(room, null, -1));
    }
    int maxRooms = maxRoomsPerMember.getAsInt();
    if (member.roomCount() >= maxRooms) {
      return Future.failedFuture(new ChatException(ErrorCode.TOO_MANY_ROOMS, "you are in " + maxRooms
          + " rooms, the most one connection may be in; /part one first"));
    }
    member.enter(room);
    long[] since = {-1};
    return roomBus.subscribe(room, member)
        .compose(first -> {
          since[0] = first;
          return store(member);
        })
        .compose(v -> roomDirectory.update(room, new RoomUpdates.Enter(seat(member), key, true, withInfo)))
        .compose(entered -> entered.refused() == null ? Future.succeededFuture(entered)
            : Future.failedFuture(new ChatException(entered.refused(), room + " needs the right key to join")))
        .onSuccess(entered -> {
          roomBus.publish(event(RoomEvent.Kind.JOIN, room, member, null));
          roomBus.publish(PresenceEvent.join(member.nick(), nodeId, room));
        })
        .recover(err -> {
          member.leave(room);
          roomBus.unsubscribe(room, member);
          // Undo whatever part of the join got through; the join's own error is what the user hears.
          return roomDirectory.unseat(room, member.id()).compose(v -> store(member))
              .transform(undone -> Future.failedFuture(err));
        })
        .map(entered -> new Joined(room, entered, since[0]));
  }

  /**
   * The messages said in the joined room before the member's first live event, at most
   * history.onJoin of them, oldest first; none when that point is unknown. A join never fails for
   * its history: an unreachable log means no replay.
   */
  public Future<List<RoomEvent>> joinHistory(Joined joined) {
    if (joined == null || joined.since() < 0 || historyOnJoin.getAsInt() == 0) {
      return Future.succeededFuture(List.of());
    }
    HistoryQuery earlier = HistoryQuery.before(HistoryQuery.Anchor.seq(joined.since()), historyOnJoin.getAsInt(), true);
    return roomLog.read(joined.room(), earlier).map(History::events).otherwise(List.of());
  }

  /** A room's history as one of its members may read it; NOT_IN_ROOM for others. */
  public Future<History> history(Member member, String roomName, HistoryQuery query) {
    String room = Names.canonicalRoom(roomName);
    if (room == null) {
      return Future.failedFuture(invalidRoom(roomName));
    }
    if (!member.isIn(room)) {
      return Future.failedFuture(new ChatException(ErrorCode.NOT_IN_ROOM, "you are not in " + room));
    }
    return roomLog.read(room, query);
  }

  /** A room's history, whoever asks (the event-bus API). */
  public Future<History> history(String roomName, HistoryQuery query) {
    String room = Names.canonicalRoom(roomName);
    return room == null ? Future.failedFuture(invalidRoom(roomName)) : roomLog.read(room, query);
  }

  /** Leaves the named room, or the current one when roomName is null; returns the room left. */
  public Future<String> part(Member member, String roomName) {
    return part(member, roomName, null);
  }

  /** Leaves a room with a reason members see (null for none); returns the room left. */
  public Future<String> part(Member member, String roomName, String reason) {
    String room = roomName == null ? member.currentRoom() : Names.canonicalRoom(roomName);
    if (room == null) {
      return Future.failedFuture(roomName == null
          ? new ChatException(ErrorCode.NO_ROOM, "you are in no room")
          : invalidRoom(roomName));
    }
    if (!member.isIn(room)) {
      return Future.failedFuture(new ChatException(ErrorCode.NOT_IN_ROOM, "you are not in " + room));
    }
    roomBus.publish(event(RoomEvent.Kind.PART, room, member, reason));
    roomBus.publish(PresenceEvent.part(member.nick(), nodeId, room));
    roomBus.unsubscribe(room, member);
    member.leave(room);
    return roomDirectory.unseat(room, member.id()).compose(v -> store(member)).map(room);
  }

  /** Sends a chat line (or a /me action) to the member's current room. */
  public void say(Member member, String text, boolean action) {
    String room = member.currentRoom();
    if (room == null) {
      throw new ChatException(ErrorCode.NO_ROOM, "you are in no room; /join ROOM first");
    }
    roomBus.publish(event(action ? RoomEvent.Kind.ME : RoomEvent.Kind.MSG, room, member, text));
  }

  /**
   * Sends a MSG, ME, NOTICE or TAGMSG to a named room (IRC). A member may send to its rooms; others
   * only to a room without mode +n.
   */
  public Future<String> sayTo(Member member, String roomName, RoomEvent.Kind kind, String text, String tags) {
    String room = Names.canonicalRoom(roomName);
    if (room == null) {
      return Future.failedFuture(invalidRoom(roomName));
    }
    RoomEvent said = event(kind, room, member, text).withTags(tags);
    if (member.isIn(room)) {
      return roomBus.publish(said).map(room);
    }
    return roomDirectory.info(room).compose(info -> {
      if (info.isEmpty()) {
        return Future.failedFuture(noSuchRoom(room));
      }
      if (info.noOutsideMessages()) {
        return Future.failedFuture(new ChatException(ErrorCode.NOT_IN_ROOM, "you are not in " + room));
      }
      return roomBus.publish(said).map(room);
    });
  }

  /** Sets a room's topic ("" clears it); with mode +t only its operators may. */
  public Future<Void> setTopic(Member member, String roomName, String text) {
    return change(member, roomName, new RoomUpdates.SetTopic(member.id(), member.nick(), text,
        member.profile().oper(), System.currentTimeMillis() / 1000), RoomEvent.Kind.TOPIC, null).mapEmpty();
  }

  /** Changes a room's modes, IRC style ("+o-v" with their arguments); only its operators may. */
  public Future<RoomUpdates.Changed> changeModes(Member member, String roomName, String changes, List<String> arguments) {
    return change(member, roomName, new RoomUpdates.ChangeModes(member.id(), member.profile().oper(), changes,
        List.copyOf(arguments)), RoomEvent.Kind.MODE, null);
  }

  /** Removes a member from a room; only the room's operators (or a server operator) may. */
  public Future<Void> kickFromRoom(Member member, String roomName, String targetNick, String reason) {
    return change(member, roomName, new RoomUpdates.KickOut(member.id(), member.profile().oper(), targetNick),
        RoomEvent.Kind.KICK, reason).mapEmpty();
  }

  /** Runs a room change and announces what it applied to the room. */
  private Future<RoomUpdates.Changed> change(Member member, String roomName, RoomUpdate<RoomUpdates.Changed> update,
      RoomEvent.Kind kind, String reason) {
    String room = Names.canonicalRoom(roomName);
    if (room == null) {
      return Future.failedFuture(invalidRoom(roomName));
    }
    return roomDirectory.info(room).compose(info -> info.isEmpty()
        ? Future.failedFuture(noSuchRoom(room))
        : roomDirectory.update(room, update)).compose(changed -> {
          if (changed.refused() != null) {
            return Future.failedFuture(refusal(changed.refused(), room, changed.applied()));
          }
          if (kind == RoomEvent.Kind.KICK) {
            return roomBus.publish(event(kind, room, member, reason).withTarget(changed.applied())).map(changed);
          } else if (kind == RoomEvent.Kind.TOPIC || !changed.applied().isEmpty()) {
            return roomBus.publish(event(kind, room, member, changed.applied())).map(changed);
          }
          return Future.succeededFuture(changed);
        });
  }

  /** The member was kicked from the room (its seat is already gone): stops its delivery there. */
  public Future<Void> kicked(Member member, String room) {
    if (!member.isIn(room)) {
      return Future.succeededFuture();
    }
    roomBus.unsubscribe(room, member);
    member.leave(room);
    roomBus.publish(PresenceEvent.part(member.nick(), nodeId, room));
    return store(member);
  }

  /** A copy of a room's state: members with their flags, topic, modes. */
  public Future<RoomState.Info> roomInfo(String roomName) {
    String room = Names.canonicalRoom(roomName);
    return room == null ? Future.failedFuture(invalidRoom(roomName)) : roomDirectory.info(room);
  }

  /** Changes what others see of the member (away message, operator), in its record and seats. */
  public Future<Void> updateProfile(Member member, Profile changed) {
    member.profile(changed);
    return store(member).compose(v -> seatEverywhere(member));
  }

  /** Changes the member's nick; every room it is in sees the change. */
  public Future<String> changeNick(Member member, String newNick) {
    if (!Names.isValidNick(newNick)) {
      return Future.failedFuture(invalidNick());
    }
    String oldNick = member.nick();
    if (newNick.equals(oldNick)) {
      return Future.succeededFuture(newNick);
    }
    boolean sameKey = Names.nickKey(newNick).equals(Names.nickKey(oldNick));
    UserRecord renamed = record(member, newNick);
    UserRecord previous = member.record();
    Future<Void> claimed = sameKey
        ? directory.replace(previous, renamed).compose(replaced -> replaced ? Future.succeededFuture() : directory.claim(renamed))
        : directory.claim(renamed).compose(v -> directory.remove(previous)).mapEmpty();
    return claimed.compose(v -> {
      member.record(renamed);
      rename(member, newNick);
      announceNick(member, oldNick);
      return seatEverywhere(member);
    }).map(newNick);
  }

  /** Sends a private message from a bot; returns the recipient's nick as it is spelled. */
  public Future<String> privateMessage(String from, String to, String text) {
    return findUser(to).compose(recipient ->
        mailer.deliver(recipient, PrivateMessage.of(RoomEvent.Kind.MSG, from, null, recipient.nick(), text, null))
            .map(recipient.nick()));
  }

  /** Sends a private MSG, ME, NOTICE or TAGMSG from a member; returns the recipient's record. */
  public Future<UserRecord> privateMessage(PrivateMessage message) {
    return findUser(message.to()).compose(recipient -> mailer.deliver(recipient, message).map(recipient));
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

  /** Every connected user: reads the whole directory, so only for searches callers limit (IRC's WHO by mask). */
  public Future<List<UserRecord>> allUsers() {
    return directory.all();
  }

  /** How many users are connected in the whole cluster. */
  public Future<Integer> userCount() {
    return directory.count();
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
    return roomDirectory.nicks(room).compose(nicks -> nicks.isEmpty()
        ? Future.failedFuture(noSuchRoom(room))
        : Future.succeededFuture(nicks));
  }

  /** Rooms that have members, by name, after {@code after} ("" from the start), at most limit of them. */
  public Future<RoomDirectory.RoomPage> rooms(String after, int limit) {
    return roomDirectory.rooms(after, limit);
  }

  /** The last event each of the member's rooms delivered to it (null where not known). */
  public Map<String, LogPosition> positions(Member member) {
    Map<String, LogPosition> sent = new LinkedHashMap<>();
    member.rooms().forEach(room -> sent.put(room, roomBus.position(room)));
    return sent;
  }

  /**
   * The member's connection is gone (lost, or told to reconnect elsewhere): its nick and room seats
   * stay as they are, its rooms hear nothing, and the session is held ttlMillis for /resume, with
   * the positions the connection was sent; deliveries to it stop.
   */
  public Future<Void> detach(Member member, Map<String, LogPosition> sent, long ttlMillis) {
    member.rooms().forEach(room -> roomBus.unsubscribe(room, member));
    SessionRecord held = SessionRecord.live(member, nodeId).heldUntil(System.currentTimeMillis() + ttlMillis, sent);
    // The record outlives the wait a little, so the one who ends the session still finds it.
    return sessions.keep(member.sessionToken(), held, ttlMillis + SESSION_GRACE_MILLIS);
  }

  /** A detached session's time is up: unless someone resumed it (or is resuming it), the member quits. */
  public Future<Void> expire(Member member, String reason) {
    String token = member.sessionToken();
    return sessions.get(token)
        .compose(session -> session == null || session.resuming() ? Future.succeededFuture(false)
            : sessions.remove(token, session))
        .compose(ended -> ended ? quit(member, reason) : Future.succeededFuture());
  }

  /** What /resume did: the nick the member has now, each room given back, and the rooms that could not be. */
  public record Resumed(String nick, boolean nickKept, String formerConnectionId, List<ResumedRoom> rooms,
      Map<String, String> lost) {
  }

  /**
   * A room given back: the events the lost connection was not sent (oldest first, up to the
   * member's first live one), and whether they are all there: false when the room's log no longer
   * reaches back to the last one it was sent, or that point is not known.
   */
  public record ResumedRoom(String room, List<RoomEvent> missed, boolean complete, boolean positionKnown) {
  }

  /**
   * Resumes a session on this member (a new connection, on any node): the member leaves its own
   * rooms, takes over the session's nick (unless someone else holds it by now) and its room seats
   * with their operator and voice flags, without the rooms hearing it leave or come back; a room it
   * was kicked from meanwhile is not given back. A session is resumable once its connection is
   * gone: lost or drained (held), or on a node that is no longer in the cluster. Each room brings
   * the events numbered after the last one the old connection got, at most maxMissed: as the client
   * states it in {@code stated} (room to position), else as the server knows it. Fails with
   * NO_SESSION for an unknown, expired or already resumed token, SESSION_ACTIVE while its
   * connection may still be open; on another failure the session is kept as it was.
   */
  public Future<Resumed> resume(Member member, String token, Map<String, LogPosition> stated, int maxMissed,
      long ttlMillis) {
    long now = System.currentTimeMillis();
    return sessions.get(token).compose(session -> {
      if (session == null || session.resuming() || session.expired(now)) {
        return Future.failedFuture(noSession());
      }
      if (session.isLive() && nodeAlive.test(session.nodeId())) {
        return Future.failedFuture(new ChatException(ErrorCode.SESSION_ACTIVE, "that session's connection is still"
            + " open, or its node is not yet known to be gone; try again in a few seconds"));
      }
      // Marked, not removed, until the seats are handed over: a sweep meanwhile still sees them held.
      SessionRecord taking = session.resumingUntil(session.isLive() ? now + ttlMillis : session.heldUntil());
      return sessions.replace(token, session, taking).compose(taken -> !taken ? Future.failedFuture(noSession())
          : withRooms(session)
              .compose(rooms -> resume(member, rooms.withPositions(stated), maxMissed))
              .compose(resumed -> sessions.remove(token, taking).map(resumed))
              .recover(err -> sessions.replace(token, taking, session).transform(back -> Future.failedFuture(err))));
    });
  }

  private static ChatException noSession() {
    return new ChatException(ErrorCode.NO_SESSION,
        "no session waits under that token: it ended, was resumed already, or never was");
  }

  /**
   * A session detached by its own node knows its rooms; one whose node died has them in its
   * directory record, which stays until the session ends.
   */
  private Future<SessionRecord> withRooms(SessionRecord session) {
    if (!session.rooms().isEmpty()) {
      return Future.succeededFuture(session);
    }
    return directory.find(session.nick()).map(holder -> {
      Map<String, LogPosition> rooms = new LinkedHashMap<>();
      if (holder != null && holder.connectionId().equals(session.connectionId())) {
        holder.rooms().forEach(room -> rooms.put(room, null));
      }
      return session.heldUntil(session.heldUntil(), rooms);
    });
  }

  private Future<Resumed> resume(Member member, SessionRecord session, int maxMissed) {
    Future<Void> left = Future.succeededFuture();
    for (String room : member.rooms()) {
      left = left.compose(v -> part(member, room).mapEmpty());
    }
    List<ResumedRoom> rooms = new ArrayList<>();
    Map<String, String> lost = new LinkedHashMap<>();
    return left.compose(v -> takeOverNick(member, session)).compose(kept -> {
      Future<Void> chain = Future.succeededFuture();
      for (Map.Entry<String, LogPosition> room : session.rooms().entrySet()) {
        chain = chain.compose(v -> resumeRoom(member, room.getKey(), session.connectionId())
            .compose(since -> missed(room.getKey(), room.getValue(), since, maxMissed))
            .<Void>map(resumed -> {
              rooms.add(resumed);
              return null;
            })
            .recover(err -> {
              if (!(err instanceof ChatException refused)) {
                return Future.failedFuture(err);
              }
              lost.put(room.getKey(), refused.getMessage());
              return Future.succeededFuture();
            }));
      }
      return chain.map(v -> new Resumed(member.nick(), kept, session.connectionId(), rooms, lost));
    });
  }

  /** Takes the session's nick over from its lost connection (or claims it when free); false when another user has it. */
  private Future<Boolean> takeOverNick(Member member, SessionRecord session) {
    String guestNick = member.nick();
    UserRecord guest = member.record();
    UserRecord mine = record(member, session.nick());
    return directory.find(session.nick()).compose(holder -> {
      if (holder != null && !holder.connectionId().equals(session.connectionId())) {
        return Future.succeededFuture(false);
      }
      Future<Boolean> taken = holder != null ? directory.replace(holder, mine)
          : directory.claim(mine).map(true)
              .recover(err -> isCode(err, ErrorCode.NICK_IN_USE) ? Future.succeededFuture(false) : Future.failedFuture(err));
      return taken.compose(ok -> {
        if (!ok) {
          return Future.succeededFuture(false);
        }
        member.record(mine);
        rename(member, session.nick());
        roomBus.publish(PresenceEvent.nick(guestNick, nodeId, session.nick()));
        return directory.remove(guest).map(true);
      });
    });
  }

  /** Moves the lost connection's seat in the room to the member; returns the member's first live event. */
  private Future<Long> resumeRoom(Member member, String room, String formerConnectionId) {
    member.enter(room);
    long[] since = {-1};
    return roomBus.subscribe(room, member)
        .compose(first -> {
          since[0] = first;
          return roomDirectory.update(room, new RoomUpdates.HandOver(formerConnectionId, seat(member)));
        })
        .compose(handedOver -> handedOver ? store(member)
            : Future.failedFuture(new ChatException(ErrorCode.NOT_IN_ROOM, "you are no longer in " + room
                + " (kicked, or its state was lost)")))
        .map(v -> since[0])
        .recover(err -> {
          member.leave(room);
          roomBus.unsubscribe(room, member);
          return store(member).transform(stored -> Future.failedFuture(err));
        });
  }

  /** The room's events after from and before since (the first live one); complete when none is missing. */
  private Future<ResumedRoom> missed(String room, LogPosition from, long since, int maxMissed) {
    if (from == null || since < 0) {
      return Future.succeededFuture(new ResumedRoom(room, List.of(), false, from != null));
    }
    if (since <= from.seq() + 1) {
      return Future.succeededFuture(new ResumedRoom(room, List.of(), true, true));
    }
    HistoryQuery after = HistoryQuery.after(HistoryQuery.Anchor.seq(from.seq()), maxMissed, false);
    return roomLog.read(room, after).map(history -> {
      if (!from.epoch().equals(history.epoch())) {
        return new ResumedRoom(room, List.of(), false, true);
      }
      List<RoomEvent> events = history.events().stream().filter(event -> event.seq() < since).toList();
      return new ResumedRoom(room, events, events.size() == since - from.seq() - 1, true);
    });
  }

  /** Takes the member out of every room and releases its nick; each room sees it quit. */
  public Future<Void> quit(Member member, String reason) {
    if (member.nick() == null) {
      return Future.succeededFuture();
    }
    List<String> rooms = member.rooms();
    RoomEvent quit = event(RoomEvent.Kind.QUIT, "", member, reason);
    for (String room : rooms) {
      roomBus.publish(quit.inRoom(room));
      roomBus.unsubscribe(room, member);
      member.leave(room);
    }
    String nick = member.nick();
    UserRecord stored = member.record();
    rename(member, null);
    roomBus.publish(PresenceEvent.disconnect(nick, nodeId, reason));
    List<Future<Void>> unseated = rooms.stream().map(room -> roomDirectory.unseat(room, member.id())).toList();
    return Future.join(unseated).transform(seatsGone -> directory.remove(stored)).mapEmpty();
  }

  /** Renames the member (null: it quits); completes once its session record is kept (never fails). */
  private Future<Void> rename(Member member, String newNick) {
    mailer.nickChanged(member, member.nick(), newNick);
    member.nick(newNick);
    return keepSession(member);
  }

  /**
   * Keeps a live session record for a member with a session token while it has a nick, so that
   * /resume works on another node even if this one dies; the rooms are in its directory record.
   */
  private Future<Void> keepSession(Member member) {
    String token = member.sessionToken();
    if (token == null) {
      return Future.succeededFuture();
    }
    Future<?> kept = member.nick() == null ? sessions.take(token) : sessions.keepLive(token, SessionRecord.live(member, nodeId));
    return kept.<Void>mapEmpty().recover(err -> {
      LOG.warning("could not keep the session of " + member.id() + ": " + err);
      return Future.succeededFuture();
    });
  }


  /**
   * Makes the cluster's state true again for this member after nodes left or a split healed: its
   * record (claimed again if it was lost, renamed to a guest nick when someone else took the nick
   * meanwhile) and its seats in every room. When {@code announce}, its rooms and the presence stream
   * hear it join again, as the other side of a split saw it quit. Returns the new nick when renamed,
   * else null. Run it in the connection's order of work, like any command.
   */
  public Future<String> reconcile(Member member, boolean announce) {
    String nick = member.nick();
    if (nick == null) {
      return Future.succeededFuture();
    }
    UserRecord mine = record(member, nick);
    return directory.find(nick).compose(holder -> {
      if (holder == null) {
        return directory.claim(mine).<String>map(v -> {
          member.record(mine);
          return null;
        }).recover(err -> isCode(err, ErrorCode.NICK_IN_USE) ? renameAfterConflict(member, nick) : Future.failedFuture(err));
      }
      if (!member.id().equals(holder.connectionId())) {
        return renameAfterConflict(member, nick);
      }
      Future<Boolean> current = holder.equals(mine) ? Future.succeededFuture(true) : directory.replace(holder, mine);
      return current.map(replaced -> {
        member.record(mine);
        return (String) null;
      });
    }).compose(renamed -> seatEverywhere(member).map(renamed)).onSuccess(renamed -> {
      if (announce) {
        roomBus.publish(PresenceEvent.connect(member.nick(), nodeId));
        for (String room : member.rooms()) {
          roomBus.publish(event(RoomEvent.Kind.JOIN, room, member, null));
          roomBus.publish(PresenceEvent.join(member.nick(), nodeId, room));
        }
      }
    });
  }

  private Future<String> renameAfterConflict(Member member, String lostNick) {
    return claimGuestNick(member, 1).map(v -> {
      announceNick(member, lostNick);
      return member.nick();
    });
  }

  private void announceNick(Member member, String oldNick) {
    RoomEvent renamed = new RoomEvent(RoomEvent.Kind.NICK, "", oldNick, member.nick(), member.id())
        .withOrigin(member.profile().userAtHost());
    for (String room : member.rooms()) {
      roomBus.publish(renamed.inRoom(room));
    }
    roomBus.publish(PresenceEvent.nick(oldNick, nodeId, member.nick()));
  }

  /** Writes the member's current rooms to its record, taking the record back if it was lost. */
  private Future<Void> store(Member member) {
    UserRecord next = record(member, member.nick());
    return directory.replace(member.record(), next)
        .compose(replaced -> replaced ? Future.succeededFuture() : directory.claim(next))
        .onSuccess(v -> member.record(next));
  }

  private Future<Void> seatEverywhere(Member member) {
    Seat seat = seat(member);
    return Future.all(member.rooms().stream().map(room -> roomDirectory.seat(room, seat)).toList()).mapEmpty();
  }

  private UserRecord record(Member member, String nick) {
    return new UserRecord(nick, nodeId, inbox, member.id(), member.rooms(), member.profile());
  }

  private Seat seat(Member member) {
    return new Seat(member.id(), member.nick(), nodeId, member.profile());
  }

  private static RoomEvent event(RoomEvent.Kind kind, String room, Member member, String text) {
    return new RoomEvent(kind, room, member.nick(), text, member.id()).withOrigin(member.profile().userAtHost());
  }

  private static ChatException invalidRoom(String name) {
    return new ChatException(ErrorCode.INVALID_ROOM, "'" + name + "' is not a room name: 1-"
        + Names.MAX_ROOM_LENGTH + " letters, digits, '_' or '-', optionally after one '#'");
  }

  private static ChatException invalidNick() {
    return new ChatException(ErrorCode.INVALID_NICK, "a nick is 1-" + Names.MAX_NICK_LENGTH
        + " letters, digits, '_' or '-'");
  }

  private static ChatException noSuchRoom(String room) {
    return new ChatException(ErrorCode.NO_SUCH_ROOM, "nobody is in " + room);
  }

  private static ChatException refusal(ErrorCode code, String room, String detail) {
    return new ChatException(code, switch (code) {
      case NOT_IN_ROOM -> "you are not in " + room;
      case NOT_OPERATOR -> "only operators of " + room + " may do that";
      case USER_NOT_IN_ROOM -> (detail.isEmpty() ? "that nick" : detail) + " is not in " + room;
      default -> code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    });
  }

  public static ChatException noSuchNick(String nick) {
    return new ChatException(ErrorCode.NO_SUCH_NICK, "nobody is called " + nick);
  }

  private static boolean isCode(Throwable err, ErrorCode code) {
    return err instanceof ChatException chat && chat.code() == code;
  }
}
