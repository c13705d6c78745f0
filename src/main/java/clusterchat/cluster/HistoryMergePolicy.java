package clusterchat.cluster;

import clusterchat.core.MessageIds;
import clusterchat.core.RoomHistory;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import com.hazelcast.spi.merge.MergingValue;

/**
 * How a room's log is merged when a network split heals: when each side went on numbering the same
 * log, both sides' events are kept, numbered afresh in a new epoch (RoomHistory#merge); readers see
 * the epoch change instead of numbers that meant different events on the two sides.
 */
public final class HistoryMergePolicy implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object> {

  @Override
  public Object merge(MergingValue<Object> merging, MergingValue<Object> existing) {
    if (existing == null) {
      return merging.getDeserializedValue();
    }
    RoomHistory theirs = (RoomHistory) merging.getDeserializedValue();
    RoomHistory ours = (RoomHistory) existing.getDeserializedValue();
    return ours.sameAs(theirs) ? ours : RoomHistory.merge(ours, theirs, MessageIds.next());
  }

  @Override
  public void writeData(ObjectDataOutput out) {
    // No state.
  }

  @Override
  public void readData(ObjectDataInput in) {
    // No state.
  }
}
