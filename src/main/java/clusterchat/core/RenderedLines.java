package clusterchat.core;

import io.vertx.core.buffer.Buffer;
import java.util.Arrays;
import java.util.function.Function;

/**
 * One room event's wire lines, rendered on first use by each renderer and then shared: a room's
 * plain members all get one buffer, its IRC members one per set of capabilities. A renderer is
 * compared by identity, so each must be a shared constant. Used on one event loop.
 */
public final class RenderedLines {

  /** Renderers are few (plain, and IRC's capability combinations), so a short linear list will do. */
  private static final int EXPECTED_RENDERERS = 4;

  private final RoomEvent event;
  private Object[] renderers = new Object[EXPECTED_RENDERERS];
  private Buffer[] lines = new Buffer[EXPECTED_RENDERERS];
  private int count;

  public RenderedLines(RoomEvent event) {
    this.event = event;
  }

  /** The event as the renderer writes it; null when that protocol does not show it. */
  public Buffer as(Function<RoomEvent, Buffer> renderer) {
    for (int i = 0; i < count; i++) {
      if (renderers[i] == renderer) {
        return lines[i];
      }
    }
    Buffer line = renderer.apply(event);
    if (count == renderers.length) {
      renderers = Arrays.copyOf(renderers, count * 2);
      lines = Arrays.copyOf(lines, count * 2);
    }
    renderers[count] = renderer;
    lines[count++] = line;
    return line;
  }
}
