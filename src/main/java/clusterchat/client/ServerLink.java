package clusterchat.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** One connection to a server, plain or TLS: its lines are read by one thread, lines are sent from any. */
final class ServerLink implements AutoCloseable {

  private final ServerAddress address;
  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  private ServerLink(ServerAddress address, Socket socket) throws IOException {
    this.address = address;
    this.socket = socket;
    this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    this.out = socket.getOutputStream();
  }

  /** Connects; with tls, insecure skips certificate and host-name checks (self-signed test servers). */
  static ServerLink open(ServerAddress address, boolean tls, boolean insecure, int timeoutMillis) throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(address.host(), address.port()), timeoutMillis);
      if (!tls) {
        return new ServerLink(address, plain);
      }
      SSLSocket socket = (SSLSocket) sslContext(insecure).getSocketFactory()
          .createSocket(plain, address.host(), address.port(), true);
      if (!insecure) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
      }
      socket.startHandshake();
      return new ServerLink(address, socket);
    } catch (IOException e) {
      plain.close();
      throw e;
    }
  }

  private static SSLContext sslContext(boolean insecure) throws IOException {
    try {
      return insecure ? InsecureTls.context() : SSLContext.getDefault();
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS is not available: " + e.getMessage(), e);
    }
  }

  ServerAddress address() {
    return address;
  }

  /** The next line, or null when the server closed the connection. */
  String readLine() throws IOException {
    return in.readLine();
  }

  /** How long readLine waits before it throws SocketTimeoutException; 0 waits for ever. */
  void readTimeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  synchronized void send(String line) throws IOException {
    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
