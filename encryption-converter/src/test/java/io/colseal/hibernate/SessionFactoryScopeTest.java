package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.hibernate.model.Member;
import io.colseal.hibernate.model.PlainNote;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.LoadQueryInfluencers;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.QueryOptions;
import org.hibernate.query.spi.QueryParameterBindings;
import org.hibernate.query.sqm.SqmSelectionQuery;
import org.hibernate.query.sqm.internal.DomainParameterXref;
import org.hibernate.query.sqm.sql.SqmTranslator;
import org.hibernate.query.sqm.sql.internal.StandardSqmTranslator;
import org.hibernate.query.sqm.tree.select.SqmSelectStatement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * colseal's Hibernate pieces are where they are needed and nowhere else: a SessionFactory that maps
 * no encrypted attribute translates its queries with Hibernate's own translator and needs no
 * colseal setting, and each SessionFactory owns its colseal state.
 */
@OneDatabase(because = "which query translator and state a SessionFactory gets is decided before any SQL; the embedded H2 is enough")
class SessionFactoryScopeTest {
  private TestDatabase db;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create(TestDatabase.Kind.H2);
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  /** The translator the SessionFactory's query engine makes for a real query. */
  private static SqmTranslator<?> translatorOf(SessionFactory sf, String hql, Class<?> type) {
    SessionFactoryImplementor sfi = (SessionFactoryImplementor) sf;
    return sf.fromSession(s -> {
      SqmSelectStatement<?> statement =
          (SqmSelectStatement<?>) ((SqmSelectionQuery<?>) s.createSelectionQuery(hql, type)).getSqmStatement();
      return sfi.getQueryEngine().getSqmTranslatorFactory().createSelectTranslator(statement, QueryOptions.NONE,
          DomainParameterXref.from(statement), QueryParameterBindings.empty(), new LoadQueryInfluencers(sfi),
          HibernateLine.current().sqlAstCreationContext(sfi), false);
    });
  }

  private SessionFactory plain() {
    Map<String, Object> settings = TestSessionFactories.settings(db, new InMemoryKms());
    settings.remove("colseal.kms.provider"); // colseal is on the class path but not configured
    return TestSessionFactories.build(settings, PlainNote.class);
  }

  @Test
  void sessionFactoryWithoutEncryptedAttributes_translatesWithHibernatesOwnTranslator() {
    try (SessionFactory sf = plain()) {
      SqmTranslator<?> translator = translatorOf(sf, "from PlainNote n where n.text = :t", PlainNote.class);
      assertSame(StandardSqmTranslator.class, translator.getClass());
      sf.inTransaction(s -> s.persist(note(1, "x")));
      assertEquals(1, sf.fromSession(s -> s.createSelectionQuery("from PlainNote n where n.text = :t", PlainNote.class)
          .setParameter("t", "x").getResultList()).size());
    }
  }

  @Test
  void sessionFactoryWithoutEncryptedAttributes_hasNoColsealInstance() {
    try (SessionFactory sf = plain()) {
      assertTrue(ColsealHibernate.inventory(sf).isEmpty());
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> ColsealHibernate.colseal(sf));
      assertTrue(e.getMessage().contains("maps no @Encrypted column"), e.getMessage());
    }
  }

  @Test
  void sessionFactoryWithEncryptedAttributes_translatesWithColsealsTranslator() {
    try (SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), Member.class)) {
      SqmTranslator<?> translator = translatorOf(sf, "from Member m where m.login = :l", Member.class);
      assertInstanceOf(SearchableSqmTranslator.class, translator);
    }
  }

  @Test
  void twoSessionFactories_eachOwnsItsState_closingOneLeavesTheOther() {
    SessionFactory a = TestSessionFactories.build(db, new InMemoryKms(), Member.class);
    try (TestDatabase other = TestDatabase.create(TestDatabase.Kind.H2);
        SessionFactory b = TestSessionFactories.build(other, new InMemoryKms("other-kek"), Member.class);
        SessionFactory plain = plain()) {
      assertNotSame(ColsealHibernate.colseal(a), ColsealHibernate.colseal(b));
      assertSame(StandardSqmTranslator.class,
          translatorOf(plain, "from PlainNote n where n.text = :t", PlainNote.class).getClass());
      closeSessionFactory(a);
      assertThrows(IllegalStateException.class, () -> ColsealHibernate.colseal(a));
      String stored = ColsealHibernate.colseal(b).textColumn("members", "email", String.class).encrypt("x");
      assertEquals("x", ColsealHibernate.colseal(b).textColumn("members", "email", String.class).decrypt(stored));
    }
  }

  /**
   * Spring Framework 7's shared EntityManagerFactory is a JDK proxy that also implements {@link
   * SessionFactory}, and {@code emf.unwrap(SessionFactory.class)} may hand it out as is; a proxy is
   * not a SessionFactoryImplementor, so colseal must unwrap it rather than cast.
   */
  @Test
  void proxiedSessionFactory_asSpringHandsItOut_isUnwrapped() {
    try (SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), Member.class)) {
      SessionFactory proxy = (SessionFactory) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {SessionFactory.class}, (p, method, args) -> {
            try {
              return method.invoke(sf, args);
            } catch (java.lang.reflect.InvocationTargetException e) {
              throw e.getCause();
            }
          });
      assertSame(ColsealHibernate.colseal(sf), ColsealHibernate.colseal(proxy));
      assertEquals(ColsealHibernate.inventory(sf), ColsealHibernate.inventory(proxy));
      assertSame(ColsealHibernate.rejectedQueries(sf), ColsealHibernate.rejectedQueries(proxy));
    }
  }

  private static void closeSessionFactory(SessionFactory sf) {
    sf.close();
  }

  private static PlainNote note(long id, String text) {
    PlainNote n = new PlainNote();
    n.id = id;
    n.text = text;
    return n;
  }
}
