package io.colseal.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.sample.data.CustomerProfile;
import io.colseal.sample.model.BankAccount;
import io.colseal.sample.model.CardBrand;
import io.colseal.sample.model.Customer;
import io.colseal.sample.model.CustomerTier;
import io.colseal.sample.model.PaymentCard;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import io.colseal.sample.repository.BankAccountRepository;
import io.colseal.sample.repository.CustomerRepository;
import io.colseal.sample.repository.PaymentCardRepository;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo (the Spring Boot application with the demo profile) on each database the sample
 * supports, each run on a fresh schema or database from
 * {@link TestDatabase} ({@code COLSEAL_TEST_POSTGRES_URL}, {@code COLSEAL_TEST_MARIADB_URL}), with
 * its own KEK keystore. The stored form is checked with plain JDBC, independently of the demo's own
 * checks.
 */
class DemoDatabasesIT {
  private static final int CUSTOMERS = 120;
  /** Randomized columns: AES-256-GCM, algorithm 01. */
  private static final Pattern TEXT_HEADER = Pattern.compile("cs1:01:\\d{10}:");
  /** customer.email is deterministic: AES-256-GCM-SIV, algorithm 02. */
  private static final Pattern DETERMINISTIC_HEADER = Pattern.compile("cs1:02:\\d{10}:");
  private static final Pattern BLIND_INDEX = Pattern.compile("bi1:1:[A-Za-z0-9_-]{43}");
  private static final int HEADER = 18;
  private static final int NONCE_AND_TAG = 12 + 16;
  /** A deterministic envelope stores no nonce (AES-GCM-SIV with a fixed one): ciphertext and tag. */
  private static final int TAG = 16;

  @TempDir Path dir;

  private Map<String, String> settings(TestDatabase db) {
    return Map.of(
        "demo.customers", Integer.toString(CUSTOMERS),
        "demo.batch-size", "25",
        "demo.data-dir", dir.toString(),
        "spring.datasource.url", db.url(),
        "spring.datasource.username", db.user(),
        "spring.datasource.password", db.password());
  }

