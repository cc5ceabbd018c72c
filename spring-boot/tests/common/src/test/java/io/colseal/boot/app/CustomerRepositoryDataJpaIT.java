package io.colseal.boot.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.EnvelopeHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code @DataJpaTest} as a user writes it (the line's own annotation, through {@link
 * AppDataJpaTest}): Boot's JPA slice on its own embedded H2, each test rolled back.
 */
@AppDataJpaTest
class CustomerRepositoryDataJpaIT {
  @Autowired CustomerRepository customers;
  @Autowired JdbcTemplate jdbc;

  @Test
  void saveAndFlush_encryptedAttributes_storedAsEnvelopesAndReadBack() {
    Customer saved = customers.saveAndFlush(new Customer("Gyu Han", "gyu@example.com", "010-7777-8888"));

    String storedName = jdbc.queryForObject("select name from customer where id = ?", String.class, saved.getId());
    Customer read = customers.findById(saved.getId()).orElseThrow();

    assertAll(
        () -> assertTrue(EnvelopeHeaders.isWellFormed(storedName), storedName),
        () -> assertFalse(storedName.contains("Gyu"), storedName),
        () -> assertEquals("Gyu Han", read.getName()));
  }

  @Test
  void findByEmail_deterministicAttribute_findsTheCustomer() {
    Customer saved = customers.saveAndFlush(new Customer("Hana Yoo", "hana@example.com", "010-1111-2222"));

    assertEquals(saved.getId(), customers.findByEmail("hana@example.com").orElseThrow().getId());
  }

  @Test
  void findByPhoneIndex_blindIndex_findsTheCustomer() {
    Customer saved = customers.saveAndFlush(new Customer("Iseul Ko", "iseul@example.com", "010-3434-5656"));

    assertEquals(List.of(saved.getId()),
        customers.findByPhoneIndex("01034345656").stream().map(Customer::getId).toList());
  }
}
