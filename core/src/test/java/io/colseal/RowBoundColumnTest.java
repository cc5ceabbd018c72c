package io.colseal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.DecryptionException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.RowKeyException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.keys.Algorithm;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Row binding ({@link ColumnCipher#withRowBinding()}, envelope algorithm 05): values stored in a
 * real table round-trip with their row's key, a value moved to another row by SQL fails with a
 * typed error naming table, column and key version, and neither the value nor the key ever shows in
 * a message or {@code toString()}.
 */
@OneDatabase(because = "a test of the cipher against a real table; the embedded H2 holds it and the key table")
class RowBoundColumnTest {
  private static final String VALUE = "CANARY-plaintext-customer1@example.com";
  private static final String KEY_CANARY = "CANARY-KEY-4711";
  private TestDatabase db;
  private InMemoryKms kms;
  private Colseal colseal;

  @BeforeEach
  void start() throws Exception {
    db = TestDatabase.create(TestDatabase.Kind.H2);
    kms = new InMemoryKms();
    colseal = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(kms).build());
    Raw.update(db, "CREATE TABLE customers (id BIGINT PRIMARY KEY, email VARCHAR(500), photo VARBINARY(2000))");
  }

  @AfterEach
  void stop() {
    colseal.close();
    db.close();
  }

  private ColumnCipher<String, String> email() {
    return colseal.textColumn("customers", "email", String.class).withRowBinding();
  }

  private String storedEmail(long id) throws Exception {
    return (String) Raw.value(db, "customers", "email", "id = " + id);
  }

  @Test
  void encryptDecrypt_throughARealTable_roundTripsWithTheRowKey() throws Exception {
    ColumnCipher<String, String> email = colseal.textColumn("customers", "email", String.class).withRowBinding();
    ColumnCipher<byte[], byte[]> photo = colseal.binaryColumn("customers", "photo", byte[].class).withRowBinding();
    for (long id = 1; id <= 3; id++) {
      Raw.update(db, "INSERT INTO customers (id, email, photo) VALUES (?, ?, ?)", id,
          email.encrypt("customer" + id + "@example.com", RowKey.of(id)),
          photo.encrypt(new byte[] {(byte) id, 2, 3}, RowKey.of(id)));
    }
    for (long id = 1; id <= 3; id++) {
      String stored = storedEmail(id);
      assertTrue(stored.startsWith("cs1:05:0000000001:"), stored);
      assertEquals(email.envelopePrefix(1), stored.substring(0, 18));
      assertTrue(EnvelopeHeaders.isWellFormed(stored));
      assertEquals("customer" + id + "@example.com", email.decrypt(stored, RowKey.of(id)));
      byte[] p = (byte[]) Raw.value(db, "customers", "photo", "id = " + id);
      assertArrayEquals(EnvelopeHeaders.binary(Algorithm.AES_256_GCM_ROW_BOUND, 1), Arrays.copyOf(p, 8));
      assertEquals(36 + 3, p.length, "the size of algorithm 01");
      assertArrayEquals(new byte[] {(byte) id, 2, 3}, photo.decrypt(p, RowKey.of(id)));
    }
    assertEquals(Algorithm.AES_256_GCM_ROW_BOUND, email.algorithm());
    assertTrue(email.rowBound());
    assertEquals("", email.decrypt(email.encrypt("", RowKey.of(1)), RowKey.of(1)));
    assertNull(email.encrypt(null, RowKey.of(1)));
    assertNull(email.decrypt(null, RowKey.of(1)));
  }

  @Test
  void value_swappedBetweenRowsBySql_failsNamingTableColumnAndVersion() throws Exception {
    ColumnCipher<String, String> email = email();
    Raw.update(db, "INSERT INTO customers (id, email) VALUES (1, ?)", email.encrypt(VALUE, RowKey.of(1L)));
    Raw.update(db, "INSERT INTO customers (id, email) VALUES (2, ?)", email.encrypt("other@example.com", RowKey.of(2L)));

    Raw.update(db, "UPDATE customers SET email = (SELECT email FROM customers WHERE id = 1) WHERE id = 2");

    String moved = storedEmail(2);
    DecryptionException e = assertThrows(DecryptionException.class, () -> email.decrypt(moved, RowKey.of(2L)));
    assertEquals("customers", e.table());
    assertEquals("email", e.column());
    assertEquals(1, e.keyVersion());
    assertEquals(ErrorCode.DECRYPT_FAILED, e.code());
    assertTrue(e.getMessage().contains("customers.email (key version 1)"), e.getMessage());
    assertTrue(e.getMessage().contains("another row"), e.getMessage());
    assertEquals(VALUE, email.decrypt(storedEmail(1), RowKey.of(1L)), "the original row still reads");
  }

  @Test
  void rowKey_intAndLongAndShortAndBigInteger_bindTheSameRow() {
    ColumnCipher<String, String> email = email();
    String stored = email.encrypt(VALUE, RowKey.of(7));
    assertEquals(VALUE, email.decrypt(stored, RowKey.of(7L)));
    assertEquals(VALUE, email.decrypt(stored, RowKey.of((short) 7)));
    assertEquals(VALUE, email.decrypt(stored, RowKey.of(BigInteger.valueOf(7))));
    assertThrows(DecryptionException.class, () -> email.decrypt(stored, RowKey.of("7")), "a String is another key");
    assertThrows(DecryptionException.class, () -> email.decrypt(stored, RowKey.of(8)));
  }

  @Test
  void rowKey_compositeAndUuidAndBytes_bindInOrder() {
    ColumnCipher<String, String> email = email();
    UUID tenant = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    String stored = email.encrypt(VALUE, RowKey.of(tenant, "KR", 7, new byte[] {1, 2}));
    assertEquals(VALUE, email.decrypt(stored, RowKey.of(tenant, "KR", 7L, new byte[] {1, 2})));
    assertThrows(DecryptionException.class, () -> email.decrypt(stored, RowKey.of(tenant, 7, "KR", new byte[] {1, 2})));
    assertThrows(DecryptionException.class, () -> email.decrypt(stored, RowKey.of(tenant, "KR", 7)));
  }

  @Test
  void decrypt_rowBoundValueWithoutRowKey_failsSayingSo() {
    String stored = email().encrypt(VALUE, RowKey.of(1));
    for (ColumnCipher<String, String> reader : List.of(email(), colseal.textColumn("customers", "email", String.class))) {
      DecryptionException e = assertThrows(DecryptionException.class, () -> reader.decrypt(stored));
      assertEquals(1, e.keyVersion());
      assertTrue(e.getMessage().contains("customers.email (key version 1)"), e.getMessage());
      assertTrue(e.getMessage().contains("without a row key"), e.getMessage());
    }
  }

  @Test
  void decrypt_otherAlgorithms_openWithOrWithoutRowKey() {
    ColumnCipher<String, String> plain = colseal.textColumn("customers", "email", String.class);
    String v01 = plain.encrypt(VALUE);
    ColumnCipher<String, String> email = email();
    assertEquals(VALUE, email.decrypt(v01), "values written before the column was bound");
    assertEquals(VALUE, email.decrypt(v01, RowKey.of(1)));
    String bound = email.reencrypt(v01, RowKey.of(1));
    assertTrue(bound.startsWith("cs1:05:"), bound);
    assertEquals(VALUE, email.decrypt(bound, RowKey.of(1)));
    String unbound = plain.reencrypt(bound, RowKey.of(1));
    assertTrue(unbound.startsWith("cs1:01:"), "an unbound cipher writes 01: " + unbound);
    assertThrows(DecryptionException.class, () -> plain.reencrypt(bound, RowKey.of(2)));
  }

  @Test
  void value_movedToAnotherColumnOrRelabelled_fails() {
    String stored = email().encrypt(VALUE, RowKey.of(1));
    ColumnCipher<String, String> phone = colseal.textColumn("customers", "phone", String.class).withRowBinding();
    assertThrows(DecryptionException.class, () -> phone.decrypt(stored, RowKey.of(1)));
    for (String alg : List.of("01", "04")) {
      String relabelled = "cs1:" + alg + stored.substring(6);
      assertThrows(DecryptionException.class, () -> email().decrypt(relabelled, RowKey.of(1)), alg);
      assertThrows(DecryptionException.class, () -> email().decrypt(relabelled), alg);
    }
  }

  @Test
  void withRowBinding_deterministicCipher_refusedExplainingEqualitySearch() {
    ColumnCipher<String, String> det = colseal.textColumn("customers", "email", String.class,
        EncryptionMode.DETERMINISTIC);
    ColsealConfigException e = assertThrows(ColsealConfigException.class, det::withRowBinding);
    assertEquals(ErrorCode.CONFIG_INVALID, e.code());
    assertTrue(e.getMessage().contains("customers.email is DETERMINISTIC"), e.getMessage());
    assertTrue(e.getMessage().contains("equality search"), e.getMessage());
  }

  @Test
  void encrypt_withoutRowKeyOnRowBoundCipher_refused() {
    ColumnCipher<String, String> email = email();
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> email.encrypt(VALUE));
    assertTrue(e.getMessage().contains("customers.email is row-bound"), e.getMessage());
    assertTrue(e.getMessage().contains("encrypt(value, RowKey)"), e.getMessage());
    assertFalse(e.getMessage().contains("CANARY"), e.getMessage());
    assertThrows(IllegalStateException.class, () -> email.reencrypt(email.encrypt(VALUE, RowKey.of(1))));
    assertThrows(IllegalStateException.class, () -> email.encryptPlaintext(VALUE));
  }

  @Test
  void encrypt_withRowKeyOnUnboundCipher_refused() {
    ColumnCipher<String, String> plain = colseal.textColumn("customers", "email", String.class);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> plain.encrypt(VALUE, RowKey.of(1)));
    assertTrue(e.getMessage().contains("customers.email is not row-bound"), e.getMessage());
    assertFalse(plain.rowBound());
  }

  @Test
  void rowKey_unsupportedOrNullPart_typedErrorNamingTableAndColumnNotTheKey() {
    ColumnCipher<String, String> email = email();
    RowKeyException date = assertThrows(RowKeyException.class,
        () -> email.encrypt(VALUE, RowKey.of(KEY_CANARY, new Date(1234567890123L))));
    assertEquals(ErrorCode.MAPPING_INVALID, date.code());
    assertEquals("customers", date.table());
    assertEquals("email", date.column());
    assertTrue(date.getMessage().contains("row key for customers.email: part 2 of 2 is a java.util.Date"),
        date.getMessage());
    RowKeyException nul = assertThrows(RowKeyException.class,
        () -> email.decrypt("cs1:05:0000000001:AAAA", RowKey.of(KEY_CANARY, null)));
    assertTrue(nul.getMessage().contains("row key for customers.email: part 2 of 2 is null"), nul.getMessage());
    RowKeyException big = assertThrows(RowKeyException.class,
        () -> email.encrypt(VALUE, RowKey.of(BigInteger.TWO.pow(64))));
    assertTrue(big.getMessage().contains("outside the range of long"), big.getMessage());
    for (RuntimeException e : List.of(date, nul, big)) {
      assertFalse(e.getMessage().contains("CANARY"), e.getMessage());
      assertFalse(e.getMessage().contains("1234567890123"), e.getMessage());
      assertFalse(e.getMessage().contains("18446744073709551616"), e.getMessage());
    }
  }

  @Test
  void messagesAndToString_neverContainValueOrKeyParts() throws Exception {
    ColumnCipher<String, String> email = email();
    RowKey key = RowKey.of(KEY_CANARY, 4711L);
    String stored = email.encrypt(VALUE, key);
    List<String> texts = List.of(
        key.toString(),
        email.toString(),
        assertThrows(DecryptionException.class, () -> email.decrypt(stored, RowKey.of(KEY_CANARY + "x", 4711L)))
            .getMessage(),
        assertThrows(DecryptionException.class, () -> email.decrypt(stored)).getMessage(),
        assertThrows(DecryptionException.class, () -> email.decrypt(stored.substring(0, stored.length() - 4), key))
            .getMessage(),
        assertThrows(IllegalStateException.class, () -> email.encrypt(VALUE)).getMessage(),
        assertThrows(RowKeyException.class, () -> email.encrypt(VALUE, RowKey.of(KEY_CANARY, 1.5))).getMessage());
    for (String text : texts) {
      assertFalse(text.contains("CANARY"), text);
      assertFalse(text.contains("4711"), text);
    }
    assertEquals("RowKey[2 parts]", key.toString());
    assertEquals("RowKey[1 part]", RowKey.of(KEY_CANARY).toString());
    assertTrue(email.toString().contains("row-bound"), email.toString());
  }

  @Test
  void rowKey_bytePartsCopiedIn() {
    ColumnCipher<String, String> email = email();
    byte[] id = {1, 2, 3};
    RowKey key = RowKey.of((Object) id);
    String stored = email.encrypt(VALUE, key);
    id[0] = 9;
    assertEquals(VALUE, email.decrypt(stored, key), "a later change to the caller's array does not change the key");
    assertThrows(IllegalArgumentException.class, RowKey::of);
  }

  @Test
  void countRows_rowBoundValues_countedApartFromAlgorithm01() throws Exception {
    colseal.register(List.of(new EncryptedColumn("Customer", "email", "customers", "email", String.class, Storage.TEXT,
        Classification.OTHER_PERSONAL, "customers", "email")));
    ColumnCipher<String, String> email = email();
    Raw.update(db, "INSERT INTO customers (id, email) VALUES (1, ?)", email.encrypt(VALUE, RowKey.of(1)));
    Raw.update(db, "INSERT INTO customers (id, email) VALUES (2, ?)", email.encrypt(VALUE, RowKey.of(2)));
    Raw.update(db, "INSERT INTO customers (id, email) VALUES (3, ?)",
        colseal.textColumn("customers", "email", String.class).encrypt(VALUE));

    try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()),
        ColsealConfig.builder().kmsProvider(kms).build())) {
      ColumnRowCounts counts = admin.countRows("customers").get(0);
      assertEquals(Map.of(1, 3L), counts.byKeyVersion());
      assertEquals(Map.of(1, 2L), counts.rowBoundByKeyVersion());
      assertEquals(2, counts.rowsOn(1, Algorithm.AES_256_GCM_ROW_BOUND));
      assertEquals(1, counts.rowsOn(1, Algorithm.AES_256_GCM));
      assertEquals(0, counts.notEncrypted());
    }
  }

  @Test
  void javadocExample_compiles() {
    long customerId = 42;
    ColumnCipher<String, String> email = colseal.textColumn("customers", "email", String.class).withRowBinding();
    String stored = email.encrypt("customer1@example.com", RowKey.of(customerId));
    String plain = email.decrypt(stored, RowKey.of(customerId));
    assertEquals("customer1@example.com", plain);
  }
}
