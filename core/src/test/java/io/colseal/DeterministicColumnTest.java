package io.colseal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.KeyAdmin;
import io.colseal.RegisteredColumn;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ColsealException;
import io.colseal.exception.DecryptionException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EncryptionMode#DETERMINISTIC} ciphers on H2: equal values give equal envelopes within a
 * column and different ones across columns, tables and key versions; both modes open both
 * algorithms; {@code sealedUnder} and {@code searchVersions} follow rotation and retirement; every
 * bit flip of a stored deterministic value is rejected without revealing it.
 */
@OneDatabase(because = "a test of the deterministic cipher; the key table only has to exist, and the embedded H2 holds it (DeterministicRoundTripIT runs on every database)")
class DeterministicColumnTest {
  private static final String VALUE = "CANARY-customer1@example.com";
  private TestDatabase db;
  private InMemoryKms kms;
  private Colseal colseal;

  @BeforeEach
  void start() {
    db = TestDatabase.create(TestDatabase.Kind.H2);
    kms = new InMemoryKms();
    colseal = Colseal.start(db.dataSource(), config());
  }

  private ColsealConfig config() {
    return ColsealConfig.builder().kmsProvider(kms).build();
  }

  @AfterEach
  void stop() {
    colseal.close();
    db.close();
  }

  private ColumnCipher<String, String> text(String table, String column) {
    return colseal.textColumn(table, column, String.class, EncryptionMode.DETERMINISTIC);
  }

  // ---------------------------------------------------------------- equality

  @Test
  void encrypt_sameValueSameColumn_sameEnvelope() {
    ColumnCipher<String, String> email = text("customers", "email");
    String a = email.encrypt(VALUE);
    assertEquals(a, email.encrypt(VALUE));
    assertEquals(a, text("Customers", "EMAIL").encrypt(VALUE), "names are normalised");
    assertTrue(a.startsWith("cs1:02:0000000001:"), a);
    assertEquals(VALUE, email.decrypt(a));
  }

  @Test
  void encrypt_sameValueSameBinaryColumn_sameEnvelope() {
    ColumnCipher<LocalDate, byte[]> born =
        colseal.binaryColumn("customers", "born", LocalDate.class, EncryptionMode.DETERMINISTIC);
    byte[] a = born.encrypt(LocalDate.of(1990, 10, 31));
    assertArrayEquals(a, born.encrypt(LocalDate.of(1990, 10, 31)));
    assertArrayEquals(born.envelopePrefix(1), Arrays.copyOf(a, 8));
    assertEquals(LocalDate.of(1990, 10, 31), born.decrypt(a));
  }

  @Test
  void encrypt_differentValues_differentEnvelopes() {
    ColumnCipher<String, String> email = text("customers", "email");
    assertNotEquals(email.encrypt(VALUE), email.encrypt(VALUE + "."));
    assertNotEquals(email.encrypt(""), email.encrypt(" "));
  }

  @Test
  void encrypt_sameValueOtherColumn_differentEnvelope() {
    assertNotEquals(text("customers", "email").encrypt(VALUE), text("customers", "backup_email").encrypt(VALUE));
  }

  @Test
  void encrypt_sameValueOtherTable_differentEnvelope() {
    String a = text("customers", "email").encrypt(VALUE);
    String b = text("suppliers", "email").encrypt(VALUE);
    assertNotEquals(a.substring(18), b.substring(18), "bodies differ, not just headers");
  }

  @Test
  void encrypt_afterRotation_newVersionAndDifferentEnvelope() {
    ColumnCipher<String, String> email = text("customers", "email");
    String v1 = email.encrypt(VALUE);
    colseal.keyRing().rotate("customers");
    String v2 = email.encrypt(VALUE);
    assertTrue(v2.startsWith("cs1:02:0000000002:"), v2);
    assertNotEquals(v1.substring(18), v2.substring(18));
    assertEquals(v2, email.encrypt(VALUE));
    assertEquals(VALUE, email.decrypt(v1));
  }

