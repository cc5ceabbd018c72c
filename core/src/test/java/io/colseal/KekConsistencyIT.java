package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.LogCapture;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import io.colseal.testing.TestDatabase.Kind;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code colseal.kms.local.create-if-missing=true} with a misspelled {@code kek-id}: the start
 * warns naming both KEKs (and keeps working) outside production, and is refused in {@code prod};
 * the right KEK id starts without a warning.
 */
class KekConsistencyIT {
  private static final List<EncryptedColumn> COLUMNS = List.of(
      new EncryptedColumn("Customer", "email", "customers", "email", String.class, Storage.TEXT,
          Classification.OTHER_PERSONAL, "customers", "email"));
  private static final String PASSWORD = "kek-consistency-password";

  @TempDir Path dir;

  private ColsealConfig config(String kekId, @Nullable String environment) {
    Map<String, String> p = new HashMap<>(Map.of(
        "colseal.kms.provider", "local",
        "colseal.kms.kek-id", kekId,
        "colseal.kms.local.keystore", dir.resolve("kek.p12").toString(),
        "colseal.kms.local.keystore-password", PASSWORD,
        "colseal.kms.local.create-if-missing", "true"));
    if (environment != null) {
      p.put("colseal.environment", environment);
    }
    return ColsealConfig.fromProperties(p);
  }

  /** customers gets its ACTIVE key under shop-kek. */
  private String setUp(TestDatabase db) throws Exception {
    Raw.update(db, "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(500))");
    try (Colseal app = Colseal.start(db.dataSource(), config("shop-kek", null))) {
      app.register(COLUMNS);
      return app.textColumn("customers", "email", String.class).encrypt("a@example.com");
    }
  }

  private static LogCapture capture() {
    return new LogCapture(Map.of("io.colseal", Level.WARN));
  }

  @EachDatabase
  void start_misspelledKekIdOutsideProd_warnsNamingBothKeksAndKeepsWorking(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      String stored = setUp(db);
      try (LogCapture log = capture(); Colseal app = Colseal.start(db.dataSource(), config("shop-kel", "dev"))) {
        assertTrue(log.text().contains("WARN io.colseal.KekConsistency - colseal.kms.kek-id is 'shop-kel' but the"
            + " ACTIVE data keys are wrapped by local KEK 'shop-kek' (customers)"), log.text());
        assertFalse(log.text().contains(PASSWORD), log.text());
        assertEquals("a@example.com", app.textColumn("customers", "email", String.class).decrypt(stored));
      }
    }
  }

  @EachDatabase
  void start_misspelledKekIdInProd_refusedWithConfigInvalid(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      setUp(db);
      ColsealConfigException e = assertThrows(ColsealConfigException.class,
          () -> Colseal.start(db.dataSource(), config("shop-kel", "prod")).close());
      assertEquals(ErrorCode.CONFIG_INVALID, e.code());
      assertTrue(e.getMessage().contains("'shop-kel'"), e.getMessage());
      assertTrue(e.getMessage().contains("local KEK 'shop-kek' (customers)"), e.getMessage());
      assertTrue(e.getMessage().contains("refused because colseal.environment is prod"), e.getMessage());
      KeyStore keystore = KeyStore.getInstance(dir.resolve("kek.p12").toFile(), PASSWORD.toCharArray());
      assertEquals(List.of("shop-kek"), Collections.list(keystore.aliases()), "a refused start creates no KEK");
    }
  }

  @EachDatabase
  void start_sameKekInProd_noWarning(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      setUp(db);
      try (LogCapture log = capture()) {
        Colseal.start(db.dataSource(), config("shop-kek", "prod")).close();
        assertFalse(log.text().contains("KekConsistency"), log.text());
      }
    }
  }
}
