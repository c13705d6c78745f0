package clusterchat.server;

import clusterchat.core.ChatException;
import clusterchat.core.ChatService;
import clusterchat.core.ErrorCode;
import clusterchat.core.HistoryQuery;
import clusterchat.core.LogPosition;
import clusterchat.core.Member;
import clusterchat.core.Names;
import clusterchat.core.PrivateMessage;
import clusterchat.core.RoomEvent;
import clusterchat.core.RoomState;
import clusterchat.protocol.InputLine;
import clusterchat.protocol.ServerLine;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The command table: each /command with its usage, its help text, and what it does. Argument
 * shapes are checked here once, so the chat service only sees well-formed requests.
 */
final class Commands {

  /** How many words of arguments a command takes. */
  private enum Args { NONE, OPTIONAL_WORD, WORD, WORD_AND_OPTIONAL_WORD, UP_TO_TWO_WORDS, WORD_AND_TEXT,
    WORD_AND_OPTIONAL_TEXT, TEXT, OPTIONAL_TEXT }

  private interface Action {
    Future<?> run(Connection connection, String args);
  }

  private record Command(String usage, String help, Args args, Action action) {
  }

  /** Rooms per /rooms answer, so one answer stays one bounded line. */
  static final int ROOMS_PAGE = 100;
  /** Lines /history shows when not told how many. */
  static final int HISTORY_LINES = 20;

  private final ChatService chat;
  private final IntSupplier maxHistoryLines;
  private final Map<String, Command> table = new LinkedHashMap<>();

  /** maxHistoryLines: the most lines one /history shows (history.maxPerRoom). */
  Commands(ChatService chat, IntSupplier maxHistoryLines) {
    this.chat = chat;
    this.maxHistoryLines = maxHistoryLines;
    add("nick", "/nick NAME", "change your nick", Args.WORD, this::nick);
    add("join", "/join ROOM [KEY]", "join a room (with its key, if it has one) and make it current",
        Args.WORD_AND_OPTIONAL_WORD, this::join);
    add("part", "/part [ROOM]", "leave a room (default: the current one)", Args.OPTIONAL_WORD, this::part);
    add("msg", "/msg NICK TEXT", "send a private message", Args.WORD_AND_TEXT, this::msg);
    add("me", "/me TEXT", "describe an action in the current room", Args.TEXT, this::me);
    add("who", "/who [ROOM]", "list who is in a room (default: the current one)", Args.OPTIONAL_WORD, this::who);
    add("history", "/history [ROOM] [N]", "show the last N lines said in a room (default: the current one, "
        + HISTORY_LINES + " lines)", Args.UP_TO_TWO_WORDS, this::history);
    add("resume", "/resume TOKEN [ROOM:EPOCH:SEQ]...", "take over your lost connection's session (from its SESSION"
        + " line): nick, rooms and the lines you missed, after the last numbered line you got in each room",
        Args.WORD_AND_OPTIONAL_TEXT, this::resume);
    add("seq", "/seq on|off", "show room lines with their sequence numbers (SEQ EPOCH N in front), or stop",
        Args.WORD, this::seq);
    add("rooms", "/rooms [AFTER]", "list rooms with their member counts, " + ROOMS_PAGE + " at a time",
        Args.OPTIONAL_WORD, this::rooms);
    add("topic", "/topic [TEXT]", "show the current room's topic, or set it (\"/topic -\" clears it)",
        Args.OPTIONAL_TEXT, this::topic);
    add("mode", "/mode [CHANGES [ARGS]]", "show or change the current room's modes, IRC style: +k KEY, +o NICK,"
        + " +v NICK, +t, +s, +n (operators only)", Args.OPTIONAL_TEXT, this::mode);
    add("kick", "/kick NICK [REASON]", "remove someone from the current room (room operators only)",
        Args.WORD_AND_OPTIONAL_TEXT, this::kick);
    add("quit", "/quit [REASON]", "leave the chat", Args.OPTIONAL_TEXT, this::quit);
    add("help", "/help", "show this help", Args.NONE, this::help);
  }

