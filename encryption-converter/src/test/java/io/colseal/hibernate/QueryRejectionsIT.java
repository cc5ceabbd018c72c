package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.colseal.exception.ErrorCode;
import io.colseal.hibernate.model.IndexedCustomer;
import io.colseal.hibernate.model.PlainNote;
import io.colseal.hibernate.search.Subscriber;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import io.colseal.testing.TestDatabase.Kind;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link ColsealHibernate#rejectedQueries}: every query colseal refuses is counted once per
 * refusal, under its error code, whether it is refused where it is created, at execution, or while
 * its parameters are bound (a stale plan).
 */
@OneDatabase(because = "queries are refused in colseal's translator and binders before any SQL is sent; SearchableQueriesIT runs the queries themselves on every database")
class QueryRejectionsIT {
  private static void withFactory(Consumer<SessionFactory> test) {
    try (TestDatabase db = TestDatabase.create(Kind.H2);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), Subscriber.class,
            IndexedCustomer.class)) {
      sf.inTransaction(s -> {
        s.persist(new Subscriber(1, "a@example.com", "Seoul", LocalDate.of(1990, 1, 1)));
        s.persist(new IndexedCustomer(1, "a@example.com", "010", "a"));
      });
      test.accept(sf);
    }
  }

  private static ColsealQueryException refused(Runnable query) {
    RuntimeException e = assertThrows(RuntimeException.class, query::run);
    ColsealQueryException refused = Raw.causeOf(e, ColsealQueryException.class);
    assertNotNull(refused, () -> "expected a ColsealQueryException: " + e);
    return refused;
  }

  @Test
  void rejectedQueries_refusedWhereCreatedOrAtExecution_eachRefusalCountedOnce() {
    withFactory(sf -> {
      QueryRejections rejections = ColsealHibernate.rejectedQueries(sf);
      assertEquals(0, rejections.total());
      String hql = "from Subscriber s order by s.email";
      for (int i = 0; i < 2; i++) { // refused by the HQL check where the query is created, each time
        refused(() -> sf.inSession(s -> s.createSelectionQuery(hql, Subscriber.class)));
      }
      refused(() -> sf.inSession(s -> s.createSelectionQuery("from Subscriber s where s.note like :v",
          Subscriber.class).setParameter("v", "x").getResultList()));
      sf.inSession(s -> { // Criteria is not parsed: refused when it runs
        CriteriaBuilder cb = s.getCriteriaBuilder();
        CriteriaQuery<Subscriber> q = cb.createQuery(Subscriber.class);
        Root<Subscriber> r = q.from(Subscriber.class);
        q.orderBy(cb.asc(r.get("city")));
        refused(() -> s.createQuery(q).getResultList());
      });
      assertEquals(1, sf.fromSession(s -> s.createSelectionQuery("from Subscriber s where s.city = :c",
          Subscriber.class).setParameter("c", "Seoul").getResultList()).size(), "a query colseal runs");

      assertEquals(4, rejections.count(ErrorCode.QUERY_REJECTED));
      assertEquals(0, rejections.count(ErrorCode.QUERY_PLAN_STALE));
      assertEquals(4, rejections.total());
      assertSame(rejections, ColsealHibernate.rejectedQueries(sf), "one live object per SessionFactory");
    });
  }

  @Test
  void rejectedQueries_planCoveringTooFewKeyVersions_countedAsStale() {
    withFactory(sf -> {
      var colseal = ColsealHibernate.colseal(sf);
      String hql = "from Subscriber s where s.city = :c";
      Runnable query = () -> sf.inSession(s -> s.createSelectionQuery(hql, Subscriber.class).setParameter("c", "Seoul")
          .getResultList());
      query.run(); // caches a plan with one slot per live version and one spare
      for (int i = 0; i < 2; i++) {
        colseal.keyRing().rotate("subscribers");
      }
      colseal.keyRing().refresh();
      assertEquals(ErrorCode.QUERY_PLAN_STALE, refused(query).code());
      query.run(); // a new plan
      QueryRejections rejections = ColsealHibernate.rejectedQueries(sf);
      assertEquals(1, rejections.count(ErrorCode.QUERY_PLAN_STALE));
      assertEquals(0, rejections.count(ErrorCode.QUERY_REJECTED));
    });
  }

  @Test
  void rejectedQueries_sessionFactoryWithoutEncryptedAttributes_allZero() {
    try (TestDatabase db = TestDatabase.create(Kind.H2);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), PlainNote.class)) {
      QueryRejections rejections = ColsealHibernate.rejectedQueries(sf);
      assertEquals(0, rejections.total());
      assertEquals(List.of(ErrorCode.QUERY_REJECTED, ErrorCode.QUERY_PLAN_STALE), rejections.codes());
    }
  }
}