  @Test
  void encrypt_randomizedMode_stillRandom() {
    ColumnCipher<String, String> email = colseal.textColumn("customers", "email", String.class);
    assertEquals(EncryptionMode.RANDOMIZED, email.mode());
    assertNotEquals(email.encrypt(VALUE), email.encrypt(VALUE));
    assertEquals("cs1:01:0000000001:", email.envelopePrefix(1));
  }

  @Test
  void envelopePrefix_deterministic_namesAlgorithm02() {
    ColumnCipher<String, String> email = text("customers", "email");
    assertEquals(EncryptionMode.DETERMINISTIC, email.mode());
    assertEquals("cs1:02:0000000007:", email.envelopePrefix(7));
    assertArrayEquals(new byte[] {'c', 's', 1, 2, 0, 0, 0, 7},
        colseal.binaryColumn("customers", "photo", byte[].class, EncryptionMode.DETERMINISTIC).envelopePrefix(7));
  }

  @Test
  void decrypt_eachModeOpensTheOther() {
    ColumnCipher<String, String> det = text("customers", "email");
    ColumnCipher<String, String> rnd = colseal.textColumn("customers", "email", String.class);
    assertEquals(VALUE, rnd.decrypt(det.encrypt(VALUE)));
    assertEquals(VALUE, det.decrypt(rnd.encrypt(VALUE)));
  }

  @Test
  void reencrypt_randomizedValueByDeterministicCipher_becomesDeterministic() {
    ColumnCipher<String, String> det = text("customers", "email");
    String random = colseal.textColumn("customers", "email", String.class).encrypt(VALUE);
    assertEquals(det.encrypt(VALUE), det.reencrypt(random));
  }

  @Test
  void reencrypt_deterministicValueByRandomizedCipher_becomesRandomized() {
    String stored = text("customers", "email").encrypt(VALUE);
    String moved = colseal.textColumn("customers", "email", String.class).reencrypt(stored);
    assertTrue(moved.startsWith("cs1:01:"), moved);
    assertEquals(VALUE, text("customers", "email").decrypt(moved));
  }

  // ---------------------------------------------------------------- sealedUnder, searchVersions

  @Test
  void sealedUnder_olderVersion_givesThatVersionsEnvelope() {
    ColumnCipher<String, String> email = text("customers", "email");
    String v1 = email.encrypt(VALUE);
    colseal.keyRing().rotate("customers");
    String v2 = email.encrypt(VALUE);
    assertEquals(v1, email.sealedUnder(v2, 1));
    assertEquals(v2, email.sealedUnder(v1, 2));
    assertEquals(v2, email.sealedUnder(v2, 2));
    assertEquals(VALUE, email.decrypt(email.sealedUnder(v2, 1)));
  }

  @Test
  void sealedUnder_randomizedStoredValue_givesDeterministicEnvelope() {
    ColumnCipher<String, String> email = text("customers", "email");
    String random = colseal.textColumn("customers", "email", String.class).encrypt(VALUE);
    assertEquals(email.encrypt(VALUE), email.sealedUnder(random, 1));
  }

  @Test
  void sealedUnder_binary_roundTrips() {
    ColumnCipher<byte[], byte[]> photo = colseal.binaryColumn("customers", "photo", byte[].class,
        EncryptionMode.DETERMINISTIC);
    byte[] plain = "CANARY-photo".getBytes(StandardCharsets.US_ASCII);
    byte[] v1 = photo.encrypt(plain);
    colseal.keyRing().rotate("customers");
    assertArrayEquals(v1, photo.sealedUnder(photo.encrypt(plain), 1));
  }

  @Test
  void sealedUnder_usesNoEncryptionBudget() {
    ColumnCipher<String, String> email = text("customers", "email");
    String stored = email.encrypt(VALUE);
    long before = colseal.keyRing().stats().encryptions();
    for (int i = 0; i < 10; i++) {
      email.sealedUnder(stored, 1);
    }
    assertEquals(before, colseal.keyRing().stats().encryptions());
  }

