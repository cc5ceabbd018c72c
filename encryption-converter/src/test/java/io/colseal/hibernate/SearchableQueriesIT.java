package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.ColumnCipher;
import io.colseal.EncryptionMode;
import io.colseal.exception.ErrorCode;
import io.colseal.hibernate.ColsealQueryException;
import io.colseal.hibernate.model.IndexedCustomer;
import io.colseal.hibernate.search.Partner;
import io.colseal.hibernate.search.Subscriber;
import io.colseal.hibernate.search.SubscriberRepository;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.ParameterExpression;
import jakarta.persistence.criteria.Root;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.hibernate.SessionFactory;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/**
 * Equality search on {@code @Encrypted(deterministic = true)} attributes through the ORM, with
 * parameters: JPQL {@code =}, {@code <>}, {@code IN}, Criteria, Spring Data derived queries and
 * mutation queries, on H2, PostgreSQL and MariaDB; a unique constraint on the ciphertext; and rows
 * under several key versions after a rotation, before, during and after their re-encryption.
 */
class SearchableQueriesIT {
  private static final String[] CITIES = {"Seoul", "Busan", "Incheon"};
  private static final LocalDate BORN = LocalDate.of(1990, 1, 1);

  private static Subscriber subscriber(int i) {
    return new Subscriber(i, "user" + i + "@example.com", CITIES[i % 3], BORN.plusDays(i % 2));
  }

  private static void seed(SessionFactory sf, int from, int to) {
    sf.inTransaction(s -> IntStream.rangeClosed(from, to).forEach(i -> s.persist(subscriber(i))));
  }

  private static List<Long> ids(IntStream s) {
    return s.mapToObj(i -> (long) i).toList();
  }

  private static List<Long> idsOf(List<Subscriber> list) {
    return list.stream().map(Subscriber::getId).sorted().toList();
  }

