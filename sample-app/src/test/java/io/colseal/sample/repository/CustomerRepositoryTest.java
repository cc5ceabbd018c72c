package io.colseal.sample.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.sample.data.CustomerProfile;
import io.colseal.sample.data.SampleData;
import io.colseal.sample.model.Customer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The repositories in Spring Boot's JPA test slice, on the embedded H2 database it substitutes:
 * Flyway's schema, colseal with the local KEK of {@code application.yml}, each test rolled back.
 */
@DataJpaTest
@TestPropertySource(properties = "demo.data-dir=target/test-data/data-jpa-test")
class CustomerRepositoryTest {
  private static final List<CustomerProfile> PEOPLE = new SampleData(11, LocalDate.of(2026, 1, 1)).customers(3);

  @Autowired CustomerRepository customers;
  @Autowired JdbcTemplate jdbc;

  private void saveAll() {
    for (CustomerProfile p : PEOPLE) {
      customers.save(p.newCustomer(Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }
    customers.flush();
  }

  @Test
  void findByEmail_savedCustomers_findsEachByItsEmail() {
    saveAll();

    for (CustomerProfile p : PEOPLE) {
      assertEquals(p.memberNumber(), customers.findByEmail(p.email()).orElseThrow().getMemberNumber());
    }
  }

  @Test
  void findByPhoneIndex_savedCustomers_findsEachByItsDigits() {
    saveAll();

    for (CustomerProfile p : PEOPLE) {
      List<Customer> found = customers.findByPhoneIndex(p.phone().replace("-", ""));
      assertEquals(List.of(p.memberNumber()), found.stream().map(Customer::getMemberNumber).toList());
    }
  }

  @Test
  void save_personalData_storedAsEnvelopes() {
    saveAll();

    for (String column : List.of("name", "email", "phone", "resident_registration_number", "birth_date")) {
      List<String> stored = jdbc.queryForList("SELECT " + column + " FROM customer", String.class);
      assertEquals(PEOPLE.size(), stored.size(), column);
      stored.forEach(v -> assertTrue(Objects.requireNonNull(v).startsWith("cs1:"), column));
    }
  }
}
