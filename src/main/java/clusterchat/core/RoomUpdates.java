package clusterchat.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/** The room updates the chat makes, and their outcomes. */
public final class RoomUpdates {

  private RoomUpdates() {
  }

  /**
   * The outcome of a join: refused (with the reason) or seated, whether as operator, the topic, and
   * the room's info when asked for it.
   */
  public record Entered(ErrorCode refused, boolean operator, RoomState.Topic topic, RoomState.Info info)
      implements Serializable {
  }

  /**
   * The outcome of a change: refused (with the reason), or what was applied ("" when nothing),
   * with the mode letters rooms do not have and the nicks named that are not in the room.
   */
  public record Changed(ErrorCode refused, String applied, String unknownModes, List<String> absentNicks)
      implements Serializable {

    static Changed refused(ErrorCode code, String detail) {
      return new Changed(code, detail, "", List.of());
    }

    static Changed applied(String what) {
      return new Changed(null, what, "", List.of());
    }
  }

  /**
   * Seats a connection. A key is checked only for a connection not seated yet (repairs and nick
   * changes seat again without one).
   */
  public record Enter(Seat seat, String key, boolean checkKey, boolean withInfo) implements RoomUpdate<Entered> {
    @Override
    public Entered apply(RoomState room) {
      if (checkKey && !room.hasSeat(seat.connectionId()) && !room.acceptsKey(key)) {
        return new Entered(ErrorCode.BAD_KEY, false, null, null);
      }
      boolean operator = room.seat(seat);
      // The member list is sorted for each copy: only a joiner that shows it pays for it.
      return new Entered(null, operator, room.topic(), withInfo ? room.info() : null);
    }
  }

  /** Moves a seat to the connection that resumed its session; false when it was gone. */
  public record HandOver(String fromConnectionId, Seat seat) implements RoomUpdate<Boolean> {
    @Override
    public Boolean apply(RoomState room) {
      return room.handOver(fromConnectionId, seat);
    }
  }

  public record Leave(String connectionId) implements RoomUpdate<Boolean> {
    @Override
    public Boolean apply(RoomState room) {
      return room.unseat(connectionId) != null;
    }
  }

  /** Sets the topic ("" clears it); with +t only a room or server operator may. */
  public record SetTopic(String connectionId, String nick, String text, boolean serverOperator, long nowSeconds)
      implements RoomUpdate<Changed> {
    @Override
    public Changed apply(RoomState room) {
      if (!room.hasSeat(connectionId)) {
        return Changed.refused(ErrorCode.NOT_IN_ROOM, "");
      }
      if (room.topicLocked() && !room.mayChange(connectionId, serverOperator)) {
        return Changed.refused(ErrorCode.NOT_OPERATOR, "");
      }
      room.topic(text.isEmpty() ? null : new RoomState.Topic(text, nick, nowSeconds));
      return Changed.applied(text);
    }
  }

  /**
   * Applies IRC-style mode changes ("+o-v", with their arguments in order): t, n and s take no
   * argument, k takes the key when set, o and v a nick in the room. b (bans) is listed but unused.
   */
  public record ChangeModes(String connectionId, boolean serverOperator, String changes, List<String> arguments)
      implements RoomUpdate<Changed> {
    @Override
    public Changed apply(RoomState room) {
      if (!room.mayChange(connectionId, serverOperator)) {
        return Changed.refused(room.hasSeat(connectionId) ? ErrorCode.NOT_OPERATOR : ErrorCode.NOT_IN_ROOM, "");
      }
      StringBuilder applied = new StringBuilder();
      List<String> appliedArgs = new ArrayList<>();
      StringBuilder unknown = new StringBuilder();
      List<String> absent = new ArrayList<>();
      int next = 0;
      boolean on = true;
      char lastSign = 0;
      for (char mode : changes.toCharArray()) {
        if (mode == '+' || mode == '-') {
          on = mode == '+';
          continue;
        }
        String argument = null;
        if (mode == 'o' || mode == 'v' || (mode == 'k' && on)) {
          if (next >= arguments.size()) {
            continue;
          }
          argument = arguments.get(next++);
        } else if (mode == 'k' && next < arguments.size()) {
          next++; // "-k key": the key given back is ignored
        }
        if (!applyOne(room, mode, on, argument)) {
          if (mode == 'o' || mode == 'v') {
            absent.add(argument);
          } else if (mode != 'b') {
            unknown.append(mode);
          }
          continue;
        }
        char sign = on ? '+' : '-';
        if (sign != lastSign) {
          applied.append(sign);
          lastSign = sign;
        }
        applied.append(mode);
        if (argument != null) {
          appliedArgs.add(mode == 'k' ? argument : room.seatOf(argument).nick());
        }
      }
      String args = String.join(" ", appliedArgs);
      return new Changed(null, args.isEmpty() ? applied.toString() : applied + " " + args, unknown.toString(),
          List.copyOf(absent));
    }

    private static boolean applyOne(RoomState room, char mode, boolean on, String argument) {
      switch (mode) {
        case 'k' -> room.key(on ? argument : "");
        case 'o', 'v' -> {
          Seat target = room.seatOf(argument);
          if (target == null) {
            return false;
          }
          if (mode == 'o') {
            room.operator(target.connectionId(), on);
          } else {
            room.voice(target.connectionId(), on);
          }
        }
        default -> {
          return room.applyFlag(mode, on);
        }
      }
      return true;
    }
  }

  /** Removes a member named by nick; only a room or server operator may. Applied is the nick removed. */
  public record KickOut(String connectionId, boolean serverOperator, String targetNick) implements RoomUpdate<Changed> {
    @Override
    public Changed apply(RoomState room) {
      if (!room.hasSeat(connectionId) && !serverOperator) {
        return Changed.refused(ErrorCode.NOT_IN_ROOM, "");
      }
      if (!room.mayChange(connectionId, serverOperator)) {
        return Changed.refused(ErrorCode.NOT_OPERATOR, "");
      }
      Seat target = room.seatOf(targetNick);
      if (target == null) {
        return Changed.refused(ErrorCode.USER_NOT_IN_ROOM, targetNick);
      }
      room.unseat(target.connectionId());
      return Changed.applied(target.nick());
    }
  }
}
