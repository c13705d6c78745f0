package clusterchat.client;

/**
 * The answers to /seq. The client turns numbering on itself on every connection, and the user did
 * not ask for that {@code OK seq on}, so it is not shown; the user's own {@code /seq on} makes the
 * SEQ prefixes show, {@code /seq off} hides them again. Should the user's {@code /seq on} be
 * answered before the client's own, the two answers read the same: hiding the first and taking the
 * second as the user's shows the same lines. Used by the client's network thread only.
 */
final class SeqReplies {

  static final String ASK = "/seq on";
  private static final String ON = "OK seq on";
  private static final String OFF = "OK seq off";

  private boolean ownPending;
  private boolean showPrefixes;

  /** The client sent {@link #ASK} on a new connection. */
  void asked() {
    ownPending = true;
  }

  /** Takes in a server line; true when it answers the client's own /seq on, so it is not shown. */
  boolean hides(String line) {
    if (line.equals(ON) && ownPending) {
      ownPending = false;
      return true;
    }
    if (line.equals(ON) || line.equals(OFF)) {
      showPrefixes = line.equals(ON);
    }
    return false;
  }

  boolean showPrefixes() {
    return showPrefixes;
  }
}
