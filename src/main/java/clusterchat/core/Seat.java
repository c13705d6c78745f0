package clusterchat.core;

import java.io.Serializable;

/**
 * One connection's place in one room's member list: which connection, under which nick and
 * profile, served by which node. Serializable because the clustered room directory stores it in
 * Hazelcast.
 */
public record Seat(String connectionId, String nick, String nodeId, Profile profile) implements Serializable {

  public Seat(String connectionId, String nick, String nodeId) {
    this(connectionId, nick, nodeId, Profile.plain(nodeId));
  }
}
