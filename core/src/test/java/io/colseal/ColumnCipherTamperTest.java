package io.colseal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ColsealException;
import io.colseal.exception.DecryptionException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tink-style mutation tests: every single-bit flip, every truncation and a one-byte append of a
 * stored envelope is rejected with a typed error that holds no part of the plaintext.
 */
@OneDatabase(because = "tampers with envelopes in memory; the key table only has to exist, and the embedded H2 holds it")
class ColumnCipherTamperTest {
  private static final int[] SIZES = {0, 1, 17, 31, 1027, 4096};
  private static TestDatabase db;
  private static Colseal colseal;

  @BeforeAll
  static void start() {
    db = TestDatabase.create(TestDatabase.Kind.H2);
    colseal = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(new InMemoryKms()).build());
  }

  @AfterAll
  static void stop() {
    colseal.close();
    db.close();
  }

  private static String canary(Random r, int size) {
    // Printable canary of exactly `size` bytes whose every 8-byte window is distinctive.
    StringBuilder sb = new StringBuilder();
    while (sb.length() < size) {
      sb.append("CANARY-").append(Long.toHexString(r.nextLong())).append('|');
    }
    return sb.substring(0, size);
  }

  @Test
  void decrypt_everyBitFlipTruncationAndAppend_binary_throwsTypedErrorWithoutPlaintext() {
    ColumnCipher<byte[], byte[]> cipher = colseal.binaryColumn("tamper", "payload", byte[].class);
    Random r = new Random(20261128);
    long mutations = 0;
    for (int i = 0; i < 2 * SIZES.length; i++) {
      byte[] plain = canary(r, SIZES[i % SIZES.length]).getBytes(StandardCharsets.US_ASCII);
      byte[] env = cipher.encrypt(plain);
      assertArrayEquals(plain, cipher.decrypt(env));
      for (int bit = 0; bit < env.length * 8; bit++) {
        byte[] m = env.clone();
        m[bit / 8] ^= (byte) (1 << (bit % 8));
        assertRejected(() -> cipher.decrypt(m), plain);
        mutations++;
      }
      for (int len = 0; len < env.length; len++) {
        byte[] m = Arrays.copyOf(env, len);
        assertRejected(() -> cipher.decrypt(m), plain);
        mutations++;
      }
      byte[] appended = Arrays.copyOf(env, env.length + 1);
      assertRejected(() -> cipher.decrypt(appended), plain);
      mutations++;
    }
    assertTrue(mutations > 50_000, "mutations tried: " + mutations);
  }

  @Test
  void decrypt_everyBitFlipTruncationAndAppend_text_throwsTypedErrorWithoutPlaintext() {
    ColumnCipher<String, String> cipher = colseal.textColumn("tamper", "note", String.class);
    Random r = new Random(42);
    for (int i = 0; i < SIZES.length; i++) {
      String plain = canary(r, SIZES[i % SIZES.length]);
      String env = cipher.encrypt(plain);
      assertEquals(plain, cipher.decrypt(env));
      char[] chars = env.toCharArray();
      for (int pos = 0; pos < chars.length; pos++) {
        for (int bit = 0; bit < 8; bit++) { // text envelopes are ASCII; higher bits give non-ASCII chars
          char[] m = chars.clone();
          m[pos] ^= (char) (1 << bit);
          String mutated = new String(m);
          assertRejected(() -> cipher.decrypt(mutated), plain.getBytes(StandardCharsets.UTF_8));
        }
      }
      for (int len = 0; len < env.length(); len++) {
        String truncated = env.substring(0, len);
        assertRejected(() -> cipher.decrypt(truncated), plain.getBytes(StandardCharsets.UTF_8));
      }
      for (String extra : new String[] {"A", "=", " ", "\n"}) {
        assertRejected(() -> cipher.decrypt(env + extra), plain.getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static void assertRejected(org.junit.jupiter.api.function.Executable decrypt, byte[] plain) {
    ColsealException e = assertThrows(ColsealException.class, decrypt);
    assertTrue(
        e instanceof DecryptionException || (e instanceof KeyUnavailableException k && k.code() == ErrorCode.KEY_NOT_FOUND),
        () -> "unexpected error type " + e);
    String text = e.getMessage() + " " + String.valueOf(e.getCause());
    String plainText = new String(plain, StandardCharsets.US_ASCII);
    if (plainText.length() >= 8) {
      for (int i = 0; i + 8 <= plainText.length(); i += 8) {
        assertFalse(text.contains(plainText.substring(i, i + 8)), "error text contains plaintext");
      }
    }
    assertFalse(text.contains(HexFormat.of().formatHex(plain, 0, Math.min(plain.length, 4))) && plain.length >= 4,
        "error text contains plaintext hex");
  }

  @Test
  void decrypt_error_namesTableColumnAndKeyVersion() {
    ColumnCipher<String, String> cipher = colseal.textColumn("customers", "email", String.class);
    String env = cipher.encrypt("customer1@example.com");
    String broken = env.substring(0, env.length() - 2) + (env.endsWith("A=") ? "B=" : "A=");
    DecryptionException e = assertThrows(DecryptionException.class, () -> cipher.decrypt(broken));
    assertEquals("customers", e.table());
    assertEquals("email", e.column());
    assertEquals(1, e.keyVersion());
    assertTrue(e.getMessage().contains("customers.email") && e.getMessage().contains("key version 1"), e.getMessage());
    assertNull(e.getCause());
  }

  @Test
  void encrypt_sameValueTwice_givesDifferentEnvelopes() {
    ColumnCipher<String, String> cipher = colseal.textColumn("customers", "email", String.class);
    Set<String> seen = new java.util.HashSet<>();
    for (int i = 0; i < 1000; i++) {
      assertTrue(seen.add(cipher.encrypt("same")), "nonce repeated");
    }
  }

  @Test
  void decrypt_valueFromAnotherColumnOrTable_throws() {
    ColumnCipher<String, String> email = colseal.textColumn("customers", "email", String.class);
    ColumnCipher<String, String> phone = colseal.textColumn("customers", "phone", String.class);
    ColumnCipher<String, String> otherTable = colseal.textColumn("suppliers", "email", String.class);
    otherTable.encrypt("creates the suppliers key");
    String env = email.encrypt("customer1@example.com");
    assertThrows(DecryptionException.class, () -> phone.decrypt(env));
    assertThrows(DecryptionException.class, () -> otherTable.decrypt(env));
    assertEquals("customer1@example.com", colseal.textColumn("\"CUSTOMERS\"", "Email", String.class).decrypt(env));
  }

  @Test
  void encrypt_byteArray_leavesTheCallersArrayIntact() {
    ColumnCipher<byte[], byte[]> cipher = colseal.binaryColumn("customers", "photo", byte[].class);
    byte[] value = {1, 2, 3, 4};
    byte[] env = cipher.encrypt(value);
    assertArrayEquals(new byte[] {1, 2, 3, 4}, value);
    assertArrayEquals(value, cipher.decrypt(env));
  }

  @Test
  void encrypt_string_zeroesOnlyItsOwnEncodingCopy() {
    ColumnCipher<String, String> cipher = colseal.textColumn("customers", "email", String.class);
    String value = "customer1@example.com";
    assertEquals(value, cipher.decrypt(cipher.encrypt(value)));
    assertEquals("customer1@example.com", value);
  }

  @Test
  void nullAndEmpty_nullStaysNullEmptyIsEncrypted() {
    ColumnCipher<String, String> cipher = colseal.textColumn("customers", "nickname", String.class);
    assertNull(cipher.encrypt(null));
    assertNull(cipher.decrypt(null));
    String env = cipher.encrypt("");
    assertNotEquals("", env);
    assertTrue(env.startsWith("cs1:01:0000000001:"));
    assertEquals("", cipher.decrypt(env));
  }

  @Test
  void decrypt_binaryAndTextForms_carryTheSameAuthenticatedBytes() {
    ColumnCipher<String, byte[]> binary = colseal.binaryColumn("forms", "value", String.class);
    ColumnCipher<String, String> text = colseal.textColumn("forms", "value", String.class);
    byte[] env = binary.encrypt("홍길동");
    String asText = "cs1:01:0000000001:" + java.util.Base64.getEncoder().encodeToString(Arrays.copyOfRange(env, 8, env.length));
    assertEquals("홍길동", text.decrypt(asText));
  }

  @Test
  void decrypt_tamperedKeyVersion_keyNotFoundNamesTableColumnAndVersion() {
    ColumnCipher<String, String> cipher = colseal.textColumn("clarity", "email", String.class);
    String env = cipher.encrypt("a@example.com");
    String tampered = "cs1:01:0000000007:" + env.substring(18);
    KeyUnavailableException e = assertThrows(KeyUnavailableException.class, () -> cipher.decrypt(tampered));
    assertEquals(ErrorCode.KEY_NOT_FOUND, e.code());
    assertEquals("email", e.column());
    assertTrue(e.getMessage().contains("value in clarity.email, key version 7"), e.getMessage());
  }

  @Test
  void decrypt_validHeaderTruncatedBody_saysTheBodyLengthIsWrong() {
    ColumnCipher<String, String> cipher = colseal.textColumn("clarity", "email", String.class);
    String env = cipher.encrypt("a@example.com");
    DecryptionException e = assertThrows(DecryptionException.class, () -> cipher.decrypt(env.substring(0, env.length() - 1)));
    assertEquals(1, e.keyVersion());
    String m = e.getMessage();
    assertTrue(m.contains("clarity.email (key version 1) has a valid envelope header but a malformed body: the"
        + " Base64 body has " + (env.length() - 19) + " characters, not a multiple of 4"), m);
    assertFalse(m.contains("no valid envelope header"), m);
    assertFalse(m.contains(env.substring(18, 30)), m);
  }

  @Test
  void decrypt_validHeaderSpacePaddedBody_saysItEndsWithSpaces() {
    ColumnCipher<String, String> cipher = colseal.textColumn("clarity", "email", String.class);
    String env = cipher.encrypt("a@example.com");
    String padded = env + "    "; // a CHAR(n) column pads with spaces
    DecryptionException e = assertThrows(DecryptionException.class, () -> cipher.decrypt(padded));
    String m = e.getMessage();
    int body = padded.length() - 18;
    assertTrue(m.contains("(key version 1) has a valid envelope header but a malformed body: the body of " + body
        + " characters ends with 4 spaces"), m);
    assertFalse(m.contains(env.substring(18, 30)), m);
  }

  @Test
  void decrypt_validHeaderForeignCharacterInBody_saysWhereWithoutQuotingIt() {
    ColumnCipher<String, String> cipher = colseal.textColumn("clarity", "email", String.class);
    String env = cipher.encrypt("a@example.com");
    String altered = env.substring(0, 20) + "#" + env.substring(21);
    DecryptionException e = assertThrows(DecryptionException.class, () -> cipher.decrypt(altered));
    String m = e.getMessage();
    assertTrue(m.contains("malformed body: the Base64 body has a character outside the Base64 alphabet at position 3 of "
        + (env.length() - 18)), m);
    assertFalse(m.contains("#"), m);
  }
}
