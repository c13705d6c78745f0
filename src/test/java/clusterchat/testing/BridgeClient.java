package clusterchat.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A raw client of the TCP event-bus bridge for tests: writes frames (4-byte big-endian length +
 * JSON) as given, and a reader thread queues every frame the bridge sends.
 */
public final class BridgeClient implements AutoCloseable {

  /** Queued in place of a frame when the bridge closes the connection. */
  private static final JsonObject CLOSED = new JsonObject().put("type", "\u0000closed");

  private final Socket socket;
  private final DataOutputStream out;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private final List<JsonObject> passedOver = new ArrayList<>();
  private int requests;

  private BridgeClient(Socket socket) throws IOException {
    this.socket = socket;
    this.out = new DataOutputStream(socket.getOutputStream());
    Thread reader = new Thread(this::readLoop, "test-bridge-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** How bridge.bots lists a token: its SHA-256 in hex. */
  public static String tokenHash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static BridgeClient connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    return new BridgeClient(socket);
  }

  public BridgeClient send(JsonObject frame) {
    byte[] json = frame.encode().getBytes(StandardCharsets.UTF_8);
    try {
      out.writeInt(json.length);
      out.write(json);
      out.flush();
    } catch (IOException e) {
      throw new IllegalStateException("send failed", e);
    }
    return this;
  }

  /** Sends a request (a send frame with a fresh replyAddress) and returns the frame answering it. */
  public JsonObject request(String address, JsonObject body) {
    return request(new JsonObject().put("address", address).put("body", body));
  }

  /** Sends this frame as a request: type send and a fresh replyAddress are added. */
  public JsonObject request(JsonObject frame) {
    String replyAddress = "test-reply-" + ++requests;
    send(frame.copy().put("type", "send").put("replyAddress", replyAddress));
    return await(answer -> replyAddress.equals(answer.getString("address")));
  }

  /** Logs in with this token and returns the answer. */
  public JsonObject login(String token) {
    return request("clusterchat.bridge.login", new JsonObject().put("token", token));
  }

  /**
   * The first frame, received or still to come, that matches; fails on timeout or when the
   * connection closes first. Frames passed over stay for later calls (a reply and a room event
   * may arrive in either order).
   */
  public JsonObject await(Predicate<JsonObject> wanted) {
    for (JsonObject frame : passedOver) {
      if (wanted.test(frame)) {
        passedOver.remove(frame);
        return frame;
      }
    }
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    while (true) {
      JsonObject frame = poll(deadline);
      if (frame == null || frame == CLOSED) {
        fail((frame == null ? "timed out" : "connection closed") + " waiting for a frame; passed over: " + passedOver);
      }
      if (wanted.test(frame)) {
        return frame;
      }
      passedOver.add(frame);
    }
  }

  /** The next err frame. */
  public JsonObject awaitError() {
    return await(frame -> "err".equals(frame.getString("type")));
  }

  /** The body of the next message frame from this address. */
  public JsonObject awaitMessage(String address, Predicate<JsonObject> body) {
    return await(frame -> "message".equals(frame.getString("type")) && address.equals(frame.getString("address"))
        && body.test(frame.getJsonObject("body"))).getJsonObject("body");
  }

  /** Waits for the bridge to close the connection; returns the frames read until then and not yet awaited. */
  public List<JsonObject> awaitClosed() {
    List<JsonObject> seen = new ArrayList<>(passedOver);
    passedOver.clear();
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    for (JsonObject frame = poll(deadline); frame != null; frame = poll(deadline)) {
      if (frame == CLOSED) {
        return seen;
      }
      seen.add(frame);
    }
    return fail("the bridge did not close the connection; read " + seen);
  }

  private JsonObject poll(long deadline) {
    try {
      long left = deadline - System.nanoTime();
      return left > 0 ? frames.poll(left, TimeUnit.NANOSECONDS) : null;
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private void readLoop() {
    try (DataInputStream in = new DataInputStream(socket.getInputStream())) {
      while (true) {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        frames.add(new JsonObject(new String(json, StandardCharsets.UTF_8)));
      }
    } catch (IOException e) {
      // closed: reported as CLOSED below
    }
    frames.add(CLOSED);
  }
}
