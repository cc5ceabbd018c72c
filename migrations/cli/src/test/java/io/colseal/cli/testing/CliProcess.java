package io.colseal.cli.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A colseal child process that prints JSON lines ({@code --json} of a long-running command), read
 * while it runs: a reader thread parses every stdout line into an event, hands it to a listener
 * and queues it, so a test can wait for events and act between them (kill the child after its
 * n-th {@code batch}, say) without sleeping.
 *
 * <p>Every line must be one JSON object with an {@code "event"} field, and no output may contain
 * {@link Cli#CANARY}; {@link #kill()} and {@link #waitFor()} assert both. Not thread safe: one
 * test thread drives it.
 */
public final class CliProcess implements AutoCloseable {
  /** A guard against a hung child, never a synchronisation: nothing should take this long. */
  private static final long HANG_MINUTES = 5;
  /** Exit status of a process ended by SIGKILL, as the JDK reports it on Linux: 128 + 9. */
  public static final int SIGKILL_STATUS = 137;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode END = JSON.createObjectNode().put("event", "<end of stdout>");

  private final Process process;
  private final String what;
  private final Path stderr;
  private final Consumer<JsonNode> listener;
  private final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
  private final List<JsonNode> events = new ArrayList<>(); // guarded by itself
  private final List<String> badLines = new ArrayList<>(); // guarded by events
  private final StringBuilder stdout = new StringBuilder(); // guarded by events
  private boolean lastLineBad; // guarded by events
  private final Thread reader;
  private final Map<String, Integer> consumed = new HashMap<>();
  private boolean ended;

  private CliProcess(Process process, String what, Path stderr, Consumer<JsonNode> listener) {
    this.process = process;
    this.what = what;
    this.stderr = stderr;
    this.listener = listener;
    this.reader = new Thread(this::read, "stdout of " + process.pid());
    reader.setDaemon(true);
  }

  static CliProcess start(ProcessBuilder pb, Path workDir, Consumer<JsonNode> listener, String what) {
    try {
      Path err = Files.createTempFile(workDir, "stderr", ".txt");
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
      pb.redirectError(err.toFile());
      CliProcess p = new CliProcess(pb.start(), what, err, listener);
      p.reader.start();
      return p;
    } catch (IOException e) {
      throw new AssertionError("cannot start " + what, e);
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        synchronized (events) {
          stdout.append(line).append('\n');
        }
        JsonNode event = parse(line);
        synchronized (events) {
          lastLineBad = event == null;
        }
        if (event != null) {
          synchronized (events) {
            events.add(event);
          }
          listener.accept(event);
          queue.add(event);
        }
      }
    } catch (IOException | RuntimeException e) {
      synchronized (events) {
        badLines.add("<reading stdout failed: " + e + ">");
      }
    } finally {
      queue.add(END);
    }
  }

  private JsonNode parse(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (node != null && node.isObject() && node.path("event").isTextual()) {
        return node;
      }
    } catch (IOException e) {
      // not an event; judged at the end
    }
    synchronized (events) {
      badLines.add(line);
    }
    return null;
  }

  public long pid() {
    return process.pid();
  }

  /** The next event in stdout order, or empty once stdout has ended. */
  public Optional<JsonNode> next() {
    if (ended) {
      return Optional.empty();
    }
    try {
      JsonNode e = queue.poll(HANG_MINUTES, TimeUnit.MINUTES);
      assertTrue(e != null, what + ": no output for " + HANG_MINUTES + " minutes");
      if (e == END) {
        ended = true;
        return Optional.empty();
      }
      consumed.merge(e.path("event").asText(), 1, Integer::sum);
      return Optional.of(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Reads events until {@code n} events named {@code name} have been read since the child started;
   * false if stdout ended first.
   */
  public boolean awaitEvents(String name, int n) {
    while (consumed.getOrDefault(name, 0) < n) {
      if (next().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** As {@link #awaitEvents}, but fails, with the child's output, if stdout ended first. */
  public void requireEvents(String name, int n) {
    if (!awaitEvents(name, n)) {
      throw new AssertionError(what + ": ended before " + n + " '" + name + "' events: " + finish());
    }
  }

  /**
   * Ends the child with SIGKILL, waits for it and for the end of its stdout, and asserts it died of
   * the signal (not of its own accord first). The signal is sent through the {@link ProcessHandle}
   * ({@code destroyForcibly()} is SIGKILL on Linux for both): {@link Process#destroyForcibly()}
   * would also close our end of the pipe, losing the events the child wrote before it died.
   */
  public Finished kill() {
    assertTrue(process.toHandle().supportsNormalTermination(), "a platform where destroyForcibly is SIGKILL");
    process.toHandle().destroyForcibly();
    Finished f = finish();
    assertEquals(SIGKILL_STATUS, f.exit(), what + ": should have died of SIGKILL\n" + f);
    return f;
  }

  /** Waits for the child to exit by itself; asserts only what holds for every run. */
  public Finished waitFor() {
    return finish();
  }

  private Finished finish() {
    try {
      if (!process.waitFor(HANG_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(what + ": did not finish in " + HANG_MINUTES + " minutes");
      }
      reader.join(TimeUnit.MINUTES.toMillis(HANG_MINUTES));
      assertFalse(reader.isAlive(), what + ": stdout did not end");
      String err = Files.readString(stderr, StandardCharsets.UTF_8);
      Files.deleteIfExists(stderr);
      List<JsonNode> all;
      List<String> bad;
      String out;
      boolean truncatedLast;
      synchronized (events) {
        all = List.copyOf(events);
        bad = List.copyOf(badLines);
        out = stdout.toString();
        truncatedLast = lastLineBad && badLines.size() == 1;
      }
      assertFalse(out.contains(Cli.CANARY), what + ": a secret on stdout");
      assertFalse(err.contains(Cli.CANARY), what + ": a secret on stderr");
      Finished f = new Finished(what, process.exitValue(), all, err);
      if (f.exit() == SIGKILL_STATUS && truncatedLast) {
        // SIGKILL may cut the line being written; only that last one.
        System.out.println(what + ": killed while writing its last line");
      } else if (f.exit() == 0 || f.exit() == SIGKILL_STATUS) {
        assertTrue(bad.isEmpty(), what + ": stdout lines that are not JSON events: " + bad + "\n" + f);
      } else if (!bad.isEmpty()) {
        // A fatal error before or instead of events: the one JSON error document every command prints.
        Cli.check(new CliResult(f.exit(), String.join("\n", bad), err), "--json");
      } else {
        Cli.check(new CliResult(f.exit(), "", err));
      }
      return f;
    } catch (IOException e) {
      throw new AssertionError("cannot read the stderr of " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Kills the child if a test failed before it ended. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }

  /** Exit status, every event and stderr of a child that has ended. */
  public record Finished(String what, int exit, List<JsonNode> events, String err) {
    /** The events named {@code name}, in order. */
    public List<JsonNode> events(String name) {
      return events.stream().filter(e -> name.equals(e.path("event").asText())).toList();
    }

    /** The one {@code summary} event, which must be the last line. */
    public JsonNode summary() {
      assertFalse(events.isEmpty(), "no events: " + this);
      JsonNode last = events.get(events.size() - 1);
      assertEquals("summary", last.path("event").asText(), "the last line should be the summary: " + this);
      assertEquals(1, events("summary").size(), "one summary: " + this);
      return last;
    }

    /** Asserts exit status 0 and returns this. */
    public Finished ok() {
      assertEquals(0, exit, "exit status of " + this);
      return this;
    }

    /** The sum of a numeric field over the events named {@code name}. */
    public long sum(String name, String field) {
      return events(name).stream().mapToLong(e -> e.path(field).asLong()).sum();
    }

    @Override
    public String toString() {
      // Events carry counts, ids and key versions only; stderr is checked for the canary before this is built.
      StringBuilder b = new StringBuilder(what).append("\nexit ").append(exit).append(", ").append(events.size())
          .append(" events");
      int from = Math.max(0, events.size() - 5);
      for (int i = from; i < events.size(); i++) {
        b.append("\n  ").append(events.get(i));
      }
      return b.append("\n--- stderr\n").append(err).toString();
    }
  }
}
