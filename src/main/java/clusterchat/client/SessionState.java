package clusterchat.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The user's nick, rooms and current room as the server's lines tell them (HELLO, OK nick, OK join,
 * OK part, OK resume, a KICK of the user, NOTICE RENAMED), for the prompt and for /resume. It follows
 * the server's rule for leaving the current room: the most recently joined room still held becomes
 * current. Read by the input thread, updated by the network thread.
 */
public final class SessionState {

  private final Set<String> rooms = new LinkedHashSet<>();
  private String nick;
  private String room;

  /** Takes in one server line (already cleaned); true when the nick or current room changed. */
  public synchronized boolean observe(String line) {
    String before = prompt();
    String[] f = line.split(" ");
    if (f.length >= 4 && f[0].equals("HELLO")) {
      nick = f[2];
      rooms.clear();
      room = f[3].equals("-") ? null : f[3];
      if (room != null) {
        rooms.add(room);
      }
    } else if (f.length >= 3 && f[0].equals("OK") && f[1].equals("resume")) {
      resumed(f);
    } else if (f.length == 3 && f[0].equals("OK")) {
      ok(f[1], f[2]);
    } else if (f.length >= 4 && f[0].equals("KICK") && f[3].equalsIgnoreCase(nick)) {
      leave(f[1]);
    } else if (f.length >= 3 && f[0].equals("NOTICE") && f[1].equals("RENAMED")) {
      nick = f[f.length - 1]; // the notice names the new guest nick last
    }
    return !prompt().equals(before);
  }

  private void ok(String command, String detail) {
    switch (command) {
      case "nick" -> nick = detail;
      case "join" -> {
        rooms.add(detail);
        room = detail;
      }
      case "part" -> leave(detail);
      default -> {
      }
    }
  }

  /** {@code OK resume NICK ROOM...}: the session's nick and rooms; the last room given back is current. */
  private void resumed(String[] f) {
    nick = f[2];
    rooms.clear();
    room = null;
    for (int i = 3; i < f.length; i++) {
      rooms.add(f[i]);
      room = f[i];
    }
  }

  private void leave(String left) {
    rooms.remove(left);
    if (left.equals(room)) {
      List<String> held = new ArrayList<>(rooms);
      room = held.isEmpty() ? null : held.get(held.size() - 1);
    }
  }

  public synchronized String nick() {
    return nick;
  }

  /** The rooms held, in the order they were joined. */
  public synchronized List<String> rooms() {
    return List.copyOf(rooms);
  }

  /** The current room, or null when in none. */
  public synchronized String room() {
    return room;
  }

  /** {@code alice@lobby> }, {@code alice> } when in no room, {@code > } before the greeting. */
  public synchronized String prompt() {
    if (nick == null) {
      return "> ";
    }
    return room == null ? nick + "> " : nick + "@" + room + "> ";
  }
}
