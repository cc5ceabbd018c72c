package io.colseal.spring.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.colseal.Colseal;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.boot.test.autoconfigure.orm.jpa.TestEntityManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code @DataJpaTest} works out of the box: the slice includes colseal's auto-configuration, on
 * the embedded H2 that Boot substitutes (H2 2.3.232 with Boot 3.5.7), with colseal.* as top-level
 * properties.
 */
// Flyway is on this module's test class path, so Boot would leave the schema to it: let Hibernate create it.
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=create-drop")
class DataJpaSliceIT {
  @DynamicPropertySource
  static void colseal(DynamicPropertyRegistry registry) {
    Path dir = Path.of("target", "data-jpa-slice");
    registry.add("colseal.kms.provider", () -> "local");
    registry.add("colseal.kms.kek-id", () -> "slice-kek");
    registry.add("colseal.kms.local.keystore", () -> dir.resolve("kek.p12").toAbsolutePath().toString());
    registry.add("colseal.kms.local.keystore-password", () -> "slice-keystore-password");
    registry.add("colseal.kms.local.create-if-missing", () -> "true");
  }

  @Autowired TestEntityManager entities;
  @Autowired CustomerRepository repository;
  @Autowired Colseal colseal;

  @Test
  void repository_savesAndReadsEncryptedField_storedAsCiphertext() {
    Customer c = new Customer();
    c.email = "linus@example.com";
    Long id = repository.saveAndFlush(c).id;
    entities.clear();

    assertEquals("linus@example.com", repository.findById(id).orElseThrow().email);
    Object stored = entities.getEntityManager()
        .createNativeQuery("SELECT email FROM customers WHERE id = " + id).getSingleResult();
    assertNotEquals("linus@example.com", stored);
    assertEquals(1, colseal.stats().table("customers").encryptions());
  }
}
