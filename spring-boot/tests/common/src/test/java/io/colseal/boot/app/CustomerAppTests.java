package io.colseal.boot.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.EncryptionMode;
import io.colseal.EnvelopeHeaders;
import io.colseal.KeyAdmin;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.keys.KeyVersion;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application's behaviour with colseal, run as it runs in production: a whole Boot context
 * with its web server, on one database ({@link H2CustomerAppIT}, {@link PostgresCustomerAppIT}).
 * The subclasses add nothing but the database, so each Boot line caches one context per database
 * and every test here shares it; each test writes customers of its own (fresh e-mail addresses).
 */
abstract class CustomerAppTests {
  static final String TABLE = "customer";

  @Autowired CustomerRepository customers;
  @Autowired JdbcTemplate jdbc;
  @Autowired Colseal colseal;
  @Autowired MeterRegistry meters;
  @Autowired DataSource dataSource;
  @Autowired Environment environment;

  private static String uniqueEmail(String who) {
    return who + "-" + UUID.randomUUID() + "@example.com";
  }

  private Customer saveCustomer(String name, String phone) {
    return customers.save(new Customer(name, uniqueEmail(name.toLowerCase(java.util.Locale.ROOT)), phone));
  }

  private Map<String, Object> storedRow(long id) {
    return jdbc.queryForMap("select name, email, phone, phone_bidx from customer where id = ?", id);
  }

  @Test
  void save_encryptedAttributes_readBackAsWritten() {
    Customer saved = saveCustomer("Alice Kim", "+82 10-1234-5678");

    Customer read = customers.findById(saved.getId()).orElseThrow();

    assertAll(
        () -> assertEquals("Alice Kim", read.getName()),
        () -> assertEquals(saved.getEmail(), read.getEmail()),
        () -> assertEquals("+82 10-1234-5678", read.getPhone()));
  }

  @Test
  void save_storedColumns_areEnvelopesNeverPlaintext() {
    Customer saved = saveCustomer("Bora Lee", "010-2222-3333");
    int active = colseal.stats().table(TABLE).activeVersion();

    Map<String, Object> row = storedRow(saved.getId());

    String name = (String) row.get("name");
    String email = (String) row.get("email");
    String phone = (String) row.get("phone");
    String index = (String) row.get("phone_bidx");
    assertAll(
        () -> assertTrue(name.startsWith(EnvelopeHeaders.text(EncryptionMode.RANDOMIZED, active)), name),
        () -> assertTrue(email.startsWith(EnvelopeHeaders.text(EncryptionMode.DETERMINISTIC, active)), email),
        () -> assertTrue(phone.startsWith(EnvelopeHeaders.text(EncryptionMode.RANDOMIZED, active)), phone),
        () -> assertTrue(EnvelopeHeaders.isWellFormed(name) && EnvelopeHeaders.isWellFormed(email)
            && EnvelopeHeaders.isWellFormed(phone), "well-formed envelopes"),
        () -> assertFalse(name.contains("Bora"), name),
        () -> assertFalse(email.contains("bora"), email),
        () -> assertFalse(phone.contains("2222") || index.contains("2222"), phone + " " + index),
        () -> assertTrue(index.startsWith("bi1:"), index));
  }

  @Test
  void findByEmail_deterministicAttribute_findsTheCustomer() {
    Customer saved = saveCustomer("Chul Park", "010-3333-4444");
    saveCustomer("Other Park", "010-3333-5555");

    Customer found = customers.findByEmail(saved.getEmail()).orElseThrow();

    assertEquals(saved.getId(), found.getId());
    assertEquals("Chul Park", found.getName());
  }

  @Test
  void findByPhoneIndex_blindIndexOtherFormatting_findsTheCustomer() {
    String digits = String.valueOf(10_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(90_000_000));
    Customer saved = saveCustomer("Dana Choi", "010-" + digits.substring(0, 4) + "-" + digits.substring(4));

    List<Customer> found = customers.findByPhoneIndex("(010) " + digits);

    assertEquals(List.of(saved.getId()), found.stream().map(Customer::getId).toList());
  }