  private static void withFactory(Kind kind, Consumer<SessionFactory> test) {
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), Subscriber.class, Partner.class)) {
      test.accept(sf);
    }
  }

  @EachDatabase
  void equalPlaintexts_equalEnvelopesWithinAColumn_differentAcrossColumnsAndTables(Kind kind) throws SQLException {
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), Subscriber.class, Partner.class)) {
      sf.inTransaction(s -> {
        s.persist(new Subscriber(1, "x@example.com", "x@example.com", BORN));
        s.persist(new Subscriber(2, "y@example.com", "x@example.com", BORN));
        s.persist(new Partner(1, "x@example.com"));
      });
      Object city1 = Raw.value(db, "subscribers", "city", "id = 1");
      Object city2 = Raw.value(db, "subscribers", "city", "id = 2");
      Object email1 = Raw.value(db, "subscribers", "email", "id = 1");
      Object partnerEmail = Raw.value(db, "partners", "email", "id = 1");
      assertEquals(city1, city2, "same plaintext, same column: same envelope");
      assertTrue(((String) city1).startsWith("cs1:02:0000000001:"), "deterministic algorithm id 02, key version 1");
      assertNotEquals(email1, city1, "same plaintext, other column of the same table");
      assertNotEquals(email1, partnerEmail, "same plaintext, same column name, other table");
      assertNotEquals(Raw.value(db, "subscribers", "note", "id = 1"), Raw.value(db, "subscribers", "note", "id = 2"));
    }
  }

  @EachDatabase
  void jpqlCriteriaAndMutationQueries_withParameters_findExactlyTheMatchingRows(Kind kind) {
    withFactory(kind, sf -> {
      seed(sf, 1, 30);
      sf.inTransaction(s -> {
        assertEquals(List.of(7L), idsOf(s.createSelectionQuery("from Subscriber s where s.email = :e", Subscriber.class)
            .setParameter("e", "user7@example.com").getResultList()));
        assertEquals(ids(IntStream.rangeClosed(1, 30).filter(i -> i % 3 == 1)),
            idsOf(s.createSelectionQuery("from Subscriber s where :c = s.city", Subscriber.class)
                .setParameter("c", "Busan").getResultList()), "parameter on the left");
        assertEquals(ids(IntStream.rangeClosed(1, 30).filter(i -> i % 3 != 1)),
            idsOf(s.createSelectionQuery("from Subscriber s where s.city <> :c", Subscriber.class)
                .setParameter("c", "Busan").getResultList()));
        assertEquals(List.of(2L, 5L, 29L),
            idsOf(s.createSelectionQuery("from Subscriber s where s.email in :list", Subscriber.class)
                .setParameterList("list", List.of("user2@example.com", "user5@example.com", "user29@example.com",
                    "nobody@example.com")).getResultList()));
        assertEquals(List.of(3L, 4L),
            idsOf(s.createSelectionQuery("from Subscriber s where s.email in (:a, :b)", Subscriber.class)
                .setParameter("a", "user3@example.com").setParameter("b", "user4@example.com").getResultList()));
        assertEquals(5L, s.createSelectionQuery(
                "select count(*) from Subscriber s where s.city = ?1 and s.birthDate = ?2", Long.class)
            .setParameter(1, "Seoul").setParameter(2, BORN.plusDays(1)).getSingleResult(),
            "Seoul is i % 3 == 0, born a day later is odd i: 3, 9, 15, 21, 27");
        assertEquals(0, s.createSelectionQuery("from Subscriber s where s.email = :e", Subscriber.class)
            .setParameter("e", "USER7@example.com").getResultList().size(), "equality is exact");

        CriteriaBuilder cb = s.getCriteriaBuilder();
        CriteriaQuery<Subscriber> byEmail = cb.createQuery(Subscriber.class);
        Root<Subscriber> r = byEmail.from(Subscriber.class);
        byEmail.where(cb.equal(r.get("email"), "user11@example.com"));
        assertEquals(List.of(11L), idsOf(s.createQuery(byEmail).getResultList()), "Criteria equal with a value");

        CriteriaQuery<Subscriber> byCities = cb.createQuery(Subscriber.class);
        Root<Subscriber> r2 = byCities.from(Subscriber.class);
        ParameterExpression<String> p = cb.parameter(String.class);
        byCities.where(cb.or(r2.get("city").in(List.of("Incheon")), cb.equal(r2.get("email"), p)));
        assertEquals(ids(IntStream.rangeClosed(1, 30).filter(i -> i % 3 == 2 || i == 30)),
            idsOf(s.createQuery(byCities).setParameter(p, "user30@example.com").getResultList()),
            "Criteria in() and equal() with a parameter expression");

        int updated = s.createMutationQuery("update Subscriber s set s.note = :n where s.city = :c")
            .setParameter("n", "moved").setParameter("c", "Seoul").executeUpdate();
        assertEquals(10, updated);
        int deleted = s.createMutationQuery("delete from Subscriber s where s.email = :e")
            .setParameter("e", "user1@example.com").executeUpdate();
        assertEquals(1, deleted);
      });
    });
  }

  @EachDatabase
  void springDataDerivedQueries_findTheRows(Kind kind) {
    withFactory(kind, sf -> {
      seed(sf, 1, 12);
      sf.inSession(s -> {
        SubscriberRepository repo = new JpaRepositoryFactory(s).getRepository(SubscriberRepository.class);
        assertEquals(5L, repo.findByEmail("user5@example.com").orElseThrow().getId());
        assertTrue(repo.findByEmail("user13@example.com").isEmpty());
        assertEquals(List.of(3L, 6L, 9L, 12L), idsOf(repo.findByCityOrderByIdAsc("Seoul")));
        assertEquals(List.of(1L, 8L), idsOf(repo.findByEmailInOrderByIdAsc(List.of("user8@example.com",
            "user1@example.com"))));
        assertEquals(2L, repo.countByCityAndBirthDate("Busan", BORN.plusDays(1)), "1 and 7");
      });
    });
  }

  @EachDatabase
  void uniqueConstraint_rejectsADuplicatePlaintext(Kind kind) {
    withFactory(kind, sf -> {
      sf.inTransaction(s -> s.persist(new Subscriber(1, "dup@example.com", "Seoul", BORN)));
      RuntimeException e = assertThrows(RuntimeException.class,
          () -> sf.inTransaction(s -> s.persist(new Subscriber(2, "dup@example.com", "Busan", BORN))));
      assertNotNull(Raw.causeOf(e, ConstraintViolationException.class), () -> "expected a constraint violation: " + e);
      sf.inTransaction(s -> s.persist(new Subscriber(3, "other@example.com", "Seoul", BORN)));
      long rows = sf.fromTransaction(s -> s.createSelectionQuery("select count(*) from Subscriber", Long.class)
          .getSingleResult());
      assertEquals(2L, rows);
    });
  }

  @EachDatabase
  void afterARotation_beforeDuringAndAfterReencryption_queriesFindRowsOnEveryVersion(Kind kind) throws SQLException {
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), Subscriber.class, Partner.class)) {
      seed(sf, 1, 20);
      var colseal = ColsealHibernate.colseal(sf);
      assertEquals(2, colseal.keyRing().rotate("subscribers").version());
      colseal.keyRing().refresh();
      seed(sf, 21, 40);
      assertEquals(1, versionOf(Raw.value(db, "subscribers", "email", "id = 20")));
      assertEquals(2, versionOf(Raw.value(db, "subscribers", "email", "id = 21")));

      assertSearchesFindEveryRow(sf, "before re-encryption: rows 1-20 under v1, 21-40 under v2");

      reencrypt(db, colseal, 1, 10);
      assertEquals(2, versionOf(Raw.value(db, "subscribers", "email", "id = 10")));
      assertEquals(1, versionOf(Raw.value(db, "subscribers", "email", "id = 11")));
      assertSearchesFindEveryRow(sf, "during re-encryption: rows 11-20 still under v1");

      reencrypt(db, colseal, 11, 20);
      assertSearchesFindEveryRow(sf, "after re-encryption: every row under v2");
      for (Object v : Raw.values(db, "subscribers", "city", "1 = 1")) {
        assertEquals(2, versionOf(v));
      }
    }
  }

  private static void assertSearchesFindEveryRow(SessionFactory sf, String when) {
    sf.inSession(s -> {
      assertEquals(ids(IntStream.rangeClosed(1, 40).filter(i -> i % 3 == 0)),
          idsOf(s.createSelectionQuery("from Subscriber s where s.city = :c", Subscriber.class)
              .setParameter("c", "Seoul").getResultList()), when);
      assertEquals(List.of(5L, 15L, 25L, 35L),
          idsOf(s.createSelectionQuery("from Subscriber s where s.email in :list", Subscriber.class)
              .setParameterList("list", List.of("user5@example.com", "user15@example.com", "user25@example.com",
                  "user35@example.com")).getResultList()), when);
      SubscriberRepository repo = new JpaRepositoryFactory(s).getRepository(SubscriberRepository.class);
      assertEquals(12L, repo.findByEmail("user12@example.com").orElseThrow().getId(), when);
      assertEquals(33L, repo.findByEmail("user33@example.com").orElseThrow().getId(), when);
    });
  }

  /** What a re-encryption job does to rows {@code from..to}: each deterministic value moved to the ACTIVE version. */
  private static void reencrypt(TestDatabase db, io.colseal.Colseal colseal, int from, int to) throws SQLException {
    List<ColumnCipher<?, String>> ciphers = List.of(
        colseal.textColumn("subscribers", "email", String.class, EncryptionMode.DETERMINISTIC),
        colseal.textColumn("subscribers", "city", String.class, EncryptionMode.DETERMINISTIC),
        colseal.textColumn("subscribers", "birthDate", LocalDate.class, EncryptionMode.DETERMINISTIC));
    try (Connection c = db.connect()) {
      for (ColumnCipher<?, String> cipher : ciphers) {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
            "select id, " + cipher.column() + " from subscribers where id between ? and ?")) {
          ps.setInt(1, from);
          ps.setInt(2, to);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows.add(new Object[] {rs.getLong(1), rs.getString(2)});
            }
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "update subscribers set " + cipher.column() + " = ? where id = ?")) {
          for (Object[] row : rows) {
            ps.setString(1, cipher.reencrypt((String) row[1]));
            ps.setLong(2, (Long) row[0]);
            assertEquals(1, ps.executeUpdate());
          }
        }
      }
    }
  }

  private static int versionOf(Object envelope) {
    return Integer.parseInt(((String) envelope).substring(7, 17));
  }

  @OneDatabase(because = "plan staleness is detected in colseal's translator; the equality tests of this class run on every database")

  @Test
  void aSecondRotationWhileAPlanIsCached_failsOnceAsStale_thenFindsEveryRow() {
    withFactory(Kind.H2, sf -> {
      seed(sf, 1, 3);
      var colseal = ColsealHibernate.colseal(sf);
      String hql = "from Subscriber s where s.city = :c";
      sf.inSession(s -> assertEquals(1, s.createSelectionQuery(hql, Subscriber.class).setParameter("c", "Seoul")
          .getResultList().size()));
      colseal.keyRing().rotate("subscribers");
      colseal.keyRing().refresh();
      sf.inTransaction(s -> s.persist(subscriber(6)));
      sf.inSession(s -> assertEquals(List.of(3L, 6L), idsOf(s.createSelectionQuery(hql, Subscriber.class)
          .setParameter("c", "Seoul").getResultList()), "one spare slot covers the first rotation"));
      colseal.keyRing().rotate("subscribers");
      colseal.keyRing().refresh();
      sf.inTransaction(s -> s.persist(subscriber(9)));

      RuntimeException e = assertThrows(RuntimeException.class, () -> sf.inSession(s ->
          s.createSelectionQuery(hql, Subscriber.class).setParameter("c", "Seoul").getResultList()));
      ColsealQueryException stale = Raw.causeOf(e, ColsealQueryException.class);
      assertNotNull(stale, () -> "expected a ColsealQueryException: " + e);
      assertEquals(ErrorCode.QUERY_PLAN_STALE, stale.code());
      assertTrue(stale.isRetryable());
      assertTrue(stale.getMessage().contains("Subscriber.city (subscribers.city)"), stale.getMessage());

      sf.inSession(s -> assertEquals(List.of(3L, 6L, 9L), idsOf(s.createSelectionQuery(hql, Subscriber.class)
          .setParameter("c", "Seoul").getResultList()), "run again: a new plan with a slot per version"));
    });
  }

  @OneDatabase(because = "queries are rejected in colseal's translator before any SQL is sent")

  @Test
  void literalsOrderAndPatternComparisonsAndRandomizedEquality_areRejectedWithoutQuotingTheValue() {
    String canary = "CANARY-literal-9f2c@example.com";
    withFactory(Kind.H2, sf -> {
      seed(sf, 1, 3);
      assertRejected(sf, "from Subscriber s where s.email = '" + canary + "'", canary, "Subscriber.email (subscribers.email)",
          "literal");
      assertRejected(sf, "from Subscriber s where s.email in ('" + canary + "')", canary, "subscribers.email", "literal");
      assertRejected(sf, "from Subscriber s where s.note = :v", canary, "Subscriber.note (subscribers.note)",
          "random nonce");
      assertRejected(sf, "from Subscriber s where s.note in (:v)", canary, "subscribers.note", "random nonce");
      assertRejected(sf, "from Subscriber s where s.email like :v", canary, "subscribers.email", "LIKE");
      assertRejected(sf, "from Subscriber s where s.city > :v", canary, "subscribers.city", "'>'");
      assertRejected(sf, "from Subscriber s where s.city between :v and :v", canary, "subscribers.city", "BETWEEN");
      sf.inSession(s -> {
        CriteriaBuilder cb = s.getCriteriaBuilder();
        CriteriaQuery<Subscriber> q = cb.createQuery(Subscriber.class);
        Root<Subscriber> r = q.from(Subscriber.class);
        q.where(cb.equal(r.get("email"), cb.literal(canary)));
        RuntimeException e = assertThrows(RuntimeException.class, () -> s.createQuery(q).getResultList());
        ColsealQueryException rejected = Raw.causeOf(e, ColsealQueryException.class);
        assertNotNull(rejected, () -> "expected a ColsealQueryException: " + e);
        assertFalse(rejected.getMessage().contains(canary));
      });
    });
  }

  @OneDatabase(because = "ORDER BY is rejected in colseal's translator before any SQL is sent")

  @Test
  void orderBy_encryptedOrBlindIndexAttribute_rejectedNamingTheAttribute() {
    try (TestDatabase db = TestDatabase.create(Kind.H2);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), Subscriber.class, IndexedCustomer.class)) {
      seed(sf, 1, 3);
      assertRejected(sf, "from Subscriber s order by s.email", "-", "Subscriber.email (subscribers.email)", "ORDER BY");
      assertRejected(sf, "from Subscriber s where s.city = :v order by s.note desc", "Seoul",
          "Subscriber.note (subscribers.note)", "ORDER BY");
      assertRejected(sf, "select s from Subscriber s order by s.id, s.birthDate", "-", "subscribers.birthdate",
          "ORDER BY");
      assertRejected(sf, IndexedCustomer.class, "from IndexedCustomer c order by c.emailIndex",
          "IndexedCustomer.emailIndex (indexed_customers.email_bidx)", "ORDER BY");
      sf.inSession(s -> {
        CriteriaBuilder cb = s.getCriteriaBuilder();
        CriteriaQuery<Subscriber> q = cb.createQuery(Subscriber.class);
        Root<Subscriber> r = q.from(Subscriber.class);
        q.orderBy(cb.asc(r.get("city")));
        RuntimeException e = assertThrows(RuntimeException.class, () -> s.createQuery(q).getResultList());
        ColsealQueryException rejected = Raw.causeOf(e, ColsealQueryException.class);
        assertNotNull(rejected, () -> "expected a ColsealQueryException: " + e);
        assertTrue(rejected.getMessage().contains("Subscriber.city (subscribers.city): ORDER BY"), rejected.getMessage());
      });
      assertEquals(List.of(1L, 2L, 3L), sf.fromSession(s -> idsOf(s.createSelectionQuery(
          "from Subscriber s where s.city <> :c order by s.id", Subscriber.class).setParameter("c", "nowhere")
          .getResultList())), "ordering by a plain attribute still works");
    }
  }

  @OneDatabase(because = "GROUP BY is checked in colseal's translator; equality on every database is covered above")

  @Test
  void groupBy_randomizedRejected_deterministicAndBlindIndexGroupEqualValues() {
    try (TestDatabase db = TestDatabase.create(Kind.H2);
        SessionFactory sf = TestSessionFactories.build(db, new InMemoryKms(), Subscriber.class, IndexedCustomer.class)) {
      seed(sf, 1, 9);
      sf.inTransaction(s -> {
        s.persist(new IndexedCustomer(1, "Same@example.com", "010", "a"));
        s.persist(new IndexedCustomer(2, "same@example.com ", "011", "b"));
        s.persist(new IndexedCustomer(3, "other@example.com", "012", "c"));
      });
      assertRejected(sf, Object[].class, "select s.note, count(*) from Subscriber s group by s.note",
          "Subscriber.note (subscribers.note)", "GROUP BY");
      assertEquals(List.of(3L, 3L, 3L), sf.fromSession(s -> s.createSelectionQuery(
          "select count(*) from Subscriber s group by s.city", Long.class).getResultList()));
      assertEquals(List.of(1L, 2L), sf.fromSession(s -> s.createSelectionQuery(
          "select count(*) from IndexedCustomer c group by c.emailIndex", Long.class).getResultList()).stream()
          .sorted().toList(), "LOWER_TRIM puts both spellings of same@ in one group");
    }
  }

  private static void assertRejected(SessionFactory sf, Class<?> entity, String hql, String names, String why) {
    sf.inSession(s -> {
      RuntimeException e = assertThrows(RuntimeException.class, () -> s.createSelectionQuery(hql, entity)
          .getResultList(), hql);
      ColsealQueryException rejected = Raw.causeOf(e, ColsealQueryException.class);
      assertNotNull(rejected, () -> hql + ": expected a ColsealQueryException, got " + e);
      assertEquals(ErrorCode.QUERY_REJECTED, rejected.code(), hql);
      assertTrue(rejected.getMessage().contains(names), rejected.getMessage());
      assertTrue(rejected.getMessage().contains(why), rejected.getMessage());
    });
  }

  private static void assertRejected(SessionFactory sf, String hql, String canary, String names, String why) {
    sf.inSession(s -> {
      RuntimeException e = assertThrows(RuntimeException.class, () -> {
        var q = s.createSelectionQuery(hql, Subscriber.class);
        if (hql.contains(":v")) {
          q.setParameter("v", canary);
        }
        q.getResultList();
      }, hql);
      ColsealQueryException rejected = Raw.causeOf(e, ColsealQueryException.class);
      assertNotNull(rejected, () -> hql + ": expected a ColsealQueryException, got " + e);
      assertEquals(ErrorCode.QUERY_REJECTED, rejected.code(), hql);
      assertFalse(rejected.isRetryable());
      assertTrue(rejected.getMessage().contains(names), rejected.getMessage());
      assertTrue(rejected.getMessage().contains(why), rejected.getMessage());
      assertFalse(rejected.getMessage().contains(canary), hql);
      if (hql.contains(":v")) { // a bound value must not appear anywhere; a literal is in the query text itself
        for (Throwable t = e; t != null; t = t.getCause()) {
          assertFalse(String.valueOf(t.getMessage()).contains(canary), () -> hql + ": value quoted in " + e);
        }
      }
    });
  }
}
