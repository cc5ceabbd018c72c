package io.colseal.hibernate;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ColsealConfigException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.jspecify.annotations.Nullable;

/**
 * Lookups through {@code @BlindIndex} columns without false positives.
 *
 * <p>A query on a truncated index ({@code bits > 0}) can return rows whose source value differs
 * from the one searched for: unequal values that share the first {@code bits} bits of their HMAC.
 * {@link #find} runs the lookup and keeps only the entities whose decrypted source, normalised,
 * equals the normalised search value. Code that runs its own query on the index attribute filters
 * with {@link #matches}:
 *
 * <pre>{@code
 * List<Customer> exact = em.createQuery("from Customer c where c.emailIndex = :e and c.active", Customer.class)
 *     .setParameter("e", email).getResultList().stream()
 *     .filter(c -> BlindIndexes.matches(em, c, "email", email)).toList();
 * }</pre>
 *
 * <p>Thread safety: as that of the {@code EntityManager} passed in.
 */
public final class BlindIndexes {
  private BlindIndexes() {}

  /**
   * The entities of {@code entityClass} whose attribute {@code source} equals {@code value} after
   * the index's normalisation, found through the blind index of {@code source}. No false
   * positives, whatever the index's truncation.
   *
   * @throws ColsealConfigException if {@code source} has no {@code @BlindIndex} in {@code entityClass}
   */
  public static <T> List<T> find(EntityManager entityManager, Class<T> entityClass, String source, String value) {
    requireNonNull(value, "value");
    Lookup lookup = lookup(entityManager, entityClass, source);
    CriteriaBuilder cb = entityManager.getCriteriaBuilder();
    CriteriaQuery<T> q = cb.createQuery(entityClass);
    Root<T> root = q.from(entityClass);
    q.select(root).where(cb.equal(root.get(lookup.index.attribute()), value));
    List<T> out = new ArrayList<>();
    for (T candidate : entityManager.createQuery(q).getResultList()) {
      if (lookup.matches(candidate, value)) {
        out.add(candidate);
      }
    }
    return out;
  }

  /**
   * Whether {@code entity}'s attribute {@code source} equals {@code value} after the normalisation
   * of its blind index: the test that removes a truncated index's false positives.
   */
  public static boolean matches(EntityManager entityManager, Object entity, String source, @Nullable String value) {
    return lookup(entityManager, org.hibernate.Hibernate.getClassLazy(entity), source).matches(entity, value);
  }

  /**
   * Writes the blind index of {@code source} for every row of {@code entityClass}: for an index
   * added to a table that already has rows (or after a change of its normaliser or truncation).
   * Reads the entities page by page ({@code pageSize}) and updates each row's index column with one
   * statement; {@link EntityManager#clear() clears} the EntityManager after each page, so run it
   * in an EntityManager and transaction of its own (or one transaction per call on a large table).
   *
   * @return the rows written
   */
  public static long backfill(EntityManager entityManager, Class<?> entityClass, String source, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be positive, got " + pageSize);
    }
    Lookup lookup = lookup(entityManager, entityClass, source);
    String entity = lookup.persister.getEntityName();
    String update = "update " + entity + " e set e." + lookup.index.attribute() + " = :value where e = :entity";
    long written = 0;
    for (int first = 0; ; first += pageSize) {
      List<?> page = entityManager.createQuery("select e from " + entity + " e order by id(e)", entityClass)
          .setFirstResult(first).setMaxResults(pageSize).getResultList();
      for (Object e : page) {
        written += entityManager.createQuery(update)
            .setParameter("value", lookup.persister.getPropertyValue(e, source))
            .setParameter("entity", e)
            .executeUpdate();
      }
      entityManager.clear();
      if (page.size() < pageSize) {
        return written;
      }
    }
  }

  private static Lookup lookup(EntityManager entityManager, Class<?> entityClass, String source) {
    SessionImplementor session = entityManager.unwrap(SessionImplementor.class);
    EntityPersister persister = session.getFactory().getMappingMetamodel()
        .getEntityDescriptor(entityClass);
    for (BlindIndexConverter c : ColsealHibernate.blindIndexes(session.getFactory())) {
      if (c.source().equals(source) && (c.entity().equals(persister.getEntityName())
          || session.getFactory().getMappingMetamodel().getEntityDescriptor(c.entity()).getMappedClass()
              .isAssignableFrom(persister.getMappedClass()))) {
        return new Lookup(persister, c);
      }
    }
    throw new ColsealConfigException(persister.getEntityName() + '.' + source + " has no @BlindIndex");
  }

  private record Lookup(EntityPersister persister, BlindIndexConverter index) {
    boolean matches(Object entity, @Nullable String value) {
      Object actual = persister.getPropertyValue(entity, index.source());
      return index.requireIndexer().sameNormalized((String) actual, value);
    }
  }
}
