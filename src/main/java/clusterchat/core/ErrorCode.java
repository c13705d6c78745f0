package clusterchat.core;

/** Stable error codes sent in {@code ERR} lines; programs may match on them (docs/PROTOCOL.md). */
public enum ErrorCode {
  /** The line exceeded protocol.maxLineBytes; it was discarded up to its newline. */
  LINE_TOO_LONG,
  /** The line was not valid UTF-8; it was discarded. */
  INVALID_UTF8,
  /** The sender is over its line rate; the line was discarded. */
  RATE_LIMITED,
  /** A line started with '/' but named no known command. */
  UNKNOWN_COMMAND,
  /** A known command with missing or extra arguments; the message carries the usage. */
  BAD_ARGUMENTS,
  /** The nick breaks the naming rules. */
  INVALID_NICK,
  /** Someone else holds that nick (nicks are unique ignoring case). */
  NICK_IN_USE,
  /** The room name breaks the naming rules. */
  INVALID_ROOM,
  /** Nobody holds that nick. */
  NO_SUCH_NICK,
  /** The room has no members (rooms exist while someone is in them). */
  NO_SUCH_ROOM,
  /** /part named a room the user is not in. */
  NOT_IN_ROOM,
  /** The nick named is not in that room. */
  USER_NOT_IN_ROOM,
  /** The room has a key (mode +k) and the join gave another or none. */
  BAD_KEY,
  /** Only the room's operators (or a server operator) may do that. */
  NOT_OPERATOR,
  /** A chat line was typed while the user is in no room. */
  NO_ROOM,
  /** /join while already in limits.maxRoomsPerConnection rooms. */
  TOO_MANY_ROOMS,
  /** /join of a room new to this node while it hosts limits.maxRoomsPerNode rooms. */
  ROOMS_FULL,
  /** /resume with a token no session waits under (ended, resumed already, or never issued). */
  NO_SESSION,
  /** /resume of a session whose connection is still open, or whose node is not yet known to be gone. */
  SESSION_ACTIVE,
  /** Event-bus API only: the request is not a JSON object, names no known action, or lacks a field. */
  INVALID_REQUEST,
  /** The server could not complete the request (e.g. shared state unreachable); try again. */
  INTERNAL
}