  private void add(String name, String usage, String help, Args args, Action action) {
    table.put(name, new Command(usage, help, args, action));
  }

  Future<?> execute(Connection connection, InputLine input) {
    if (input.isSay()) {
      chat.say(connection.member(), input.args(), false);
      return Future.succeededFuture();
    }
    Command command = table.get(input.command());
    if (command == null) {
      return Future.failedFuture(new ChatException(ErrorCode.UNKNOWN_COMMAND,
          "/" + input.command() + " is not a command; type /help for the list"));
    }
    if (!fits(command.args, input.args())) {
      return Future.failedFuture(new ChatException(ErrorCode.BAD_ARGUMENTS, "usage: " + command.usage));
    }
    return command.action.run(connection, input.args());
  }

  private static boolean fits(Args shape, String args) {
    boolean empty = args.isEmpty();
    boolean oneWord = !empty && args.indexOf(' ') < 0;
    return switch (shape) {
      case NONE -> empty;
      case OPTIONAL_WORD -> empty || oneWord;
      case WORD -> oneWord;
      case WORD_AND_OPTIONAL_WORD -> !empty && args.split(" ").length <= 2;
      case UP_TO_TWO_WORDS -> empty || args.split(" ").length <= 2;
      case WORD_AND_TEXT -> args.indexOf(' ') > 0;
      case WORD_AND_OPTIONAL_TEXT -> !empty;
      case TEXT -> !empty;
      case OPTIONAL_TEXT -> true;
    };
  }

  private Future<?> nick(Connection connection, String nick) {
    return chat.changeNick(connection.member(), nick)
        .onSuccess(newNick -> connection.send(ServerLine.ok("nick", newNick)));
  }

  /** OK, the topic and the room's history come before any line of the room that arrives meanwhile. */
  private Future<?> join(Connection connection, String args) {
    String[] words = args.split(" ");
    connection.hold();
    return chat.join(connection.member(), words[0], words.length > 1 ? words[1] : "", false).compose(joined -> {
      connection.sendNow(ServerLine.ok("join", joined.room()));
      RoomState.Topic topic = joined.entered() == null ? null : joined.entered().topic();
      if (topic != null) {
        connection.sendNow(ServerLine.topic(joined.room(), topic.setBy(), topic.text()));
      }
      return chat.joinHistory(joined).onSuccess(history -> PlainDialect.sendHistory(connection, history));
    }).eventually(() -> {
      connection.release();
      return Future.succeededFuture();
    });
  }

