package clusterchat.core;

import io.vertx.core.Future;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Every room's state (seats, operators, topic, modes: {@link RoomState}), kept up to date as users
 * join, leave and rename, so that listing a room costs O(members of that room) and listing rooms
 * O(rooms), never O(users). Shared by every instance of a node and, when clustered, by every node.
 * Seats are keyed by connection id, so seating a connection again (after a nick change, or to
 * repair after a split) replaces its seat.
 */
public interface RoomDirectory {

  /** Runs the update on the room atomically; a room left with nobody in it is forgotten. */
  <R extends Serializable> Future<R> update(String room, RoomUpdate<R> update);

  /** A copy of the room's state; {@link RoomState.Info#EMPTY} when nobody is there. */
  Future<RoomState.Info> info(String room);

  /** Puts the seat in the room, replacing the connection's earlier seat there; no key is checked. */
  default Future<Void> seat(String room, Seat seat) {
    return update(room, new RoomUpdates.Enter(seat, "", false, false)).mapEmpty();
  }

  /** Takes the connection out of the room. */
  default Future<Void> unseat(String room, String connectionId) {
    return update(room, new RoomUpdates.Leave(connectionId)).mapEmpty();
  }

  /** The nicks in a room, sorted ignoring case; empty when nobody is there. */
  default Future<List<String>> nicks(String room) {
    return info(room).map(RoomState.Info::nicks);
  }

  /** How many rooms have members (cluster-wide when clustered). */
  Future<Integer> roomCount();

  /**
   * Rooms with members whose names sort after {@code after} ("" for the first page), at most limit;
   * secret rooms (mode +s) are not listed.
   */
  Future<RoomPage> rooms(String after, int limit);

  /**
   * Removes seats of connections that no longer exist: those of the nodes in {@code deadNodes}, and
   * those of node {@code nodeId} whose connection is not in {@code liveConnections}; never those of
   * the connections in {@code held} (sessions waiting for /resume). Returns the seats removed, by
   * room: of several nodes pruning at once, each seat is returned to one only.
   */
  Future<Map<String, List<Seat>>> prune(Set<String> deadNodes, String nodeId, Set<String> liveConnections,
      Set<String> held);

  /** One page of the room list: room name to member count, by name, and whether more rooms follow. */
  record RoomPage(SortedMap<String, Integer> rooms, boolean more) {
  }
}
