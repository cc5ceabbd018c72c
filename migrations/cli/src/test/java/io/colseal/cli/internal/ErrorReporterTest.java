package io.colseal.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@code colseal} prints for a failure: colseal's own messages, but never the message of a
 * driver or JDK exception, which can quote a statement's parameters (plaintext under {@code
 * reencrypt --decrypt}); neither in the error line nor in the {@code --verbose} stack trace.
 */
class ErrorReporterTest {
  private static final String CANARY = "CANARY-plaintext-8841@example.com";

  private record Printed(int exit, String out, String err) {}

  private static Printed report(Throwable failure, boolean json, boolean verbose) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = new ErrorReporter(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), List::of).report(failure, json, verbose);
    return new Printed(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static RuntimeException driverFailure() {
    SQLException batch = new SQLException("Batch entry 0 UPDATE accounts SET iban = '" + CANARY + "' was aborted",
        "23505", 7);
    return new IllegalStateException("wrapping " + CANARY, batch);
  }

  @Test
  void unexpectedFailure_quotingAValue_printsClassAndSqlCodesButNoMessage() {
    for (boolean verbose : new boolean[] {false, true}) {
      Printed p = report(driverFailure(), true, verbose);
      assertEquals(ErrorReporter.INTERNAL_EXIT, p.exit());
      assertFalse(p.err().contains(CANARY), p.err());
      assertFalse(p.out().contains(CANARY), p.out());
      assertTrue(p.err().startsWith("colseal: INTERNAL: unexpected java.lang.IllegalStateException (message withheld)"),
          p.err());
      assertTrue(p.out().contains("\"code\":\"INTERNAL\""), p.out());
      if (verbose) {
        assertTrue(p.err().contains("Caused by: java.sql.SQLException (SQLState 23505, vendor code 7, message withheld)"),
            p.err());
        assertTrue(p.err().contains("\tat io.colseal.cli.internal.ErrorReporterTest.driverFailure"), p.err());
      } else {
        assertFalse(p.err().contains("\tat "), p.err());
      }
    }
  }

  @Test
  void colsealFailure_printsItsMessage_andInTheTraceToo() {
    ColsealException e = new ColsealException(ErrorCode.KEY_IN_USE, "customers v1 still has 3 rows",
        new SQLException("SELECT ... '" + CANARY + "'", "40001", 0));
    Printed p = report(e, false, true);
    assertEquals(ErrorCode.KEY_IN_USE.exitCode(), p.exit());
    assertTrue(p.err().startsWith("colseal: KEY_IN_USE: customers v1 still has 3 rows"), p.err());
    assertTrue(p.err().contains("Caused by: java.sql.SQLException (SQLState 40001"), p.err());
    assertFalse(p.err().contains(CANARY), p.err());
  }
}
