package clusterchat.admin;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.ContextInternal;
import java.util.function.Supplier;

/** Asks other event loops and Hazelcast for answers without trusting them to answer. */
final class Bounded {

  /** How long an admin endpoint waits for an answer from another event loop or from Hazelcast. */
  static final long ANSWER_MILLIS = 2000;

  private Bounded() {
  }

  /**
   * Runs an asynchronous call and waits at most {@link #ANSWER_MILLIS} for its answer. A call that throws at once
   * (Hazelcast shut down) fails instead. The result completes on the caller's context, and the
   * timer runs there too, so a stuck event loop elsewhere can delay neither. Call it on a context.
   */
  static <T> Future<T> call(Supplier<Future<T>> call) {
    Future<T> answer;
    try {
      answer = call.get();
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    return within(answer);
  }

  /** Waits at most {@link #ANSWER_MILLIS} for an answer, as {@link #call}. */
  static <T> Future<T> within(Future<T> answer) {
    ContextInternal context = ContextInternal.current();
    Promise<T> result = context.promise();
    long timer = context.owner().setTimer(ANSWER_MILLIS, id -> result.tryFail("no answer within " + ANSWER_MILLIS + " ms"));
    answer.onComplete(done -> {
      context.owner().cancelTimer(timer);
      if (done.succeeded()) {
        result.tryComplete(done.result());
      } else {
        result.tryFail(done.cause());
      }
    });
    return result.future();
  }
}
