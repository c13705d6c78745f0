package clusterchat.core;

import io.vertx.core.Future;

/**
 * Fan-out of chat events: room events to every member of a room, wherever it is connected
 * (implementations keep one subscription per room per verticle instance, not one per member), and
 * presence events to the cluster-wide presence stream.
 */
public interface RoomBus {

  /**
   * Starts delivering the room's events to the member; completes once delivery is live, with the
   * sequence number of the first event the member gets live (-1 when the room log is unreachable):
   * earlier ones are history.
   */
  Future<Long> subscribe(String room, Member member);

  /** Stops delivering the room's events to the member. */
  void unsubscribe(String room, Member member);

  /**
   * Publishes a room event; completes once it is numbered and published, when this instance's own
   * members have it (so a command's echo comes before the replies to the next command).
   */
  Future<Void> publish(RoomEvent event);

  /** The last event of the room delivered here (to every local member alike), or null when not known. */
  LogPosition position(String room);

  /** Publishes to the cluster-wide presence stream. */
  void publish(PresenceEvent event);
}
