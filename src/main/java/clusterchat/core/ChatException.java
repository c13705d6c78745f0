package clusterchat.core;

/** A rule the user broke or a request the chat could not serve; becomes one {@code ERR} line. */
public final class ChatException extends RuntimeException {

  private final ErrorCode code;

  public ChatException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
