package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.keys.KeyVersion;
import io.colseal.keys.UnreadableKeyVersion;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import io.colseal.testing.TestDatabase.Kind;
import java.util.List;

/**
 * A key row naming an algorithm or state this release does not know (as a newer release would
 * write) fails only the keys that use it, with {@code KEY_UNSUPPORTED} naming table, version and
 * value; every other table keeps working, in the application and for the operator.
 */
class UnknownKeyRowIT {
  private static final List<EncryptedColumn> COLUMNS = List.of(
      new EncryptedColumn("Customer", "email", "customers", "email", String.class, Storage.TEXT,
          Classification.OTHER_PERSONAL, "customers", "email"),
      new EncryptedColumn("Order", "note", "orders", "note", String.class, Storage.TEXT,
          Classification.UNSPECIFIED, "orders", "note"));

  private record Stored(String customer, String order) {}

  private static ColsealConfig config(InMemoryKms kms) {
    return ColsealConfig.builder().kmsProvider(kms).build();
  }

  /** Both tables get a v1 key and one value each; then {@code customers v1} gets {@code column = value}. */
  private static Stored setUp(TestDatabase db, InMemoryKms kms, String column, String value) throws Exception {
    Raw.update(db, "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(500))");
    Raw.update(db, "CREATE TABLE orders (id INT PRIMARY KEY, note VARCHAR(500))");
    Stored stored;
    try (Colseal app = Colseal.start(db.dataSource(), config(kms))) {
      app.register(COLUMNS);
      stored = new Stored(app.textColumn("customers", "email", String.class).encrypt("a@example.com"),
          app.textColumn("orders", "note", String.class).encrypt("note"));
    }
    if (column.equals("state")) {
      // A newer release that adds a state also widens this constraint in its migration.
      Raw.update(db, "ALTER TABLE colseal_data_key DROP CONSTRAINT colseal_data_key_state_ck");
    }
    Raw.update(db, "UPDATE colseal_data_key SET " + column + " = ? WHERE table_name = 'customers'", value);
    return stored;
  }

  private static void assertUnsupported(KeyUnavailableException e, String column, String value) {
    assertEquals(ErrorCode.KEY_UNSUPPORTED, e.code());
    assertEquals("customers", e.table());
    assertEquals(1, e.keyVersion());
    assertTrue(e.getMessage().contains("customers v1 has " + column + " '" + value + "'"), e.getMessage());
    assertTrue(e.getMessage().contains("written by a newer colseal?"), e.getMessage());
  }

  @EachDatabase
  void decrypt_unknownAlgorithm_failsThatTableOnlyWithKeyUnsupported(Kind kind) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (TestDatabase db = TestDatabase.create(kind)) {
      Stored stored = setUp(db, kms, "algorithm", "BOGUS");
      try (Colseal app = Colseal.start(db.dataSource(), config(kms))) {
        app.register(COLUMNS);
        var email = app.textColumn("customers", "email", String.class);
        assertUnsupported(assertThrows(KeyUnavailableException.class, () -> email.decrypt(stored.customer())),
            "algorithm", "BOGUS");
        var note = app.textColumn("orders", "note", String.class);
        assertEquals("note", note.decrypt(stored.order()));
      }
    }
  }

  @EachDatabase
  void encrypt_unknownAlgorithmOnActiveKey_failsThatTableOnlyWithKeyUnsupported(Kind kind) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (TestDatabase db = TestDatabase.create(kind)) {
      setUp(db, kms, "algorithm", "BOGUS");
      try (Colseal app = Colseal.start(db.dataSource(), config(kms))) {
        app.register(COLUMNS);
        var email = app.textColumn("customers", "email", String.class);
        assertUnsupported(assertThrows(KeyUnavailableException.class, () -> email.encrypt("b@example.com")),
            "algorithm", "BOGUS");
        var note = app.textColumn("orders", "note", String.class);
        assertEquals("other", note.decrypt(note.encrypt("other")));
      }
    }
  }

  @EachDatabase
  void decrypt_unknownState_failsThatTableOnlyWithKeyUnsupported(Kind kind) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (TestDatabase db = TestDatabase.create(kind)) {
      Stored stored = setUp(db, kms, "state", "PENDING");
      try (Colseal app = Colseal.start(db.dataSource(), config(kms))) {
        app.register(COLUMNS);
        var email = app.textColumn("customers", "email", String.class);
        assertUnsupported(assertThrows(KeyUnavailableException.class, () -> email.decrypt(stored.customer())),
            "state", "PENDING");
        assertEquals("note", app.textColumn("orders", "note", String.class).decrypt(stored.order()));
      }
    }
  }

  @EachDatabase
  void keyAdminList_unknownAlgorithm_listsTheOthersAndReportsItApart(Kind kind) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (TestDatabase db = TestDatabase.create(kind)) {
      setUp(db, kms, "algorithm", "BOGUS");
      try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config(kms))) {
        assertEquals(List.of("orders"), admin.list().stream().map(KeyVersion::table).toList());
        assertEquals(List.of(new UnreadableKeyVersion("customers", 1, "algorithm", "BOGUS")), admin.unreadable());
        assertUnsupported(assertThrows(KeyUnavailableException.class, () -> admin.retire("customers", 1, false)),
            "algorithm", "BOGUS");
        assertUnsupported(assertThrows(KeyUnavailableException.class, () -> admin.rotate("customers")),
            "algorithm", "BOGUS");
        assertEquals(2, admin.rotate("orders").version());
      }
    }
  }

  @EachDatabase
  void ensureActiveKeys_unknownAlgorithm_startsTheOtherTables(Kind kind) throws Exception {
    InMemoryKms kms = new InMemoryKms();
    try (TestDatabase db = TestDatabase.create(kind)) {
      Stored stored = setUp(db, kms, "algorithm", "BOGUS");
      try (Colseal app = Colseal.start(db.dataSource(), config(kms))) {
        app.register(COLUMNS);
        app.keyRing().ensureActiveKeys(List.of("customers", "orders")); // what the Hibernate integration does at start
        assertEquals("note", app.textColumn("orders", "note", String.class).decrypt(stored.order()));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void unreadableKeyVersion_longOrControlValue_isShortenedAndPrintable() {
    UnreadableKeyVersion u = new UnreadableKeyVersion("t", 1, "state", "X\n'" + "y".repeat(60));
    assertEquals("X??" + "y".repeat(37) + "...", u.value());
  }
}
