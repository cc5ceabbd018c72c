package io.colseal.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.sample.ByteScan.Needle;
import io.colseal.sample.Samples.ColumnSample;
import io.colseal.sample.Samples.CustomerSample;
import io.colseal.sample.data.CustomerProfile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole demo (the Spring Boot application with the demo profile) on an H2 file database,
 * then reads the database files byte by byte: no
 * personal value may be in them in any encoding, while values of plaintext columns must be.
 *
 * <p>The positive controls are what make the negative result mean something: ASCII member numbers,
 * Korean bank names and the stored envelopes of encrypted columns are all found, so pages are not
 * compressed and the scan knows how H2 writes text. They caught that H2 does not write standard
 * UTF-8 for Korean (see {@link ByteScan#h2String}); a scan for UTF-8 alone passed vacuously.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoH2FileIT {
  private static final int CUSTOMERS = 1000;

  private DemoResult result;
  private List<Path> databaseFiles;

  @BeforeAll
  void runDemo(@TempDir Path dir) throws Exception {
    Path database = dir.resolve("database");
    result = Demo.runInProcess(Map.of(
        "demo.customers", Integer.toString(CUSTOMERS),
        "demo.data-dir", dir.resolve("kek").toString(),
        "spring.datasource.url", "jdbc:h2:file:" + database.resolve("scan")));
    // The application closed its pool, and H2 closes a database with its last connection: the files are final.
    databaseFiles = ByteScan.filesUnder(database);
  }

  @Test
  void run_h2File_succeedsForEveryCustomer() {
    assertTrue(result.ok(), () -> "mismatches: " + result.mismatches());
    assertEquals(CUSTOMERS, result.customersRead());
    assertEquals(3L * CUSTOMERS, result.rowsRead());
  }

  @Test
  void databaseFiles_containNoPersonalValueInAnyEncoding() throws Exception {
    assertTrue(databaseFiles.stream().anyMatch(p -> p.getFileName().toString().endsWith(".mv.db")), databaseFiles::toString);
    List<Needle> needles = new ArrayList<>();
    for (CustomerProfile p : result.written()) {
      secret(needles, p, "name", p.name());
      secret(needles, p, "email", p.email());
      secret(needles, p, "phone", p.phone());
      secret(needles, p, "resident_registration_number", p.residentRegistrationNumber());
      secret(needles, p, "birth_date", p.birthDate().toString());
      secret(needles, p, "card_number", p.cardNumber());
      secret(needles, p, "account_number", p.accountNumber());
    }
    assertEquals(CUSTOMERS, result.written().size());

    Set<String> leaked = ByteScan.find(databaseFiles, needles);

    assertTrue(leaked.isEmpty(), () -> leaked.size() + " plaintext forms found in " + databaseFiles + ", e.g. "
        + leaked.stream().limit(10).toList());
  }

  @Test
  void databaseFiles_containEveryMemberNumber_soTheScanSeesStoredRows() throws Exception {
    List<Needle> needles = new ArrayList<>();
    for (CustomerProfile p : result.written()) {
      needles.add(new Needle(p.memberNumber(), p.memberNumber().getBytes(StandardCharsets.UTF_8)));
    }

    Set<String> found = ByteScan.find(databaseFiles, needles);

    assertEquals(CUSTOMERS, found.size(), "member numbers (plaintext column) found in the files");
  }

  @Test
  void databaseFiles_containEveryBankName_soTheScanSeesKoreanText() throws Exception {
    Set<String> banks = new HashSet<>();
    result.written().forEach(p -> banks.add(p.bankName()));
    List<Needle> needles = new ArrayList<>();
    for (String bank : banks) {
      needles.add(new Needle(bank, ByteScan.h2String(bank)));
    }

    Set<String> found = ByteScan.find(databaseFiles, needles);

    assertEquals(banks, found, "bank names (plaintext column) found in H2's string form");
  }

  @Test
  void databaseFiles_containTheStoredEnvelopes_soTheScanSeesEncryptedColumns() throws Exception {
    List<Needle> needles = new ArrayList<>();
    for (CustomerSample s : result.samples()) {
      for (ColumnSample c : s.columns()) {
        if (c.encrypted()) {
          assertTrue(c.stored().startsWith(StoredValues.ENVELOPE_PREFIX), c.column());
          needles.add(new Needle(s.memberNumber() + " " + c.column(), c.stored().getBytes(StandardCharsets.US_ASCII)));
        }
      }
    }
    assertFalse(needles.isEmpty());

    Set<String> found = ByteScan.find(databaseFiles, needles);

    assertEquals(needles.size(), found.size(), () -> "envelopes found: " + found);
  }

  /**
   * Adds every form a plaintext could take in a file: composed (NFC) and decomposed (NFD, which
   * splits Hangul syllables into jamo), each as standard UTF-8, as H2 writes strings (UTF-8 without
   * continuation bits, see {@link ByteScan#h2String}) and as UTF-16 in both byte orders; and for
   * values with separators, the bare digits.
   */
  private static void secret(List<Needle> out, CustomerProfile p, String field, String value) {
    String label = p.memberNumber() + " " + field;
    Set<String> forms = new HashSet<>();
    forms.add(Normalizer.normalize(value, Normalizer.Form.NFC));
    forms.add(Normalizer.normalize(value, Normalizer.Form.NFD));
    String digits = value.replaceAll("[^0-9]", "");
    if (!digits.equals(value) && digits.length() >= 8) {
      forms.add(digits);
    }
    for (String form : forms) {
      String nfd = form.equals(Normalizer.normalize(form, Normalizer.Form.NFC)) ? "" : " NFD";
      out.add(new Needle(label + " H2 string" + nfd + " '" + form + "'", ByteScan.h2String(form)));
      add(out, label + " UTF-8", form, StandardCharsets.UTF_8);
      add(out, label + " UTF-16LE", form, StandardCharsets.UTF_16LE);
      add(out, label + " UTF-16BE", form, StandardCharsets.UTF_16BE);
    }
  }

  private static void add(List<Needle> out, String label, String form, Charset charset) {
    String kind = form.equals(Normalizer.normalize(form, Normalizer.Form.NFC)) ? "" : " NFD";
    out.add(new Needle(label + kind + " '" + form + "'", form.getBytes(charset)));
  }
}