  /**
   * OK resume, then per room a notice when lines are missing, and the room lines the lost
   * connection was not sent (not its own), before any live line.
   */
  private Future<?> resume(Connection connection, String args) {
    String[] words = args.split(" ");
    Map<String, LogPosition> stated = new LinkedHashMap<>();
    for (int i = 1; i < words.length; i++) {
      String[] parts = words[i].split(":");
      String room = parts.length == 3 ? Names.canonicalRoom(parts[0]) : null;
      if (room == null || !parts[1].matches("[A-Za-z0-9-]{1,64}") || !parts[2].matches("[0-9]{1,18}")) {
        return Future.failedFuture(new ChatException(ErrorCode.BAD_ARGUMENTS, "a position is ROOM:EPOCH:SEQ, as in"
            + " a SEQ line; usage: /resume TOKEN [ROOM:EPOCH:SEQ]..."));
      }
      stated.put(room, new LogPosition(parts[1], Long.parseLong(parts[2])));
    }
    connection.hold();
    long ttlMillis = connection.node().config().sessionResumeSeconds() * 1000L;
    return chat.resume(connection.member(), words[0], stated, maxHistoryLines.getAsInt(), ttlMillis).<Void>map(resumed -> {
      List<String> rooms = resumed.rooms().stream().map(ChatService.ResumedRoom::room).toList();
      connection.sendNow(ServerLine.ok("resume", String.join(" ", resumed.nick(), String.join(" ", rooms)).strip()));
      if (!resumed.nickKept()) {
        connection.sendNow(ServerLine.notice("NICK_TAKEN", "someone else has your nick by now; you are "
            + resumed.nick()));
      }
      resumed.lost().forEach((room, why) -> connection.sendNow(ServerLine.notice("NOT_REJOINED", why)));
      for (ChatService.ResumedRoom room : resumed.rooms()) {
        if (!room.positionKnown()) {
          connection.sendNow(ServerLine.notice("HISTORY_GAP", room.room() + ": the node that served you is gone, so"
              + " which lines reached you is not known; lines may be missing (a client that keeps the SEQ numbers it got can"
              + " give them to /resume)"));
        } else if (!room.complete()) {
          connection.sendNow(ServerLine.notice("HISTORY_GAP", room.room() + ": the room's history does not reach back"
              + " to the last line you got; lines are missing before those that follow"));
        }
        for (RoomEvent event : room.missed()) {
          Buffer line = (connection.numbered() ? ServerLine.NUMBERED_ROOM_EVENTS : ServerLine.ROOM_EVENTS).apply(event);
          // Neither connection's own lines: the old one's were its own, the new one's are its guest's.
          boolean own = resumed.formerConnectionId().equals(event.senderId())
              || connection.member().id().equals(event.senderId());
          if (line != null && !own) {
            connection.sendNow(line);
          }
        }
      }
      return null;
    }).eventually(() -> {
      connection.release();
      return Future.succeededFuture();
    });
  }

  private Future<?> seq(Connection connection, String onOrOff) {
    String choice = onOrOff.toLowerCase(Locale.ROOT);
    if (!choice.equals("on") && !choice.equals("off")) {
      return Future.failedFuture(new ChatException(ErrorCode.BAD_ARGUMENTS, "usage: /seq on|off"));
    }
    connection.numbered(choice.equals("on"));
    connection.send(ServerLine.ok("seq", choice));
    return Future.succeededFuture();
  }

  private Future<?> history(Connection connection, String args) {
    String[] words = args.isEmpty() ? new String[0] : args.split(" ");
    String room = words.length > 0 ? words[0] : currentRoom(connection.member());
    int lines = HISTORY_LINES;
    if (words.length > 1) {
      lines = words[1].matches("[0-9]{1,7}") ? Integer.parseInt(words[1]) : 0;
      int maxLines = maxHistoryLines.getAsInt();
      if (lines < 1 || lines > maxLines) {
        return Future.failedFuture(new ChatException(ErrorCode.BAD_ARGUMENTS, "N is a number from 1 to " + maxLines
            + "; usage: /history [ROOM] [N]"));
      }
    }
    return chat.history(connection.member(), room, HistoryQuery.latest(lines, true)).onSuccess(history -> {
      PlainDialect.sendHistory(connection, history.events());
      connection.send(ServerLine.ok("history", canonical(room) + " " + history.events().size()));
    });
  }

  private Future<?> topic(Connection connection, String text) {
    Member member = connection.member();
    String room = currentRoom(member);
    if (text.isEmpty()) {
      return chat.roomInfo(room).onSuccess(info -> connection.send(info.topic() == null
          ? ServerLine.topic(room, "-", "")
          : ServerLine.topic(room, info.topic().setBy(), info.topic().text())));
    }
    String topic = text.equals("-") ? "" : text;
    return chat.setTopic(member, room, topic).onSuccess(v -> connection.send(ServerLine.ok("topic", room)));
  }

