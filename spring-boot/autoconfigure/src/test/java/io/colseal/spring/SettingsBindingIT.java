package io.colseal.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.hibernate.ColsealHibernate;
import io.colseal.spring.app.Customer;
import io.colseal.spring.app.JpaApp;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import io.colseal.exception.ColsealConfigException;
import io.colseal.spring.app.BootApp;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** colseal.* as top-level Boot properties reach Hibernate, and the Colseal bean is the SessionFactory's. */
class SettingsBindingIT {
  @TempDir Path dir;

  @Test
  void topLevelProperties_reachHibernate_encryptedFieldRoundTrips() {
    BootContexts.jpa(dir).withUserConfiguration(JpaApp.class).run(context -> {
      EntityManagerFactory emf = context.getBean(EntityManagerFactory.class);
      TransactionTemplate tx = context.getBean(TransactionTemplate.class);
      Long id = tx.execute(s -> {
        EntityManager em = org.springframework.orm.jpa.EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
        Customer c = new Customer();
        c.email = "ada@example.com";
        c.name = "Ada";
        em.persist(c);
        em.flush();
        return c.id;
      });
      String stored = context.getBean(JdbcTemplate.class)
          .queryForObject("SELECT email FROM customers WHERE id = ?", String.class, id);
      assertNotEquals("ada@example.com", stored);
      EntityManager em = emf.createEntityManager();
      try {
        assertEquals("ada@example.com", em.find(Customer.class, id).email);
      } finally {
        em.close();
      }
    });
  }

  @Test
  void colsealBean_withJpa_isTheSessionFactorysInstance() {
    BootContexts.jpa(dir).withUserConfiguration(JpaApp.class).run(context -> {
      SessionFactory sf = context.getBean(EntityManagerFactory.class).unwrap(SessionFactoryImplementor.class);
      assertSame(ColsealHibernate.colseal(sf), context.getBean(Colseal.class));
    });
  }

  @Test
  void relaxedDuration_boundByBoot_reachesColseal() {
    BootContexts.jpa(dir).withUserConfiguration(JpaApp.class).withPropertyValues("colseal.keys.cache-ttl=2m")
        .run(context -> assertEquals(Duration.ofMinutes(2), context.getBean(Colseal.class).config().keyCacheTtl()));
  }

  @Test
  void environmentVariable_relaxedName_isBound() {
    BootContexts.jpa(dir).withUserConfiguration(JpaApp.class)
        .withInitializer(c -> c.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
            "test-environment", Map.of("COLSEAL_KEYS_CACHE_TTL", "PT3M"))))
        .run(context -> assertEquals(Duration.ofMinutes(3), context.getBean(Colseal.class).config().keyCacheTtl()));
  }

  @Test
  void applicationYml_profileSpecificValue_winsInThatProfile() {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BootApp.class).profiles("fast")
        .web(WebApplicationType.NONE)
        .properties("spring.config.location=classpath:/profiles/", BootContexts.h2(),
            "colseal.kms.local.keystore=" + dir.resolve("kek.p12"),
            "colseal.kms.local.keystore-password=" + BootContexts.KEYSTORE_PASSWORD)
        .run()) {
      assertEquals(Duration.ofMinutes(7), context.getBean(Colseal.class).config().keyCacheTtl());
    }
  }

  @Test
  void springJpaProperties_stillWork_andWinOverTopLevel() {
    BootContexts.jpa(dir).withUserConfiguration(JpaApp.class)
        .withPropertyValues("colseal.keys.cache-ttl=PT2M", "spring.jpa.properties.colseal.keys.cache-ttl=PT4M")
        .run(context -> assertEquals(Duration.ofMinutes(4), context.getBean(Colseal.class).config().keyCacheTtl()));
  }

  @Test
  void unknownKey_failsTheStart_namingItAndTheNearestSetting() {
    BootContexts.jpa(dir).withUserConfiguration(JpaApp.class).withPropertyValues("colseal.keys.cache-tl=PT2M")
        .run(context -> {
          Throwable failure = context.getStartupFailure();
          ColsealConfigException e = findCause(failure, ColsealConfigException.class);
          assertTrue(e.getMessage().contains("colseal.keys.cache-tl"), e.getMessage());
          assertTrue(e.getMessage().contains("did you mean colseal.keys.cache-ttl?"), e.getMessage());
        });
  }

  @Test
  void invalidValue_failsTheStart_namingTheSetting() {
    BootContexts.jpa(dir).withUserConfiguration(JpaApp.class).withPropertyValues("colseal.keys.cache-ttl=PT2H")
        .run(context -> {
          ColsealConfigException e = findCause(context.getStartupFailure(), ColsealConfigException.class);
          assertTrue(e.getMessage().contains("colseal.keys.cache-ttl must be an ISO-8601 duration"), e.getMessage());
        });
  }

  static <T extends Throwable> T findCause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in the cause chain of " + t, t);
  }
}
