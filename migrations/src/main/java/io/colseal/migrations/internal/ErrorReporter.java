package io.colseal.migrations.internal;

import io.colseal.ColsealException;
import io.colseal.Redaction;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * {@code ****} and credentials in URLs are masked.
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
      message = "unexpected " + failure.getClass().getSimpleName()
          + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
          + (verbose ? "" : " (run with --verbose for the stack trace)");
    }
    message = scrub(message);
    err.println("colseal: " + code + ": " + message);
    if (verbose && !(failure instanceof UsageException)) {
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      err.print(scrub(trace.toString()));
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
