package io.colseal.internal.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.jdbc.ConnectionSource;
import io.colseal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ConnectionSource} that records what colseal does with its connections: every connection
 * opened, how often each is released, and whether its auto-commit mode at release is the one it was
 * handed out with. Connections come from the pool or, with {@link #physical}, straight from the
 * driver, so that a release really closes the database session.
 */
final class RecordingConnectionSource implements ConnectionSource {
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private final Opener opener;
  private final boolean autoCommitOnOpen;
  private final Map<Connection, Integer> releases = new IdentityHashMap<>();
  private final List<String> problems = new ArrayList<>();

  private RecordingConnectionSource(Opener opener, boolean autoCommitOnOpen) {
    this.opener = opener;
    this.autoCommitOnOpen = autoCommitOnOpen;
  }

  /** Pooled connections of {@code db}, handed out with auto-commit {@code autoCommit}. */
  static RecordingConnectionSource pooled(TestDatabase db, boolean autoCommit) {
    return new RecordingConnectionSource(() -> db.dataSource().getConnection(), autoCommit);
  }

  /** New physical connections to {@code db}, closed on release. */
  static RecordingConnectionSource physical(TestDatabase db) {
    return new RecordingConnectionSource(db::connect, true);
  }

  @Override
  public synchronized Connection open() throws SQLException {
    Connection c = opener.open();
    c.setAutoCommit(autoCommitOnOpen);
    releases.put(c, 0);
    return c;
  }

  @Override
  public synchronized void release(Connection connection) throws SQLException {
    Integer count = releases.get(connection);
    if (count == null) {
      problems.add("released a connection it did not open");
      return;
    }
    releases.put(connection, count + 1);
    if (count == 0) {
      if (connection.getAutoCommit() != autoCommitOnOpen) {
        problems.add("released with auto-commit " + connection.getAutoCommit() + ", opened with " + autoCommitOnOpen);
      }
      connection.close();
    }
  }

  synchronized int opened() {
    return releases.size();
  }

  /** Asserts that at least one connection was opened, each was released once, auto-commit as handed out. */
  synchronized void assertEachReleasedOnceAsHandedOut() {
    assertTrue(!releases.isEmpty(), "no connection opened");
    releases.forEach((c, n) -> assertEquals(1, n, "releases of one connection"));
    assertEquals(List.of(), problems);
  }
}
