package io.colseal.examples.jdbc;

import io.colseal.BlindIndexer;
import io.colseal.Colseal;
import io.colseal.ColumnCipher;
import io.colseal.EncryptionMode;
import io.colseal.Normalizer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A customer table whose personal data colseal encrypts, written and read with plain JDBC: what a
 * JdbcTemplate, MyBatis or jOOQ application does with colseal-core alone.
 *
 * <ul>
 *   <li>{@code email} is deterministic, so it can be found by equality: the query binds its envelope
 *       under every key version rows may still use ({@link ColumnCipher#searchVersions()});
 *   <li>{@code phone} is randomized and found through its blind index {@code phone_bidx};
 *   <li>{@code birth_date} is randomized.
 * </ul>
 */
public final class CustomerDirectory {
  /** A customer as the application sees it. */
  public record Customer(long id, String email, String phone, LocalDate birthDate) {}

  private final DataSource dataSource;
  private final ColumnCipher<String, String> email;
  private final ColumnCipher<String, String> phone;
  private final ColumnCipher<LocalDate, String> birthDate;
  private final BlindIndexer phoneIndex;

  public CustomerDirectory(Colseal colseal, DataSource dataSource) {
    this.dataSource = dataSource;
    this.email = colseal.textColumn("customers", "email", String.class, EncryptionMode.DETERMINISTIC);
    this.phone = colseal.textColumn("customers", "phone", String.class);
    this.birthDate = colseal.textColumn("customers", "birth_date", LocalDate.class);
    this.phoneIndex = colseal.blindIndexer("customers", "phone_bidx", Normalizer.DIGITS_ONLY, 0);
  }

  /** Creates the table; the encrypted columns are text wide enough for their envelopes. */
  public void createTable() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(400) NOT NULL, phone VARCHAR(200),"
          + " phone_bidx VARCHAR(58), birth_date VARCHAR(100))");
    }
  }

  public void add(Customer customer) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "INSERT INTO customers (id, email, phone, phone_bidx, birth_date) VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, customer.id());
      ps.setString(2, email.encrypt(customer.email()));
      ps.setString(3, phone.encrypt(customer.phone()));
      ps.setString(4, phoneIndex.compute(customer.phone()));
      ps.setString(5, birthDate.encrypt(customer.birthDate()));
      ps.executeUpdate();
    }
  }

  /** The customer with this e-mail address, whichever key version its row is under. */
  public Optional<Customer> byEmail(String address) throws SQLException {
    String sealed = email.encrypt(address);
    int[] versions = email.searchVersions();
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < versions.length; i++) {
      in.append(i == 0 ? "?" : ", ?");
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(select() + " WHERE email IN (" + in + ")")) {
      for (int i = 0; i < versions.length; i++) {
        ps.setString(i + 1, email.sealedUnder(sealed, versions[i]));
      }
      List<Customer> found = read(ps);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
  }

  /** The customers with this phone number, however it is written ({@code 010-1234-5678}, {@code 01012345678}). */
  public List<Customer> byPhone(String number) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(select() + " WHERE phone_bidx = ?")) {
      ps.setString(1, phoneIndex.compute(number));
      // An untruncated index has no false positives worth a check; a truncated one would need it.
      return read(ps).stream().filter(x -> phoneIndex.sameNormalized(x.phone(), number)).toList();
    }
  }

  private static String select() {
    return "SELECT id, email, phone, birth_date FROM customers";
  }

  private List<Customer> read(PreparedStatement ps) throws SQLException {
    List<Customer> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Customer(rs.getLong(1), email.decrypt(rs.getString(2)), phone.decrypt(rs.getString(3)),
            birthDate.decrypt(rs.getString(4))));
      }
    }
    return out;
  }
}
