package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.colseal.hibernate.model.Member;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import java.time.Duration;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * The same encryption through persistence.xml, JPA 3.2 PersistenceConfiguration (Hibernate 7) and
 * native bootstrap.
 */
class BootstrapModesIT {
  private static void writeAndCheck(TestDatabase db, EntityManagerFactory emf) throws Exception {
    // JPA 3.1 calls only (no runInTransaction): Hibernate 6.6 implements JPA 3.1.
    try (EntityManager em = emf.createEntityManager()) {
      em.getTransaction().begin();
      Member m = new Member();
      m.id = 1L;
      m.login = "kim";
      m.email = "customer1@example.com";
      em.persist(m);
      em.getTransaction().commit();
    }
    try (EntityManager em = emf.createEntityManager()) {
      assertEquals("customer1@example.com", em.find(Member.class, 1L).email);
    }
    String stored = (String) Raw.value(db, "members", "email", "id = 1");
    assertTrue(stored.startsWith("cs1:01:0000000001:"), stored);
    SessionFactory sf = emf.unwrap(SessionFactory.class);
    assertEquals("customer1@example.com", ColsealHibernate.colseal(sf).textColumn("members", "email", String.class).decrypt(stored));
    assertEquals(4, ColsealHibernate.inventory(sf).size());
  }

  @EachDatabase
  void persistenceXml_encrypts(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind);
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("colseal-test", Map.of(
            AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, db.dataSource(),
            "colseal.kms.provider", new InMemoryKms()))) {
      writeAndCheck(db, emf);
      // A setting from persistence.xml reached colseal.
      assertEquals(Duration.ofMinutes(10), ColsealHibernate.colseal(emf.unwrap(SessionFactory.class)).config().keyCacheTtl());
    }
  }

  @EachDatabase
  void jpaPersistenceConfiguration_encrypts(Kind kind) throws Exception {
    assumeTrue(!HibernateLine.current().line().equals("6.6"),
        "JPA 3.2's PersistenceConfiguration does not exist on Hibernate 6.6, which implements JPA 3.1");
    try (TestDatabase db = TestDatabase.create(kind);
        EntityManagerFactory emf = Jpa32.createEntityManagerFactory(db)) {
      writeAndCheck(db, emf);
    }
  }

  /** JPA 3.2 bootstrap, in a class of its own so that BootstrapModesIT loads on JPA 3.1 too. */
  private static final class Jpa32 {
    static EntityManagerFactory createEntityManagerFactory(TestDatabase db) {
      PersistenceConfiguration cfg = new HibernatePersistenceConfiguration("colseal-jpa32")
          .managedClass(Member.class)
          .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, db.dataSource())
          .property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "create")
          .property("colseal.kms.provider", new InMemoryKms());
      return cfg.createEntityManagerFactory();
    }
  }

  @EachDatabase
  void nativeBootstrap_encrypts(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = io.colseal.hibernate.testing.TestSessionFactories.build(db, new InMemoryKms(), Member.class)) {
      writeAndCheck(db, sf);
    }
  }
}
