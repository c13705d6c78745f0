package clusterchat.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import clusterchat.core.RoomEvent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Server lines stay one line each, whatever their fields hold. */
class ServerLineTest {

  @Test
  @DisplayName("CR, LF and other control characters in a field are removed, so a field never forges a line")
  void fieldsNeverBreakTheLine() {
    RoomEvent event = new RoomEvent(RoomEvent.Kind.MSG, "lobby", "bob", "hi\r\nMSG lobby admin forged\u001b[2J", "");
    assertEquals("MSG lobby bob hiMSG lobby admin forged[2J\n", ServerLine.roomEvent(event).toString());
    RoomEvent quit = new RoomEvent(RoomEvent.Kind.QUIT, "lobby", "bob", "kicked: a\nb\u0085c", "");
    assertEquals("QUIT lobby bob kicked: abc\n", ServerLine.roomEvent(quit).toString());
    assertEquals("BYE KICKED ab\n", ServerLine.bye(CloseReason.KICKED, "a\nb").toString());
    assertEquals("PRIV x y a\tb\n", ServerLine.privateMessage("x", "y\r", "a\tb\n").toString());
  }
}
