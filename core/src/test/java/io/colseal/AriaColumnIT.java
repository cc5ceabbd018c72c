package io.colseal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.keys.Algorithm;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.junit.jupiter.api.Assertions;

/**
 * ARIA-256-GCM (algorithm 03) through JDBC on each database: values written with {@link
 * ColumnCipher} into text and binary columns come back, still algorithm 03, to an ARIA cipher and
 * to an AES one, and the row counter counts them as ARIA.
 */
class AriaColumnIT {
  private static final String[] VALUES = {"CANARY-aria-900101-1234567", "", "홍길동 서울특별시", "x".repeat(5000)};

  @EachDatabase
  void jdbc_textAndBinaryColumns_roundTripAsAlgorithm03(TestDatabase db) throws SQLException {
    InMemoryKms kms = new InMemoryKms();
    try (Colseal aria = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms)
            .defaultAlgorithm(ColumnAlgorithm.ARIA_256_GCM).build());
        Colseal aes = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).build());
        Connection c = db.connect()) {
      String blob = db.kind() == TestDatabase.Kind.POSTGRESQL ? "BYTEA"
          : db.kind() == TestDatabase.Kind.MARIADB ? "LONGBLOB" : "VARBINARY(20000)";
      String text = db.kind() == TestDatabase.Kind.MARIADB ? "LONGTEXT" : "VARCHAR(20000)";
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE aria_people (id INTEGER PRIMARY KEY, rrn " + text + ", note " + blob + ")");
      }
      ColumnCipher<String, String> rrn = aria.textColumn("aria_people", "rrn", String.class);
      ColumnCipher<String, byte[]> note = aria.binaryColumn("aria_people", "note", String.class);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO aria_people (id, rrn, note) VALUES (?, ?, ?)")) {
        for (int i = 0; i < VALUES.length; i++) {
          ps.setInt(1, i);
          ps.setString(2, rrn.encrypt(VALUES[i]));
          ps.setBytes(3, note.encrypt(VALUES[i]));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      ColumnCipher<String, String> aesRrn = aes.textColumn("aria_people", "rrn", String.class);
      ColumnCipher<String, byte[]> aesNote = aes.binaryColumn("aria_people", "note", String.class);
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT id, rrn, note FROM aria_people ORDER BY id")) {
        int n = 0;
        while (rs.next()) {
          int id = rs.getInt(1);
          String storedText = rs.getString(2);
          byte[] storedBinary = rs.getBytes(3);
          assertTrue(storedText.startsWith("cs1:03:"), storedText.substring(0, 18));
          assertArrayEquals(EnvelopeHeaders.binary(Algorithm.ARIA_256_GCM, 1), Arrays.copyOf(storedBinary, 8));
          assertEquals(VALUES[id], rrn.decrypt(storedText));
          assertEquals(VALUES[id], note.decrypt(storedBinary));
          assertEquals(VALUES[id], aesRrn.decrypt(storedText), "an AES cipher reads 03");
          assertEquals(VALUES[id], aesNote.decrypt(storedBinary));
          n++;
        }
        assertEquals(VALUES.length, n);
      }
      try (Statement st = c.createStatement()) {
        st.execute("DROP TABLE aria_people");
      }
    } catch (RuntimeException e) {
      Assertions.fail("round trip on " + db.kind() + " failed", e);
    }
  }
}
