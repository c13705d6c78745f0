package clusterchat.client;

import java.io.IOException;
import java.util.List;

/** Where the client takes typed lines from and shows the server's lines: a pipe or a terminal. */
interface ClientIo {

  /** Lines to send as soon as the connection is open, before anything typed. */
  List<String> openingLines();

  /** The next line to send, or null when input ended (end of a pipe, Ctrl-D, Ctrl-C) or the io was closed. */
  String readLine() throws IOException;

  /** A typed line went to the server (called by the thread that reads input). */
  void sent(String line);

  /** Shows one line from the server. Called by the network thread while readLine may be waiting. */
  void show(String serverLine);

  /** Tells the user what the client itself does (reconnecting, resumed, a line not sent); called by either thread. */
  void status(String text);

  /** The connection is over: stop taking input and leave the screen tidy for whatever runs next. */
  void close();
}
