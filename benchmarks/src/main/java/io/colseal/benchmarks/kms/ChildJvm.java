package io.colseal.benchmarks.kms;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The harness's side of one application process ({@link KmsCallWorkload}): starts the JVM, sends
 * it commands, and waits for its answers. A reader thread copies the child's standard output to a
 * log file and hands over the protocol lines; standard error goes to a log file of its own. Errors
 * name both files and end with the tail of standard error.
 */
final class ChildJvm implements AutoCloseable {
  private static final String END = "\u0000end";

  private final int number;
  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final Path stdoutLog;
  private final Path stderrLog;
  private final long startNanos = System.nanoTime();
  private final Thread stopOnExit;
  private volatile long exitNanos;

  private ChildJvm(int number, Process process, Path stdoutLog, Path stderrLog) {
    this.number = number;
    this.process = process;
    // An interrupted harness (Ctrl-C) must not leave application processes running.
    this.stopOnExit = new Thread(process::destroyForcibly, "harness-process-" + number + "-stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    process.onExit().thenRun(() -> exitNanos = System.nanoTime());
    this.stdoutLog = stdoutLog;
    this.stderrLog = stderrLog;
    this.commands = new OutputStreamWriter(process.getOutputStream(), UTF_8);
    Thread reader = new Thread(this::copyOutput, "harness-process-" + number + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts process {@code number} with {@code command} and exactly {@code environment}, logging under {@code logName}. */
  static ChildJvm start(int number, List<String> command, Map<String, String> environment, Path logDir, String logName)
      throws IOException {
    Path stdout = logDir.resolve(logName + ".stdout.log");
    Path stderr = logDir.resolve(logName + ".stderr.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    return new ChildJvm(number, builder.start(), stdout, stderr);
  }

  int number() {
    return number;
  }

  private void copyOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
        Writer log = Files.newBufferedWriter(stdoutLog, UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        log.write(line);
        log.write('\n');
        log.flush();
        if (line.startsWith(KmsCallWorkload.PREFIX + " ")) {
          answers.add(line.substring(KmsCallWorkload.PREFIX.length() + 1));
        }
      }
    } catch (IOException e) {
      // The process went away; waiting for an answer reports how it ended.
    } finally {
      answers.add(END);
    }
  }

  /** Sends one command line. */
  void send(String command) throws HarnessException {
    try {
      commands.write(command + "\n");
      commands.flush();
    } catch (IOException e) {
      throw failure("could not send '" + command + "' (" + e.getMessage() + ")");
    }
  }

  /**
   * Waits for the answer that starts with {@code event} and returns what follows it.
   *
   * @throws HarnessException if the process answers something else, ends, or the deadline passes
   */
  String await(String event, long deadlineNanos) throws HarnessException {
    String line;
    try {
      line = answers.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while waiting for '" + event + "'");
    }
    if (line == null) {
      throw failure("did not answer '" + event + "' in time");
    }
    if (line.equals(END)) {
      answers.add(END);
      throw failure("ended before answering '" + event + "'" + exitDescription());
    }
    if (!line.equals(event) && !line.startsWith(event + " ")) {
      throw failure("answered '" + abbreviate(line) + "' where '" + event + "' was expected");
    }
    return line.substring(event.length()).trim();
  }

  /** Waits for the process to exit by itself; a non-zero status is a failure. */
  void awaitExit(long deadlineNanos) throws HarnessException {
    try {
      if (!process.waitFor(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw failure("did not exit in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while waiting for its exit");
    }
    if (process.exitValue() != 0) {
      throw failure("exited with status " + process.exitValue());
    }
  }

  /** From start to exit (or now, if still running), as the harness saw it. */
  long elapsedMillis() {
    long exit = exitNanos;
    long end = exit == 0 ? System.nanoTime() : exit;
    return TimeUnit.NANOSECONDS.toMillis(end - startNanos);
  }

  private String exitDescription() {
    try {
      if (process.waitFor(5, TimeUnit.SECONDS)) {
        return " (exit status " + process.exitValue() + ")";
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "";
  }

  private HarnessException failure(String what) {
    return new HarnessException("process " + number + " " + what + "; logs: " + stdoutLog + ", " + stderrLog
        + stderrTail());
  }

  private String stderrTail() {
    try {
      String text = Files.readString(stderrLog, UTF_8).strip();
      if (text.isEmpty()) {
        return "";
      }
      return "\n--- end of " + stderrLog.getFileName() + " ---\n"
          + (text.length() > 3000 ? "..." + text.substring(text.length() - 3000) : text);
    } catch (IOException e) {
      return "";
    }
  }

  private static String abbreviate(String line) {
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  /** Ends the process if it is still running. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook ends the process.
    }
    try {
      commands.close();
    } catch (IOException e) {
      // The process has gone; nothing to tell it.
    }
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }
}
