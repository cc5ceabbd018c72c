package io.colseal.kms.aws.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A loopback HTTP server that speaks the KMS JSON protocol with canned answers, for the answers a
 * moto_server will not give: throttling, 5xx, a disabled key, a malformed response, silence. The
 * real SDK parses them, so tests see what the SDK makes of each. Answers are keyed by operation
 * ({@code X-Amz-Target: TrentService.Decrypt}); an unconfigured operation gets HTTP 400 {@code
 * UnsupportedOperationException}.
 */
public final class StubKmsServer implements AutoCloseable {
  public static final String KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/00000000-0000-4000-8000-000000000001";

  private record Answer(int status, String body, boolean hang) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final CountDownLatch released = new CountDownLatch(1);

  private StubKmsServer(HttpServer server) {
    this.server = server;
  }

  public static StubKmsServer start() throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    StubKmsServer stub = new StubKmsServer(http);
    http.setExecutor(stub.executor);
    http.createContext("/", stub::handle);
    http.start();
    return stub;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers {@code operation} (e.g. {@code GenerateDataKey}) with {@code status} and a JSON body. */
  public StubKmsServer answer(String operation, int status, String json) {
    answers.put(operation, new Answer(status, json, false));
    return this;
  }

  /** Answers {@code operation} with an AWS error of type {@code errorCode}. */
  public StubKmsServer fail(String operation, int status, String errorCode, String message) {
    return answer(operation, status, "{\"__type\":\"" + errorCode + "\",\"message\":\"" + message + "\"}");
  }

  /** Never answers {@code operation} until the server is closed. */
  public StubKmsServer hang(String operation) {
    answers.put(operation, new Answer(0, "", true));
    return this;
  }

  /** A {@code GenerateDataKey} answer carrying exactly these bytes. */
  public static String dataKey(byte[] plaintext, byte[] ciphertextBlob, String keyArn) {
    Base64.Encoder b64 = Base64.getEncoder();
    return "{\"CiphertextBlob\":\"" + b64.encodeToString(ciphertextBlob) + "\",\"Plaintext\":\""
        + b64.encodeToString(plaintext) + "\",\"KeyId\":\"" + keyArn + "\"}";
  }

  /** A {@code Decrypt} answer carrying exactly these bytes. */
  public static String decrypted(byte[] plaintext, String keyArn) {
    return "{\"Plaintext\":\"" + Base64.getEncoder().encodeToString(plaintext) + "\",\"KeyId\":\"" + keyArn + "\"}";
  }

  /** How often {@code operation} was called. */
  public int calls(String operation) {
    AtomicInteger n = calls.get(operation);
    return n == null ? 0 : n.get();
  }

  /** A client of this server that makes one attempt per call and waits at most {@code apiCallTimeout}. */
  public KmsClient client(Duration apiCallTimeout, ExecutionInterceptor... interceptors) {
    return KmsClient.builder()
        .endpointOverride(uri())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("stub", "stub-secret")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> {
          c.retryStrategy(b -> b.maxAttempts(1));
          c.apiCallTimeout(apiCallTimeout);
          for (ExecutionInterceptor i : interceptors) {
            c.addExecutionInterceptor(i);
          }
        })
        .build();
  }

  /** A client that makes one attempt per call and gives up after 10 seconds. */
  public KmsClient client(ExecutionInterceptor... interceptors) {
    return client(Duration.ofSeconds(10), interceptors);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
      String operation = target.substring(target.indexOf('.') + 1);
      calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
      Answer answer = answers.getOrDefault(operation,
          new Answer(400, "{\"__type\":\"UnsupportedOperationException\",\"message\":\"not stubbed\"}", false));
      if (answer.hang) {
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      byte[] body = answer.body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
      exchange.getResponseHeaders().set("x-amzn-RequestId", "stub-request");
      exchange.sendResponseHeaders(answer.status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
