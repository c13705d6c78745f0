package clusterchat.core;

import java.io.Serializable;

/**
 * One change to a room's state, run where the state lives (the room's Hazelcast partition, or the
 * single node's map), atomically. Serializable, so it can travel to the partition owner.
 *
 * @param <R> what the caller learns
 */
public interface RoomUpdate<R extends Serializable> extends Serializable {

  /** Changes the room (a new, empty one when nobody is in it) and returns the outcome. */
  R apply(RoomState room);
}
