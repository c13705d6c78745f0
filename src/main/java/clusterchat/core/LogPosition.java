package clusterchat.core;

/** Where a reader of a room stands: the number of the last event it got, in the log's epoch. */
public record LogPosition(String epoch, long seq) {
}
