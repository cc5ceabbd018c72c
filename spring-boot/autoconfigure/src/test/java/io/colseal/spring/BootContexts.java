package io.colseal.spring;

import io.colseal.spring.internal.ColsealAutoConfiguration;
import java.nio.file.Path;
import java.util.UUID;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.dao.PersistenceExceptionTranslationAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Application contexts as Spring Boot 3.5 builds them: the auto-configurations a Boot application
 * with spring-boot-starter-data-jpa gets, colseal's included, on a fresh in-memory H2 database and a
 * local KEK created in {@code dir}.
 */
final class BootContexts {
  static final String KEYSTORE_PASSWORD = "test-keystore-password-5f2a";

  private BootContexts() {}

  /** JPA, JDBC, transactions and colseal, with colseal.* set as top-level Boot properties. */
  static ApplicationContextRunner jpa(Path dir) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, HibernateJpaAutoConfiguration.class,
            TransactionAutoConfiguration.class, PersistenceExceptionTranslationAutoConfiguration.class,
            ColsealAutoConfiguration.class))
        .withPropertyValues(h2())
        .withPropertyValues(localKek(dir));
  }

  /** JDBC and colseal, no JPA. */
  static ApplicationContextRunner jdbc(Path dir) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, TransactionAutoConfiguration.class, ColsealAutoConfiguration.class))
        .withPropertyValues(h2())
        .withPropertyValues(localKek(dir));
  }

  static String h2() {
    return "spring.datasource.url=jdbc:h2:mem:boot_" + UUID.randomUUID().toString().replace("-", "")
        + ";DB_CLOSE_DELAY=-1";
  }

  static String[] localKek(Path dir) {
    return new String[] {
        "colseal.kms.provider=local",
        "colseal.kms.kek-id=boot-kek",
        "colseal.kms.local.keystore=" + dir.resolve("kek.p12"),
        "colseal.kms.local.keystore-password=" + KEYSTORE_PASSWORD,
        "colseal.kms.local.create-if-missing=true"};
  }
}
