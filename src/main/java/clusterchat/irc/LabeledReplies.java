package clusterchat.irc;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The replies to one labeled command (IRCv3 labeled-response): none is acknowledged with ACK, one
 * carries the label, several go out in a labeled-response batch.
 */
final class LabeledReplies {

  private static long batches;

  private final String label;
  private final List<Buffer> lines = new ArrayList<>();

  LabeledReplies(String label) {
    this.label = label;
  }

  void add(Buffer line) {
    lines.add(line);
  }

  void write(String serverName, Consumer<Buffer> out) {
    if (lines.isEmpty()) {
      out.accept(IrcLine.of("label=" + label, serverName, "ACK"));
      return;
    }
    if (lines.size() == 1) {
      out.accept(IrcLine.withTag(lines.get(0), "label=" + label));
      return;
    }
    String id = "b" + Long.toString(++batches, 36);
    out.accept(IrcLine.of("label=" + label, serverName, "BATCH", "+" + id, "labeled-response"));
    lines.forEach(line -> out.accept(IrcLine.withTag(line, "batch=" + id)));
    out.accept(IrcLine.of(null, serverName, "BATCH", "-" + id));
  }
}
