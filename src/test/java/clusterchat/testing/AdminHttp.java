package clusterchat.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;

/** Real HTTP requests to a node's admin listener on 127.0.0.1, and reading its Prometheus text. */
public final class AdminHttp {

  private static final HttpClient CLIENT = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  private AdminHttp() {
  }

  public static HttpResponse<String> get(int port, String path) {
    return get(port, path, null);
  }

  /** GET with {@code Authorization: Bearer token} when token is not null. */
  public static HttpResponse<String> get(int port, String path, String token) {
    return send(port, path, token, "GET");
  }

  /** POST with an empty body. */
  public static HttpResponse<String> post(int port, String path) {
    return send(port, path, null, "POST");
  }

  private static HttpResponse<String> send(int port, String path, String token, String method) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonObject json(HttpResponse<String> response) {
    return new JsonObject(response.body());
  }

  /** GETs the path until it answers with status; fails with the last answer after the timeout. */
  public static HttpResponse<String> awaitStatus(int port, String path, int status, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpResponse<String> response;
    while ((response = get(port, path)).statusCode() != status && System.nanoTime() < deadline) {
      pause();
    }
    if (response.statusCode() != status) {
      fail("GET " + path + " still answers " + response.statusCode() + " " + response.body());
    }
    return response;
  }

  /** GETs the path until its JSON satisfies wanted; fails with the last answer after the timeout. */
  public static JsonObject awaitJson(int port, String path, Predicate<JsonObject> wanted) {
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    JsonObject answer;
    while (!wanted.test(answer = json(get(port, path))) && System.nanoTime() < deadline) {
      pause();
    }
    if (!wanted.test(answer)) {
      fail("GET " + path + " still answers " + answer.encodePrettily());
    }
    return answer;
  }

  /** Between two polls of a condition; not a synchronisation sleep. */
  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The current /metrics text. */
  public static String metrics(int port) {
    HttpResponse<String> response = get(port, "/metrics");
    if (response.statusCode() != 200) {
      fail("GET /metrics answered " + response.statusCode() + " " + response.body());
    }
    return response.body();
  }

  /** The value of one series, written as in the text: {@code name} or {@code name{label="value"}}. */
  public static double sample(String metrics, String series) {
    for (String line : metrics.split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).strip());
      }
    }
    return fail("no series " + series + " in:\n" + metrics);
  }

  /** Scrapes until the series' value satisfies wanted: for values that follow an event asynchronously. */
  public static double awaitSample(int port, String series, DoublePredicate wanted) {
    long deadline = System.nanoTime() + ChatClient.TIMEOUT.toNanos();
    double value;
    while (!wanted.test(value = sample(metrics(port), series)) && System.nanoTime() < deadline) {
      pause();
    }
    if (!wanted.test(value)) {
      fail(series + " is still " + value);
    }
    return value;
  }
}
