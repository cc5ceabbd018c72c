package io.colseal.examples.jdbc;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Runs the example on a new H2 file database with a local KEK in {@code <dir>} (default: a new
 * directory under {@code target/example-data}): writes two customers, finds them by e-mail and by phone, rotates the key and
 * finds them again, and shows what the database holds.
 *
 * <pre>{@code ./mvnw -q -pl examples/jdbc -am package -DskipTests && java -cp "$(cat examples/jdbc/target/runtime-classpath.txt):examples/jdbc/target/classes" io.colseal.examples.jdbc.Main}</pre>
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    Path dir = args.length > 0 ? Path.of(args[0]) : Path.of("target", "example-data", Long.toString(System.currentTimeMillis()));
    Files.createDirectories(dir);
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:" + dir.toAbsolutePath().resolve("customers"));
    ColsealConfig config = ColsealConfig.fromProperties(Map.of(
        "colseal.kms.provider", "local",
        "colseal.kms.kek-id", "example-kek",
        "colseal.kms.local.keystore", dir.resolve("kek.p12").toString(),
        "colseal.kms.local.keystore-password", "example-only-password",
        "colseal.kms.local.create-if-missing", "true"));
    try (Colseal colseal = Colseal.start(dataSource, config)) {
      CustomerDirectory directory = new CustomerDirectory(colseal, dataSource);
      directory.createTable();
      directory.add(new CustomerDirectory.Customer(1, "kim@example.com", "010-1234-5678", LocalDate.of(1990, 3, 1)));
      colseal.keyRing().rotate("customers");
      directory.add(new CustomerDirectory.Customer(2, "lee@example.com", "010-9876-5432", LocalDate.of(1985, 7, 9)));
      System.out.println("by e-mail (row under key v1): " + directory.byEmail("kim@example.com").orElseThrow());
      System.out.println("by e-mail (row under key v2): " + directory.byEmail("lee@example.com").orElseThrow());
      System.out.println("by phone: " + directory.byPhone("01012345678"));
      try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT id, email, phone_bidx FROM customers ORDER BY id")) {
        while (rs.next()) {
          System.out.println("stored row " + rs.getLong(1) + ": email=" + rs.getString(2).substring(0, 30) + "... phone_bidx="
              + rs.getString(3).substring(0, 12) + "...");
        }
      }
    }
  }
}
