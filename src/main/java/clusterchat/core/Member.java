package clusterchat.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One connected user as its own verticle instance sees it: nick, rooms, current room, and where
 * its output goes. Touched only on that instance's event loop.
 */
public final class Member {

  /** The member's connection, in whatever protocol it speaks (with the connection's own output limits). */
  public interface Endpoint {
    /** A room event; lines holds its wire forms, each rendered once for all members that share it. */
    void deliver(RoomEvent event, RenderedLines lines);

    void deliver(PrivateMessage message);

    /** Disconnects the member; its rooms see it quit with "kicked: " and the reason. */
    void kick(String reason);
  }

  private final String id;
  private final Endpoint endpoint;
  private final Set<String> rooms = new LinkedHashSet<>();
  private String nick;
  private String currentRoom;
  private UserRecord record;
  private Profile profile;
  private String sessionToken;

  public Member(String id, Endpoint endpoint, Profile profile) {
    this.id = id;
    this.endpoint = endpoint;
    this.profile = profile;
  }

  /** Unique across the cluster for the life of the connection. */
  public String id() {
    return id;
  }

  public String nick() {
    return nick;
  }

  void nick(String newNick) {
    this.nick = newNick;
  }

  /** What others see of this member besides its nick. */
  public Profile profile() {
    return profile;
  }

  void profile(Profile changed) {
    this.profile = changed;
  }

  /** The secret token its session is kept under (plain protocol with session.resumeSeconds), or null. */
  public String sessionToken() {
    return sessionToken;
  }

  public void sessionToken(String token) {
    this.sessionToken = token;
  }

  /** The directory record this member last stored, or null before it has a nick. */
  UserRecord record() {
    return record;
  }

  void record(UserRecord stored) {
    this.record = stored;
  }

  public List<String> rooms() {
    return new ArrayList<>(rooms);
  }

  public int roomCount() {
    return rooms.size();
  }

  public boolean isIn(String room) {
    return rooms.contains(room);
  }

  /** The room plain chat lines go to, or null when in no room. */
  public String currentRoom() {
    return currentRoom;
  }

  void enter(String room) {
    rooms.add(room);
    currentRoom = room;
  }

  void makeCurrent(String room) {
    currentRoom = room;
  }

  void leave(String room) {
    rooms.remove(room);
    if (room.equals(currentRoom)) {
      // Fall back to the most recently joined room still held.
      currentRoom = rooms.stream().reduce((first, second) -> second).orElse(null);
    }
  }

  public void deliver(RoomEvent event, RenderedLines lines) {
    endpoint.deliver(event, lines);
  }

  public void deliver(PrivateMessage message) {
    endpoint.deliver(message);
  }

  public void kick(String reason) {
    endpoint.kick(reason);
  }
}
