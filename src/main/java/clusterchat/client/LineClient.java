package clusterchat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The bundled client: shows server lines as they arrive while sending what is typed. On a terminal
 * it is an interactive chat client ({@link TerminalIo}); otherwise lines pass through raw
 * ({@link PipedIo}). When input ends (a pipe, Ctrl-D or Ctrl-C) it sends /quit and waits for the
 * server's goodbye, so {@code echo /who | clusterchat client} prints the answer.
 */
public final class LineClient {

  private static final int CONNECT_TIMEOUT_MILLIS = 5000;
  private static final long GOODBYE_WAIT_SECONDS = 5;

  private final String host;
  private final int port;
  private final boolean tls;
  private final boolean insecure;
  private volatile boolean sawGoodbye;

  /** A client; with tls, insecure skips certificate and host-name checks (self-signed test servers). */
  public LineClient(String host, int port, boolean tls, boolean insecure) {
    this.host = host;
    this.port = port;
    this.tls = tls;
    this.insecure = insecure;
  }

  /** Runs until the connection ends; returns the process exit code (0 after a goodbye, 1 if lost). */
  public int run() {
    ClientIo io;
    try {
      io = TerminalIo.available() ? TerminalIo.open() : new PipedIo();
    } catch (IOException e) {
      System.err.println("clusterchat client: cannot use the terminal: " + e.getMessage());
      return 1;
    }
    try (Socket socket = open()) {
      Thread printer = new Thread(() -> print(socket, io), "clusterchat-client-printer");
      printer.start();
      send(socket, io, printer);
      printer.join(TimeUnit.SECONDS.toMillis(GOODBYE_WAIT_SECONDS));
    } catch (IOException e) {
      System.err.println("clusterchat client: cannot connect to " + host + ":" + port + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return sawGoodbye ? 0 : 1;
  }

  private Socket open() throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
    if (!tls) {
      return plain;
    }
    SSLSocket socket = (SSLSocket) sslContext().getSocketFactory().createSocket(plain, host, port, true);
    if (!insecure) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
    }
    socket.startHandshake();
    return socket;
  }

  private SSLContext sslContext() throws IOException {
    try {
      if (!insecure) {
        return SSLContext.getDefault();
      }
      return InsecureTls.context();
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS is not available: " + e.getMessage(), e);
    }
  }

  private void send(Socket socket, ClientIo io, Thread printer) throws IOException {
    OutputStream toServer = socket.getOutputStream();
    String line;
    try {
      for (String opening : io.openingLines()) {
        writeLine(toServer, opening);
      }
      while (printer.isAlive() && (line = io.readLine()) != null) {
        writeLine(toServer, line);
      }
      if (printer.isAlive()) {
        writeLine(toServer, "/quit");
      }
    } catch (IOException e) {
      // The server went away while we were sending; the printer reports it.
    }
  }

  private static void writeLine(OutputStream toServer, String line) throws IOException {
    toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    toServer.flush();
  }

  private void print(Socket socket, ClientIo io) {
    try (BufferedReader fromServer = new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = fromServer.readLine()) != null) {
        io.show(line);
        if (line.startsWith("BYE ")) {
          sawGoodbye = true;
        }
      }
    } catch (IOException e) {
      // Treated like the end of the stream below.
    }
    io.close();
    if (!sawGoodbye) {
      System.err.println("clusterchat client: connection to " + host + ":" + port + " lost");
    }
    // The user may still be typing; nothing more can be sent, so end the process now.
    System.exit(sawGoodbye ? 0 : 1);
  }
}
