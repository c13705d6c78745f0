package clusterchat.bridge;

/** Why the bridge refused a frame: the {@code error} field of its err frame (docs/EVENTBUS.md). */
public enum BridgeError {
  /** The connection has not logged in; only the login frame is accepted until it has. */
  LOGIN_REQUIRED,
  /** The login named no known token; the connection is closed. */
  BAD_TOKEN,
  /** Not allowed for a bot: publishing, an address outside the permitted ones, an API action other than post, msg, rooms, who and user. */
  FORBIDDEN
}
