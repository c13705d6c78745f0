package clusterchat.core;

import io.vertx.core.Future;
import java.util.List;

/**
 * Every room's recent events, numbered: the log gives each event its room's next sequence number,
 * the same for every node, within an epoch that changes when the numbering had to start again (the
 * log was lost, or two sides of a network split each went on counting). It keeps at most
 * history.maxPerRoom events per room, none older than history.maxAgeSeconds.
 */
public interface RoomLog {

  /**
   * Logs events of one room, in the order given; returns them with their epoch and sequence
   * numbers. An event logged before (same message id, e.g. an append retried) is not logged again.
   */
  Future<List<RoomEvent>> append(String room, List<RoomEvent> events);

  Future<History> read(String room, HistoryQuery query);

  /** A new history.maxPerRoom (a config reload): each room's log is cut to it at its next append. */
  void maxEvents(int maxEvents);
}
