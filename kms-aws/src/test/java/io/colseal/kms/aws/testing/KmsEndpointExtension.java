package io.colseal.kms.aws.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link KmsEndpoint} parameter. Uses {@code COLSEAL_TEST_KMS_ENDPOINT} if set (as CI
 * does); otherwise starts {@code moto_server} once per test JVM on a free loopback port, waits until
 * it accepts connections, and stops it when the JVM's tests are done. If neither works the test
 * class is skipped with a message, or fails when {@code COLSEAL_TEST_REQUIRE_DATABASES=true}.
 */
public final class KmsEndpointExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {
  public static final String ENDPOINT_VARIABLE = "COLSEAL_TEST_KMS_ENDPOINT";
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KmsEndpointExtension.class);
  private static final long START_TIMEOUT_MILLIS = 60_000;
  private static final int START_ATTEMPTS = 3;

  /**
   * Skips the class when no endpoint can be had: a disabled class is reported as skipped, whereas
   * an abort while resolving a parameter would count as an error, and one in a before-all callback
   * would leave the class with no test run at all.
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext extension) {
    if (extension.getTestMethod().isPresent() || requireEndpoint()) {
      return ConditionEvaluationResult.enabled("checked for the class");
    }
    Available available = available(extension);
    return available.endpoint == null
        ? ConditionEvaluationResult.disabled(available.problem)
        : ConditionEvaluationResult.enabled(ENDPOINT_VARIABLE + " or moto_server");
  }

  /** With {@code COLSEAL_TEST_REQUIRE_DATABASES=true} a missing endpoint fails the class. */
  @Override
  public void beforeAll(ExtensionContext extension) {
    Available available = available(extension);
    if (available.endpoint == null) {
      throw new IllegalStateException(available.problem + " (COLSEAL_TEST_REQUIRE_DATABASES=true)");
    }
  }

  private static boolean requireEndpoint() {
    return "true".equalsIgnoreCase(System.getenv("COLSEAL_TEST_REQUIRE_DATABASES"));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    return parameter.getParameter().getType() == KmsEndpoint.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    Available available = available(extension);
    if (available.endpoint == null) {
      throw new ParameterResolutionException(available.problem);
    }
    return available.endpoint;
  }

  private static Available available(ExtensionContext extension) {
    return extension.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Available.class, k -> locate(), Available.class);
  }

  private static Available locate() {
    String configured = System.getenv(ENDPOINT_VARIABLE);
    if (configured != null && !configured.isBlank()) {
      return new Available(new KmsEndpoint(URI.create(configured.trim())), null, "");
    }
    String problem = "";
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      try {
        MotoServer moto = MotoServer.start();
        return new Available(new KmsEndpoint(moto.uri()), moto, "");
      } catch (IOException e) {
        problem = "no KMS endpoint: set " + ENDPOINT_VARIABLE + " or put moto_server on PATH"
            + " (pip install 'moto[server]'): " + e.getMessage();
      }
    }
    return new Available(null, null, problem);
  }

  /** Closed by JUnit with the root context, which stops moto_server. */
  private record Available(KmsEndpoint endpoint, MotoServer server, String problem) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }

  /**
   * A moto_server process of this JVM. Tests that stop and restart the KMS (outage tests) start a
   * server of their own with {@link #start()} rather than disturbing the shared one.
   */
  public static final class MotoServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MotoServer(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    /** Starts moto_server on a free loopback port and waits until it accepts connections. */
    public static MotoServer start() throws IOException {
      int port = freeLoopbackPort();
      Path log = logFile(port);
      Process process =
          new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      MotoServer server = new MotoServer(process, port);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto_server-stop"));
      try {
        server.awaitListening(log);
        return server;
      } catch (IOException | RuntimeException e) {
        server.close();
        throw e;
      }
    }

    private static int freeLoopbackPort() throws IOException {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      }
    }

    private static Path logFile(int port) throws IOException {
      Path target = Path.of("target");
      Path dir = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
      return dir.resolve("moto_server-" + port + ".log");
    }

    /** Polls the port until moto accepts a connection, the process dies, or the deadline passes. */
    private void awaitListening(Path log) throws IOException {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IOException("moto_server exited with " + process.exitValue() + ": " + tail(log));
        }
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
          return;
        } catch (IOException notYet) {
          // Not listening yet; wait for the process a little (returns at once if it exits).
        }
        try {
          process.waitFor(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for moto_server", e);
        }
      }
      throw new IOException("moto_server did not listen on port " + port + " within " + START_TIMEOUT_MILLIS + " ms: "
          + tail(log));
    }

    private static String tail(Path log) {
      try {
        String text = Files.readString(log, StandardCharsets.UTF_8);
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
      } catch (IOException e) {
        return "(no log: " + e.getMessage() + ")";
      }
    }

    public URI uri() {
      return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Stops the server process ({@code SIGSTOP}): it keeps its keys in memory but answers nothing,
     * as a KMS behind a network partition; connections hang until the client's timeouts. (A killed
     * moto_server would lose every key it holds.)
     */
    public void stop() throws IOException {
      signal("STOP");
    }

    /** Continues a stopped server ({@code SIGCONT}); it answers again with the same keys. */
    public void resume() throws IOException {
      signal("CONT");
    }

    private void signal(String name) throws IOException {
      List<String> command = new ArrayList<>(List.of("kill", "-" + name, Long.toString(process.pid())));
      process.descendants().forEach(p -> command.add(Long.toString(p.pid())));
      try {
        int status = new ProcessBuilder(command).inheritIO().start().waitFor();
        if (status != 0) {
          throw new IOException(String.join(" ", command) + " exited with " + status);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while signalling moto_server", e);
      }
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      try {
        resume(); // a stopped process would not act on SIGTERM until continued
      } catch (IOException e) {
        // Best effort: destroyForcibly below still ends it.
      }
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
