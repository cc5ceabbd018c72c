package io.colseal.boot.app;

import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link CustomerAppTests} on PostgreSQL ({@code COLSEAL_TEST_POSTGRES_URL}), in a schema of its
 * own that is dropped when the JVM ends, so the three Boot lines and the other modules never meet
 * in the shared database. Without a URL the class is skipped, or fails with {@code
 * COLSEAL_TEST_REQUIRE_DATABASES=true} (as in CI).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class PostgresCustomerAppIT extends CustomerAppTests {
  /** Skips (or fails) before Spring starts the context, which would wrap the skip in an error. */
  @BeforeAll
  static void server() {
    AppDatabases.postgres();
  }

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    AppDatabases.Schema db = AppDatabases.postgres();
    registry.add("spring.datasource.url", db::url);
    registry.add("spring.datasource.username", db::user);
    registry.add("spring.datasource.password", db::password);
  }
}
