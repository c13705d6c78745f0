package clusterchat.cluster;

import clusterchat.core.ChatService;
import clusterchat.core.Mailer;
import clusterchat.core.Member;
import clusterchat.core.Names;
import clusterchat.core.PrivateMessage;
import clusterchat.core.UserRecord;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Private messages and kicks over the event bus. Each verticle instance consumes its own inbox
 * address (found through the user directory) and hands requests to the local member holding the
 * nick. Requests are answered, so the sender learns whether they arrived. Runs on the instance's
 * event loop. The inbox is internal; integrations use the public API address instead.
 */
public final class EventBusMailer implements Mailer {

  /** Failure code of an inbox reply when the nick is not (or no longer) on that instance. */
  static final int NOT_HERE = 404;
  /**
   * An inbox answers within milliseconds; a node that cannot be reached (crashed, or refusing our
   * event-bus certificate) would otherwise hold the sender's connection for Vert.x's default 30 s.
   */
  private static final DeliveryOptions REPLY_WITHIN = new DeliveryOptions().setSendTimeout(5_000);

  private final EventBus eventBus;
  private final Map<String, Member> membersByNick = new HashMap<>();
  private MessageConsumer<JsonObject> inbox;

  public EventBusMailer(EventBus eventBus) {
    this.eventBus = eventBus;
  }

  /** Starts consuming the instance's inbox; completes once it can receive. */
  public Future<Void> open(String inboxAddress) {
    inbox = eventBus.consumer(inboxAddress, this::receive);
    return inbox.completion();
  }

  public Future<Void> close() {
    return inbox == null ? Future.succeededFuture() : inbox.unregister();
  }

  @Override
  public void nickChanged(Member member, String oldNick, String newNick) {
    if (oldNick != null) {
      membersByNick.remove(Names.nickKey(oldNick), member);
    }
    if (newNick != null) {
      membersByNick.put(Names.nickKey(newNick), member);
    }
  }

  @Override
  public Future<Void> deliver(UserRecord recipient, PrivateMessage message) {
    return request(recipient, message.toJson().put("type", "priv"));
  }

  @Override
  public Future<Void> kick(UserRecord user, String reason) {
    return request(user, new JsonObject().put("type", "kick").put("reason", reason));
  }

  private Future<Void> request(UserRecord user, JsonObject request) {
    request.put("to", user.nick());
    return eventBus.<JsonObject>request(user.inbox(), request, REPLY_WITHIN).<Void>mapEmpty().recover(err ->
        err instanceof ReplyException reply && reply.failureCode() == NOT_HERE
            ? Future.failedFuture(ChatService.noSuchNick(user.nick()))
            : Future.failedFuture(err));
  }

  private void receive(Message<JsonObject> message) {
    JsonObject body = message.body();
    String to = body.getString("to");
    Member member = to == null ? null : membersByNick.get(Names.nickKey(to));
    if (member == null) {
      message.fail(NOT_HERE, "no such nick here");
      return;
    }
    if ("kick".equals(body.getString("type"))) {
      member.kick(body.getString("reason"));
    } else {
      member.deliver(PrivateMessage.fromJson(body));
    }
    message.reply(new JsonObject().put("ok", true));
  }
}
