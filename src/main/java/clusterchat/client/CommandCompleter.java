package clusterchat.client;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completes the /command at the start of the line (on an empty line it lists them all), with its arguments. */
final class CommandCompleter implements Completer {

  /** The usage column of the server's /help, in its order (docs/PROTOCOL.md, "Client lines"). */
  static final List<String> USAGES = List.of("/nick NAME", "/join ROOM", "/part [ROOM]", "/msg NICK TEXT",
      "/me TEXT", "/who [ROOM]", "/rooms [AFTER]", "/quit [REASON]", "/help");

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    if (line.wordIndex() != 0 || !(line.word().isEmpty() || line.word().startsWith("/"))) {
      return;
    }
    for (String usage : USAGES) {
      String[] commandAndArgs = usage.split(" ", 2);
      String args = commandAndArgs.length == 2 ? commandAndArgs[1] : null;
      candidates.add(new Candidate(commandAndArgs[0], commandAndArgs[0], null, args, null, null, true));
    }
  }
}
