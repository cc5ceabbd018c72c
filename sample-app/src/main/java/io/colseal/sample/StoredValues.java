package io.colseal.sample;

import io.colseal.EncryptedColumn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads what the database really holds, with plain JDBC and no colseal in between: what anyone
 * with database access, a backup or a replica would see.
 */
final class StoredValues {
  /** Every text envelope of format version 1 starts with this. */
  static final String ENVELOPE_PREFIX = "cs1:";

  /** Columns the report shows side by side, as {@code table.column}, in display order. */
  static final List<String> SAMPLE_COLUMNS = List.of(
      "customer.name",
      "customer.email",
      "customer.phone",
      "customer.resident_registration_number",
      "customer.birth_date",
      "payment_card.card_number",
      "payment_card.expiry",
      "payment_card.last4",
      "bank_account.account_number",
      "bank_account.bank_name");

  /**
   * Result of reading every encrypted column.
   *
   * @param columns encrypted columns read
   * @param values non-NULL values read
   * @param problems one line per column holding values that are not envelopes
   */
  record EnvelopeCheck(int columns, long values, List<String> problems) {}

  private StoredValues() {}

  /** Reads every value of every column in {@code columns} and counts those that are not envelopes. */
  static EnvelopeCheck checkEnvelopes(DataSource dataSource, List<EncryptedColumn> columns) throws SQLException {
    long values = 0;
    List<String> problems = new ArrayList<>();
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
      for (EncryptedColumn column : columns) {
        long bad = 0;
        // Names come from the Hibernate mapping, not from input.
        try (ResultSet rs = st.executeQuery("SELECT " + column.column() + " FROM " + column.table())) {
          while (rs.next()) {
            String v = rs.getString(1);
            if (v != null) {
              values++;
              if (!v.startsWith(ENVELOPE_PREFIX)) {
                bad++;
              }
            }
          }
        }
        if (bad > 0) {
          problems.add(column.table() + '.' + column.column() + ": " + bad + " values are not envelopes");
        }
      }
    }
    return new EnvelopeCheck(columns.size(), values, List.copyOf(problems));
  }

  /** The stored form of each of {@link #SAMPLE_COLUMNS} for one customer, keyed {@code table.column}. */
  static Map<String, String> forCustomer(DataSource dataSource, String memberNumber) throws SQLException {
    String sql = "SELECT c.name, c.email, c.phone, c.resident_registration_number, c.birth_date,"
        + " p.card_number, p.expiry, p.last4, a.account_number, a.bank_name"
        + " FROM customer c"
        + " JOIN payment_card p ON p.customer_id = c.id"
        + " JOIN bank_account a ON a.customer_id = c.id"
        + " WHERE c.member_number = ?";
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, memberNumber);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("customer " + memberNumber + " has no row with a card and an account");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < SAMPLE_COLUMNS.size(); i++) {
          out.put(SAMPLE_COLUMNS.get(i), rs.getString(i + 1));
        }
        return out;
      }
    }
  }
}
