package io.colseal.internal.keystore;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;

/** Who wrote a key row, for the audit trail: host, process id and user names, never credentials. */
final class ProcessIdentity {
  private static final String DESCRIPTION = compute();

  private ProcessIdentity() {}

  static String describe() {
    return DESCRIPTION;
  }

  /**
   * Who makes a change on {@code c}: the OS user running this process, the database user of the
   * connection (as the driver reports it) and {@link #describe()}; at most 512 characters.
   */
  static String actor(Connection c) {
    String dbUser;
    try {
      dbUser = c.getMetaData().getUserName();
    } catch (SQLException e) {
      dbUser = null;
    }
    String s = "os " + System.getProperty("user.name", "?") + ", db " + (dbUser == null ? "?" : dbUser) + ", "
        + DESCRIPTION;
    return s.length() > 512 ? s.substring(0, 512) : s;
  }

  private static String compute() {
    String name = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
    String s = "colseal@" + name;
    return s.length() > 255 ? s.substring(0, 255) : s;
  }
}
