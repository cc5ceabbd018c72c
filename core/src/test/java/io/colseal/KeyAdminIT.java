package io.colseal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.EncryptedColumn;
import io.colseal.Storage;
import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.keys.KeyAuditFields;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operator key management from the database alone, on every database: row counts by SQL over the
 * envelope headers, refusals while rows use a version, retire, reactivate, destroy (crypto-shredding)
 * and rewrap under another KEK.
 */
class KeyAdminIT {
  private static final List<EncryptedColumn> COLUMNS = List.of(
      new EncryptedColumn("Customer", "email", "customers", "email", String.class, Storage.TEXT,
          Classification.OTHER_PERSONAL, "customers", "email"),
      new EncryptedColumn("Customer", "photo", "customers", "photo", byte[].class, Storage.BINARY,
          Classification.BIOMETRIC, "customers", "photo"));

  private static String binaryType(Kind kind) {
    return kind == Kind.POSTGRESQL ? "BYTEA" : "VARBINARY(2000)";
  }

  private static Colseal start(TestDatabase db, InMemoryKms kms) {
    return Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).build());
  }

  private static KeyAdmin admin(TestDatabase db, InMemoryKms kms) {
    return KeyAdmin.open(ConnectionSource.of(db.dataSource()), ColsealConfig.builder().kmsProvider(kms).build());
  }

  private static void insert(TestDatabase db, Colseal colseal, int id, String email, byte[] photo) throws Exception {
    Raw.update(db, "INSERT INTO customers (id, email, photo) VALUES (?, ?, ?)", id,
        colseal.textColumn("customers", "email", String.class).encrypt(email),
        colseal.binaryColumn("customers", "photo", byte[].class).encrypt(photo));
  }

  /** Decrypts and re-encrypts every row with the ACTIVE key (what the re-encryption job will do). */
  private static void reencryptAll(TestDatabase db, Colseal colseal) throws Exception {
    var email = colseal.textColumn("customers", "email", String.class);
    var photo = colseal.binaryColumn("customers", "photo", byte[].class);
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, email, photo FROM customers WHERE email LIKE 'cs1:01:%'");
        PreparedStatement up = c.prepareStatement("UPDATE customers SET email = ?, photo = ? WHERE id = ?")) {
      while (rs.next()) {
        up.setString(1, email.encrypt(email.decrypt(rs.getString(2))));
        up.setBytes(2, photo.encrypt(photo.decrypt(rs.getBytes(3))));
        up.setInt(3, rs.getInt(1));
        up.executeUpdate();
      }
    }
  }

  @EachDatabase
  void retireAndDestroy_refusedWhileRowsUseTheVersion_allowedAfter_thenValuesFailAsDestroyed(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      Raw.update(db, "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(500), photo " + binaryType(kind) + ")");
      InMemoryKms kms = new InMemoryKms();
      String savedV1;
      try (Colseal app = start(db, kms)) {
        app.register(COLUMNS);
        for (int i = 1; i <= 3; i++) {
          insert(db, app, i, "customer" + i + "@example.com", ("photo-" + i).getBytes(StandardCharsets.UTF_8));
        }
        Raw.update(db, "INSERT INTO customers (id, email, photo) VALUES (4, 'legacy-plaintext@example.com', NULL)");
        // Starts like an envelope, but its header is not one: not encrypted either.
        Raw.update(db, "INSERT INTO customers (id, email, photo) VALUES (5, 'cs1:legacy-value-with-a-colon', NULL)");
        savedV1 = (String) Raw.value(db, "customers", "email", "id = 1");
      }

      try (KeyAdmin admin = admin(db, kms)) {
        assertEquals(List.of("customers"), admin.registeredTables());
        List<ColumnRowCounts> counts = admin.countRows("customers");
        assertEquals(List.of("email", "photo"), counts.stream().map(ColumnRowCounts::column).toList());
        assertEquals(new ColumnRowCounts("customers", "email", 5, 0, Map.of(1, 3L), 2, Map.of()), counts.get(0));
        assertEquals(new ColumnRowCounts("customers", "photo", 5, 2, Map.of(1, 3L), 0, Map.of()), counts.get(1));

        assertEquals(2, admin.rotate("customers").version());
        ColsealException active = assertThrows(ColsealException.class, () -> admin.destroy("customers", 2, true));
        assertEquals(ErrorCode.KEY_IN_USE, active.code());
        assertTrue(active.getMessage().contains("is ACTIVE"), active.getMessage());

        for (ColsealException refused : List.of(
            assertThrows(ColsealException.class, () -> admin.destroy("customers", 1, false)),
            assertThrows(ColsealException.class, () -> admin.retire("customers", 1, false)))) {
          assertEquals(ErrorCode.KEY_IN_USE, refused.code());
          assertTrue(refused.getMessage().contains("6 values are still encrypted under it (email: 3, photo: 3)"),
              refused.getMessage());
        }
        assertEquals(KeyState.DECRYPT_ONLY, admin.list("customers").get(0).state());
      }

      try (Colseal app = start(db, kms)) {
        reencryptAll(db, app);
      }
      try (KeyAdmin admin = admin(db, kms)) {
        assertEquals(Map.of(2, 6L), admin.rowsPerVersion("customers"));
        assertEquals(KeyState.RETIRED, admin.retire("customers", 1, false).state());
      }
      try (Colseal fresh = start(db, kms)) {
        KeyUnavailableException e = assertThrows(KeyUnavailableException.class,
            () -> fresh.textColumn("customers", "email", String.class).decrypt(savedV1));
        assertEquals(ErrorCode.KEY_DISABLED, e.code());
      }
      try (KeyAdmin admin = admin(db, kms)) {
        assertEquals(KeyState.DECRYPT_ONLY, admin.reactivate("customers", 1).state());
      }
      try (Colseal fresh = start(db, kms)) {
        assertEquals("customer1@example.com", fresh.textColumn("customers", "email", String.class).decrypt(savedV1));
      }
      try (KeyAdmin admin = admin(db, kms)) {
        KeyVersion destroyed = admin.destroy("customers", 1, false);
        assertEquals(KeyState.DESTROYED, destroyed.state());
        assertTrue(destroyed.destroyed().isPresent());
      }
      assertNull(Raw.value(db, "colseal_data_key", "wrapped_key", "table_name = 'customers' AND key_version = 1"));
      try (Colseal fresh = start(db, kms)) {
        KeyUnavailableException e = assertThrows(KeyUnavailableException.class,
            () -> fresh.textColumn("customers", "email", String.class).decrypt(savedV1));
        assertEquals(ErrorCode.KEY_DESTROYED, e.code());
        assertEquals("customers", e.table());
        assertEquals(1, e.keyVersion());
        // Rows moved to v2 are untouched by the destruction of v1.
        assertEquals("customer2@example.com", fresh.textColumn("customers", "email", String.class)
            .decrypt((String) Raw.value(db, "customers", "email", "id = 2")));
      }
    }
  }

  @EachDatabase
  void auditFields_encryptionsAtRetirement_noneUntilRetired_thenTheCountThen(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      Raw.update(db, "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(500), photo " + binaryType(kind) + ")");
      InMemoryKms kms = new InMemoryKms();
      try (Colseal app = start(db, kms)) {
        app.register(COLUMNS);
        insert(db, app, 1, "audit@example.com", new byte[] {1});
      }
      try (KeyAdmin admin = admin(db, kms)) {
        admin.rotate("customers");
        Map<Integer, KeyAuditFields> byVersion = new java.util.TreeMap<>();
        for (KeyAuditFields f : admin.auditFields()) {
          if (f.table().equals("customers")) {
            byVersion.put(f.version(), f);
          }
        }
        assertEquals(Set.of(1, 2), byVersion.keySet());
        assertNotNull(byVersion.get(1).encryptionsAtRetirement(), "v1 was retired by the rotation");
        assertNull(byVersion.get(2).encryptionsAtRetirement(), "v2 is ACTIVE: no count at retirement, not 0");
      }
    }
  }

  @EachDatabase
  void forcedDestroy_shredsRowsStillUnderTheVersion(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      Raw.update(db, "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(500), photo " + binaryType(kind) + ")");
      InMemoryKms kms = new InMemoryKms();
      try (Colseal app = start(db, kms)) {
        app.register(COLUMNS);
        insert(db, app, 1, "shred-me@example.com", new byte[] {1, 2, 3});
      }
      try (KeyAdmin admin = admin(db, kms)) {
        admin.rotate("customers");
        assertEquals(KeyState.DESTROYED, admin.destroy("customers", 1, true).state());
        assertEquals(Map.of(1, 2L), admin.rowsPerVersion("customers"), "the rows stay, unreadable");
      }
      try (Colseal fresh = start(db, kms)) {
        byte[] stored = (byte[]) Raw.value(db, "customers", "photo", "id = 1");
        KeyUnavailableException e = assertThrows(KeyUnavailableException.class,
            () -> fresh.binaryColumn("customers", "photo", byte[].class).decrypt(stored));
        assertEquals(ErrorCode.KEY_DESTROYED, e.code());
      }
    }
  }

  @EachDatabase
  void rewrap_movesEveryLiveVersionToTheNewKek_rowsUntouched_oldKekNoLongerNeeded(Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      Raw.update(db, "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(500), photo " + binaryType(kind) + ")");
      InMemoryKms kms = new InMemoryKms("kek-1");
      try (Colseal app = start(db, kms)) {
        app.register(COLUMNS);
        insert(db, app, 1, "v1@example.com", new byte[] {1});
        app.keyRing().rotate("customers");
        insert(db, app, 2, "v2@example.com", new byte[] {2});
      }
      List<Object> rowsBefore = new ArrayList<>(Raw.values(db, "customers", "email", "1 = 1 ORDER BY id"));
      byte[] wrappedBefore = (byte[]) Raw.value(db, "colseal_data_key", "wrapped_key", "key_version = 1");

      kms.addKek("kek-2");
      try (KeyAdmin admin = admin(db, kms)) {
        List<KeyVersion> done = admin.rewrap("customers", "kek-2");
        assertEquals(List.of(1, 2), done.stream().map(KeyVersion::version).toList());
        assertTrue(done.stream().allMatch(v -> v.kekId().equals("kek-2")), done.toString());
        assertEquals(KeyState.ACTIVE, done.get(1).state());
        assertEquals(List.of(), admin.rewrap("customers", "kek-2"), "a second run has nothing left to do");
      }
      assertEquals(rowsBefore, Raw.values(db, "customers", "email", "1 = 1 ORDER BY id"), "no data row touched");
      byte[] wrappedAfter = (byte[]) Raw.value(db, "colseal_data_key", "wrapped_key", "key_version = 1");
      assertTrue(!java.util.Arrays.equals(wrappedBefore, wrappedAfter), "wrapped key replaced");

      kms.disableKek("kek-1");
      try (Colseal fresh = start(db, kms)) {
        var email = fresh.textColumn("customers", "email", String.class);
        var photo = fresh.binaryColumn("customers", "photo", byte[].class);
        assertEquals("v1@example.com", email.decrypt((String) Raw.value(db, "customers", "email", "id = 1")));
        assertEquals("v2@example.com", email.decrypt((String) Raw.value(db, "customers", "email", "id = 2")));
        assertArrayEquals(new byte[] {2}, photo.decrypt((byte[]) Raw.value(db, "customers", "photo", "id = 2")));
      }
    }
  }

  @EachDatabase
  void init_autoCreateOff_createsTheMissingKey(Kind kind) {
    try (TestDatabase db = TestDatabase.create(kind)) {
      ColsealConfig config = ColsealConfig.builder().kmsProvider(new InMemoryKms()).autoCreateKeys(false).build();
      try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config)) {
        KeyAdmin.InitResult first = admin.init("orders");
        KeyAdmin.InitResult second = admin.init("orders");

        assertTrue(first.created());
        assertEquals(1, first.version().version());
        assertEquals(KeyState.ACTIVE, first.version().state());
        assertFalse(second.created());
        assertEquals(first.version().version(), second.version().version());
      }
    }
  }
}
