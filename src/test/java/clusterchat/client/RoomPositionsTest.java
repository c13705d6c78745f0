package clusterchat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RoomPositionsTest {

  @Test
  @DisplayName("the SEQ prefix is removed from live and history lines; other lines pass unchanged")
  void strips() {
    RoomPositions positions = new RoomPositions();
    assertEquals("MSG dev alice hi", positions.take("SEQ 1x8k2m-3 42 MSG dev alice hi"));
    assertEquals("JOIN dev carol", positions.take("SEQ 1x8k2m-3 43 JOIN dev carol"));
    assertEquals("HISTORY 2026-11-23T15:21:02Z MSG dev alice did the build pass?",
        positions.take("HISTORY 2026-11-23T15:21:02Z SEQ 1x8k2m-3 41 MSG dev alice did the build pass?"));
    assertEquals("KICK dev alice bob ", positions.take("SEQ 1x8k2m-3 44 KICK dev alice bob "));
    assertEquals("MSG lobby bob not numbered", positions.take("SEQ - - MSG lobby bob not numbered"));
    assertEquals("HISTORY 2026-11-23T15:21:02Z ME lobby bob waves",
        positions.take("HISTORY 2026-11-23T15:21:02Z SEQ - - ME lobby bob waves"));
    for (String line : List.of("MSG dev alice SEQ 1x 5 MSG dev x", "OK seq on", "HISTORY garbled", "SEQ garbled",
        "SEQ e1 12x MSG dev a b", "SEQ e_1 1 MSG dev a b", "SEQ e1 1 msg dev a b", "SEQ e1 1 MSG", "PRIV bob alice hi")) {
      assertEquals(line, positions.take(line));
    }
    assertEquals("/resume t dev:1x8k2m-3:44", positions.resumeCommand("t", List.of("dev", "lobby")),
        "no position from the unnumbered lines or the malformed ones");
  }

  @Test
  @DisplayName("/resume names the last event shown per room held, in the rooms' order")
  void resumeCommand() {
    RoomPositions positions = new RoomPositions();
    assertEquals("/resume tok", positions.resumeCommand("tok", List.of("lobby", "dev")), "nothing numbered yet");
    positions.take("SEQ ep-1 7 MSG lobby bob hello");
    positions.take("HISTORY 2026-11-23T15:20:11Z SEQ ep-2 41 MSG dev carol earlier");
    positions.take("SEQ ep-1 8 NICK lobby bob robert");
    positions.take("SEQ ep-3 2 PART ops dave");
    assertEquals("/resume tok lobby:ep-1:8 dev:ep-2:41", positions.resumeCommand("tok", List.of("lobby", "dev")),
        "only rooms still held: ops was left");
  }

  @Test
  @DisplayName("a /history answer does not move a position back; a new epoch replaces it")
  void newerOnly() {
    RoomPositions positions = new RoomPositions();
    positions.take("SEQ e1 50 MSG dev bob latest");
    positions.take("HISTORY 2026-11-23T15:20:11Z SEQ e1 12 MSG dev bob old");
    assertEquals("/resume t dev:e1:50", positions.resumeCommand("t", List.of("dev")));
    positions.take("SEQ e2 0 MSG dev bob after a restart");
    assertEquals("/resume t dev:e2:0", positions.resumeCommand("t", List.of("dev")));
  }

  @Test
  @DisplayName("the user's /seq off ends numbering, so the positions are dropped rather than left to grow old")
  void seqOff() {
    RoomPositions positions = new RoomPositions();
    positions.take("SEQ e1 5 MSG dev bob hi");
    assertEquals("OK seq off", positions.take("OK seq off"));
    assertEquals("/resume t", positions.resumeCommand("t", List.of("dev")));
  }

  @Test
  @DisplayName("the client's own /seq on is answered unseen; the user's /seq on shows prefixes, /seq off hides them")
  void seqReplies() {
    SeqReplies replies = new SeqReplies();
    replies.asked();
    assertEquals(true, replies.hides("OK seq on"));
    assertEquals(false, replies.showPrefixes());
    assertEquals(false, replies.hides("OK seq on"), "the user's own");
    assertEquals(true, replies.showPrefixes());
    assertEquals(false, replies.hides("OK seq off"));
    assertEquals(false, replies.showPrefixes());
    replies.asked(); // a new connection
    assertEquals(false, replies.hides("OK seq off"), "the user's /seq off answered before the client's /seq on");
    assertEquals(true, replies.hides("OK seq on"));
    assertEquals(false, replies.hides("MSG lobby bob OK seq on"));
  }
}
