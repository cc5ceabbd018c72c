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
  void actuatorHealth_exposed_upWithTheDatabase() throws Exception {
    HttpResponse<String> health = get("/actuator/health");

    assertEquals(200, health.statusCode(), health.body());
    assertTrue(health.body().startsWith("{\"status\":\"UP\""), health.body());
    assertTrue(health.body().contains("\"db\":{"), health.body());
  }

  @Test
  void actuatorMetrics_exposed_listsTheDataSourceMeters() throws Exception {
    HttpResponse<String> metrics = get("/actuator/metrics");

    assertEquals(200, metrics.statusCode(), metrics.body());
    assertTrue(metrics.body().contains("\"hikaricp.connections\""), metrics.body());
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
