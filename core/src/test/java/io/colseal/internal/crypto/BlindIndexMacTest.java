package io.colseal.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlindIndexMacTest {
  private static SecretKey key(long seed) {
    byte[] k = new byte[32];
    new Random(seed).nextBytes(k);
    return new DestroyableAesKey(k);
  }

  private static final SecretKey KEY = key(1);

  @Test
  void token_fullLength_isPrefixVersionAndUnpaddedBase64Url() {
    String t = new BlindIndexMac("customers", "email_bidx", "AS_IS", 0).token(KEY, 7, "alice@example.com");
    assertTrue(t.matches("bi1:7:[A-Za-z0-9_-]{43}"), t);
    assertTrue(t.length() <= BlindIndexMac.MAX_LENGTH);
  }

  @Test
  void token_samePlaintext_sameToken_otherColumnOrTable_otherToken() {
    BlindIndexMac a = new BlindIndexMac("customers", "email_bidx", "AS_IS", 0);
    assertEquals(a.token(KEY, 1, "x"), new BlindIndexMac("customers", "email_bidx", "AS_IS", 0).token(KEY, 1, "x"));
    assertNotEquals(a.token(KEY, 1, "x"), new BlindIndexMac("customers", "phone_bidx", "AS_IS", 0).token(KEY, 1, "x"));
    assertNotEquals(a.token(KEY, 1, "x"), new BlindIndexMac("members", "email_bidx", "AS_IS", 0).token(KEY, 1, "x"));
    assertNotEquals(a.token(KEY, 1, "x"), a.token(key(2), 1, "x"));
  }

  @Test
  void token_neverContainsPlaintextOrKey() {
    BlindIndexMac m = new BlindIndexMac("customers", "email_bidx", "AS_IS", 0);
    String t = m.token(KEY, 1, "CANARY");
    assertTrue(!t.contains("CANARY") && !m.toString().contains("CANARY"));
  }

  @Test
  void digest_truncated_keepsExactlyTheFirstBits() {
    BlindIndexMac full = new BlindIndexMac("t", "c", "AS_IS", 0);
    for (int bits : new int[] {1, 7, 8, 12, 13, 255}) {
      BlindIndexMac cut = new BlindIndexMac("t", "c", "AS_IS", bits);
      byte[] d = cut.digest(KEY, "value");
      assertEquals((bits + 7) / 8, d.length);
      int spare = d.length * 8 - bits;
      assertEquals(0, d[d.length - 1] & ((1 << spare) - 1), "bits past " + bits + " are zero");
    }
    assertEquals(32, full.digest(KEY, "value").length);
    assertEquals("bi1:1:", new BlindIndexMac("t", "c", "AS_IS", 8).token(KEY, 1, "v").substring(0, 6));
    assertEquals(8, new BlindIndexMac("t", "c", "AS_IS", 8).token(KEY, 1, "v").length());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 257})
  void constructor_bitsOutOfRange_throws(int bits) {
    assertThrows(IllegalArgumentException.class, () -> new BlindIndexMac("t", "c", "AS_IS", bits));
  }

  @Test
  void token_otherNormalizerName_otherToken() {
    String asIs = new BlindIndexMac("t", "c", "AS_IS", 0).token(KEY, 1, "alice");
    assertNotEquals(asIs, new BlindIndexMac("t", "c", "LOWER_TRIM", 0).token(KEY, 1, "alice"));
  }

  /**
   * The false-positive rate of a truncated index, measured at the computation level.
   *
   * <p>Interpretation of the acceptance criterion ("with truncation to b bits the measured
   * false-positive rate over 100,000 random values is within ±20% of 2^-b × n"): an index holds n =
   * 100,000 random distinct values; a lookup of a value that is not among them returns every row
   * whose truncated index equals the probe's, so its expected number of false positives is n ×
   * 2^-b (390.6 for b = 8, 24.4 for b = 12, 1.53 for b = 16). The test runs 10,000 such probes
   * (random values, none in the set) and checks that the mean number of false positives per lookup
   * is within ±20% of n × 2^-b. (For b = 16 the standard error of that mean is under 1%, so the
   * bound cannot fail by chance; for b = 8 and 12 it is far smaller still, relatively.)
   */
  @ParameterizedTest
  @ValueSource(ints = {8, 12, 16})
  void truncatedIndex_100kRandomValues_falsePositivesPerLookupWithin20PercentOfNTimes2PowMinusB(int bits) {
    int n = 100_000;
    int probes = 10_000;
    BlindIndexMac m = new BlindIndexMac("customers", "email_bidx", "AS_IS", bits);
    Random random = new Random(42);
    Set<String> members = new HashSet<>();
    int[] rowsPerIndexValue = new int[1 << bits];
    while (members.size() < n) {
      String v = Long.toHexString(random.nextLong());
      if (members.add(v)) {
        rowsPerIndexValue[bucket(m.digest(KEY, v), bits)]++;
      }
    }
    long falsePositives = 0;
    for (int p = 0; p < probes; p++) {
      String probe;
      do {
        probe = Long.toHexString(random.nextLong());
      } while (members.contains(probe));
      falsePositives += rowsPerIndexValue[bucket(m.digest(KEY, probe), bits)];
    }
    double measured = (double) falsePositives / probes;
    double expected = n * Math.pow(2, -bits);
    System.out.printf("BlindIndexMacTest: %d bits, %,d indexed values: %.3f false positives per lookup over %,d"
        + " lookups, expected %.3f (%+.1f%%)%n", bits, n, measured, probes, expected, 100 * (measured / expected - 1));
    assertTrue(Math.abs(measured - expected) <= 0.2 * expected,
        "bits " + bits + ": " + measured + " false positives per lookup, expected " + expected);
  }

  private static int bucket(byte[] digest, int bits) {
    int v = 0;
    for (byte b : digest) {
      v = v << 8 | (b & 0xFF);
    }
    return v >>> (digest.length * 8 - bits);
  }
}