  /**
   * A rotation by another process, as {@code colseal keys rotate} makes it (a {@link KeyAdmin} on
   * the same database with the application's KEK), while the application runs: its next write is
   * under the new version, read from the stored envelope's header, and findByEmail finds rows of
   * both versions.
   */
  @Test
  void rotate_byAnotherProcess_newWritesUseNewVersionAndFindByEmailFindsBoth() {
    Customer before = saveCustomer("Eun Jung", "010-4444-0001");
    int oldVersion = colseal.stats().table(TABLE).activeVersion();
    assertTrue(storedEmail(before).startsWith(EnvelopeHeaders.text(EncryptionMode.DETERMINISTIC, oldVersion)));

    KeyVersion rotated;
    try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(dataSource), operatorConfig())) {
      rotated = admin.rotate(TABLE);
    }
    Customer after = saveCustomer("Eun Jung", "010-4444-0002");

    assertAll(
        () -> assertEquals(oldVersion + 1, rotated.version()),
        () -> assertTrue(storedEmail(after).startsWith(
            EnvelopeHeaders.text(EncryptionMode.DETERMINISTIC, rotated.version())), storedEmail(after)),
        () -> assertEquals(rotated.version(), colseal.stats().table(TABLE).activeVersion()),
        () -> assertEquals(rotated.version(), meters.get("colseal.key.version").tag("table", TABLE).gauge().value()),
        () -> assertEquals(before.getId(), customers.findByEmail(before.getEmail()).orElseThrow().getId()),
        () -> assertEquals(after.getId(), customers.findByEmail(after.getEmail()).orElseThrow().getId()),
        () -> assertEquals("Eun Jung", customers.findById(before.getId()).orElseThrow().getName()));
  }

  private String storedEmail(Customer c) {
    return jdbc.queryForObject("select email from customer where id = ?", String.class, c.getId());
  }

  /** The operator's configuration: the application's KEK provider settings, nothing else. */
  private ColsealConfig operatorConfig() {
    return ColsealConfig.fromProperties(Map.of(
        "colseal.kms.provider", environment.getRequiredProperty("colseal.kms.provider"),
        "colseal.kms.kek-id", environment.getRequiredProperty("colseal.kms.kek-id"),
        "colseal.kms.local.keystore", environment.getRequiredProperty("colseal.kms.local.keystore"),
        "colseal.kms.local.keystore-password", environment.getRequiredProperty("colseal.kms.local.keystore-password")));
  }

  /**
   * Each save writes three {@code @Encrypted} values (name, email, phone), each one encryption; the
   * blind index is an HMAC, not an encryption, and nothing else in the context encrypts meanwhile
   * (the tests of a class run one after another).
   */
  @Test
  void save_100Customers_encryptionsMeterCounts300() {
    double before = encryptions();

    for (int i = 0; i < 100; i++) {
      saveCustomer("Meter " + i, "010-5555-" + (1000 + i));
    }

    assertEquals(300.0, encryptions() - before);
  }

  private double encryptions() {
    return meters.get("colseal.encryptions").tag("table", TABLE).functionCounter().count();
  }

  @Test
  void health_localKek_isUp() {
    Json health = LineApi.getJson(environment, "/actuator/health/colseal");

    Map<?, ?> details = (Map<?, ?>) health.body().get("details");
    assertAll(
        () -> assertEquals(200, health.status(), health.toString()),
        () -> assertEquals("UP", health.body().get("status"), health.toString()),
        () -> assertEquals("reachable", details.get("keyTable"), health.toString()),
        () -> assertEquals("local", ((Map<?, ?>) details.get("kek")).get("provider"), health.toString()),
        () -> assertFalse(health.toString().contains(environment.getProperty("colseal.kms.local.keystore-password")),
            "the keystore password is shown"));
  }
}