  @EachDatabase
  void run_eachDatabase_readsBackEveryValue(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      DemoResult r = Demo.runInProcess(settings(db));

      assertTrue(r.ok(), () -> "mismatches: " + r.mismatches() + ", envelopes: " + r.envelopes().problems());
      assertEquals(CUSTOMERS, r.customersRead());
      assertEquals(3L * CUSTOMERS, r.rowsRead());
      assertEquals(8L * CUSTOMERS, r.verification().encryptedValuesCompared());
    }
  }

  @EachDatabase
  void run_eachDatabase_storesEnvelopesOfTheRightLengthAndPlainColumnsAsIs(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      DemoResult r = Demo.runInProcess(settings(db));
      Map<String, CustomerProfile> byMember = new HashMap<>();
      r.written().forEach(p -> byMember.put(p.memberNumber(), p));
      int customers = 0;
      int cards = 0;
      int accounts = 0;

      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        try (ResultSet rs = st.executeQuery("SELECT member_number, name, email, phone, resident_registration_number,"
            + " birth_date, tier, phone_bidx FROM customer")) {
          while (rs.next()) {
            CustomerProfile p = expected(byMember, rs.getString(1));
            assertEnvelope(p, "name", p.name(), rs.getString(2));
            assertEnvelope(p, "email", DETERMINISTIC_HEADER, TAG + p.email().getBytes(StandardCharsets.UTF_8).length,
                p.email(), rs.getString(3));
            assertTrue(BLIND_INDEX.matcher(rs.getString(8)).matches(), () -> p.memberNumber() + " phone_bidx");
            assertEnvelope(p, "phone", p.phone(), rs.getString(4));
            assertEnvelope(p, "resident_registration_number", p.residentRegistrationNumber(), rs.getString(5));
            assertEnvelope(p, "birth_date", 8, p.birthDate().toString(), rs.getString(6));
            assertEquals(p.tier().name(), rs.getString(7), "plaintext column tier");
            customers++;
          }
        }
        try (ResultSet rs = st.executeQuery("SELECT c.member_number, p.card_number, p.expiry, p.last4, p.brand"
            + " FROM payment_card p JOIN customer c ON c.id = p.customer_id")) {
          while (rs.next()) {
            CustomerProfile p = expected(byMember, rs.getString(1));
            assertEnvelope(p, "card_number", p.cardNumber(), rs.getString(2));
            assertEnvelope(p, "expiry", p.cardExpiry(), rs.getString(3));
            assertEquals(p.cardNumber().substring(12), rs.getString(4), "plaintext column last4");
            assertEquals(p.cardBrand().name(), rs.getString(5), "plaintext column brand");
            cards++;
          }
        }
        try (ResultSet rs = st.executeQuery("SELECT c.member_number, a.account_number, a.bank_name"
            + " FROM bank_account a JOIN customer c ON c.id = a.customer_id")) {
          while (rs.next()) {
            CustomerProfile p = expected(byMember, rs.getString(1));
            assertEnvelope(p, "account_number", p.accountNumber(), rs.getString(2));
            assertEquals(p.bankName(), rs.getString(3), "plaintext column bank_name");
            accounts++;
          }
        }
      }

      assertEquals(CUSTOMERS, customers);
      assertEquals(CUSTOMERS, cards);
      assertEquals(CUSTOMERS, accounts);
    }
  }

  @EachDatabase
  void run_twice_secondRunUnwrapsTheFirstRunsKeysAndKeepsCounts(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      // On H2 the second start's pool finds the first's sessions closed: what h2/V2 rewrites the checks for.
      DemoResult first = Demo.runInProcess(settings(db));
      DemoResult second = Demo.runInProcess(settings(db));

      assertTrue(first.ok() && second.ok(), () -> first.mismatches() + " / " + second.mismatches());
      // One data key per table and the blind-index key customer#bidx.
      assertEquals(4, first.keyStats().kmsGenerateCalls());
      assertEquals(0, first.keyStats().kmsUnwrapCalls());
      assertEquals(0, second.keyStats().kmsGenerateCalls());
      assertEquals(4, second.keyStats().kmsUnwrapCalls());
      assertEquals(List.of("bank_account", "customer", "customer#bidx", "payment_card"),
          second.keys().stream().map(KeyVersion::table).sorted().toList());
      for (KeyVersion k : second.keys()) {
        assertEquals(1, k.version(), k.table());
        assertEquals(KeyState.ACTIVE, k.state(), k.table());
      }
      assertEquals(0, second.migrationsApplied());
      assertEquals(CUSTOMERS, count(db, "customer"));
      assertEquals(CUSTOMERS, count(db, "payment_card"));
      assertEquals(CUSTOMERS, count(db, "bank_account"));
    }
  }

  @EachDatabase
  void schema_longestPlaintexts_fitTheEncryptedColumns(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      // Hangul takes 3 UTF-8 bytes, the most a UTF-16 unit can: the longest envelope per column.
      String name = "가".repeat(50);
      String email = "각".repeat(254);
      String phone = "간".repeat(20);
      String rrn = "갇".repeat(14);
      String cardNumber = "갈".repeat(19);
      String expiry = "감".repeat(5);
      String accountNumber = "갑".repeat(30);
      List<String> args = new ArrayList<>();
      settings(db).forEach((k, v) -> args.add("--" + k + "=" + v));
      // The application without the demo profile: nothing runs but what this test calls.
      try (ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class)
          .web(WebApplicationType.NONE).run(args.toArray(String[]::new))) {
        CustomerRepository customers = app.getBean(CustomerRepository.class);
        TransactionTemplate tx = app.getBean(TransactionTemplate.class);
        tx.executeWithoutResult(s -> {
          Customer c = customers.save(new Customer("M-LONGEST", name, email, phone, rrn, LocalDate.of(9999, 12, 31),
              CustomerTier.VIP, Instant.now().truncatedTo(ChronoUnit.MICROS)));
          app.getBean(PaymentCardRepository.class).save(new PaymentCard(c, CardBrand.MASTERCARD, cardNumber, expiry));
          app.getBean(BankAccountRepository.class).save(new BankAccount(c, "가".repeat(40), accountNumber));
        });
        tx.executeWithoutResult(s -> {
          Customer c = customers.findByEmail(email).orElseThrow();
          PaymentCard card = app.getBean(PaymentCardRepository.class).findByHolder(c).orElseThrow();
          BankAccount account = app.getBean(BankAccountRepository.class).findByOwner(c).orElseThrow();
          assertEquals("M-LONGEST", c.getMemberNumber());
          assertEquals(name, c.getName());
          assertEquals(phone, c.getPhone());
          assertEquals(rrn, c.getResidentRegistrationNumber());
          assertEquals(LocalDate.of(9999, 12, 31), c.getBirthDate());
          assertEquals(cardNumber, card.getCardNumber());
          assertEquals(expiry, card.getExpiry());
          assertEquals(accountNumber, account.getAccountNumber());
        });
      }
    }
  }

  private static CustomerProfile expected(Map<String, CustomerProfile> byMember, String memberNumber) {
    CustomerProfile p = byMember.get(memberNumber);
    assertNotNull(p, () -> "row of a customer the demo did not write: " + memberNumber);
    return p;
  }

  private static void assertEnvelope(CustomerProfile p, String column, String plaintext, String stored) {
    assertEnvelope(p, column, plaintext.getBytes(StandardCharsets.UTF_8).length, plaintext, stored);
  }

  private static void assertEnvelope(CustomerProfile p, String column, int plaintextBytes, String plaintext,
      String stored) {
    assertEnvelope(p, column, TEXT_HEADER, NONCE_AND_TAG + plaintextBytes, plaintext, stored);
  }

  /** A text envelope of {@code bodyBytes} after the header (Base64-decoded), holding no plaintext. */
  private static void assertEnvelope(CustomerProfile p, String column, Pattern header, int bodyBytes,
      String plaintext, String stored) {
    String where = p.memberNumber() + " " + column;
    assertNotNull(stored, where);
    assertTrue(header.matcher(stored).lookingAt(), () -> where + " is not a cs1 text envelope of " + header);
    assertFalse(stored.contains(plaintext), where + " contains its plaintext");
    byte[] body = Base64.getDecoder().decode(stored.substring(HEADER));
    assertEquals(bodyBytes, body.length, where + ": (nonce +) ciphertext + tag");
  }

  private static int count(TestDatabase db, String table) throws SQLException {
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
