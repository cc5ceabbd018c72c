package io.colseal.spring.boot4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.colseal.Colseal;
import io.colseal.hibernate.ColsealHibernate;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.hibernate.Version;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auto-configuration jar, compiled against Boot 3.5 and Boot 4.0's moved types, in a Boot
 * 4.0.7 application on Hibernate 7.2 and H2 2.4: top-level colseal.* reaches Hibernate, the
 * Colseal bean is the SessionFactory's, and the health indicator is Boot 4's type.
 */
class Boot4ContextIT {
  @TempDir Path dir;

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(Boot4App.class).web(WebApplicationType.NONE).properties(
        "spring.datasource.url=jdbc:h2:mem:b4_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1",
        "spring.jpa.hibernate.ddl-auto=create-drop",
        "colseal.kms.provider=local", "colseal.kms.kek-id=boot4-kek",
        "colseal.kms.local.keystore=" + dir.resolve("kek.p12"),
        "colseal.kms.local.keystore-password=boot4-keystore-password",
        "colseal.kms.local.create-if-missing=true", "colseal.keys.cache-ttl=3m").run();
  }

  @Test
  void boot4_settingsReachHibernate_repositoryRoundTrips() {
    try (ConfigurableApplicationContext context = start()) {
      assertEquals("7.2", Version.getVersionString().substring(0, 3));
      Note n = new Note();
      n.body = "meet at noon";
      Long id = context.getBean(NoteRepository.class).save(n).id;
      assertNotEquals("meet at noon", context.getBean(JdbcTemplate.class)
          .queryForObject("SELECT body FROM notes WHERE id = ?", String.class, id));
      assertEquals("meet at noon", context.getBean(NoteRepository.class).findById(id).orElseThrow().body);
      Colseal colseal = context.getBean(Colseal.class);
      assertEquals(Duration.ofMinutes(3), colseal.config().keyCacheTtl());
      assertSame(ColsealHibernate.colseal(context.getBean(EntityManagerFactory.class)
          .unwrap(SessionFactoryImplementor.class)), colseal);
    }
  }

  @Test
  void boot4_healthIndicator_isBoot4Type_andUp() {
    try (ConfigurableApplicationContext context = start()) {
      HealthIndicator indicator = assertInstanceOf(HealthIndicator.class, context.getBean("colsealHealthIndicator"));
      Health health = indicator.health();
      assertEquals(Status.UP, health.getStatus());
    }
  }
}
