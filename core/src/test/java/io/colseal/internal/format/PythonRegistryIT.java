package io.colseal.internal.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.EncryptedColumn;
import io.colseal.EncryptionMode;
import io.colseal.Normalizer;
import io.colseal.RegisteredBlindIndex;
import io.colseal.Storage;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Json;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent decoder reads the column registry {@code colseal_column} from its documentation
 * (key-table.md, "The column registry"): rows colseal registered on a real database, read back with
 * plain SQL, must be read by {@code colseal_decode.py --registry} as the value encoding, storage and
 * algorithm (or blind-index source, normaliser and bits) colseal's own types say.
 */
class PythonRegistryIT {
  /** A nested enum, so its java_type has a '$'. */
  enum Tier { GOLD }

  private static final List<EncryptedColumn> COLUMNS = List.of(
      new EncryptedColumn("Customer", "email", "customers", "email", String.class, Storage.TEXT,
          Classification.OTHER_PERSONAL, "customers", "email", EncryptionMode.DETERMINISTIC),
      new EncryptedColumn("Customer", "photo", "customers", "photo", byte[].class, Storage.BINARY,
          Classification.BIOMETRIC, "customers", "photo"),
      new EncryptedColumn("Customer", "visits", "customers", "visits", Integer.class, Storage.TEXT,
          Classification.UNSPECIFIED, "customers", "visits"),
      new EncryptedColumn("Customer", "birthDate", "customers", "birth_date", LocalDate.class, Storage.TEXT,
          Classification.OTHER_PERSONAL, "customers", "birth_date"),
      new EncryptedColumn("Customer", "tier", "customers", "tier", Tier.class, Storage.TEXT,
          Classification.UNSPECIFIED, "customers", "tier"));
  private static final List<RegisteredBlindIndex> INDEXES = List.of(
      new RegisteredBlindIndex("customers", "email_bidx", "customers", "email_bidx", "email", Normalizer.LOWER_TRIM,
          256, "Customer", "emailIndex", BlindIndexKeys.keyName("customers"), null, null),
      new RegisteredBlindIndex("customers", "phone_bidx", "customers", "phone_bidx", "phone", Normalizer.DIGITS_ONLY,
          12, "Customer", "phoneIndex", BlindIndexKeys.keyName("customers"), null, null));

  @EachDatabase
  void pythonDecoder_registryRowsReadFromTheDatabase_readAsColsealWroteThem(TestDatabase db, @TempDir Path dir)
      throws Exception {
    PythonDecoderTest.requirePythonOrAbort();
    try (Colseal colseal = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(new InMemoryKms()).build())) {
      colseal.register(COLUMNS);
      colseal.registerBlindIndexes(INDEXES);
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM colseal_column ORDER BY table_name, column_name")) {
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (String name : List.of("table_name", "column_name", "java_type", "storage", "mode", "source_column",
            "normalizer")) {
          row.put(name, rs.getString(name));
        }
        long bits = rs.getLong("index_bits");
        row.put("index_bits", rs.wasNull() ? null : bits);
        row.put("expect", expected(rs.getString("column_name")));
        rows.add(row);
      }
    }
    assertEquals(COLUMNS.size() + INDEXES.size(), rows.size(), rows.toString());
    Path file = dir.resolve("registry.json");
    Files.writeString(file, Json.write(Map.of("rows", rows)), StandardCharsets.UTF_8);

    PythonDecoderTest.Result r = PythonDecoderTest.runDecoder("--registry", file.toString());

    assertEquals(0, r.exitCode(), r.output());
    assertTrue(r.output().strip().endsWith(rows.size() + " passed, 0 failed"), r.output());
  }

  /** What the decoder must read from the row of {@code column}: colseal's own view of it. */
  private static List<Object> expected(String column) {
    for (EncryptedColumn c : COLUMNS) {
      if (c.column().equals(column)) {
        String type = c.javaType() == byte[].class ? "byte[]" : c.javaType().isEnum() ? "enum" : c.javaType().getSimpleName();
        long algorithm = c.mode() == EncryptionMode.DETERMINISTIC ? 2 : 1;
        return List.of("encrypted", List.of(type, c.storage().name(), algorithm));
      }
    }
    for (RegisteredBlindIndex i : INDEXES) {
      if (i.column().equals(column)) {
        return List.of("blind-index", List.of(i.sourceColumn(), i.normalizer().name(), (long) i.bits()));
      }
    }
    throw new AssertionError("registry has a column the test did not register: " + column);
  }
}
