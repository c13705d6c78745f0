package clusterchat.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completes the /command at the start of the line (on an empty line it lists them all). The
 * commands are the server's own: the client sends /help when it connects, and the answer feeds
 * this list instead of the screen, so the list is right for whichever server version answers.
 */
final class CommandCompleter implements Completer {

  /** What the client sends first, so that {@link #learnFrom} gets the command list. */
  static final String OPENING_REQUEST = "/help";

  private final List<String> commands = new CopyOnWriteArrayList<>();
  private boolean learned;

  /**
   * Takes in a server line (called by the one thread that reads them); true when it belongs to the
   * answer to the opening /help, which the user did not ask for and so is not shown.
   */
  boolean learnFrom(String serverLine) {
    if (learned) {
      return false;
    }
    if (serverLine.equals("OK help")) {
      learned = true;
      return true;
    }
    if (!serverLine.startsWith("HELP ")) {
      return false;
    }
    String text = serverLine.substring("HELP ".length());
    if (text.startsWith("/")) {
      commands.add(text.split(" ")[0]);
    }
    return true;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    if (line.wordIndex() != 0 || !(line.word().isEmpty() || line.word().startsWith("/"))) {
      return;
    }
    commands.forEach(command -> candidates.add(new Candidate(command)));
  }
}