  @Test
  void sealedUnder_randomizedCipher_throwsIllegalState() {
    ColumnCipher<String, String> rnd = colseal.textColumn("customers", "email", String.class);
    String stored = rnd.encrypt(VALUE);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> rnd.sealedUnder(stored, 1));
    assertFalse(e.getMessage().contains(VALUE));
  }

  @Test
  void sealedUnder_tamperedStoredValue_throwsDecryptionException() {
    ColumnCipher<String, String> email = text("customers", "email");
    byte[] body = Base64.getDecoder().decode(email.encrypt(VALUE).substring(18));
    body[0] ^= 1;
    String tampered = "cs1:02:0000000001:" + Base64.getEncoder().encodeToString(body);
    assertThrows(DecryptionException.class, () -> email.sealedUnder(tampered, 1));
  }

  @Test
  void sealedUnder_unknownVersion_throwsKeyUnavailable() {
    ColumnCipher<String, String> email = text("customers", "email");
    String stored = email.encrypt(VALUE);
    KeyUnavailableException e = assertThrows(KeyUnavailableException.class, () -> email.sealedUnder(stored, 5));
    assertEquals(5, e.keyVersion());
  }

  @Test
  void searchVersions_followRotationAndRetirement() {
    ColumnCipher<String, String> email = text("customers", "email");
    email.encrypt(VALUE);
    assertArrayEquals(new int[] {1}, email.searchVersions());
    colseal.keyRing().rotate("customers");
    assertArrayEquals(new int[] {2, 1}, email.searchVersions());
    colseal.keyRing().rotate("customers");
    assertArrayEquals(new int[] {3, 2, 1}, email.searchVersions());
    try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config())) {
      admin.retire("customers", 1, true);
    }
    assertArrayEquals(new int[] {3, 2, 1}, email.searchVersions(), "cached until refresh");
    colseal.keyRing().refresh();
    assertArrayEquals(new int[] {3, 2}, email.searchVersions());
    String stored = email.encrypt(VALUE);
    assertThrows(KeyUnavailableException.class, () -> email.sealedUnder(stored, 1));
  }

  @Test
  void searchVersions_rotationByAnotherProcess_seenAfterRefresh() {
    ColumnCipher<String, String> email = text("customers", "email");
    email.encrypt(VALUE);
    try (Colseal other = Colseal.start(db.dataSource(), config())) {
      other.keyRing().rotate("customers");
    }
    colseal.keyRing().refresh();
    assertArrayEquals(new int[] {2, 1}, email.searchVersions());
    assertTrue(email.encrypt(VALUE).startsWith("cs1:02:0000000002:"));
  }

  @Test
  void searchVersions_returnsAFreshArray() {
    ColumnCipher<String, String> email = text("customers", "email");
    email.searchVersions()[0] = 99;
    assertArrayEquals(new int[] {1}, email.searchVersions());
  }

  // ---------------------------------------------------------------- registry

  @Test
  void column_registeredDeterministic_givesDeterministicCipher() {
    colseal.register(List.of(new EncryptedColumn("Customer", "email", "customers", "email", String.class,
        Storage.TEXT, Classification.UNSPECIFIED, "customers", "email", EncryptionMode.DETERMINISTIC)));
    try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config())) {
      RegisteredColumn registered = admin.columns().get(0);
      assertEquals(EncryptionMode.DETERMINISTIC, registered.mode());
      assertEquals(EncryptionMode.DETERMINISTIC, colseal.column(registered).mode());
    }
  }

  @Test
  void columns_registeredUnknownMode_throwsNamingColumnAndValue() throws Exception {
    colseal.register(List.of(new EncryptedColumn("Customer", "email", "customers", "email", String.class,
        Storage.TEXT, Classification.UNSPECIFIED, "customers", "email")));
    Raw.update(db, "UPDATE colseal_column SET mode = 'SORTABLE'");
    try (KeyAdmin admin = KeyAdmin.open(ConnectionSource.of(db.dataSource()), config())) {
      ColsealConfigException e = assertThrows(ColsealConfigException.class, admin::columns);
      assertTrue(e.getMessage().contains("customers.email") && e.getMessage().contains("SORTABLE"), e.getMessage());
    }
  }

  // ---------------------------------------------------------------- tampering

  @Test
  void decrypt_deterministicBinaryEveryBitFlip_rejectedNamingColumnAndVersion() {
    ColumnCipher<byte[], byte[]> cipher = colseal.binaryColumn("tamper", "payload", byte[].class,
        EncryptionMode.DETERMINISTIC);
    for (int size : new int[] {0, 1, 16, 17, 64}) {
      byte[] plain = canary(size);
      byte[] env = cipher.encrypt(plain);
      for (int bit = 0; bit < env.length * 8; bit++) {
        byte[] m = env.clone();
        m[bit / 8] ^= (byte) (1 << (bit % 8));
        assertRejected(() -> cipher.decrypt(m), bit / 8 >= 8, plain);
      }
    }
  }

  @Test
  void decrypt_deterministicTextEveryBitFlipOfBody_rejectedNamingColumnAndVersion() {
    ColumnCipher<String, String> cipher = colseal.textColumn("tamper", "note", String.class,
        EncryptionMode.DETERMINISTIC);
    for (int size : new int[] {0, 1, 16, 17, 64}) {
      String plain = new String(canary(size), StandardCharsets.US_ASCII);
      String env = cipher.encrypt(plain);
      String header = env.substring(0, 18);
      byte[] body = Base64.getDecoder().decode(env.substring(18));
      for (int bit = 0; bit < body.length * 8; bit++) {
        byte[] m = body.clone();
        m[bit / 8] ^= (byte) (1 << (bit % 8));
        String mutated = header + Base64.getEncoder().encodeToString(m);
        assertRejected(() -> cipher.decrypt(mutated), true, plain.getBytes(StandardCharsets.US_ASCII));
      }
      for (int pos = 0; pos < 18; pos++) {
        for (int bit = 0; bit < 8; bit++) {
          char[] c = env.toCharArray();
          c[pos] ^= (char) (1 << bit);
          String mutated = new String(c);
          assertRejected(() -> cipher.decrypt(mutated), false, plain.getBytes(StandardCharsets.US_ASCII));
        }
      }
    }
  }

  private static byte[] canary(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) "CANARY-0123456789abcdef|".charAt(i % 24);
    }
    return b;
  }

  /**
   * A flip in the body must give a DecryptionException for this column under key version 1; a flip
   * in the header may also name another key version that does not exist (KEY_NOT_FOUND).
   */
  private static void assertRejected(org.junit.jupiter.api.function.Executable decrypt, boolean body, byte[] plain) {
    ColsealException e = assertThrows(ColsealException.class, decrypt);
    if (body) {
      DecryptionException d = assertInstanceOfDecryption(e);
      assertEquals(1, d.keyVersion());
      assertTrue(d.getMessage().contains("tamper.") && d.getMessage().contains("key version 1"), d.getMessage());
    } else if (e instanceof DecryptionException d) {
      assertEquals("tamper", d.table());
    } else {
      assertTrue(e instanceof KeyUnavailableException k && k.code() == ErrorCode.KEY_NOT_FOUND
          && k.table().equals("tamper"), () -> "unexpected " + e);
    }
    String text = e.getMessage() + " " + e.getCause();
    String p = new String(plain, StandardCharsets.US_ASCII);
    for (int i = 0; i + 8 <= p.length(); i += 8) {
      assertFalse(text.contains(p.substring(i, i + 8)), "error text contains the value");
    }
  }

  private static DecryptionException assertInstanceOfDecryption(ColsealException e) {
    assertTrue(e instanceof DecryptionException, () -> "expected DecryptionException, got " + e);
    return (DecryptionException) e;
  }
}
