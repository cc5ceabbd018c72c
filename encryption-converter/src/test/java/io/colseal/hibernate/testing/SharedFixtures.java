package io.colseal.hibernate.testing;

import io.colseal.Colseal;
import io.colseal.hibernate.ColsealHibernate;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.TestDatabase;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.hibernate.SessionFactory;

/**
 * One database and SessionFactory per database kind, shared by the tests of one class and closed
 * in its {@code @AfterAll}.
 */
public final class SharedFixtures implements AutoCloseable {
  /** A database with a SessionFactory over it. */
  public record Fixture(TestDatabase db, SessionFactory sf, InMemoryKms kms) {
    public Colseal colseal() {
      return ColsealHibernate.colseal(sf);
    }
  }

  private final Map<TestDatabase.Kind, Fixture> fixtures = new EnumMap<>(TestDatabase.Kind.class);
  private final Function<Fixture, Fixture> init;
  private final Class<?>[] entities;

  public SharedFixtures(Function<Fixture, Fixture> init, Class<?>... entities) {
    this.init = init;
    this.entities = entities;
  }

  public synchronized Fixture get(TestDatabase.Kind kind) {
    return fixtures.computeIfAbsent(kind, k -> {
      TestDatabase db = TestDatabase.create(k);
      InMemoryKms kms = new InMemoryKms();
      return init.apply(new Fixture(db, TestSessionFactories.build(db, kms, entities), kms));
    });
  }

  @Override
  public synchronized void close() {
    fixtures.values().forEach(f -> {
      f.sf().close();
      f.db().close();
    });
    fixtures.clear();
  }
}
