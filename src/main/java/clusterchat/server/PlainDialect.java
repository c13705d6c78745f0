package clusterchat.server;

import clusterchat.config.ChatConfig;
import clusterchat.core.ErrorCode;
import clusterchat.core.Member;
import clusterchat.core.Names;
import clusterchat.core.PrivateMessage;
import clusterchat.core.RenderedLines;
import clusterchat.core.RoomEvent;
import clusterchat.core.SessionRecord;
import clusterchat.protocol.CloseReason;
import clusterchat.protocol.InputLine;
import clusterchat.protocol.ServerLine;
import clusterchat.protocol.TextCodec;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * ClusterChat's own line protocol (docs/PROTOCOL.md): a guest nick and the default room on
 * connect, HELLO first, /commands, and one self-describing line per event.
 */
final class PlainDialect implements Dialect {

  private final Connection connection;
  private final Commands commands;

  private PlainDialect(Connection connection, Commands commands) {
    this.connection = connection;
    this.commands = commands;
  }

  static Dialect.Factory factory(Commands commands) {
    return new Dialect.Factory() {
      @Override
      public Dialect create(Connection connection) {
        return new PlainDialect(connection, commands);
      }

      @Override
      public int maxLineBytes(ChatConfig config) {
        return config.maxLineBytes();
      }

      @Override
      public Buffer refusal(CloseReason reason, String message) {
        return ServerLine.bye(reason, message);
      }
    };
  }

  /**
   * A guest nick and the default room, then HELLO, the session token (with session.resumeSeconds),
   * the room's history, then the room lines that arrived meanwhile.
   */
  @Override
  public void start() {
    connection.hold();
    Member member = connection.member();
    int resumeSeconds = connection.node().config().sessionResumeSeconds();
    String token = resumeSeconds > 0 ? SessionRecord.newToken() : null;
    // Set before the guest nick is claimed: from then on the session is kept cluster-wide.
    member.sessionToken(token);
    connection.submit(() -> connection.chat().connect(member, connection.node().config().defaultRoom())
        .compose(joined -> connection.chat().joinHistory(joined))
        .onSuccess(history -> {
          connection.sendNow(ServerLine.hello(connection.node().nodeId(), member.nick(), member.currentRoom()));
          if (token != null) {
            connection.sendNow(ServerLine.session(token, resumeSeconds));
          }
          sendHistory(connection, history);
          connection.release();
        })
        .onFailure(err -> connection.close(CloseReason.SHUTDOWN, "could not start a session: " + err.getMessage())));
  }

  @Override
  public void line(String text) {
    String clean = TextCodec.stripControls(text);
    if (clean.isBlank()) {
      return;
    }
    InputLine input = InputLine.parse(clean);
    connection.submit(() -> commands.execute(connection, input));
  }

  /** Others' events; a kick of this member also takes it out of the room here. */
  @Override
  public void deliver(RoomEvent event, RenderedLines lines) {
    Member member = connection.member();
    if (member.id().equals(event.senderId())) {
      return;
    }
    if (event.kind() == RoomEvent.Kind.KICK && member.nick() != null
        && Names.nickKey(event.target()).equals(Names.nickKey(member.nick()))) {
      connection.submit(() -> connection.chat().kicked(member, event.room()));
    }
    Buffer line = lines.as(connection.numbered() ? ServerLine.NUMBERED_ROOM_EVENTS : ServerLine.ROOM_EVENTS);
    if (line != null) {
      connection.sendDelivery(line);
    }
  }

  /** History lines, written ahead of held room lines (see Connection#hold). */
  static void sendHistory(Connection connection, List<RoomEvent> events) {
    for (RoomEvent event : events) {
      Buffer line = ServerLine.history(event, connection.numbered());
      if (line != null) {
        connection.sendNow(line);
      }
    }
  }

  @Override
  public void deliver(PrivateMessage message) {
    Buffer line = ServerLine.privateMessage(message);
    if (line != null) {
      connection.sendDelivery(line);
    }
  }

  @Override
  public void renamed(String oldNick, String newNick) {
    connection.send(ServerLine.notice("RENAMED", "your nick was taken on the other side of a network split;"
        + " you are now " + newNick));
  }

  @Override
  public Buffer error(ErrorCode code, String message) {
    return ServerLine.error(code, message);
  }

  @Override
  public Buffer notice(String code, String message) {
    return ServerLine.notice(code, message);
  }

  @Override
  public Buffer bye(CloseReason reason, String message) {
    return ServerLine.bye(reason, message);
  }
}
