package clusterchat.client;

import java.io.Console;
import java.io.IOException;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReader.Option;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The client on a terminal (JLine): server lines appear with their time above the input line, which
 * stays as typed; the prompt shows nick and current room; Tab completes commands; Up and Down walk
 * through the lines typed before. The thread that opens it is the one that reads from it.
 */
final class TerminalIo implements ClientIo {

  private static final long CLOSE_WAIT_MILLIS = 2000;

  private final Terminal terminal;
  private final LineReaderImpl reader;
  private final SessionState session;
  private final CommandCompleter commands = new CommandCompleter();
  private final Thread inputThread = Thread.currentThread();
  private final CountDownLatch inputEnded = new CountDownLatch(1);

  private TerminalIo(Terminal terminal, SessionState session) throws IOException {
    this.terminal = terminal;
    this.session = session;
    this.reader = new LineReaderImpl(terminal, "clusterchat");
    reader.setCompleter(commands);
    reader.setOpt(Option.DISABLE_EVENT_EXPANSION); // "wow!!" is chat text, not a history reference
    reader.setOpt(Option.ERASE_LINE_ON_FINISH);
    // readLine() installs the prompt it was handed; this hook runs right after under the reader's
    // lock, so a nick or room change that arrived in between still shows.
    reader.getWidgets().put(LineReader.CALLBACK_INIT, () -> {
      reader.setPrompt(prompt());
      return true;
    });
  }

  /** True when standard input and output are both a terminal. */
  static boolean available() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // From Java 22 on there is a console for redirected streams too; isTerminal() tells them apart.
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // before Java 22 a console exists only when both streams are a terminal
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /** A terminal io whose prompt shows what session (kept up to date by the client) says. */
  static TerminalIo open(SessionState session) throws IOException {
    // Without graphemeCluster(false) JLine 4 queries the terminal at start, and on a busy machine a
    // late answer lands in the input line as text.
    return new TerminalIo(TerminalBuilder.builder().name("clusterchat").system(true).graphemeCluster(false).build(),
        session);
  }

  @Override
  public List<String> openingLines() {
    return List.of(CommandCompleter.OPENING_REQUEST);
  }

  @Override
  public String readLine() {
    try {
      String typed;
      do {
        typed = reader.readLine(prompt());
      } while (typed.isBlank());
      return typed;
    } catch (UserInterruptException | EndOfFileException e) {
      inputEnded.countDown();
      return null;
    }
  }

  @Override
  public void sent(String line) {
    ChatLineFormatter.typed(line, session.nick(), session.room(), LocalTime.now()).ifPresent(this::print);
  }

  @Override
  public void show(String serverLine) {
    if (commands.learnFrom(serverLine)) {
      return;
    }
    reader.setPrompt(prompt()); // the line may have changed the nick or the room
    ChatLineFormatter.server(serverLine, LocalTime.now()).ifPresent(this::print);
  }

  @Override
  public void status(String text) {
    print(ChatLineFormatter.status(text, LocalTime.now()));
  }

  @Override
  public void close() {
    if (inputEnded.getCount() == 0) {
      return;
    }
    // Ends readLine the way JLine's own Ctrl-C handling does, which erases the unfinished input line.
    inputThread.interrupt();
    try {
      inputEnded.await(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void print(DisplayLine line) {
    AttributedString text = new AttributedStringBuilder()
        .styled(AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT + AttributedStyle.BLACK), line.time())
        .append(' ')
        .styled(style(line.kind()), line.body())
        .toAttributedString();
    reader.printAbove(text);
  }

  private static AttributedStyle style(DisplayLine.Kind kind) {
    AttributedStyle plain = AttributedStyle.DEFAULT;
    return switch (kind) {
      case MESSAGE -> plain;
      case ACTION -> plain.italic();
      case BOT -> plain.foreground(AttributedStyle.CYAN);
      case PRIVATE -> plain.bold().foreground(AttributedStyle.MAGENTA);
      case PRESENCE -> plain.foreground(AttributedStyle.BRIGHT + AttributedStyle.BLACK);
      case INFO -> plain.foreground(AttributedStyle.GREEN);
      case NOTICE -> plain.bold().foreground(AttributedStyle.YELLOW);
      case ERROR -> plain.bold().foreground(AttributedStyle.RED);
    };
  }

  /** The prompt in bold; "%" would start one of JLine's prompt escapes, so it is doubled. */
  private String prompt() {
    return new AttributedString(session.prompt(), AttributedStyle.BOLD).toAnsi(terminal).replace("%", "%%");
  }
}
