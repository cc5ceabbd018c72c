package io.colseal.benchmarks.hibernate;

import java.util.function.LongToIntFunction;
import java.util.function.ObjLongConsumer;

/**
 * {@link EncryptedPerson} through Hibernate and colseal in a class loader of their own ({@link
 * IsolatedColseal}): a schema with that entity only, filled with {@code rows} rows through that
 * loader's colseal, so the stored values are what that loader's {@code AesGcm} wrote. {@link
 * #applyAsInt} runs the select of {@link Selects}; {@link #accept} inserts 100 rows in one
 * transaction, batched (50) or not, as {@link HibernatePairedInsertBenchmark} does; {@link #run}
 * empties the table.
 */
public final class IsolatedSelect implements LongToIntFunction, ObjLongConsumer<Boolean>, Runnable, AutoCloseable {
  private final HibernateFixture fixture;

  public IsolatedSelect(int rows) throws Exception {
    fixture = new HibernateFixture(50, EncryptedPerson.class);
    fixture.populate(EncryptedPerson::new, rows);
  }

  @Override
  public int applyAsInt(long from) {
    return Selects.select(fixture.sessionFactory, EncryptedPerson.class, from);
  }

  @Override
  public void accept(Boolean batched, long firstId) {
    HibernatePairedInsertBenchmark.insert(fixture.sessionFactory, EncryptedPerson::new, batched, firstId);
  }

  /** Empties the table, for a new insert iteration. */
  @Override
  public void run() {
    try {
      fixture.truncate("bench_encrypted_person");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws Exception {
    fixture.close();
  }
}
