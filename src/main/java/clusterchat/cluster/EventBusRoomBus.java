package clusterchat.cluster;

import clusterchat.core.ChatException;
import clusterchat.core.HistoryQuery;
import clusterchat.core.LogPosition;
import clusterchat.core.Member;
import clusterchat.core.PresenceEvent;
import clusterchat.core.RenderedLines;
import clusterchat.core.RoomBus;
import clusterchat.core.RoomEvent;
import clusterchat.core.RoomLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

/**
 * Room fan-out over the event bus for one verticle instance. Every event is first numbered in its
 * room's log, then published with its number. One append per room is under way at a time, and
 * events of the room that come meanwhile go in the next one, together: so one connection's events
 * are numbered in the order they happened even when Hazelcast retries an append. The instance holds one consumer per room that has
 * local members and delivers the room's events in number order (RoomSequencer); each event is
 * rendered to a wire line once per protocol and that same buffer is written to every local member
 * that speaks it. Runs on the instance's event loop.
 */
public final class EventBusRoomBus implements RoomBus {

  private static final Logger LOG = Logger.getLogger(EventBusRoomBus.class.getName());

  /**
   * How long a new room subscription is given to reach the other nodes. A registration completes
   * once stored in Hazelcast, but other nodes refresh their view of an address from an entry event
   * (throttled to 20 ms); lines they publish before that reach this node only through the log.
   */
  private static final long CLUSTER_SETTLE_MILLIS = 150;
  /** Events of one room logged in one append at most, so one entry-processor call stays small. */
  private static final int MAX_BATCH = 256;

  private final Vertx vertx;
  private final Context context;
  private final EventBus eventBus;
  private final RoomQuota quota;
  private final RoomLog log;
  private final LongConsumer skippedEvents;
  private final Map<String, LocalRoom> rooms = new HashMap<>();
  /** Events waiting for the append under way in their room; a room is here while one is. */
  private final Map<String, Waiting> waitingToLog = new HashMap<>();
  /** Callers of idle() waiting for every room's appends to finish. */
  private final List<Promise<Void>> idle = new ArrayList<>();

  /** A room's events waiting for the append under way, and the promise of their publication. */
  private static final class Waiting {
    final List<RoomEvent> events = new ArrayList<>();
    final Promise<Void> published = Promise.promise();
  }

