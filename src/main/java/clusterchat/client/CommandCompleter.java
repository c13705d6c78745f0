package clusterchat.client;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** Tab completes the /command at the start of the line (on an empty line it lists them all), with its usage. */
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
      String command = usage.split(" ")[0];
      candidates.add(new Candidate(command, command, null, usage, null, null, true));
    }
  }
}
