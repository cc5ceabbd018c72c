package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.hibernate.model.Member;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import java.time.Duration;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/** The same encryption through persistence.xml, JPA 3.2 PersistenceConfiguration and native bootstrap. */
class BootstrapModesIT {
  private static void writeAndCheck(TestDatabase db, EntityManagerFactory emf) throws Exception {
    emf.runInTransaction(em -> {
      Member m = new Member();
      m.id = 1L;
      m.login = "kim";
      m.email = "customer1@example.com";
      em.persist(m);
    });
    assertEquals("customer1@example.com", emf.callInTransaction(em -> em.find(Member.class, 1L)).email);
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
    try (TestDatabase db = TestDatabase.create(kind)) {
      PersistenceConfiguration cfg = new HibernatePersistenceConfiguration("colseal-jpa32")
          .managedClass(Member.class)
          .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, db.dataSource())
          .property(PersistenceConfiguration.SCHEMAGEN_DATABASE_ACTION, "create")
          .property("colseal.kms.provider", new InMemoryKms());
      try (EntityManagerFactory emf = cfg.createEntityManagerFactory()) {
        writeAndCheck(db, emf);
      }
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
