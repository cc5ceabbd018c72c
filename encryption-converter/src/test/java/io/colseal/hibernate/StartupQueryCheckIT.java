package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ErrorCode;
import io.colseal.hibernate.search.LiteralNamedQueries;
import io.colseal.hibernate.search.LiteralQueryRepository;
import io.colseal.hibernate.search.NamedQueryListing;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.util.List;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/**
 * Queries colseal would reject fail before they first run: named queries when the SessionFactory
 * starts, Spring Data {@code @Query} methods when the repository is created.
 */
class StartupQueryCheckIT {
  @OneDatabase(because = "the checks run in colseal's translator before any SQL is sent; they are the same on every"
      + " database")
  @Test
  void namedQueries_literalAndOrderByCiphertext_failStartNamingEachQuery() {
    try (TestDatabase db = TestDatabase.create(Kind.H2)) {
      RuntimeException e = assertThrows(RuntimeException.class, () -> TestSessionFactories.build(db, new InMemoryKms(),
          NamedQueryListing.class, LiteralNamedQueries.class).close());
      ColsealQueryException rejected = Raw.causeOf(e, ColsealQueryException.class);
      assertNotNull(rejected, () -> "expected a ColsealQueryException: " + e);
      assertEquals(ErrorCode.QUERY_REJECTED, rejected.code());
      String message = rejected.getMessage();
      assertTrue(message.contains("named query 'Listing.byLiteralCode': ") && message.contains("literal"), message);
      assertTrue(message.contains("named query 'Listing.sortedByNote': ") && message.contains("ORDER BY"), message);
      assertTrue(message.contains("NamedQueryListing.note (listings.note)"), message);
      assertFalse(message.contains("Listing.byCode'"), message);
      assertFalse(message.contains("CANARY"), message);
    }
  }

  @OneDatabase(because = "the named query's equality runs on every database in SearchableQueriesIT")
  @Test
  void namedQuery_parameter_startsAndFindsTheRow() {
    try (TestDatabase db = TestDatabase.create(Kind.H2);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), NamedQueryListing.class)) {
      sf.inTransaction(s -> {
        s.persist(new NamedQueryListing(1, "A-1"));
        s.persist(new NamedQueryListing(2, "B-2"));
      });
      assertEquals(List.of(2L), sf.fromSession(s -> s.createNamedSelectionQuery("Listing.byCode",
          NamedQueryListing.class).setParameter("code", "B-2").getResultList().stream().map(l -> l.id).toList()));
    }
  }

  @OneDatabase(because = "the check runs in colseal's translator before any SQL is sent")
  @Test
  void springDataQueryMethod_literal_failsWhenTheRepositoryIsCreated() {
    try (TestDatabase db = TestDatabase.create(Kind.H2);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), NamedQueryListing.class)) {
      sf.inSession(s -> {
        RuntimeException e = assertThrows(RuntimeException.class,
            () -> new JpaRepositoryFactory(s).getRepository(LiteralQueryRepository.class));
        ColsealQueryException rejected = Raw.causeOf(e, ColsealQueryException.class);
        assertNotNull(rejected, () -> "expected a ColsealQueryException: " + e);
        assertTrue(rejected.getMessage().contains("NamedQueryListing.code (listings.code)"), rejected.getMessage());
        assertTrue(rejected.getMessage().contains("literal"), rejected.getMessage());
        // Spring Data 4 says "Query validation failed for 'select ...'", 3.5 "Query 'select ...' validation failed".
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains("validation failed") && message.contains("'select l from NamedQueryListing"),
            () -> "Spring Data names the query: " + message);
      });
    }
  }

  @OneDatabase(because = "the check runs in colseal's translator before any SQL is sent")
  @Test
  void createQuery_orderByCiphertext_failsBeforeExecution() {
    try (TestDatabase db = TestDatabase.create(Kind.H2);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), NamedQueryListing.class)) {
      sf.inSession(s -> {
        RuntimeException e = assertThrows(RuntimeException.class,
            () -> s.createSelectionQuery("from NamedQueryListing l order by l.code", NamedQueryListing.class));
        assertNotNull(Raw.causeOf(e, ColsealQueryException.class), () -> "expected a ColsealQueryException: " + e);
      });
    }
  }
}
