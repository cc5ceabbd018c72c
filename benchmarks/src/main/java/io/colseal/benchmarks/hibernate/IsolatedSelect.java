package io.colseal.benchmarks.hibernate;

import java.util.function.LongToIntFunction;

/**
 * The {@code colseal-text} select, in a class loader of its own ({@link IsolatedColseal}): a
 * schema with {@link EncryptedPerson} only, filled with {@link Selects#TABLE_ROWS} rows through
 * that loader's colseal, so the stored values are what that loader's {@code AesGcm} wrote.
 */
public final class IsolatedSelect implements LongToIntFunction, AutoCloseable {
  private final HibernateFixture fixture;

  public IsolatedSelect() throws Exception {
    fixture = new HibernateFixture(50, EncryptedPerson.class);
    fixture.populate(EncryptedPerson::new, Selects.TABLE_ROWS);
  }

  @Override
  public int applyAsInt(long from) {
    return Selects.select(fixture.sessionFactory, EncryptedPerson.class, from);
  }

  @Override
  public void close() throws Exception {
    fixture.close();
  }
}
