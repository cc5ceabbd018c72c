package io.colseal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.RegisteredColumn;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.DecryptionException;
import io.colseal.exception.EncryptionException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the re-encryption job needs from a column cipher: re-encryption without decoding, values by
 * key version, plaintext forms in both directions, and reading plaintext while a column migrates.
 */
@OneDatabase(because = "a test of the cipher methods the re-encryption job uses; the key table only has to exist, and the embedded H2 holds it (the job's tests run on every database)")
class ColumnMigrationTest {
  enum Level { BRONZE, GOLD }

  private TestDatabase db;
  private InMemoryKms kms;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create(TestDatabase.Kind.H2);
    kms = new InMemoryKms();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  private Colseal start(boolean readPlaintext) {
    return Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).readPlaintext(readPlaintext).build());
  }

  @Test
  void reencrypt_movesAValueToTheActiveVersion_withoutChangingIt() {
    try (Colseal colseal = start(false)) {
      ColumnCipher<String, String> email = colseal.textColumn("customers", "email", String.class);
      ColumnCipher<LocalDate, byte[]> born = colseal.binaryColumn("customers", "born", LocalDate.class);
      String v1 = email.encrypt("customer1@example.com");
      byte[] b1 = born.encrypt(LocalDate.of(1990, 4, 1));
      assertEquals(OptionalInt.of(1), email.keyVersionOf(v1));
      colseal.keyRing().rotate("customers");

      String v2 = email.reencrypt(v1);
      byte[] b2 = born.reencrypt(b1);
      assertTrue(v2.startsWith(email.envelopePrefix(2)), v2);
      assertArrayEquals(born.envelopePrefix(2), java.util.Arrays.copyOf(b2, 8));
      assertEquals("cs1:01:0000000002:", email.envelopePrefix(2));
      assertEquals("customer1@example.com", email.decrypt(v2));
      assertEquals(LocalDate.of(1990, 4, 1), born.decrypt(b2));

      // Bound to its column like any value; a tampered or foreign value is refused, not re-encrypted.
      ColumnCipher<String, String> other = colseal.textColumn("customers", "phone", String.class);
      DecryptionException e = assertThrows(DecryptionException.class, () -> other.reencrypt(v1));
      assertEquals("phone", e.column());
      assertThrows(DecryptionException.class, () -> email.reencrypt("cs1:01:0000000001:AAAA"));
    }
  }

  @Test
  void envelopeChecks_lookAtTheHeaderOnly() {
    try (Colseal colseal = start(false)) {
      ColumnCipher<String, String> email = colseal.textColumn("customers", "email", String.class);
      ColumnCipher<byte[], byte[]> photo = colseal.binaryColumn("customers", "photo", byte[].class);
      assertTrue(email.isEnvelope(email.encrypt("x")));
      assertFalse(email.isEnvelope("plain@example.com"));
      assertEquals(OptionalInt.empty(), email.keyVersionOf("plain@example.com"));
      assertTrue(photo.isEnvelope(photo.encrypt(new byte[] {1})));
      assertFalse(photo.isEnvelope(new byte[] {'c', 's'}));
      assertFalse(photo.isEnvelope(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}));
    }
  }

  @Test
  void encryptPlaintext_readsWhatDatabasesReturnForEachType() {
    try (Colseal colseal = start(false)) {
      assertEquals("kim@example.com", roundTrip(colseal, String.class, "kim@example.com"));
      assertEquals(42, roundTrip(colseal, Integer.class, 42L));
      assertEquals(42, roundTrip(colseal, Integer.class, " 42 "));
      assertEquals(9_000_000_000L, roundTrip(colseal, Long.class, new BigDecimal("9000000000")));
      assertEquals(new BigDecimal("12.50"), roundTrip(colseal, BigDecimal.class, "12.50"));
      assertEquals(true, roundTrip(colseal, Boolean.class, "t"));
      assertEquals(false, roundTrip(colseal, Boolean.class, 0));
      assertEquals(LocalDate.of(2024, 5, 1), roundTrip(colseal, LocalDate.class, java.sql.Date.valueOf("2024-05-01")));
      assertEquals(LocalDate.of(2024, 5, 1), roundTrip(colseal, LocalDate.class, "2024-05-01"));
      assertEquals(LocalDateTime.of(2024, 5, 1, 10, 15, 30), roundTrip(colseal, LocalDateTime.class, "2024-05-01 10:15:30"));
      assertEquals(Instant.parse("2024-05-01T01:15:30Z"),
          roundTrip(colseal, Instant.class, Timestamp.valueOf("2024-05-01 01:15:30")));
      assertEquals(Instant.parse("2024-05-01T01:15:30Z"), roundTrip(colseal, Instant.class, "2024-05-01T10:15:30+09:00"));
      UUID id = UUID.randomUUID();
      assertEquals(id, roundTrip(colseal, UUID.class, id.toString()));
      assertEquals(Level.GOLD, roundTrip(colseal, Level.class, "GOLD"));
      assertArrayEquals(new byte[] {1, 2}, (byte[]) roundTrip(colseal, byte[].class, new byte[] {1, 2}));

      ColumnCipher<Integer, String> n = colseal.textColumn("t", "n", Integer.class);
      EncryptionException e = assertThrows(EncryptionException.class, () -> n.encryptPlaintext("4111-secret"));
      assertTrue(e.getMessage().contains("t.n is not a valid Integer"), e.getMessage());
      assertFalse(e.getMessage().contains("4111-secret"), e.getMessage());
    }
  }

  private static <T> Object roundTrip(Colseal colseal, Class<T> type, Object plaintext) {
    ColumnCipher<T, String> text = colseal.textColumn("t", "text_" + type.getSimpleName().toLowerCase(), type);
    ColumnCipher<T, byte[]> binary = colseal.binaryColumn("t", "bin_" + type.getSimpleName().toLowerCase(), type);
    T viaText = text.decrypt(text.encryptPlaintext(plaintext));
    T viaBinary = binary.decrypt(binary.encryptPlaintext(plaintext));
    if (viaText instanceof byte[] a) {
      assertArrayEquals(a, (byte[]) viaBinary);
    } else {
      assertEquals(viaText, viaBinary);
    }
    return viaText;
  }

  @Test
  void decryptToPlaintext_writesFormsThatReadBackToTheSameValue() {
    try (Colseal colseal = start(false)) {
      List<Object> values = List.of("kim", 7, 8L, new BigDecimal("1.10"), true, LocalDate.of(2024, 2, 29),
          LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_000_000), Instant.parse("2024-02-29T23:59:59.5Z"),
          UUID.fromString("3f0e6c1e-8f1b-4c51-9a55-2f3f1b9d7a10"), Level.BRONZE);
      for (Object value : values) {
        check(colseal, value);
      }
      ColumnCipher<String, String> s = colseal.textColumn("t", "s", String.class);
      assertEquals("kim", s.decryptToPlaintext(s.encrypt("kim")));
      ColumnCipher<LocalDate, byte[]> d = colseal.binaryColumn("t", "d", LocalDate.class);
      assertArrayEquals("2024-02-29".getBytes(StandardCharsets.UTF_8),
          (byte[]) d.decryptToPlaintext(d.encrypt(LocalDate.of(2024, 2, 29))));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void check(Colseal colseal, T value) {
    Class<T> type = (Class<T>) value.getClass();
    for (Storage storage : List.of(Storage.TEXT, Storage.BINARY)) {
      ColumnCipher<T, Object> c = (ColumnCipher<T, Object>) colseal.column("t", "c", type, storage);
      Object plain = c.decryptToPlaintext(c.encrypt(value));
      assertEquals(value, c.decrypt(c.encryptPlaintext(plain)), type + " " + storage);
    }
  }

  @Test
  void readPlaintext_offByDefault_onlyWhenEnabledArePlaintextValuesRead() {
    try (Colseal strict = start(false)) {
      ColumnCipher<LocalDate, String> born = strict.textColumn("customers", "born", LocalDate.class);
      assertThrows(DecryptionException.class, () -> born.decrypt("1990-04-01"));
    }
    try (Colseal migrating = start(true)) {
      ColumnCipher<LocalDate, String> born = migrating.textColumn("customers", "born", LocalDate.class);
      assertEquals(LocalDate.of(1990, 4, 1), born.decrypt("1990-04-01"));
      assertEquals(LocalDate.of(1990, 4, 2), born.decrypt(born.encrypt(LocalDate.of(1990, 4, 2))));
      DecryptionException e = assertThrows(DecryptionException.class, () -> born.decrypt("not-a-date-canary"));
      assertFalse(e.getMessage().contains("canary"), e.getMessage());
      // An envelope is never taken for plaintext, even when it fails.
      assertThrows(DecryptionException.class, () -> born.decrypt("cs1:01:0000000001:AAAA"));
    }
  }

  @Test
  void registeredColumn_withAnEnumThisProcessCannotLoad_isHandledAsItsNames() {
    try (Colseal colseal = start(false)) {
      RegisteredColumn registered = new RegisteredColumn("members", "level", "members", "level",
          "com.example.app.MembershipLevel", Storage.TEXT, EncryptionMode.RANDOMIZED, Classification.UNSPECIFIED,
          "Member", "level", null, null);
      @SuppressWarnings("unchecked")
      ColumnCipher<Object, Object> fromRegistry = (ColumnCipher<Object, Object>) colseal.column(registered);
      assertEquals(String.class, fromRegistry.javaType());
      ColumnCipher<Level, String> app = colseal.textColumn("members", "level", Level.class);
      assertEquals(Level.GOLD, app.decrypt((String) fromRegistry.reencrypt(app.encrypt(Level.GOLD))));
      assertEquals("GOLD", fromRegistry.decrypt(app.encrypt(Level.GOLD)));
      assertEquals(Level.BRONZE, app.decrypt((String) fromRegistry.encryptPlaintext("BRONZE")));
    }
  }

  @Test
  void columns_registryRowWithUnknownClassification_failsNamingColumnAndValue() throws Exception {
    try (Colseal colseal = start(false)) {
      colseal.register(List.of(new EncryptedColumn("Member", "x", "members", "x", String.class, Storage.TEXT,
          Classification.UNSPECIFIED, "members", "x")));
    }
    Raw.update(db, "UPDATE colseal_column SET classification = 'LAUNCH_CODES' WHERE column_name = 'x'");
    try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()),
        ColsealConfig.builder().kmsProvider(kms).build())) {
      ColsealConfigException e = assertThrows(ColsealConfigException.class, admin::columns);
      assertTrue(e.getMessage().contains("members.x") && e.getMessage().contains("LAUNCH_CODES"), e.getMessage());
    }
  }
}
