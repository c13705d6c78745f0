package clusterchat.client;

import java.io.IOException;

/** Where the client takes typed lines from and shows the server's lines: a pipe or a terminal. */
interface ClientIo {

  /** The next line to send, or null when input ended (end of a pipe, Ctrl-D, Ctrl-C). */
  String readLine() throws IOException;

  /** Shows one line from the server. Called by the network thread while readLine may be waiting. */
  void show(String serverLine);

  /** The connection is over: stop taking input and leave the screen tidy for whatever runs next. */
  void close();
}
