package clusterchat.core;

import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Everything the cluster keeps about one room: its seats, its operators and voiced members (by
 * connection id), its topic and its modes. Both room directories change it only through
 * {@link RoomUpdate}s, which the clustered one runs on the room's partition, so two nodes never
 * race a read-modify-write. A room exists while someone sits in it; the first to join an empty
 * room becomes its operator, and a new room starts with modes +nt. Concurrent collections, because
 * queries may read it while an update changes it.
 */
public final class RoomState implements Serializable {

  @Serial
  private static final long serialVersionUID = 1L;

  private final Map<String, Seat> seats = new ConcurrentHashMap<>();
  private final Set<String> operators = ConcurrentHashMap.newKeySet();
  private final Set<String> voiced = ConcurrentHashMap.newKeySet();
  private volatile Topic topic;
  private volatile String key = "";
  private volatile boolean topicLocked = true;
  private volatile boolean noOutsideMessages = true;
  private volatile boolean secret;

  /** A room's topic, who set it and when (epoch seconds). */
  public record Topic(String text, String setBy, long setAt) implements Serializable {
  }

  /** One member as a room lists it. */
  public record Occupant(Seat seat, boolean operator, boolean voiced) implements Serializable {
  }

  /** A copy of the room's state for one reader; members sorted by nick, ignoring case. */
  public record Info(List<Occupant> occupants, Topic topic, String modes, String key, boolean secret,
      boolean noOutsideMessages) implements Serializable {

    public static final Info EMPTY = new Info(List.of(), null, "", "", false, false);

    public boolean isEmpty() {
      return occupants.isEmpty();
    }

    public Occupant occupant(String connectionId) {
      return occupants.stream().filter(o -> o.seat().connectionId().equals(connectionId)).findFirst().orElse(null);
    }

    public List<String> nicks() {
      return occupants.stream().map(o -> o.seat().nick()).toList();
    }
  }

  public boolean isEmpty() {
    return seats.isEmpty();
  }

  /** The seats by connection id, live: pruning removes from it. */
  public Map<String, Seat> seats() {
    return seats;
  }

  public int size() {
    return seats.size();
  }

  public boolean isSecret() {
    return secret;
  }

  /** Puts the seat in, replacing the connection's earlier one; returns whether it is an operator. */
  boolean seat(Seat seat) {
    if (seats.isEmpty()) {
      operators.add(seat.connectionId());
    }
    seats.put(seat.connectionId(), seat);
    return operators.contains(seat.connectionId());
  }

  boolean hasSeat(String connectionId) {
    return seats.containsKey(connectionId);
  }

  boolean acceptsKey(String given) {
    return key.isEmpty() || key.equals(given);
  }

  boolean mayChange(String connectionId, boolean serverOperator) {
    return serverOperator || operators.contains(connectionId);
  }

  boolean topicLocked() {
    return topicLocked;
  }

  boolean noOutsideMessages() {
    return noOutsideMessages;
  }

  Seat seatOf(String nick) {
    String wanted = Names.nickKey(nick);
    return seats.values().stream().filter(s -> Names.nickKey(s.nick()).equals(wanted)).findFirst().orElse(null);
  }

  /**
   * Gives a connection's seat, with its operator and voice flags, to another connection of the same
   * user (a resumed session); false when the first one has no seat here.
   */
  boolean handOver(String fromConnectionId, Seat seat) {
    if (seats.remove(fromConnectionId) == null) {
      return false;
    }
    seats.put(seat.connectionId(), seat);
    if (operators.remove(fromConnectionId)) {
      operators.add(seat.connectionId());
    }
    if (voiced.remove(fromConnectionId)) {
      voiced.add(seat.connectionId());
    }
    return true;
  }

  /** Removes the connection's seat; returns it, or null when it had none. */
  public Seat unseat(String connectionId) {
    operators.remove(connectionId);
    voiced.remove(connectionId);
    return seats.remove(connectionId);
  }

  void topic(Topic newTopic) {
    topic = newTopic;
  }

  /** Applies one mode letter; returns false for a letter rooms do not have. */
  boolean applyFlag(char mode, boolean on) {
    switch (mode) {
      case 't' -> topicLocked = on;
      case 'n' -> noOutsideMessages = on;
      case 's' -> secret = on;
      default -> {
        return false;
      }
    }
    return true;
  }

  void key(String newKey) {
    key = newKey;
  }

  void operator(String connectionId, boolean on) {
    if (on) {
      operators.add(connectionId);
    } else {
      operators.remove(connectionId);
    }
  }

  void voice(String connectionId, boolean on) {
    if (on) {
      voiced.add(connectionId);
    } else {
      voiced.remove(connectionId);
    }
  }

  /** The modes as IRC's RPL_CHANNELMODEIS writes them, without arguments: "+nt", "+kst". */
  String modes() {
    StringBuilder modes = new StringBuilder("+");
    if (!key.isEmpty()) {
      modes.append('k');
    }
    if (noOutsideMessages) {
      modes.append('n');
    }
    if (secret) {
      modes.append('s');
    }
    if (topicLocked) {
      modes.append('t');
    }
    return modes.toString();
  }

  public Topic topic() {
    return topic;
  }

  public Info info() {
    List<Occupant> occupants = new ArrayList<>();
    for (Seat seat : seats.values()) {
      occupants.add(new Occupant(seat, operators.contains(seat.connectionId()), voiced.contains(seat.connectionId())));
    }
    occupants.sort((a, b) -> String.CASE_INSENSITIVE_ORDER.compare(a.seat().nick(), b.seat().nick()));
    return new Info(List.copyOf(occupants), topic, modes(), key, secret, noOutsideMessages);
  }
}
