package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ErrorCode;
import io.colseal.hibernate.model.IndexedCustomer;
import io.colseal.hibernate.search.IndexedCustomerRepository;
import io.colseal.hibernate.search.Subscriber;
import io.colseal.hibernate.search.SubscriberQueryRepository;
import io.colseal.hibernate.search.SubscriberRepository;
import io.colseal.hibernate.testing.BoundValues;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.ParameterExpression;
import jakarta.persistence.criteria.Root;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.springframework.data.jpa.repository.support.JpaRepositoryFactory;

/**
 * What reaches the database when a query compares a {@code @BlindIndex} attribute or a
 * deterministic {@code @Encrypted} attribute with a plaintext, on every way of writing the query:
 * the values bound to the JDBC statement are recorded ({@link BoundValues}) and must hold the
 * index ({@code bi1:}) or the envelope ({@code cs1:}), never the plaintext, and the query must find
 * the row. Literals, whose value would be written into the SQL text, are rejected instead.
 */
class BoundParametersIT {
  /**
   * The phone canary; its normalised form (DIGITS_ONLY) is {@link #PHONE_DIGITS}. The phone index
   * keeps 12 bits, so the other row has no phone: a second phone could share the index value.
   */
  private static final String PHONE = "(010) 7007-7007-9";
  private static final String PHONE_DIGITS = "010700770079";
  private static final String EMAIL = "canary-7f3a91@example.com";
  private static final String CANARY_PART = "7f3a91";

  /** A query on each searchable attribute: one path of the test, with the plaintext as its argument. */
  private record Path(BiFunction<Session, String, List<Long>> phone, BiFunction<Session, String, List<Long>> email) {}

