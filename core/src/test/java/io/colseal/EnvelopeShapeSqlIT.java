package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.internal.format.EnvelopeFormat;
import io.colseal.internal.format.MalformedEnvelopeException;
import io.colseal.jdbc.DatabaseVendor;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The row counter's shape condition ({@link EnvelopeHeaders#textBodyShapeSql} in SQL, the header
 * parsed in Java) classifies every value as the definition of an envelope's text shape does (a
 * valid header, then Base64 characters with at most two {@code =} at the end, a multiple of 4 of
 * them, at least the algorithm's minimum), on each database, over envelopes and thousands of near
 * misses: characters in and around the Base64 alphabet at random positions, stray padding and
 * colons, lengths around each minimum and multiple of 4, non-ASCII characters, bad headers, a
 * trailing newline (which the full pattern's {@code $} let through on H2 and MariaDB).
 */
class EnvelopeShapeSqlIT {
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final java.util.regex.Pattern SHAPE =
      java.util.regex.Pattern.compile("cs1:0[1-5]:[0-9]{10}:[A-Za-z0-9+/]+={0,2}");
  private static final String ODD = "=:-_ .,;!\"'%\\\n\té한\u00a0\u212a~[]^$";

  @EachDatabase
  void bodyShape_withJavaHeaderCheck_isTheFullShape(TestDatabase.Kind kind) throws SQLException {
    List<String> values = corpus();
    try (TestDatabase db = TestDatabase.create(kind); Connection c = db.connect()) {
      DatabaseVendor vendor = DatabaseVendor.of(c);
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE shapes (id INTEGER PRIMARY KEY, v VARCHAR(400))");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO shapes (id, v) VALUES (?, ?)")) {
        for (int i = 0; i < values.size(); i++) {
          ps.setInt(1, i);
          ps.setString(2, values.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      String sql = "SELECT id, v, CASE WHEN " + EnvelopeHeaders.textBodyShapeSql(vendor, "v")
          + " THEN 1 ELSE 0 END FROM shapes";
      int envelopes = 0;
      int checked = 0;
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          String v = rs.getString(2);
          boolean full = isTextShape(v);
          boolean counted = rs.getInt(3) == 1 && headerValid(v);
          assertEquals(full, counted, () -> kind + ": row " + id(rs) + " classified differently: " + v.replace("\n", "\\n"));
          envelopes += full ? 1 : 0;
          checked++;
        }
      }
      assertEquals(values.size(), checked);
      assertTrue(envelopes > 100 && envelopes < checked - 1000, kind + ": envelopes " + envelopes + " of " + checked);
    }
  }

  @EachDatabase
  void fullShape_isTheJavaShape(TestDatabase.Kind kind) throws SQLException {
    List<String> values = corpus();
    try (TestDatabase db = TestDatabase.create(kind); Connection c = db.connect()) {
      DatabaseVendor vendor = DatabaseVendor.of(c);
      try (Statement st = c.createStatement()) {
        st.execute("CREATE TABLE shapes (id INTEGER PRIMARY KEY, v VARCHAR(400))");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO shapes (id, v) VALUES (?, ?)")) {
        for (int i = 0; i < values.size(); i++) {
          ps.setInt(1, i);
          ps.setString(2, values.get(i));
          ps.addBatch();
        }
        ps.executeBatch();
      }
      String sql = "SELECT id, v, CASE WHEN " + EnvelopeHeaders.textShapeSql(vendor, "v") + " THEN 1 ELSE 0 END"
          + " FROM shapes";
      Set<String> algorithms = new java.util.TreeSet<>();
      try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          String v = rs.getString(2);
          boolean full = isTextShape(v);
          assertEquals(full, rs.getInt(3) == 1, () -> kind + ": row " + id(rs) + " classified differently: "
              + v.replace("\n", "\\n"));
          if (full) {
            algorithms.add(v.substring(4, 6));
          }
        }
      }
      assertEquals(Set.of("01", "02", "03", "04", "05"), algorithms, kind + ": algorithms of the envelopes found");
    }
  }

  private static int id(ResultSet rs) {
    try {
      return rs.getInt(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  /** The definition, in Java: the whole value, so no {@code $} that stops before a final newline. */
  private static boolean isTextShape(String v) {
    if (!headerValid(v) || !SHAPE.matcher(v).matches()) {
      return false;
    }
    int min = v.startsWith("cs1:02:") ? 42 : 58; // header + Base64 of nonce and tag (28 bytes), or of the tag (16)
    return (v.length() - EnvelopeFormat.TEXT_HEADER_LENGTH) % 4 == 0 && v.length() >= min;
  }

  private static boolean headerValid(String v) {
    try {
      EnvelopeFormat.parseText(v.substring(0, Math.min(v.length(), EnvelopeFormat.TEXT_HEADER_LENGTH)));
      return true;
    } catch (MalformedEnvelopeException e) {
      return false;
    }
  }

  /** Envelope-shaped values of both algorithms and many lengths, then every mutation of them. */
  private static List<String> corpus() {
    Random random = new Random(20261206);
    Set<String> out = new LinkedHashSet<>();
    List<String> bases = new ArrayList<>();
    for (String alg : new String[] {"01", "02", "04", "05"}) {
      for (int bodyBytes = 8; bodyBytes <= 60; bodyBytes++) {
        byte[] body = new byte[bodyBytes];
        random.nextBytes(body);
        String header = "cs1:" + alg + ":" + String.format("%010d", 1 + random.nextInt(5)) + ":";
        bases.add(header + Base64.getEncoder().encodeToString(body));
      }
    }
    out.addAll(bases);
    for (String base : bases) {
      int len = base.length();
      for (int k = 0; k < 12; k++) {
        int at = 18 + random.nextInt(len - 18);
        char ch = (ODD + ALPHABET).charAt(random.nextInt(ODD.length() + ALPHABET.length()));
        out.add(base.substring(0, at) + ch + base.substring(at + 1)); // replaced
        out.add(base.substring(0, at) + ch + base.substring(at)); // inserted
        out.add(base.substring(0, at) + base.substring(at + 1)); // deleted
      }
      String noPad = base.replaceAll("=+$", "");
      for (String pad : new String[] {"", "=", "==", "===", "====", "=A", "A=", "=A=", ":", "::"}) {
        out.add(noPad + pad);
        out.add(noPad.substring(0, noPad.length() - 1) + pad);
        out.add(noPad.substring(0, noPad.length() - 2) + pad + "AA");
      }
      out.add(base.substring(0, 18) + "=" + base.substring(19));
      out.add(base.substring(0, 18) + ":" + base.substring(19));
      out.add(base.substring(0, 4) + "03" + base.substring(6));
      out.add(base.substring(0, 4) + "06" + base.substring(6));
      out.add(base.substring(0, 4) + "0A" + base.substring(6));
      out.add(base.substring(0, 7) + "00000000x1" + base.substring(17));
      out.add(base.substring(0, 17) + "=" + base.substring(18));
      out.add("CS1" + base.substring(3));
      out.add(base + "\n");
      out.add(" " + base);
    }
    out.add("cs1:01:0000000001:");
    out.add("cs1:01:0000000001:not really encrypted, but long enough to be counted");
    out.add("");
    out.add("hello");
    return new ArrayList<>(out);
  }
}
