package io.colseal.internal.keystore;

import io.colseal.jdbc.ConnectionSource;
import io.colseal.jdbc.DatabaseVendor;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * What {@link KeyTableSchema} needs of the key table: the vendor and a check of its columns. The
 * rows are read and written by {@link DataKeyTable} and {@link ColumnRegistry}.
 */
public final class JdbcKeyTable {
  public static final String TABLE = DataKeyTable.TABLE;
  public static final String REGISTRY = ColumnRegistry.TABLE;

  private final JdbcSupport jdbc;

  public JdbcKeyTable(ConnectionSource connections, Clock clock, @Nullable String environment) {
    this.jdbc = new JdbcSupport(connections, clock);
  }

  /** The database vendor, detected on first use. */
  public DatabaseVendor vendor() {
    return jdbc.vendor();
  }

  /** Checks that the key table and the column registry exist with every column colseal reads. */
  public void validateSchema() {
    new DataKeyTable(jdbc, null).validate();
    new ColumnRegistry(jdbc).validate();
  }
}