  private static void assertNeverBoundAsPlaintext(Kind kind, Path path) {
    BoundValues bound = new BoundValues();
    try (TestDatabase db = TestDatabase.create(kind)) {
      Map<String, Object> settings = TestSessionFactories.settings(db, new InMemoryKms());
      settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, bound.wrap(db.dataSource()));
      try (SessionFactory sf = TestSessionFactories.build(settings, IndexedCustomer.class, Subscriber.class)) {
        sf.inTransaction(s -> {
          s.persist(new IndexedCustomer(1, "one@example.com", PHONE, "c1"));
          s.persist(new IndexedCustomer(2, "two@example.com", null, "c2")); // a null index never matches
          s.persist(new Subscriber(1, EMAIL, "Seoul", LocalDate.of(1990, 1, 1)));
          s.persist(new Subscriber(2, "other@example.com", "Busan", LocalDate.of(1990, 1, 1)));
        });
        assertFinds(bound, "bi1:", () -> sf.fromSession(s -> path.phone().apply(s, PHONE)));
        assertFinds(bound, "cs1:", () -> sf.fromSession(s -> path.email().apply(s, EMAIL)));
      }
    }
  }

  private static void assertFinds(BoundValues bound, String storedPrefix, java.util.function.Supplier<List<Long>> query) {
    bound.clear();
    List<Long> found = query.get();
    List<String> values = bound.values();
    for (String v : values) {
      assertFalse(v.contains(PHONE_DIGITS) || v.contains(PHONE) || v.contains(CANARY_PART),
          () -> "plaintext bound to the statement: " + values);
    }
    assertTrue(values.stream().anyMatch(v -> v.startsWith(storedPrefix)),
        () -> "expected a bound value starting with " + storedPrefix + ": " + values);
    assertEquals(List.of(1L), found, () -> "bound: " + values);
  }

  private static <T> Function<List<T>, List<Long>> ids(Function<T, Long> id) {
    return list -> list.stream().map(id).sorted().toList();
  }

  private static final Function<List<IndexedCustomer>, List<Long>> CUSTOMER_IDS = ids(c -> c.id);
  private static final Function<List<Subscriber>, List<Long>> SUBSCRIBER_IDS = ids(Subscriber::getId);

  @EachDatabase
  void hqlNamedParameter_bindsIndexAndEnvelope(Kind kind) {
    assertNeverBoundAsPlaintext(kind, new Path(
        (s, v) -> s.createSelectionQuery("select c.id from IndexedCustomer c where c.phoneIndex = :p", Long.class)
            .setParameter("p", v).getResultList(),
        (s, v) -> s.createSelectionQuery("select s.id from Subscriber s where s.email = :p", Long.class)
            .setParameter("p", v).getResultList()));
  }

  @EachDatabase
  void hqlPositionalParameter_bindsIndexAndEnvelope(Kind kind) {
    assertNeverBoundAsPlaintext(kind, new Path(
        (s, v) -> s.createSelectionQuery("select c.id from IndexedCustomer c where ?1 = c.phoneIndex", Long.class)
            .setParameter(1, v).getResultList(),
        (s, v) -> s.createSelectionQuery("select s.id from Subscriber s where ?1 = s.email", Long.class)
            .setParameter(1, v).getResultList()));
  }

  @EachDatabase
  void hqlInListParameter_bindsIndexesAndEnvelopes(Kind kind) {
    assertNeverBoundAsPlaintext(kind, new Path(
        (s, v) -> s.createSelectionQuery("select c.id from IndexedCustomer c where c.phoneIndex in :p", Long.class)
            .setParameterList("p", List.of(v, "000")).getResultList(),
        (s, v) -> s.createSelectionQuery("select s.id from Subscriber s where s.email in :p", Long.class)
            .setParameterList("p", List.of(v, "nobody@example.com")).getResultList()));
  }

  @EachDatabase
  void criteriaTypedParameter_bindsIndexAndEnvelope(Kind kind) {
    assertNeverBoundAsPlaintext(kind, new Path(
        (s, v) -> CUSTOMER_IDS.apply(criteria(s, IndexedCustomer.class, "phoneIndex", v, Shape.TYPED_PARAMETER)),
        (s, v) -> SUBSCRIBER_IDS.apply(criteria(s, Subscriber.class, "email", v, Shape.TYPED_PARAMETER))));
  }

  @EachDatabase
  void criteriaValue_bindsIndexAndEnvelope(Kind kind) {
    assertNeverBoundAsPlaintext(kind, new Path(
        (s, v) -> CUSTOMER_IDS.apply(criteria(s, IndexedCustomer.class, "phoneIndex", v, Shape.VALUE)),
        (s, v) -> SUBSCRIBER_IDS.apply(criteria(s, Subscriber.class, "email", v, Shape.VALUE))));
  }

  @EachDatabase
  void criteriaInWithTypedParameters_bindsIndexesAndEnvelopes(Kind kind) {
    assertNeverBoundAsPlaintext(kind, new Path(
        (s, v) -> CUSTOMER_IDS.apply(criteria(s, IndexedCustomer.class, "phoneIndex", v, Shape.IN_PARAMETERS)),
        (s, v) -> SUBSCRIBER_IDS.apply(criteria(s, Subscriber.class, "email", v, Shape.IN_PARAMETERS))));
  }

  @EachDatabase
  void springDataDerivedQueries_bindIndexAndEnvelope(Kind kind) {
    assertNeverBoundAsPlaintext(kind, new Path(
        (s, v) -> CUSTOMER_IDS.apply(new JpaRepositoryFactory(s).getRepository(IndexedCustomerRepository.class)
            .findByPhoneIndex(v)),
        (s, v) -> List.of(new JpaRepositoryFactory(s).getRepository(SubscriberRepository.class).findByEmail(v)
            .orElseThrow().getId())));
  }

  @EachDatabase
  void springDataDerivedInQueries_bindIndexesAndEnvelopes(Kind kind) {
    assertNeverBoundAsPlaintext(kind, new Path(
        (s, v) -> CUSTOMER_IDS.apply(new JpaRepositoryFactory(s).getRepository(IndexedCustomerRepository.class)
            .findByPhoneIndexIn(List.of(v, "000"))),
        (s, v) -> SUBSCRIBER_IDS.apply(new JpaRepositoryFactory(s).getRepository(SubscriberRepository.class)
            .findByEmailInOrderByIdAsc(List.of(v, "nobody@example.com")))));
  }

  @EachDatabase
  void springDataQueryAnnotation_bindsIndexAndEnvelope(Kind kind) {
    assertNeverBoundAsPlaintext(kind, new Path(
        (s, v) -> CUSTOMER_IDS.apply(new JpaRepositoryFactory(s).getRepository(IndexedCustomerRepository.class)
            .byPhone(v)),
        (s, v) -> SUBSCRIBER_IDS.apply(new JpaRepositoryFactory(s).getRepository(SubscriberQueryRepository.class)
            .byEmail(v))));
  }

  @EachDatabase
  void springDataQueryAnnotationInList_bindsIndexesAndEnvelopes(Kind kind) {
    assertNeverBoundAsPlaintext(kind, new Path(
        (s, v) -> CUSTOMER_IDS.apply(new JpaRepositoryFactory(s).getRepository(IndexedCustomerRepository.class)
            .byPhones(List.of(v, "000"))),
        (s, v) -> SUBSCRIBER_IDS.apply(new JpaRepositoryFactory(s).getRepository(SubscriberQueryRepository.class)
            .byEmails(List.of(v, "nobody@example.com")))));
  }

  @EachDatabase
  void literals_hqlAndCriteria_rejectedBeforeAnythingIsBound(Kind kind) {
    BoundValues bound = new BoundValues();
    try (TestDatabase db = TestDatabase.create(kind)) {
      Map<String, Object> settings = TestSessionFactories.settings(db, new InMemoryKms());
      settings.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, bound.wrap(db.dataSource()));
      try (SessionFactory sf = TestSessionFactories.build(settings, IndexedCustomer.class, Subscriber.class)) {
        bound.clear();
        assertRejected(sf, "IndexedCustomer.phoneIndex", s -> s.createSelectionQuery(
            "select c.id from IndexedCustomer c where c.phoneIndex = '" + PHONE + "'", Long.class).getResultList());
        assertRejected(sf, "IndexedCustomer.phoneIndex", s -> s.createSelectionQuery(
            "select c.id from IndexedCustomer c where c.phoneIndex in ('" + PHONE + "')", Long.class).getResultList());
        assertRejected(sf, "IndexedCustomer.phoneIndex",
            s -> criteria(s, IndexedCustomer.class, "phoneIndex", PHONE, Shape.LITERAL));
        assertRejected(sf, "Subscriber.email", s -> criteria(s, Subscriber.class, "email", EMAIL, Shape.LITERAL));
        for (String v : bound.values()) {
          assertFalse(v.contains(PHONE_DIGITS) || v.contains(CANARY_PART), () -> "bound: " + bound.values());
        }
      }
    }
  }

  private static void assertRejected(SessionFactory sf, String attribute, java.util.function.Consumer<Session> query) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> sf.inSession(query));
    ColsealQueryException rejected = Raw.causeOf(e, ColsealQueryException.class);
    assertNotNull(rejected, () -> "expected a ColsealQueryException: " + e);
    assertEquals(ErrorCode.QUERY_REJECTED, rejected.code());
    assertTrue(rejected.getMessage().contains(attribute), rejected.getMessage());
    assertTrue(rejected.getMessage().contains("literal"), rejected.getMessage());
    assertFalse(rejected.getMessage().contains(CANARY_PART) || rejected.getMessage().contains(PHONE),
        rejected.getMessage());
  }

  private enum Shape { TYPED_PARAMETER, VALUE, IN_PARAMETERS, LITERAL }

  private static <T> List<T> criteria(Session s, Class<T> entity, String attribute, String value, Shape shape) {
    CriteriaBuilder cb = s.getCriteriaBuilder();
    CriteriaQuery<T> q = cb.createQuery(entity);
    Root<T> r = q.from(entity);
    Expression<String> path = r.get(attribute);
    switch (shape) {
      case TYPED_PARAMETER -> {
        ParameterExpression<String> p = cb.parameter(String.class);
        q.where(cb.equal(path, p));
        return s.createQuery(q).setParameter(p, value).getResultList();
      }
      case VALUE -> q.where(cb.equal(path, value));
      case IN_PARAMETERS -> {
        ParameterExpression<String> p1 = cb.parameter(String.class);
        ParameterExpression<String> p2 = cb.parameter(String.class);
        q.where(path.in(p1, p2));
        return s.createQuery(q).setParameter(p1, value).setParameter(p2, "000").getResultList();
      }
      case LITERAL -> q.where(cb.equal(path, cb.literal(value)));
      default -> throw new AssertionError(shape);
    }
    return s.createQuery(q).getResultList();
  }
}
