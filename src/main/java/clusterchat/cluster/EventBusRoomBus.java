package clusterchat.cluster;

import clusterchat.core.ChatException;
import clusterchat.core.Member;
import clusterchat.core.PresenceEvent;
import clusterchat.core.RenderedLines;
import clusterchat.core.RoomBus;
import clusterchat.core.RoomEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Room fan-out over the event bus for one verticle instance. The instance holds one consumer per
 * room that has local members; each event is rendered to a wire line once per protocol and that
 * same buffer is written to every local member that speaks it. Runs on the instance's event loop.
 */
public final class EventBusRoomBus implements RoomBus {

  /**
   * How long a new room subscription is given to reach the other nodes. A registration completes
   * once stored in Hazelcast, but other nodes refresh their view of an address from an entry event
   * (throttled to 20 ms); lines they publish before that miss this node.
   */
  private static final long CLUSTER_SETTLE_MILLIS = 150;

  private final Vertx vertx;
  private final EventBus eventBus;
  private final RoomQuota quota;
  private final Map<String, LocalRoom> rooms = new HashMap<>();

  public EventBusRoomBus(Vertx vertx, RoomQuota quota) {
    this.vertx = vertx;
    this.eventBus = vertx.eventBus();
    this.quota = quota;
  }

  /** A room bus that only publishes (the API, cluster repairs); subscribing fails. */
  public static EventBusRoomBus publisher(Vertx vertx) {
    return new EventBusRoomBus(vertx, RoomQuota.none());
  }

  @Override
  public Future<Void> subscribe(String room, Member member) {
    LocalRoom local = rooms.get(room);
    if (local == null) {
      try {
        quota.open(room);
      } catch (ChatException full) {
        return Future.failedFuture(full);
      }
      local = openRoom(room);
      rooms.put(room, local);
    }
    local.add(member);
    return local.ready;
  }

  @Override
  public void unsubscribe(String room, Member member) {
    LocalRoom local = rooms.get(room);
    if (local != null && local.remove(member)) {
      rooms.remove(room);
      local.consumer.unregister();
      quota.close(room);
    }
  }

  @Override
  public void publish(RoomEvent event) {
    eventBus.publish(Addresses.room(event.room()), event.toJson());
  }

  @Override
  public void publish(PresenceEvent event) {
    eventBus.publish(Addresses.PRESENCE, event.toJson());
  }

  /** Rooms with members on this instance. */
  public int localRoomCount() {
    return rooms.size();
  }

  private LocalRoom openRoom(String room) {
    LocalRoom local = new LocalRoom();
    local.consumer = eventBus.consumer(Addresses.room(room), message -> local.deliver(message.body()));
    local.ready = vertx.isClustered()
        ? local.consumer.completion().compose(v -> vertx.timer(CLUSTER_SETTLE_MILLIS)).mapEmpty()
        : local.consumer.completion();
    return local;
  }

  private static final class LocalRoom {
    private static final Member[] NONE = new Member[0];

    private MessageConsumer<JsonObject> consumer;
    private Future<Void> ready;
    // Copied on change, so delivery can iterate while a write closes a member's connection.
    private Member[] members = NONE;

    void add(Member member) {
      members = Arrays.copyOf(members, members.length + 1);
      members[members.length - 1] = member;
    }

    /** Returns true when the room has no local members left. */
    boolean remove(Member member) {
      members = Arrays.stream(members).filter(m -> m != member).toArray(Member[]::new);
      return members.length == 0;
    }

    void deliver(JsonObject body) {
      RoomEvent event = RoomEvent.fromJson(body);
      RenderedLines lines = new RenderedLines(event);
      for (Member member : members) {
        member.deliver(event, lines);
      }
    }
  }
}