  private Future<?> mode(Connection connection, String args) {
    Member member = connection.member();
    String room = currentRoom(member);
    if (args.isEmpty()) {
      return chat.roomInfo(room).onSuccess(info -> connection.send(ServerLine.modes(room, info.modes())));
    }
    List<String> words = List.of(args.split(" +"));
    return chat.changeModes(member, room, words.get(0), words.subList(1, words.size())).compose(changed -> {
      if (!changed.unknownModes().isEmpty()) {
        return Future.failedFuture(new ChatException(ErrorCode.BAD_ARGUMENTS, "rooms have no mode "
            + changed.unknownModes() + "; usage: /mode [CHANGES [ARGS]]"));
      }
      if (!changed.absentNicks().isEmpty()) {
        return Future.failedFuture(new ChatException(ErrorCode.USER_NOT_IN_ROOM,
            String.join(", ", changed.absentNicks()) + " is not in " + room));
      }
      connection.send(ServerLine.ok("mode", changed.applied()));
      return Future.succeededFuture();
    });
  }

  private Future<?> kick(Connection connection, String args) {
    Member member = connection.member();
    String room = currentRoom(member);
    int space = args.indexOf(' ');
    String nick = space < 0 ? args : args.substring(0, space);
    String reason = space < 0 ? "" : args.substring(space + 1).strip();
    return chat.kickFromRoom(member, room, nick, reason).onSuccess(v -> connection.send(ServerLine.ok("kick", nick)));
  }

  private Future<?> part(Connection connection, String room) {
    return chat.part(connection.member(), room.isEmpty() ? null : room)
        .onSuccess(left -> connection.send(ServerLine.ok("part", left)));
  }

  private Future<?> msg(Connection connection, String args) {
    int space = args.indexOf(' ');
    String to = args.substring(0, space);
    String text = args.substring(space + 1).strip();
    Member member = connection.member();
    PrivateMessage message = PrivateMessage.of(RoomEvent.Kind.MSG, member.nick(), member.profile().userAtHost(),
        to, text, null);
    return chat.privateMessage(message)
        .onSuccess(recipient -> connection.send(ServerLine.privateMessage(member.nick(), recipient.nick(), text)));
  }

  private Future<?> me(Connection connection, String text) {
    chat.say(connection.member(), text, true);
    return Future.succeededFuture();
  }

  private Future<?> who(Connection connection, String room) {
    String target = room.isEmpty() ? connection.member().currentRoom() : room;
    if (target == null) {
      return Future.failedFuture(new ChatException(ErrorCode.NO_ROOM, "you are in no room; name one: /who ROOM"));
    }
    return chat.who(target).onSuccess(nicks -> connection.send(ServerLine.who(canonical(target), nicks)));
  }

  private Future<?> rooms(Connection connection, String after) {
    return chat.rooms(after.toLowerCase(Locale.ROOT), ROOMS_PAGE).onSuccess(page -> {
      connection.send(ServerLine.rooms(page.rooms()));
      if (page.more()) {
        connection.send(ServerLine.notice("MORE_ROOMS", "more rooms follow; /rooms " + page.rooms().lastKey()
            + " lists the next ones"));
      }
    });
  }

  /** The member's current room; throws NO_ROOM when it has none. */
  private static String currentRoom(Member member) {
    String room = member.currentRoom();
    if (room == null) {
      throw new ChatException(ErrorCode.NO_ROOM, "you are in no room; /join ROOM first");
    }
    return room;
  }

  private Future<?> quit(Connection connection, String reason) {
    // The quit itself runs after this command completes (see Connection.close).
    connection.quit(reason);
    return Future.succeededFuture();
  }

  private Future<?> help(Connection connection, String unused) {
    connection.send(ServerLine.help("Type a line to talk in your current room; //text sends text starting with '/'."));
    table.values().forEach(c -> connection.send(ServerLine.help(String.format("%-16s %s", c.usage, c.help))));
    connection.send(ServerLine.ok("help", ""));
    return Future.succeededFuture();
  }

  private static String canonical(String room) {
    return Names.canonicalRoom(room);
  }
}
