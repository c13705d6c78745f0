package clusterchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

  private static List<String> complete(String buffer) {
    List<Candidate> candidates = new ArrayList<>();
    new CommandCompleter().complete(null, new DefaultParser().parse(buffer, buffer.length()), candidates);
    return candidates.stream().map(Candidate::value).toList();
  }

  @Test
  @DisplayName("Tab offers the commands for the first word when it starts with '/' or is empty, nothing in chat text")
  void offersCommands() {
    List<String> all = List.of("/nick", "/join", "/part", "/msg", "/me", "/who", "/rooms", "/quit", "/help");
    assertEquals(all, complete("/jo"));
    assertEquals(all, complete(""));
    assertEquals(List.of(), complete("hello wor"));
    assertEquals(List.of(), complete("/msg bo"));
  }

  @Test
  @DisplayName("the completion list is the server's own /help, so a new or changed command cannot be forgotten")
  void matchesServerHelp() throws Exception {
    ChatNode node = TestNodes.start();
    try (ChatClient client = ChatClient.connect(node.port())) {
      client.send("/help");
      List<String> usages = client.linesThrough("OK help").stream()
          .filter(line -> line.startsWith("HELP /"))
          .map(line -> line.substring("HELP ".length()).split(" {2,}")[0])
          .toList();
      assertEquals(usages, CommandCompleter.USAGES);
    } finally {
      node.stop().await();
    }
  }
}
