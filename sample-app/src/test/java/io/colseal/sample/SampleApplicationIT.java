package io.colseal.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.sample.JdbcBankAccounts.NewAccount;
import io.colseal.sample.JdbcBankAccounts.Payout;
import io.colseal.sample.data.CustomerProfile;
import io.colseal.sample.data.SampleData;
import io.colseal.sample.model.BankAccount;
import io.colseal.sample.model.Customer;
import io.colseal.sample.repository.BankAccountRepository;
import io.colseal.sample.repository.CustomerRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application as users start it (default profile: Flyway, JPA, colseal with a local KEK,
 * Actuator over HTTP), on an in-memory H2 database of its own: the searches on encrypted columns,
 * JdbcTemplate and JPA reading each other's values, and the exposed Actuator endpoints.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationIT {
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final List<CustomerProfile> PEOPLE = new SampleData(7, LocalDate.of(2026, 1, 1)).customers(5);

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:sample-" + RUN + ";DB_CLOSE_DELAY=-1");
    registry.add("demo.data-dir", () -> "target/test-data/" + RUN);
  }

  @LocalServerPort int port;
  @Autowired CustomerRepository customers;
  @Autowired BankAccountRepository accounts;
  @Autowired JdbcBankAccounts jdbcAccounts;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate transaction;

  private Customer save(CustomerProfile p) {
    return customers.save(p.newCustomer(Instant.now().truncatedTo(ChronoUnit.MICROS)));
  }

  @Test
  void findByEmail_deterministicColumn_findsTheCustomerFromItsPlaintextEmail() {
    CustomerProfile p = PEOPLE.get(0);
    save(p);

    Customer found = customers.findByEmail(p.email()).orElseThrow();

    assertEquals(p.memberNumber(), found.getMemberNumber());
    String stored = jdbc.queryForObject("SELECT email FROM customer WHERE member_number = ?", String.class,
        p.memberNumber());
    assertTrue(Objects.requireNonNull(stored).startsWith("cs1:02:"), "a deterministic (GCM-SIV) envelope");
  }

  @Test
  void findByEmail_unknownEmail_findsNothing() {
    save(PEOPLE.get(1));

    assertTrue(customers.findByEmail("nobody@example.com").isEmpty());
  }

  @Test
  void findByPhoneIndex_blindIndex_findsWithAndWithoutDashes() {
    CustomerProfile p = PEOPLE.get(2);
    save(p);

    List<Customer> asWritten = customers.findByPhoneIndex(p.phone());
    List<Customer> digits = customers.findByPhoneIndex(p.phone().replace("-", ""));

    assertEquals(List.of(p.memberNumber()), asWritten.stream().map(Customer::getMemberNumber).toList());
    assertEquals(List.of(p.memberNumber()), digits.stream().map(Customer::getMemberNumber).toList());
    String index = jdbc.queryForObject("SELECT phone_bidx FROM customer WHERE member_number = ?", String.class,
        p.memberNumber());
    assertTrue(Objects.requireNonNull(index).startsWith("bi1:"), index);
    assertFalse(index.contains(p.phone().replace("-", "")), index);
  }

  @Test
  void jdbcBankAccounts_writtenWithJdbcTemplate_readBackThroughJpaAndTheExport() {
    CustomerProfile p = PEOPLE.get(3);
    Customer c = save(p);

    transaction.executeWithoutResult(s -> jdbcAccounts.insert(
        List.of(new NewAccount(Objects.requireNonNull(c.getId()), p.bankName(), p.accountNumber()))));

    BankAccount read = accounts.findByOwner(c).orElseThrow();
    assertEquals(p.accountNumber(), read.getAccountNumber());
    List<Payout> export = new ArrayList<>();
    jdbcAccounts.forEachPayout(export::add);
    Payout line = export.stream().filter(l -> l.memberNumber().equals(p.memberNumber())).findFirst().orElseThrow();
    assertEquals(p.name(), line.holderName(), "the name JPA encrypted, decrypted by ColumnCipher");
    assertEquals(p.accountNumber(), line.accountNumber());
    String stored = jdbc.queryForObject("SELECT account_number FROM bank_account WHERE id = ?", String.class,
        read.getId());
    assertTrue(Objects.requireNonNull(stored).startsWith("cs1:01:"), "stored as a randomized envelope");
  }

  @Test
  void actuatorHealth_exposed_upWithColsealAndTheDatabase() throws Exception {
    HttpResponse<String> health = get("/actuator/health");

    assertEquals(200, health.statusCode(), health.body());
    String body = health.body();
    assertTrue(body.endsWith("\"status\":\"UP\"}"), body);
    assertTrue(body.contains("\"db\":{\"details\":{\"database\":\"H2\""), body);
    assertTrue(body.contains("\"colseal\":{\"details\":{\"keyTable\":\"reachable\",\"kek\":{\"provider\":\"local\""), body);
    String colseal = body.substring(body.indexOf("\"colseal\":"), body.indexOf("\"db\":"));
    assertTrue(colseal.endsWith("\"status\":\"UP\"},"), colseal);
    assertFalse(body.contains("colseal-demo-only"), "no keystore password in the health details");
  }

  @Test
  void actuatorMetrics_exposed_listsColsealAndDataSourceMeters() throws Exception {
    HttpResponse<String> metrics = get("/actuator/metrics");

    assertEquals(200, metrics.statusCode(), metrics.body());
    for (String meter : List.of("colseal.encryptions", "colseal.decryptions", "colseal.kms.calls", "hikaricp.connections")) {
      assertTrue(metrics.body().contains("\"" + meter + "\""), meter + " in " + metrics.body());
    }
  }

  @Test
  void actuatorMetrics_afterSavingACustomer_countsItsFiveEncryptedValues() throws Exception {
    save(PEOPLE.get(4));

    HttpResponse<String> encryptions = get("/actuator/metrics/colseal.encryptions?tag=table:customer");

    assertEquals(200, encryptions.statusCode(), encryptions.body());
    Matcher count = Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.]+)").matcher(encryptions.body());
    assertTrue(count.find(), encryptions.body());
    // name, email, phone, resident registration number and birth date; other tests may have saved customers too.
    assertTrue(Double.parseDouble(count.group(1)) >= 5, encryptions.body());
  }

  @Test
  void actuatorEnv_notExposed_notFound() throws Exception {
    assertEquals(404, get("/actuator/env").statusCode());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