  /** skippedEvents hears how many events a gap lost (in transit, and no longer in the log). */
  public EventBusRoomBus(Vertx vertx, RoomQuota quota, RoomLog log, LongConsumer skippedEvents) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.eventBus = vertx.eventBus();
    this.quota = quota;
    this.log = log;
    this.skippedEvents = skippedEvents;
  }

  /** A room bus that only publishes (the API, cluster repairs); subscribing fails. */
  public static EventBusRoomBus publisher(Vertx vertx, RoomLog log) {
    return new EventBusRoomBus(vertx, RoomQuota.none(), log, skipped -> { });
  }

  @Override
  public Future<Long> subscribe(String room, Member member) {
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
    RoomSequencer sequencer = local.sequencer;
    // The member gets every event delivered from now on: the next one when the room runs here,
    // else the first one once it starts, which can be before its cluster settle delay is over.
    long first = sequencer.started() ? sequencer.next() : -2;
    return local.ready.map(v -> first != -2 ? first : sequencer.startedAt());
  }

  @Override
  public void unsubscribe(String room, Member member) {
    LocalRoom local = rooms.get(room);
    if (local != null && local.remove(member)) {
      rooms.remove(room);
      local.consumer.unregister();
      local.sequencer.close();
      quota.close(room);
    }
  }

  @Override
  public Future<Void> publish(RoomEvent event) {
    Waiting waiting = waitingToLog.get(event.room());
    if (waiting != null) {
      waiting.events.add(event);
      return waiting.published.future();
    }
    waitingToLog.put(event.room(), new Waiting());
    Promise<Void> published = Promise.promise();
    append(event.room(), List.of(event), published);
    return published.future();
  }

  /** Logs the events, publishes them numbered, then logs what came meanwhile. */
  private void append(String room, List<RoomEvent> events, Promise<Void> published) {
    log.append(room, events).onComplete(logged -> {
      if (logged.failed()) {
        LOG.warning("could not log " + events.size() + " events of room " + room + ", sending them without numbers: "
            + logged.cause());
      }
      publishLogged(room, logged.succeeded() ? logged.result() : events);
      // This instance's consumer gets the batch in a task of its own: complete behind it.
      context.runOnContext(v -> published.tryComplete());
      Waiting next = waitingToLog.remove(room);
      if (!next.events.isEmpty()) {
        List<RoomEvent> batch = List.copyOf(next.events.subList(0, Math.min(MAX_BATCH, next.events.size())));
        next.events.subList(0, batch.size()).clear();
        // Past MAX_BATCH the rest waits on, and its promise is kept until its last part is published.
        boolean last = next.events.isEmpty();
        waitingToLog.put(room, last ? new Waiting() : next);
        append(room, batch, last ? next.published : Promise.promise());
      } else if (waitingToLog.isEmpty() && !idle.isEmpty()) {
        idle.forEach(Promise::complete);
        idle.clear();
      }
    });
  }

  /**
   * Publishes a logged batch: all of it in one message to the chat's own instances, and each event
   * to the room's public address for integrations. A publish that throws (seen from Vert.x 5.1.5's
   * event bus right after a split healed: "Promise already completed" in OutboundConnection) must not
   * stop the room's queue; members elsewhere read the events from the log.
   */
  private void publishLogged(String room, List<RoomEvent> events) {
    JsonArray batch = new JsonArray(new ArrayList<>(events.size()));
    try {
      for (RoomEvent event : events) {
        JsonObject json = event.toJson();
        batch.add(json);
        eventBus.publish(Addresses.room(room), json);
      }
      eventBus.publish(Addresses.roomBatch(room), new JsonObject().put("events", batch));
    } catch (RuntimeException e) {
      LOG.warning("could not publish " + events.size() + " events of room " + room + ": " + e);
    }
  }

  /** Completes once every room event published here so far is logged and published. */
  public Future<Void> idle() {
    if (waitingToLog.isEmpty()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    idle.add(done);
    return done.future();
  }

  @Override
  public void publish(PresenceEvent event) {
    eventBus.publish(Addresses.PRESENCE, event.toJson());
  }

  @Override
  public LogPosition position(String room) {
    LocalRoom local = rooms.get(room);
    return local == null ? null : local.sequencer.delivered();
  }

  /** Rooms with members on this instance. */
  public int localRoomCount() {
    return rooms.size();
  }

  private LocalRoom openRoom(String room) {
    LocalRoom local = new LocalRoom();
    local.sequencer = new RoomSequencer(vertx, log, room, local::deliver, skippedEvents::accept);
    local.consumer = eventBus.consumer(Addresses.roomBatch(room), message -> {
      for (Object event : message.body().getJsonArray("events")) {
        local.sequencer.offer(RoomEvent.fromJson((JsonObject) event));
      }
    });
    // Events numbered before the log is read here happened before this subscription; those numbered
    // after it that other nodes publish before they see the subscription are read from the log.
    Future<Void> started = local.consumer.completion().compose(v -> log.read(room, HistoryQuery.latest(0, false))
        .transform(read -> {
          if (read.succeeded()) {
            local.sequencer.start(read.result().epoch(), read.result().nextSeq());
          } else {
            LOG.warning("could not read the log of room " + room + "; delivering its events as they come: " + read.cause());
            local.sequencer.start(null, -1);
          }
          return Future.<Void>succeededFuture();
        }));
    local.ready = vertx.isClustered() ? started.compose(v -> vertx.timer(CLUSTER_SETTLE_MILLIS)).mapEmpty() : started;
    return local;
  }

  private static final class LocalRoom {
    private static final Member[] NONE = new Member[0];

    private MessageConsumer<JsonObject> consumer;
    private RoomSequencer sequencer;
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

    void deliver(RoomEvent event) {
      RenderedLines lines = new RenderedLines(event);
      for (Member member : members) {
        member.deliver(event, lines);
      }
    }
  }
}
