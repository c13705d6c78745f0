package clusterchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import clusterchat.ChatNode;
import clusterchat.testing.ChatClient;
import clusterchat.testing.TestNodes;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CommandCompleterTest {

  private static List<String> complete(CommandCompleter completer, String buffer) {
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, new DefaultParser().parse(buffer, buffer.length()), candidates);
    return candidates.stream().map(Candidate::value).toList();
  }

  /** A completer that took in a real server's answer to the opening /help. */
  private static CommandCompleter learnedFromServer() throws Exception {
    CommandCompleter completer = new CommandCompleter();
    ChatNode node = TestNodes.start();
    try (ChatClient client = ChatClient.connect(node.port())) {
      client.awaitPrefix("SESSION "); // the greeting's last line, before the answer
      client.send(CommandCompleter.OPENING_REQUEST);
      for (String line : client.linesThrough("OK help")) {
        assertTrue(completer.learnFrom(line), "part of the answer, so not shown: " + line);
      }
    } finally {
      node.stop().await();
    }
    return completer;
  }

  @Test
  @DisplayName("the commands come from the server's own /help; Tab offers them for a first word starting with '/' or empty")
  void learnsTheServersCommands() throws Exception {
    CommandCompleter completer = learnedFromServer();
    List<String> commands = complete(completer, "/jo");
    assertTrue(commands.containsAll(List.of("/nick", "/join", "/part", "/msg", "/me", "/who", "/rooms", "/quit", "/help")),
        commands.toString());
    assertTrue(commands.stream().allMatch(command -> command.matches("/[a-z]+")), commands.toString());
    assertEquals(commands, complete(completer, ""));
    assertEquals(List.of(), complete(completer, "hello wor"));
    assertEquals(List.of(), complete(completer, "/msg bo"));
  }

  @Test
  @DisplayName("only the answer to the opening /help is taken in: other lines before it, and a later /help, are shown")
  void onlyTheOpeningAnswer() {
    CommandCompleter completer = new CommandCompleter();
    assertFalse(completer.learnFrom("HELLO node-1 guest-1 lobby Welcome"));
    assertFalse(completer.learnFrom("JOIN lobby bob"));
    assertTrue(completer.learnFrom("HELP Type a line to talk in your current room."));
    assertTrue(completer.learnFrom("HELP /join ROOM [KEY] join a room"));
    assertTrue(completer.learnFrom("OK help"));
    assertFalse(completer.learnFrom("HELP /nick NAME         change your nick"));
    assertFalse(completer.learnFrom("OK help"));
    assertEquals(List.of("/join"), complete(completer, "/"));
  }
}
