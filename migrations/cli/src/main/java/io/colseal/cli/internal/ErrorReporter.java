package io.colseal.cli.internal;

import io.colseal.config.Redaction;
import io.colseal.exception.ColsealException;
import io.colseal.operations.report.JsonWriter;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a failure into its exit status and its messages: {@code colseal: CODE: message} on stderr,
 * and with {@code --json} also {@code {"error":{"code":..,"exitCode":..,"message":..}}} on stdout.
 *
 * <ul>
 *   <li>{@link ColsealException}: its {@code ErrorCode} and exit code.
 *   <li>{@link UsageException} (and picocli's parameter errors, wrapped by the caller): {@code USAGE}, 2.
 *   <li>anything else: {@code INTERNAL}, 1; the stack trace only with {@code --verbose}.
 * </ul>
 *
 * Every message, and the stack trace, passes through {@link #scrub}: known secret values become
 * {@code ****} and credentials in URLs are masked. Only colseal's own messages are printed, which
 * never quote a value: any other exception (a driver's, the JDK's) appears by its class, and an
 * {@link SQLException} by its SQLState and vendor code, because their messages can quote a
 * statement's parameters, that is plaintext or ciphertext. The stack trace ({@code --verbose})
 * follows the same rule for every cause.
 */
public final class ErrorReporter {
  public static final String USAGE = "USAGE";
  public static final String INTERNAL = "INTERNAL";
  public static final int USAGE_EXIT = 2;
  public static final int INTERNAL_EXIT = 1;

  private final PrintStream out;
  private final PrintStream err;
  private final Supplier<List<String>> secrets;

  public ErrorReporter(PrintStream out, PrintStream err, Supplier<List<String>> secrets) {
    this.out = out;
    this.err = err;
    this.secrets = secrets;
  }

  /** Prints {@code failure} and returns the exit status for it. */
  public int report(Throwable failure, boolean json, boolean verbose) {
    String code;
    int exit;
    String message;
    if (failure instanceof ColsealException ce) {
      code = ce.code().name();
      exit = ce.code().exitCode();
      String m = String.valueOf(ce.getMessage());
      message = m.startsWith(code + ": ") ? m.substring(code.length() + 2) : m;
    } else if (failure instanceof UsageException) {
      code = USAGE;
      exit = USAGE_EXIT;
      message = String.valueOf(failure.getMessage());
    } else {
      code = INTERNAL;
      exit = INTERNAL_EXIT;
      message = "unexpected " + describe(failure)
          + (verbose ? "" : " (run with --verbose for the stack trace)");
    }
    message = scrub(message);
    err.println("colseal: " + code + ": " + message);
    if (verbose && !(failure instanceof UsageException)) {
      err.print(scrub(trace(failure)));
    }
    err.flush();
    if (json) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("code", code);
      error.put("exitCode", exit);
      error.put("message", message);
      // One line, so that it also ends a stream of JSON lines (colseal reencrypt --json).
      out.print(JsonWriter.writeLine(Map.of("error", error)));
      out.flush();
    }
    return exit;
  }

  /**
   * The exception as it may be shown: colseal's message, or the class (with SQLState and vendor
   * code for SQL errors) for anything whose message could quote data.
   */
  static String describe(Throwable t) {
    if (t instanceof ColsealException || t instanceof UsageException) {
      return t.getClass().getName() + ": " + t.getMessage();
    }
    if (t instanceof SQLException e) {
      return t.getClass().getName() + " (SQLState " + e.getSQLState() + ", vendor code " + e.getErrorCode()
          + ", message withheld)";
    }
    return t.getClass().getName() + (t.getMessage() == null ? "" : " (message withheld)");
  }

  /** A stack trace of the cause chain in which every exception is {@linkplain #describe described}. */
  static String trace(Throwable failure) {
    StringBuilder sb = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      sb.append(t == failure ? "" : "Caused by: ").append(describe(t)).append(System.lineSeparator());
      for (StackTraceElement frame : t.getStackTrace()) {
        sb.append("\tat ").append(frame).append(System.lineSeparator());
      }
    }
    return sb.toString();
  }

  /** {@code text} with every known secret replaced by {@code ****} and URL credentials masked. */
  public String scrub(String text) {
    String s = text;
    for (String secret : secrets.get()) {
      if (secret.length() >= 3) {
        s = s.replace(secret, "****");
      }
    }
    return Redaction.maskUrl(s);
  }
}
