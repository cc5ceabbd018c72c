package io.colseal.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.testing.DocRegions;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the SQL that {@code docs/reference/ciphertext-format.md} shows for counting rows per key
 * version on each database, over real envelopes, and checks that the document shows exactly these
 * statements.
 */
class KeyVersionSqlIT {
  /** Per database: count by version (text), count by version (binary), not under v2 (text, binary). */
  private static String[] statements(TestDatabase.Kind kind) {
    return switch (kind) {
      case POSTGRESQL -> new String[] {
        "SELECT CAST(SUBSTRING(email FROM 8 FOR 10) AS INTEGER) AS key_version, COUNT(*) AS row_count"
            + " FROM customers WHERE email IS NOT NULL GROUP BY 1 ORDER BY 1",
        "SELECT (get_byte(photo, 4) << 24) | (get_byte(photo, 5) << 16) | (get_byte(photo, 6) << 8)"
            + " | get_byte(photo, 7) AS key_version, COUNT(*) AS row_count"
            + " FROM customers WHERE photo IS NOT NULL GROUP BY 1 ORDER BY 1",
        "SELECT COUNT(*) FROM customers WHERE email IS NOT NULL AND NOT (email ~ '^cs1:01:0000000002:[A-Za-z0-9+/]*={0,2}$'"
            + " AND MOD(CHAR_LENGTH(email) - 18, 4) = 0 AND CHAR_LENGTH(email) >= 58)",
        "SELECT COUNT(*) FROM customers WHERE photo IS NOT NULL AND NOT (SUBSTRING(photo FROM 1 FOR 8)"
            + " = decode('6373010100000002', 'hex') AND OCTET_LENGTH(photo) >= 36)",
      };
      case MARIADB -> new String[] {
        "SELECT CAST(SUBSTRING(email, 8, 10) AS UNSIGNED) AS key_version, COUNT(*) AS row_count"
            + " FROM customers WHERE email IS NOT NULL GROUP BY key_version ORDER BY key_version",
        "SELECT CAST(CONV(HEX(SUBSTRING(photo, 5, 4)), 16, 10) AS UNSIGNED) AS key_version, COUNT(*) AS row_count"
            + " FROM customers WHERE photo IS NOT NULL GROUP BY key_version ORDER BY key_version",
        "SELECT COUNT(*) FROM customers WHERE email IS NOT NULL AND NOT (email REGEXP '^cs1:01:0000000002:[A-Za-z0-9+/]*={0,2}$'"
            + " AND MOD(CHAR_LENGTH(email) - 18, 4) = 0 AND CHAR_LENGTH(email) >= 58)",
        "SELECT COUNT(*) FROM customers WHERE photo IS NOT NULL AND NOT (SUBSTRING(photo, 1, 8) = X'6373010100000002'"
            + " AND OCTET_LENGTH(photo) >= 36)",
      };
      case H2 -> new String[] {
        "SELECT CAST(SUBSTRING(email, 8, 10) AS INTEGER) AS key_version, COUNT(*) AS row_count"
            + " FROM customers WHERE email IS NOT NULL GROUP BY key_version ORDER BY key_version",
        "SELECT CAST(SUBSTRING(photo, 5, 4) AS INTEGER) AS key_version, COUNT(*) AS row_count"
            + " FROM customers WHERE photo IS NOT NULL GROUP BY key_version ORDER BY key_version",
        "SELECT COUNT(*) FROM customers WHERE email IS NOT NULL AND NOT (REGEXP_LIKE(email, '^cs1:01:0000000002:[A-Za-z0-9+/]*={0,2}$')"
            + " AND MOD(CHAR_LENGTH(email) - 18, 4) = 0 AND CHAR_LENGTH(email) >= 58)",
        "SELECT COUNT(*) FROM customers WHERE photo IS NOT NULL AND NOT (SUBSTRING(photo, 1, 8) = X'6373010100000002'"
            + " AND OCTET_LENGTH(photo) >= 36)",
      };
    };
  }

  private static final int[] VERSIONS = {1, 1, 1, 2, 2, Integer.MAX_VALUE};

  @EachDatabase
  void documentedSql_countsRowsPerKeyVersion(TestDatabase.Kind kind) throws SQLException {
    String[] sql = statements(kind);
    try (TestDatabase db = TestDatabase.create(kind); Connection c = db.connect()) {
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, email VARCHAR(200), photo "
            + (kind == TestDatabase.Kind.POSTGRESQL ? "BYTEA" : "VARBINARY(200)") + ")");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, email, photo) VALUES (?, ?, ?)")) {
        for (int i = 0; i <= VERSIONS.length; i++) {
          ps.setInt(1, i + 1);
          if (i < VERSIONS.length) {
            byte[] plaintext = ("customer" + i + "@example.com").getBytes(StandardCharsets.UTF_8);
            byte[] nonce = EnvelopeVectorsGenerator.nonce(0x8000 + i);
            ps.setString(2, EnvelopeVectorsGenerator.text(
                EnvelopeVectorsGenerator.seal(VERSIONS[i], "customers", "email", plaintext, nonce)));
            ps.setBytes(3, EnvelopeVectorsGenerator.seal(VERSIONS[i], "customers", "photo", plaintext, nonce));
          } else {
            ps.setNull(2, java.sql.Types.VARCHAR);
            ps.setNull(3, java.sql.Types.VARBINARY);
          }
          ps.executeUpdate();
        }
      }
      List<String> expected = List.of("1=3", "2=2", "2147483647=1");
      assertEquals(expected, rows(c, sql[0]), kind + " text");
      assertEquals(expected, rows(c, sql[1]), kind + " binary");
      assertEquals(List.of("4"), rows(c, sql[2]), kind + " text prefix");
      assertEquals(List.of("4"), rows(c, sql[3]), kind + " binary prefix");

      // Plaintexts that start with the header of version 2: not under version 2.
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (id, email, photo) VALUES (?, ?, ?)")) {
        ps.setInt(1, 100);
        ps.setString(2, "cs1:01:0000000002:not an envelope");
        ps.setBytes(3, new byte[] {0x63, 0x73, 0x01, 0x01, 0, 0, 0, 2, 'x'});
        ps.executeUpdate();
        ps.setInt(1, 101);
        ps.setString(2, "cs1:01:0000000002:QUJDREVGR0hJSktMTU5PUA==");
        ps.setBytes(3, new byte[] {0x63, 0x73, 0x01, 0x01, 0, 0, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27});
        ps.executeUpdate();
      }
      assertEquals(List.of("6"), rows(c, sql[2]), kind + " text, header-shaped plaintexts");
      assertEquals(List.of("6"), rows(c, sql[3]), kind + " binary, header-shaped plaintexts");
    }
  }

  @EachDatabase
  void formatDocument_showsTheTestedSql(TestDatabase.Kind kind) throws IOException {
    String doc = squash(Files.readString(
        DocRegions.repositoryRoot().resolve(EnvelopeVectorsGenerator.FORMAT_DOC), StandardCharsets.UTF_8));
    for (String sql : statements(kind)) {
      assertTrue(doc.contains(squash(sql)), "the format document does not show: " + sql);
    }
  }

  private static String squash(String s) {
    return s.replaceAll("\\s+", " ");
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        out.add(n == 1 ? rs.getString(1) : rs.getString(1) + "=" + rs.getString(2));
      }
    }
    return out;
  }
}
