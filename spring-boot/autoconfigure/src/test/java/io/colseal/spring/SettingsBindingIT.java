package io.colseal.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.colseal.Colseal;
import io.colseal.hibernate.ColsealHibernate;
import io.colseal.spring.app.Customer;
import io.colseal.spring.app.JpaApp;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.file.Path;
import java.time.Duration;
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
}
