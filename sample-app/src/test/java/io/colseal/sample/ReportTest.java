package io.colseal.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.keys.KeyRingStats;
import io.colseal.sample.ReadBack.Mismatch;
import io.colseal.sample.ReadBack.Verification;
import io.colseal.sample.StoredValues.EnvelopeCheck;
import io.colseal.sample.data.CustomerProfile;
import io.colseal.sample.data.SampleData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void shorten_shortValue_unchanged() {
    assertEquals("하나은행", Report.shorten("하나은행"));
  }

  @Test
  void shorten_longEnvelope_keepsStartAndGivesLength() {
    String envelope = "cs1:01:0000000001:" + "A".repeat(52);
    String shown = Report.shorten(envelope);
    assertTrue(shown.startsWith("cs1:01:0000000001:"), shown);
    assertTrue(shown.endsWith("(70 chars)"), shown);
    assertTrue(shown.length() <= Report.MAX_STORED_WIDTH, shown);
  }

  @Test
  void pad_hangul_countsTwoColumnsPerSyllable() {
    assertEquals(6, Report.displayWidth("김민준"));
    assertEquals("김민준" + " ".repeat(4), Report.pad("김민준", 10));
  }

  @Test
  void print_mismatch_reportsFailureAndTheField() {
    String out = print(result(List.of(new Mismatch("C0000002", "customer.email")), List.of(), 2));
    assertTrue(out.contains("MISMATCH C0000002 customer.email"), out);
    assertTrue(out.contains("RESULT: FAILED"), out);
  }

  @Test
  void print_plaintextColumn_reportsFailure() {
    String out = print(result(List.of(), List.of("customer.email: 2 values are not envelopes"), 2));
    assertTrue(out.contains("customer.email: 2 values are not envelopes"), out);
    assertTrue(out.contains("RESULT: FAILED"), out);
  }

  @Test
  void print_allEqual_reportsOk() {
    String out = print(result(List.of(), List.of(), 2));
    assertTrue(out.contains("RESULT: OK"), out);
    assertTrue(out.contains("spring.datasource.password = ****"), out);
  }

  @Test
  void print_searchMiss_reportsFailure() {
    DemoResult ok = result(List.of(), List.of(), 2);
    DemoResult r = new DemoResult(ok.settings(), ok.database(), ok.schemaVersion(), ok.migrationsApplied(), ok.written(),
        ok.batchSize(), ok.rowsWritten(), ok.statementsWhileWriting(), ok.verification(), ok.payouts(),
        new Lookups.Found(7, List.of("C0000001 findByEmail did not find the customer (0 found)")), ok.envelopes(),
        ok.samples(), ok.keyStats(), ok.keys(), ok.kek(), ok.timings());
    String out = print(r);
    assertTrue(out.contains("1 NOT FOUND"), out);
    assertTrue(out.contains("MISMATCH C0000001 findByEmail"), out);
    assertTrue(out.contains("RESULT: FAILED"), out);
  }

  @Test
  void ok_fewerRowsReadThanWritten_false() {
    DemoResult r = result(List.of(), List.of(), 1);
    assertFalse(r.ok());
  }

  private static DemoResult result(List<Mismatch> mismatches, List<String> envelopeProblems, int customersRead) {
    List<CustomerProfile> written = new SampleData(1, LocalDate.of(2026, 1, 1)).customers(2);
    Duration d = Duration.ofMillis(10);
    return new DemoResult(
        List.of("demo.customers = 2", "spring.datasource.password = ****"),
        "H2 test",
        "2",
        2,
        written,
        50,
        6,
        6,
        new Verification(customersRead, 2, 2, 16, mismatches),
        new JdbcBankAccounts.PayoutCheck(2, List.of()),
        new Lookups.Found(7, List.of()),
        new EnvelopeCheck(8, 16, envelopeProblems),
        List.of(),
        new KeyRingStats(3, 0, 16, 16, 3, 0),
        List.of(),
        "local KEK demo-kek",
        new DemoResult.Timings(d, d, d, d, d));
  }

  private static String print(DemoResult r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Report.print(r, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
