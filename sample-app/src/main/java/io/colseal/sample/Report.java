package io.colseal.sample;

import io.colseal.keys.KeyRingStats;
import io.colseal.keys.KeyVersion;
import io.colseal.sample.ReadBack.Verification;
import io.colseal.sample.Samples.ColumnSample;
import io.colseal.sample.Samples.CustomerSample;
import java.io.PrintStream;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * Prints a {@link DemoResult} for people. Stored forms are shortened; passwords never appear,
 * because {@link ShownSettings} masks them.
 */
final class Report {
  static final int MAX_STORED_WIDTH = 44;
  private static final int COLUMN_WIDTH = 48;
  private static final int VALUE_WIDTH = 26;
  private static final int MAX_MISMATCHES_SHOWN = 10;

  private Report() {}

  static void print(DemoResult r, PrintStream out) {
    Verification v = r.verification();
    out.println();
    out.println("colseal sample: customers with a payment card and a bank account; personal data is @Encrypted");
    out.println();
    out.println("Settings");
    for (String line : r.settings()) {
      out.println("  " + line);
    }
    out.println("Database   " + r.database() + "; application schema at Flyway version " + r.schemaVersion()
        + " (" + r.migrationsApplied() + (r.migrationsApplied() == 1 ? " migration" : " migrations")
        + " applied by this run)");
    out.println("KEK        " + r.kek());
    out.println();

    long customers = r.written().size();
    out.println("Wrote      " + count(r.rowsWritten()) + " rows (" + count(customers) + " customers, "
        + count(customers) + " cards, " + count(customers) + " accounts) in " + seconds(r.timings().write()) + ", "
        + perSecond(r.rowsWritten(), r.timings().write()) + " rows/s; JDBC batches of "
        + r.batchSize() + ", " + count(r.statementsWhileWriting()) + " statements prepared by Hibernate;"
        + " customers and cards through JPA repositories, accounts through JdbcTemplate and ColumnCipher");
    out.println("Read       " + count(v.rowsRead()) + " rows (" + count(v.customersRead()) + " customers, "
        + count(v.cardsRead()) + " cards, " + count(v.accountsRead()) + " accounts) in "
        + seconds(r.timings().readAndVerify()) + " and compared " + count(v.encryptedValuesCompared())
        + " decrypted values with what was written: "
        + (v.mismatches().isEmpty() ? "all equal" : count(v.mismatches().size()) + " MISMATCHES"));
    out.println("Exported   " + count(r.payouts().rows()) + " payout lines with JdbcTemplate, holder names and account"
        + " numbers decrypted by ColumnCipher: "
        + (r.payouts().mismatches().isEmpty() ? "all equal" : count(r.payouts().mismatches().size()) + " MISMATCHES"));
    out.println("Searched   " + r.lookups().searches() + " times: findByEmail (deterministic column) and"
        + " findByPhoneIndex (blind index) with plaintext parameters: "
        + (r.lookups().misses().isEmpty() ? "every customer found" : r.lookups().misses().size() + " NOT FOUND"));
    out.println("Stored     " + r.envelopes().columns() + " encrypted columns read with plain JDBC: "
        + count(r.envelopes().values()) + " values, "
        + (r.envelopes().problems().isEmpty() ? "every one an envelope (" + StoredValues.ENVELOPE_PREFIX + "...)"
            : "SOME ARE NOT ENVELOPES"));
    for (String problem : r.envelopes().problems()) {
      out.println("             " + problem);
    }
    List<String> mismatches = r.mismatches();
    for (String m : mismatches.subList(0, Math.min(MAX_MISMATCHES_SHOWN, mismatches.size()))) {
      out.println("  MISMATCH " + m);
    }
    if (mismatches.size() > MAX_MISMATCHES_SHOWN) {
      out.println("  ... and " + count(mismatches.size() - MAX_MISMATCHES_SHOWN) + " more");
    }

    for (CustomerSample sample : r.samples()) {
      out.println();
      out.println("Customer " + sample.memberNumber() + " (tier " + sample.tier() + ")");
      out.println("  " + pad("column", COLUMN_WIDTH) + pad("read through JPA", VALUE_WIDTH)
          + "stored in the database (plain JDBC)");
      for (ColumnSample c : sample.columns()) {
        String label = c.column() + (c.encrypted() ? "" : "  (not encrypted)");
        out.println("  " + pad(label, COLUMN_WIDTH) + pad(c.decrypted(), VALUE_WIDTH) + shorten(c.stored()));
      }
    }

    out.println();
    out.println("Data keys in colseal_data_key (wrapped; the plaintext keys exist only in memory)");
    for (KeyVersion k : r.keys()) {
      out.println("  " + pad(k.table(), 16) + pad("v" + k.version(), 4) + pad(k.state().name(), 14)
          + pad(k.algorithm().name(), 13) + k.kekProvider() + " KEK " + k.kekId() + ", created "
          + k.createdAt().truncatedTo(ChronoUnit.SECONDS));
    }
    KeyRingStats s = r.keyStats();
    out.println("KMS calls  " + count(s.kmsCalls()) + " (" + count(s.kmsGenerateCalls()) + " data keys generated, "
        + count(s.kmsUnwrapCalls()) + " unwrapped) for " + count(s.encryptions()) + " encryptions and "
        + count(s.decryptions()) + " decryptions");
    DemoResult.Timings t = r.timings();
    out.println("Elapsed    start-up " + seconds(t.startup()) + " (Spring Boot: pool, Flyway, Hibernate, colseal), write "
        + seconds(t.write()) + ", read and verify " + seconds(t.readAndVerify()) + ", stored-form check "
        + seconds(t.storedCheck()) + ", total " + seconds(t.total()));
    out.println();
    out.println(r.ok()
        ? "RESULT: OK, every value read back as written and is stored encrypted"
        : "RESULT: FAILED, see the MISMATCH, search and envelope lines above");
  }

  /** {@code value} if it is short, else its start and its length. */
  static String shorten(String value) {
    if (value.length() <= MAX_STORED_WIDTH) {
      return value;
    }
    return value.substring(0, MAX_STORED_WIDTH - 14) + "... (" + value.length() + " chars)";
  }

  /** Pads to {@code width} terminal columns (Hangul and other wide characters take two), at least one space. */
  static String pad(String s, int width) {
    return s + " ".repeat(Math.max(1, width - displayWidth(s)));
  }

  static int displayWidth(String s) {
    return s.codePoints().map(cp -> isWide(cp) ? 2 : 1).sum();
  }

  private static boolean isWide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F) // Hangul Jamo initial consonants
        || (cp >= 0x2E80 && cp <= 0xA4CF) // CJK radicals .. Yi
        || (cp >= 0xAC00 && cp <= 0xD7A3) // Hangul syllables
        || (cp >= 0xF900 && cp <= 0xFAFF) // CJK compatibility ideographs
        || (cp >= 0xFF00 && cp <= 0xFF60) // full-width forms
        || (cp >= 0xFFE0 && cp <= 0xFFE6);
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
  }

  private static String perSecond(long n, Duration d) {
    long nanos = Math.max(1, d.toNanos());
    return count(Math.round(n * 1e9 / nanos));
  }
}
