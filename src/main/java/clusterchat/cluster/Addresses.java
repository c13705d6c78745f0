package clusterchat.cluster;

/** Every event-bus address and shared-map name the chat uses, in one place. */
public final class Addresses {

  /** Public: each room's events are published to PREFIX + room. */
  public static final String ROOM_PREFIX = "clusterchat.room.";
  /**
   * Internal: each room's numbered events, a logged batch per message, go to PREFIX + room for the
   * chat's own server instances (one message per batch, not per event, between nodes).
   */
  public static final String ROOM_BATCH_PREFIX = "clusterchat.internal.room.";
  /** Prefix of verticle-instance inboxes, which take private messages for their connections. */
  public static final String INBOX_PREFIX = "clusterchat.inbox.";
  /** Public: every presence change in the cluster is published here. */
  public static final String PRESENCE = "clusterchat.presence";
  /** Public: request-reply actions for integrations (post, msg, rooms, who, user, kick). */
  public static final String API = "clusterchat.api";
  /** Public, TCP bridge only: a bridge client logs in by sending its token here; never on the event bus. */
  public static final String BRIDGE_LOGIN = "clusterchat.bridge.login";
  /** The shared map of connected users, keyed by lower-cased nick. */
  public static final String USERS_MAP = "clusterchat.users";
  /** The Hazelcast map of room member lists (clustered nodes only), keyed by room. */
  public static final String ROOMS_MAP = "clusterchat.rooms";
  /** The cluster's current live settings and their version (config reload). */
  public static final String CONFIG_MAP = "clusterchat.config";
  /** Each node's acknowledgement of the live settings it applied, by member id. */
  public static final String CONFIG_NODES_MAP = "clusterchat.config.nodes";
  /** Prefix of each node's address for pushed live settings; the member id follows. */
  public static final String CONFIG_APPLY_PREFIX = "clusterchat.config.apply.";
  /** The Hazelcast map of room logs (clustered nodes only), keyed by room. */
  public static final String HISTORY_MAP = "clusterchat.history";
  /** The shared map of plain-protocol sessions (open, or waiting for /resume), keyed by their secret token. */
  public static final String SESSIONS_MAP = "clusterchat.sessions";
  /** The shared map of where each chat node takes plain clients (host:port), keyed by node id. */
  public static final String ENDPOINTS_MAP = "clusterchat.endpoints";

  private Addresses() {
  }

  public static String room(String room) {
    return ROOM_PREFIX + room;
  }

  public static String roomBatch(String room) {
    return ROOM_BATCH_PREFIX + room;
  }

  public static String inbox(String instanceId) {
    return INBOX_PREFIX + instanceId;
  }

  public static String configApply(String memberId) {
    return CONFIG_APPLY_PREFIX + memberId;
  }
}
