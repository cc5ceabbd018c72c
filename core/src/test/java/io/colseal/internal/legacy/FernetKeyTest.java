package io.colseal.internal.legacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.testing.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link FernetKey} against tokens the Python {@code cryptography} package made the way the AWS KMS +
 * Fernet recipe makes them ({@code vectors/fernet-recipe.json}, from {@code
 * generate_fernet_vectors.py}): every valid token opens to its plaintext, every altered, foreign or
 * malformed one fails with the reason the file gives, and no message or {@code toString} shows a
 * byte of token, plaintext or key.
 */
class FernetKeyTest {
  private static Map<String, Object> vectors;
  private static byte[] dataKey;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void load() throws IOException {
    try (InputStream in = FernetKeyTest.class.getResourceAsStream("/vectors/fernet-recipe.json")) {
      vectors = (Map<String, Object>) Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    dataKey = HexFormat.of().parseHex((String) vectors.get("dataKeyHex"));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(String name) {
    return (List<Map<String, Object>>) vectors.get(name);
  }

  @Test
  void open_pythonRecipeTokens_giveTheirPlaintexts() throws FernetException {
    FernetKey key = FernetKey.of(dataKey);
    List<Map<String, Object>> valid = list("valid");
    assertEquals(7, valid.size());
    for (Map<String, Object> v : valid) {
      String token = (String) v.get("token");
      assertTrue(FernetKey.hasShape(token), token);
      assertArrayEquals(((String) v.get("plaintext")).getBytes(StandardCharsets.UTF_8), key.open(token));
    }
  }

  @Test
  void open_alteredForeignOrMalformedTokens_failWithTheirReason() {
    FernetKey key = FernetKey.of(dataKey);
    List<Map<String, Object>> invalid = list("invalid");
    assertEquals(10, invalid.size());
    for (Map<String, Object> v : invalid) {
      String token = (String) v.get("token");
      FernetException e = assertThrows(FernetException.class, () -> key.open(token), (String) v.get("name"));
      assertEquals(v.get("reason"), e.reason().name(), (String) v.get("name"));
      assertFalse(e.getMessage().contains(token.substring(10, 30)), "the message quotes the token");
    }
  }

  @Test
  void hasShape_acceptsTokensOnly() {
    String token = (String) list("valid").get(2).get("token");
    assertTrue(FernetKey.hasShape(token));
    assertFalse(FernetKey.hasShape("user1@example.kr"));
    assertFalse(FernetKey.hasShape("cs1:01:0000000001:" + token.substring(18)), "a colseal envelope");
    assertFalse(FernetKey.hasShape(token.substring(0, 96)), "shorter than the shortest token");
    assertFalse(FernetKey.hasShape(token.substring(0, token.length() - 1)), "not a multiple of 4");
    assertFalse(FernetKey.hasShape("hAAAA" + token.substring(5)), "version byte other than 0x80");
    assertFalse(FernetKey.hasShape(token.substring(0, 40) + "+" + token.substring(41)), "standard alphabet");
    assertFalse(FernetKey.hasShape(token.substring(0, 40) + "=" + token.substring(41)), "padding inside");
  }

  @Test
  void destroy_zeroesTheKey_andOpenFails() {
    FernetKey key = FernetKey.of(dataKey);
    key.destroy();
    String token = (String) list("valid").get(2).get("token");
    assertThrows(IllegalStateException.class, () -> key.open(token));
  }

  @Test
  void toString_namesNoKeyByte() {
    FernetKey key = FernetKey.of(dataKey);
    assertEquals("FernetKey[redacted]", key.toString());
  }

  @Test
  void of_refusesKeysOtherThan32Bytes() {
    assertThrows(IllegalArgumentException.class, () -> FernetKey.of(new byte[16]));
  }
}
