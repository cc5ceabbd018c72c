package io.colseal.benchmarks.kms;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code moto_server} process of the harness, on a free loopback port: started with {@link
 * #start}, ready once its port accepts a connection (polled, no fixed sleep), stopped with {@link
 * #close()}. Its output goes to a log file, named in every error.
 */
final class MotoServer implements AutoCloseable {
  static final String EXECUTABLE = "moto_server";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final Process process;
  private final int port;
  private final Path log;
  private final Thread stopOnExit;

  private MotoServer(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    // An interrupted harness (Ctrl-C) must not leave the server running.
    this.stopOnExit = new Thread(this::stop, "moto_server-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  /** {@value #EXECUTABLE} on the {@code PATH}, if there is one. */
  static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, EXECUTABLE);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Starts moto_server on a free loopback port and waits until it accepts connections.
   *
   * @throws IOException if it cannot be started, exits, or does not listen within a minute
   */
  static MotoServer start(Path logDir) throws IOException {
    int port = freeLoopbackPort();
    Path log = logDir.resolve("moto_server-" + port + ".log");
    Process process =
        new ProcessBuilder(EXECUTABLE, "-H", "127.0.0.1", "-p", Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    MotoServer server = new MotoServer(process, port, log);
    try {
      server.awaitListening();
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

  private void awaitListening() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException(EXECUTABLE + " exited with " + process.exitValue() + "; see " + log);
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 250);
        return;
      } catch (IOException notYet) {
        // Not listening yet. Waiting on the process returns at once if it exits meanwhile.
      }
      try {
        process.waitFor(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for " + EXECUTABLE, e);
      }
    }
    throw new IOException(EXECUTABLE + " did not listen on port " + port + " within " + START_TIMEOUT + "; see " + log);
  }

  /**
   * Freezes the server and the processes it started ({@code kill -STOP}): its port still accepts
   * connections, and no request gets an answer, as with a KMS that hangs.
   *
   * @throws IOException if {@code kill} fails
   */
  void pause() throws IOException {
    signal("-STOP");
  }

  /** Lets a {@linkplain #pause() frozen} server run again ({@code kill -CONT}). */
  void resume() throws IOException {
    signal("-CONT");
  }

  private void signal(String signal) throws IOException {
    List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(process.pid())));
    process.descendants().forEach(p -> command.add(Long.toString(p.pid())));
    try {
      int status = new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
      if (status != 0) {
        throw new IOException(String.join(" ", command) + " exited with " + status);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while sending " + signal + " to " + EXECUTABLE, e);
    }
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Stops the server and any process it started; forcibly if it ignores the request. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook stops the server.
    }
    stop();
  }

  private void stop() {
    try {
      resume(); // a frozen process does not act on SIGTERM until it runs again
    } catch (IOException | RuntimeException e) {
      // Stopped forcibly below if need be.
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public String toString() {
    return "MotoServer[" + uri() + "]";
  }
}
