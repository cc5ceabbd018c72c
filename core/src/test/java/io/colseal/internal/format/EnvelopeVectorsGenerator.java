package io.colseal.internal.format;

import io.colseal.TestCodecs;
import io.colseal.internal.crypto.AesGcmSiv;
import io.colseal.internal.crypto.KeyCheckValue;
import io.colseal.internal.format.VectorValues.Tier;
import io.colseal.keys.Algorithm;
import io.colseal.keys.Identifiers;
import io.colseal.kms.SecretKeyMaterial;
import io.colseal.testing.DocRegions;
import io.colseal.testing.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes {@code src/test/resources/vectors/envelope-v1.json} and the generated regions of {@code
 * docs/reference/ciphertext-format.md}.
 *
 * <p>Design note. colseal never lets a caller choose a nonce, so this class builds envelopes the way
 * {@code AesGcm.seal} does, but with fixed nonces: header from {@link EnvelopeFormat#header},
 * associated data from {@link EnvelopeFormat#columnBinding}, plaintext from {@link ValueCodecs},
 * text form from {@link StrictBase64}, and the JDK's {@code AES/GCM/NoPadding}. {@code
 * EnvelopeVectorsTest} proves that this construction gives byte for byte what {@code ColumnSealer}
 * gives for the same nonce, that colseal decodes every vector, and that the committed files equal
 * this class's output. Algorithm 0x02 needs no nonce: its vectors, appended after the first
 * release of the file, come from colseal's {@code AesGcmSiv} with the key from {@code
 * AesGcmSiv.deriveKey}, and the test proves them equal to {@code ColumnSealer}'s. Algorithm 0x04
 * (column keys, appended after that) is built here from the document alone: HKDF-SHA256 written out
 * with the JDK's HMAC, then the JDK's AES-GCM with fixed nonces and no associated data; the test
 * proves it equal to {@code ColumnSealer}'s for the same nonce. Algorithm 0x05 (row binding,
 * appended after that) is built here from the document alone as well: each vector's {@code row_key}
 * is encoded by hand ({@link #rowBinding}), appended to the associated data of 0x01 with the 0x05
 * header, and sealed with the JDK's AES-GCM; the test proves the encoding equal to {@code
 * RowBinding}'s and the envelope equal to {@code ColumnSealer}'s for the same nonce. Algorithm 0x03
 * (ARIA-256-GCM, appended after that) is built from the document alone too: the ARIA key is
 * HKDF-SHA256 written out with the JDK's HMAC, and the cipher is BouncyCastle's lightweight {@code
 * GCMBlockCipher} over {@code ARIAEngine} with fixed nonces, a fresh cipher per value (colseal's
 * default path uses the same classes, reused per thread); the test proves it equal to {@code
 * ColumnSealer}'s for the same nonce, and the Python decoder's own ARIA-GCM checks it
 * independently. Run it with:
 *
 * <pre>
 * ./mvnw -q -pl core test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.colseal.internal.format.EnvelopeVectorsGenerator
 * </pre>
 *
 * The vectors are append-only: an entry, once released, is never changed or removed.
 */
final class EnvelopeVectorsGenerator {
  static final String VECTORS_RESOURCE = "vectors/envelope-v1.json";
  static final Path VECTORS_FILE = Path.of("src", "test", "resources", "vectors", "envelope-v1.json");
  static final Path FORMAT_DOC = Path.of("docs", "reference", "ciphertext-format.md");

  static final String COMMAND =
      "./mvnw -q -pl core test-compile exec:java -Dexec.classpathScope=test"
          + " -Dexec.mainClass=io.colseal.internal.format.EnvelopeVectorsGenerator";

  private static final HexFormat HEX = HexFormat.of();
  private static final Algorithm AES = Algorithm.AES_256_GCM;
  private static final Algorithm SIV = Algorithm.AES_256_GCM_SIV;
  private static final Algorithm CK = Algorithm.AES_256_GCM_COLUMN_KEY;
  private static final Algorithm RB = Algorithm.AES_256_GCM_ROW_BOUND;
  private static final Algorithm ARIA = Algorithm.ARIA_256_GCM;
  /** HKDF info of the ARIA key (ciphertext-format.md, "ARIA-256-GCM"). */
  static final byte[] ARIA_KEY_INFO = "colseal/v1/ARIA_256_GCM".getBytes(StandardCharsets.US_ASCII);
  /** HKDF info prefix of a column key (ciphertext-format.md, "Column keys"). */
  static final byte[] COLUMN_KEY_INFO = "colseal/v1/AES_256_GCM_COLUMN_KEY".getBytes(StandardCharsets.US_ASCII);

  /** The published test keys by version. Version 2 has version 1's bytes on purpose. */
  static final Map<Integer, byte[]> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put(1, range(0x00, 32));
    KEYS.put(2, range(0x00, 32));
    KEYS.put(Integer.MAX_VALUE, range(0x20, 32));
  }

  private final List<Map<String, Object>> vectors = new ArrayList<>();
  private final Map<String, Valid> valid = new LinkedHashMap<>();
  /** The row key of each valid row-bound vector, in its portable form. */
  private final Map<String, List<Map<String, Object>>> rowKeys = new LinkedHashMap<>();
  private int nonces;

  /** A valid vector, kept for deriving must-fail ones and the document's examples. */
  record Valid(String id, String table, String column, Object value, int keyVersion, byte[] nonce,
      byte[] plaintext, byte[] binary, String text, String storage) {}

  public static void main(String[] args) throws IOException {
    EnvelopeVectorsGenerator g = generate();
    Path vectors = DocRegions.moduleDirectory().resolve(VECTORS_FILE);
    Files.createDirectories(vectors.getParent());
    Files.writeString(vectors, g.vectorsJson(), StandardCharsets.UTF_8);
    Path doc = DocRegions.repositoryRoot().resolve(FORMAT_DOC);
    for (Map.Entry<String, String> region : g.docRegions().entrySet()) {
      DocRegions.write(doc, region.getKey(), region.getValue());
    }
    System.out.println("wrote " + vectors + " (" + g.vectors.size() + " vectors) and " + doc);
  }

  static EnvelopeVectorsGenerator generate() {
    EnvelopeVectorsGenerator g = new EnvelopeVectorsGenerator();
    g.validVectors();
    g.headerFailures();
    g.bodyFailures();
    g.bindingFailures();
    g.textFailures();
    g.valueFailures();
    g.deterministicVectors();
    g.columnKeyVectors();
    g.rowBoundVectors();
    g.ariaVectors();
    return g;
  }

  // ---------------------------------------------------------------- construction

  static byte[] range(int first, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  /** Nonce number {@code n}: a0 a1 ... a9 followed by n as uint16 BE. */
  static byte[] nonce(int n) {
    byte[] b = new byte[EnvelopeFormat.NONCE_LENGTH];
    for (int i = 0; i < 10; i++) {
      b[i] = (byte) (0xa0 + i);
    }
    b[10] = (byte) (n >>> 8);
    b[11] = (byte) n;
    return b;
  }

  /** The associated data: header | uint16 len | table | uint16 len | column. */
  static byte[] aad(int keyVersion, String table, String column) {
    return aad(AES, keyVersion, table, column);
  }

  static byte[] aad(Algorithm algorithm, int keyVersion, String table, String column) {
    byte[] h = EnvelopeFormat.header(algorithm, keyVersion);
    byte[] c = EnvelopeFormat.columnBinding(table, column);
    byte[] out = Arrays.copyOf(h, h.length + c.length);
    System.arraycopy(c, 0, out, h.length, c.length);
    return out;
  }

  /** A binary envelope sealed with the test key of {@code keyVersion} and the given nonce. */
  static byte[] seal(int keyVersion, String table, String column, byte[] plaintext, byte[] nonce) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEYS.get(keyVersion), "AES"),
          new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, nonce));
      c.updateAAD(aad(keyVersion, table, column));
      byte[] sealed = c.doFinal(plaintext);
      byte[] out = new byte[EnvelopeFormat.HEADER_LENGTH + nonce.length + sealed.length];
      EnvelopeFormat.writeHeader(out, 0, AES, keyVersion);
      System.arraycopy(nonce, 0, out, EnvelopeFormat.HEADER_LENGTH, nonce.length);
      System.arraycopy(sealed, 0, out, EnvelopeFormat.HEADER_LENGTH + nonce.length, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A binary AES-256-GCM-SIV envelope (algorithm 0x02) sealed with the deterministic key of the test
   * key of {@code keyVersion}: colseal's own key derivation and cipher, nothing chosen here.
   */
  static byte[] sealDeterministic(int keyVersion, String table, String column, byte[] plaintext) {
    byte[] out = new byte[EnvelopeFormat.SIV_BINARY_OVERHEAD + plaintext.length];
    EnvelopeFormat.writeHeader(out, 0, SIV, keyVersion);
    AesGcmSiv.SivKey key = new AesGcmSiv.SivKey(AesGcmSiv.deriveKey(KEYS.get(keyVersion)));
    try {
      AesGcmSiv.seal(key, aad(SIV, keyVersion, table, column), plaintext, out, EnvelopeFormat.HEADER_LENGTH);
    } finally {
      key.destroy();
    }
    return out;
  }

  /** The HKDF info of a column key: prefix | header (algorithm 04) | column binding. */
  static byte[] columnKeyInfo(int keyVersion, String table, String column) {
    byte[] h = EnvelopeFormat.header(CK, keyVersion);
    byte[] c = EnvelopeFormat.columnBinding(table, column);
    byte[] out = new byte[COLUMN_KEY_INFO.length + h.length + c.length];
    System.arraycopy(COLUMN_KEY_INFO, 0, out, 0, COLUMN_KEY_INFO.length);
    System.arraycopy(h, 0, out, COLUMN_KEY_INFO.length, h.length);
    System.arraycopy(c, 0, out, COLUMN_KEY_INFO.length + h.length, c.length);
    return out;
  }

  /** HKDF-Extract with no salt: HMAC-SHA256(32 zero bytes, DEK). */
  static byte[] prk(int keyVersion) {
    return hmac(new byte[32], KEYS.get(keyVersion));
  }

  /** HKDF-Expand to 32 bytes: T(1) = HMAC-SHA256(PRK, info | 0x01). */
  static byte[] columnKey(int keyVersion, String table, String column) {
    byte[] info = columnKeyInfo(keyVersion, table, column);
    byte[] t = Arrays.copyOf(info, info.length + 1);
    t[info.length] = 1;
    return hmac(prk(keyVersion), t);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A binary algorithm-04 envelope: AES-256-GCM under the column key, the given nonce, no associated data. */
  static byte[] sealColumnKey(int keyVersion, String table, String column, byte[] plaintext, byte[] nonce) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(columnKey(keyVersion, table, column), "AES"),
          new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, nonce));
      byte[] sealed = c.doFinal(plaintext);
      byte[] out = new byte[EnvelopeFormat.HEADER_LENGTH + nonce.length + sealed.length];
      EnvelopeFormat.writeHeader(out, 0, CK, keyVersion);
      System.arraycopy(nonce, 0, out, EnvelopeFormat.HEADER_LENGTH, nonce.length);
      System.arraycopy(sealed, 0, out, EnvelopeFormat.HEADER_LENGTH + nonce.length, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The ARIA key of a version: HKDF-Expand to 32 bytes, T(1) = HMAC-SHA256(PRK, "colseal/v1/ARIA_256_GCM" | 0x01). */
  static byte[] ariaKey(int keyVersion) {
    byte[] t = Arrays.copyOf(ARIA_KEY_INFO, ARIA_KEY_INFO.length + 1);
    t[ARIA_KEY_INFO.length] = 1;
    return hmac(prk(keyVersion), t);
  }

  /**
   * A binary algorithm-03 envelope: ARIA-256-GCM (BouncyCastle's lightweight GCM over ARIAEngine)
   * under the ARIA key, the given nonce, the associated data of 01 with the 03 header.
   */
  static byte[] sealAria(int keyVersion, String table, String column, byte[] plaintext, byte[] nonce) {
    org.bouncycastle.crypto.modes.GCMModeCipher gcm =
        org.bouncycastle.crypto.modes.GCMBlockCipher.newInstance(new org.bouncycastle.crypto.engines.ARIAEngine());
    gcm.init(true, new org.bouncycastle.crypto.params.AEADParameters(
        new org.bouncycastle.crypto.params.KeyParameter(ariaKey(keyVersion)), EnvelopeFormat.TAG_LENGTH * 8, nonce,
        aad(ARIA, keyVersion, table, column)));
    byte[] out = new byte[EnvelopeFormat.HEADER_LENGTH + nonce.length + gcm.getOutputSize(plaintext.length)];
    EnvelopeFormat.writeHeader(out, 0, ARIA, keyVersion);
    System.arraycopy(nonce, 0, out, EnvelopeFormat.HEADER_LENGTH, nonce.length);
    int at = EnvelopeFormat.HEADER_LENGTH + nonce.length;
    int n = gcm.processBytes(plaintext, 0, plaintext.length, out, at);
    try {
      gcm.doFinal(out, at + n);
    } catch (org.bouncycastle.crypto.InvalidCipherTextException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  /**
   * The row binding of a portable row key, encoded by hand from ciphertext-format.md ("Row
   * binding"): uint16 BE count, then per part tag | uint32 BE length | bytes.
   */
  static byte[] rowBinding(List<Map<String, Object>> rowKey) {
    ByteBuffer out = ByteBuffer.allocate(1 << 16);
    out.putShort((short) rowKey.size());
    for (Map<String, Object> part : rowKey) {
      String value = (String) part.get("value");
      byte[] bytes = switch ((String) part.get("type")) {
        case "integer" -> ByteBuffer.allocate(8).putLong(Long.parseLong(value)).array();
        case "string" -> value.getBytes(StandardCharsets.UTF_8);
        case "uuid" -> HEX.parseHex(value.replace("-", ""));
        case "bytes" -> HEX.parseHex(value);
        default -> throw new IllegalArgumentException("unknown row key part type " + part.get("type"));
      };
      char tag = switch ((String) part.get("type")) {
        case "integer" -> 'i';
        case "string" -> 's';
        case "uuid" -> 'u';
        default -> 'b';
      };
      out.put((byte) tag).putInt(bytes.length).put(bytes);
    }
    return Arrays.copyOf(out.array(), out.position());
  }

  /** The associated data of a row-bound value: header (0x05) | column binding | row binding. */
  static byte[] rowBoundAad(int keyVersion, String table, String column, List<Map<String, Object>> rowKey) {
    byte[] a = aad(RB, keyVersion, table, column);
    byte[] r = rowBinding(rowKey);
    byte[] out = Arrays.copyOf(a, a.length + r.length);
    System.arraycopy(r, 0, out, a.length, r.length);
    return out;
  }

  /** A binary algorithm-05 envelope: AES-256-GCM under the DEK, the given nonce, the row-bound associated data. */
  static byte[] sealRowBound(int keyVersion, String table, String column, List<Map<String, Object>> rowKey,
      byte[] plaintext, byte[] nonce) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEYS.get(keyVersion), "AES"),
          new GCMParameterSpec(EnvelopeFormat.TAG_LENGTH * 8, nonce));
      c.updateAAD(rowBoundAad(keyVersion, table, column, rowKey));
      byte[] sealed = c.doFinal(plaintext);
      byte[] out = new byte[EnvelopeFormat.HEADER_LENGTH + nonce.length + sealed.length];
      EnvelopeFormat.writeHeader(out, 0, RB, keyVersion);
      System.arraycopy(nonce, 0, out, EnvelopeFormat.HEADER_LENGTH, nonce.length);
      System.arraycopy(sealed, 0, out, EnvelopeFormat.HEADER_LENGTH + nonce.length, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A portable row key part: {@code {"type": type, "value": value}}. */
  static Map<String, Object> part(String type, Object value) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", type);
    p.put("value", value instanceof byte[] b ? HEX.formatHex(b) : value.toString());
    return p;
  }

  /** The text form of a binary envelope with a well-formed header of an implemented algorithm. */
  static String text(byte[] binary) {
    int version = ((binary[4] & 0xFF) << 24) | ((binary[5] & 0xFF) << 16) | ((binary[6] & 0xFF) << 8) | (binary[7] & 0xFF);
    return body(EnvelopeFormat.textHeader(Algorithm.fromId(binary[3]).orElseThrow(), version), binary);
  }

  /** {@code header} followed by the Base64 of the body (everything after the 8-byte header). */
  static String body(String header, byte[] binary) {
    int h = EnvelopeFormat.HEADER_LENGTH;
    return StrictBase64.encode(header, binary, h, binary.length - h);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static byte[] encode(Object value) {
    ValueCodec codec = TestCodecs.forType(value.getClass()).orElseThrow();
    return codec.encode(value);
  }

  // ---------------------------------------------------------------- valid vectors

  private void validVectors() {
    String korean = "서울특별시 중구 세종대로 110, 대한민국 🇰🇷 ";
    String longKorean = korean.repeat(24);
    byte[] pattern = new byte[4096];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = (byte) (i * 7 + (i >>> 8));
    }

    both("string-ascii", "customers", "email", "alice@example.com", 1, "a short ASCII string");
    both("string-empty", "customers", "email", "", 1, "the empty string is encrypted (SQL NULL is never)");
    both("string-korean", "customers", "name", "홍길동", 1, "Korean: 3 syllables, 9 UTF-8 bytes");
    one("string-korean-emoji", "customers", "address", korean, 1, "text",
        "Korean with a flag emoji (two supplementary characters, 4 UTF-8 bytes each)");
    one("string-korean-long", "customers", "address", longKorean, 1, "text",
        longKorean.length() + " UTF-16 units, " + longKorean.getBytes(StandardCharsets.UTF_8).length + " UTF-8 bytes");
    one("string-controls", "customers", "note", "line 1\nline 2\ttab\u0000nul", 1, "binary",
        "control characters, including U+0000, are ordinary plaintext");
    one("bytes-small", "customers", "photo", range(0, 16), 1, "binary", "byte[]: AUTO storage is binary");
    one("bytes-small-text", "customers", "photo_text", range(0, 16), 1, "text", "byte[] in a text column");
    one("bytes-empty", "customers", "photo", new byte[0], 1, "binary", "an empty byte[] is encrypted");
    one("bytes-4k", "documents", "content", pattern, 1, "binary", "4096 bytes");
    both("integer-42", "orders", "quantity", 42, 1, null);
    one("integer-minus-1", "orders", "quantity", -1, 1, "binary", "two's complement, big-endian");
    one("integer-min", "orders", "quantity", Integer.MIN_VALUE, 1, "text", null);
    one("integer-max", "orders", "quantity", Integer.MAX_VALUE, 1, "binary", null);
    both("long-1234567890123", "accounts", "external_id", 1234567890123L, 1, null);
    one("long-min", "accounts", "external_id", Long.MIN_VALUE, 1, "binary", null);
    one("long-max", "accounts", "external_id", Long.MAX_VALUE, 1, "text", null);
    both("boolean-true", "customers", "vip", Boolean.TRUE, 1, null);
    one("boolean-false", "customers", "vip", Boolean.FALSE, 1, "binary", null);
    both("bigdecimal-1234.50", "accounts", "balance", new BigDecimal("1234.50"), 1, "scale 2, unscaled 123450");
    one("bigdecimal-zero", "accounts", "balance", BigDecimal.ZERO, 1, "binary", "unscaled 0 is one byte 00");
    one("bigdecimal-minus-0.001", "accounts", "balance", new BigDecimal("-0.001"), 1, "text", null);
    one("bigdecimal-1E+3", "accounts", "balance", new BigDecimal("1E+3"), 1, "binary", "negative scale -3");
    one("bigdecimal-127", "accounts", "balance", new BigDecimal("127"), 1, "binary", "unscaled 7f");
    one("bigdecimal-128", "accounts", "balance", new BigDecimal("128"), 1, "binary", "unscaled 0080: the sign byte is needed");
    one("bigdecimal-minus-128", "accounts", "balance", new BigDecimal("-128"), 1, "binary", "unscaled 80");
    one("bigdecimal-large", "accounts", "balance",
        new BigDecimal("-123456789012345678901234567890123456789.123456789"), 1, "text", "48 digits");
    both("localdate-2024-02-29", "customers", "birth_date", LocalDate.of(2024, 2, 29), 1, null);
    one("localdate-1969-12-31", "customers", "birth_date", LocalDate.of(1969, 12, 31), 1, "binary", "epoch day -1");
    one("localdate-min", "customers", "birth_date", LocalDate.MIN, 1, "text", "Java's LocalDate.MIN");
    one("localdate-max", "customers", "birth_date", LocalDate.MAX, 1, "binary", "Java's LocalDate.MAX");
    both("localdatetime", "orders", "placed_at", LocalDateTime.of(2024, 2, 29, 13, 45, 30, 123_456_789), 1, null);
    one("localdatetime-before-epoch", "orders", "placed_at", LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999), 1,
        "binary", "epoch day -1, last nanosecond of the day");
    both("instant", "orders", "paid_at", Instant.ofEpochSecond(1709181930L, 123_456_789), 1, null);
    one("instant-before-epoch", "orders", "paid_at", Instant.ofEpochSecond(-1, 500_000_000), 1, "binary",
        "epoch second -1 and nano 500000000: half a second before the epoch");
    one("instant-9999", "orders", "paid_at", Instant.parse("9999-12-31T23:59:59.999999999Z"), 1, "text", null);
    both("uuid", "customers", "external_ref", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), 1, null);
    one("uuid-all-ones", "customers", "external_ref", UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"), 1,
        "binary", null);
    both("enum-gold", "customers", "tier", Tier.GOLD, 1, "the constant's name, not its ordinal");
    one("string-key-version-2", "customers", "email", "alice@example.com", 2, "text",
        "key version 2 (same bytes as version 1)");
    both("integer-key-version-max", "orders", "quantity", 42, Integer.MAX_VALUE, "key version 2147483647");
    one("names-quoted-qualified", "\"PUBLIC\".\"Customers\"", "\"EMAIL\"", "alice@example.com", 1, "text",
        "names are normalised before they enter the associated data: same as customers.email");
    one("names-brackets", "[dbo].[Customers]", "`Email`", "alice@example.com", 1, "binary",
        "bracket and backtick quotes");
    one("names-korean", "고객", "전화번호", "010-1234-5678", 1, "text",
        "non-ASCII names: the length prefixes count UTF-8 bytes");
  }

  private void both(String id, String table, String column, Object value, int version, String description) {
    one(id + "-text", table, column, value, version, "text", description);
    one(id + "-binary", table, column, value, version, "binary", description);
  }

  private void one(String id, String table, String column, Object value, int version, String storage, String description) {
    byte[] plaintext = encode(value);
    byte[] nonce = nonce(++nonces);
    add(id, table, column, value, version, storage, description, nonce, plaintext,
        seal(version, table, column, plaintext, nonce), null);
  }

  private void add(String id, String table, String column, Object value, int version, String storage,
      String description, byte[] nonce, byte[] plaintext, byte[] binary, Algorithm algorithm) {
    String text = text(binary);
    valid.put(id, new Valid(id, table, column, value, version, nonce, plaintext, binary, text, storage));
    Map<String, Object> v = entry(id, description, table, column, value.getClass(), storage);
    if (algorithm != null) {
      v.put("algorithm", algorithm.name());
    }
    v.put("key_version", (long) version);
    v.put("value", VectorValues.portable(value));
    v.put("plaintext_hex", HEX.formatHex(plaintext));
    v.put("envelope", storage.equals("text") ? text : HEX.formatHex(binary));
    v.put("expect", "ok");
    vectors.add(v);
  }

  private Map<String, Object> entry(String id, String description, String table, String column, Class<?> type, String storage) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("id", id);
    if (description != null) {
      v.put("description", description);
    }
    v.put("table", table);
    v.put("column", column);
    v.put("java_type", VectorValues.label(type));
    if (type.isEnum()) {
      List<Object> names = new ArrayList<>();
      for (Object c : type.getEnumConstants()) {
        names.add(((Enum<?>) c).name());
      }
      v.put("enum_constants", names);
    }
    v.put("storage", storage);
    return v;
  }

  // ---------------------------------------------------------------- must-fail vectors

  private Map<String, Object> reject(String id, String description, String table, String column, Class<?> type,
      String storage, String envelope, String reason) {
    Map<String, Object> v = entry(id, description, table, column, type, storage);
    v.put("envelope", envelope);
    v.put("expect", "reject");
    v.put("reason", reason);
    vectors.add(v);
    return v;
  }

  private void rejectBinary(String id, String description, String baseId, byte[] envelope, String reason) {
    Valid b = valid.get(baseId);
    reject(id, description, b.table(), b.column(), b.value().getClass(), "binary", HEX.formatHex(envelope), reason);
  }

  private void rejectText(String id, String description, String baseId, String envelope, String reason) {
    Valid b = valid.get(baseId);
    reject(id, description, b.table(), b.column(), b.value().getClass(), "text", envelope, reason);
  }

  private static byte[] flip(byte[] b, int index, int bit) {
    byte[] c = b.clone();
    c[index] ^= (byte) (1 << bit);
    return c;
  }

  private static byte[] set(byte[] b, int index, int value) {
    byte[] c = b.clone();
    c[index] = (byte) value;
    return c;
  }

  private static byte[] version(byte[] b, long version) {
    byte[] c = b.clone();
    c[4] = (byte) (version >>> 24);
    c[5] = (byte) (version >>> 16);
    c[6] = (byte) (version >>> 8);
    c[7] = (byte) version;
    return c;
  }

  private void headerFailures() {
    byte[] a = valid.get("string-ascii-binary").binary();
    String base = "string-ascii-binary";
    rejectBinary("binary-magic-bit-flipped", "bit 0 of byte 0 flipped: magic 'bs'", base, flip(a, 0, 0), "malformed");
    rejectBinary("binary-magic-second-byte", "byte 1 is 'S' instead of 's'", base, set(a, 1, 'S'), "malformed");
    rejectBinary("binary-format-version-0", "format version byte 0x00", base, set(a, 2, 0x00), "malformed");
    rejectBinary("binary-format-version-2", "format version byte 0x02 (unknown)", base, set(a, 2, 0x02), "malformed");
    rejectBinary("binary-algorithm-0x00", "algorithm id 0x00 (unassigned)", base, set(a, 3, 0x00), "unsupported-algorithm");
    rejectBinary("binary-algorithm-0x02-reserved", "algorithm id 0x02: reserved for AES-SIV, not implemented", base,
        set(a, 3, 0x02), "unsupported-algorithm");
    rejectBinary("binary-algorithm-0x03-reserved", "algorithm id 0x03: reserved for ARIA-256-GCM, not implemented",
        base, set(a, 3, 0x03), "unsupported-algorithm");
    rejectBinary("binary-algorithm-0x04", "algorithm id 0x04 (unassigned)", base, set(a, 3, 0x04), "unsupported-algorithm");
    rejectBinary("binary-algorithm-0xff", "algorithm id 0xff (unassigned)", base, set(a, 3, 0xff), "unsupported-algorithm");
    rejectBinary("binary-key-version-0", "key version 0", base, version(a, 0), "malformed");
    rejectBinary("binary-key-version-2^31", "key version 0x80000000, above 2^31-1", base, version(a, 0x80000000L),
        "malformed");
    rejectBinary("binary-key-version-ffffffff", "key version 0xffffffff", base, version(a, 0xffffffffL), "malformed");
    rejectBinary("binary-key-version-bit-flipped", "bit 1 of byte 7 flipped: key version 3, which has no key", base,
        flip(a, 7, 1), "unknown-key");
    rejectBinary("binary-key-version-relabelled", "key version changed from 1 to 2, whose key has the same bytes:"
        + " only the associated data catches it", base, version(a, 2), "authentication");
    byte[] max = valid.get("integer-key-version-max-binary").binary();
    rejectBinary("binary-key-version-max-relabelled", "sealed under version 2147483647, header says 1",
        "integer-key-version-max-binary", version(max, 1), "authentication");
    rejectBinary("binary-text-bytes", "the UTF-8 bytes of the text form given as a binary envelope", base,
        valid.get("string-ascii-text").text().getBytes(StandardCharsets.US_ASCII), "malformed");
  }

  private void bodyFailures() {
    String base = "string-ascii-binary";
    byte[] a = valid.get(base).binary();
    int n = a.length;
    rejectBinary("binary-nonce-first-bit", "bit 0 of the first nonce byte flipped", base, flip(a, 8, 0), "authentication");
    rejectBinary("binary-nonce-last-bit", "bit 7 of the last nonce byte flipped", base, flip(a, 19, 7), "authentication");
    rejectBinary("binary-ciphertext-bit", "bit 0 of the first ciphertext byte flipped", base, flip(a, 20, 0),
        "authentication");
    rejectBinary("binary-ciphertext-last-bit", "bit 5 of the last ciphertext byte flipped", base, flip(a, n - 17, 5),
        "authentication");
    rejectBinary("binary-tag-first-bit", "bit 0 of the first tag byte flipped", base, flip(a, n - 16, 0),
        "authentication");
    rejectBinary("binary-tag-last-bit", "bit 7 of the last tag byte flipped", base, flip(a, n - 1, 7), "authentication");
    rejectBinary("binary-truncated-1", "last byte removed", base, Arrays.copyOf(a, n - 1), "authentication");
    rejectBinary("binary-truncated-tag", "tag removed", base, Arrays.copyOf(a, n - 16), "authentication");
    rejectBinary("binary-truncated-35", "35 bytes: shorter than header, nonce and tag", base, Arrays.copyOf(a, 35),
        "malformed");
    rejectBinary("binary-header-only", "the 8-byte header alone", base, Arrays.copyOf(a, 8), "malformed");
    rejectBinary("binary-empty", "zero bytes", base, new byte[0], "malformed");
    rejectBinary("binary-appended-byte", "a zero byte appended", base, Arrays.copyOf(a, n + 1), "authentication");
    byte[] empty = valid.get("string-empty-binary").binary();
    rejectBinary("binary-empty-string-truncated", "the 36-byte envelope of the empty string, last byte removed",
        "string-empty-binary", Arrays.copyOf(empty, 35), "malformed");
    byte[] big = valid.get("bytes-4k").binary();
    rejectBinary("binary-4k-middle-bit", "bit 3 of byte 2000 of a 4096-byte plaintext's envelope flipped", "bytes-4k",
        flip(big, 2000, 3), "authentication");
  }

  private void bindingFailures() {
    Valid a = valid.get("string-ascii-binary");
    Valid t = valid.get("string-ascii-text");
    reject("binary-wrong-table", "customers.email value read as customer.email", "customer", "email", String.class,
        "binary", HEX.formatHex(a.binary()), "authentication");
    reject("binary-wrong-column", "customers.email value read as customers.name", "customers", "name",
        String.class, "binary", HEX.formatHex(a.binary()), "authentication");
    reject("text-wrong-table", "customers.email value read as orders.email", "orders", "email", String.class,
        "text", t.text(), "authentication");
    reject("text-wrong-column", "customers.email value read as customers.email2", "customers", "email2",
        String.class, "text", t.text(), "authentication");
    reject("text-qualified-wrong-table", "a schema qualifier is dropped, but the table name must"
        + " still match: sales.customer is table customer", "sales.customer", "email", String.class, "text",
        t.text(), "authentication");
    Valid k = valid.get("names-korean");
    reject("text-korean-wrong-column", "고객.전화번호 value read as 고객.휴대전화", "고객", "휴대전화", String.class, "text",
        k.text(), "authentication");
  }

  private void textFailures() {
    String base = "string-ascii-text";
    String a = valid.get(base).text();
    String body = a.substring(EnvelopeFormat.TEXT_HEADER_LENGTH);
    rejectText("text-prefix-uppercase", "prefix CS1: instead of cs1:", base, "CS1:" + a.substring(4), "malformed");
    rejectText("text-prefix-cs2", "prefix cs2:", base, "cs2:" + a.substring(4), "malformed");
    rejectText("text-algorithm-uppercase-hex", "algorithm 0A in upper case (hex digits must be lower case)", base,
        "cs1:0A:" + a.substring(7), "malformed");
    rejectText("text-algorithm-0a", "algorithm 0a (unassigned)", base, "cs1:0a:" + a.substring(7),
        "unsupported-algorithm");
    rejectText("text-algorithm-00", "algorithm 00 (unassigned)", base, "cs1:00:" + a.substring(7),
        "unsupported-algorithm");
    rejectText("text-algorithm-02-reserved", "algorithm 02: reserved for AES-SIV, not implemented", base,
        "cs1:02:" + a.substring(7), "unsupported-algorithm");
    rejectText("text-algorithm-03-reserved", "algorithm 03: reserved for ARIA-256-GCM, not implemented", base,
        "cs1:03:" + a.substring(7), "unsupported-algorithm");
    rejectText("text-algorithm-ff", "algorithm ff (unassigned)", base, "cs1:ff:" + a.substring(7),
        "unsupported-algorithm");
    rejectText("text-algorithm-one-digit", "algorithm written with one digit", base, "cs1:1:" + a.substring(7),
        "malformed");
    rejectText("text-key-version-0", "key version 0000000000", base, "cs1:01:0000000000:" + body, "malformed");
    rejectText("text-key-version-2^31", "key version 2147483648, above 2^31-1", base, "cs1:01:2147483648:" + body,
        "malformed");
    rejectText("text-key-version-9999999999", "key version 9999999999", base, "cs1:01:9999999999:" + body,
        "malformed");
    rejectText("text-key-version-9-digits", "key version with 9 digits", base, "cs1:01:000000001:" + body,
        "malformed");
    rejectText("text-key-version-11-digits", "key version with 11 digits", base, "cs1:01:00000000001:" + body,
        "malformed");
    rejectText("text-key-version-sign", "key version +000000001", base, "cs1:01:+000000001:" + body, "malformed");
    rejectText("text-key-version-space", "key version with a leading space", base, "cs1:01: 000000001:" + body,
        "malformed");
    rejectText("text-separator", "';' instead of ':' after the algorithm", base, "cs1:01;0000000001:" + body,
        "malformed");
    rejectText("text-key-version-unknown", "key version 3, which has no key", base, "cs1:01:0000000003:" + body,
        "unknown-key");
    rejectText("text-key-version-relabelled", "key version changed from 1 to 2, whose key has the same bytes", base,
        "cs1:01:0000000002:" + body, "authentication");
    rejectText("text-leading-space", "a space before cs1:", base, " " + a, "malformed");
    rejectText("text-trailing-newline", "a newline after the Base64", base, a + "\n", "malformed");
    rejectText("text-header-only", "the 18-character header and no Base64", base, a.substring(0, 18), "malformed");
    rejectText("text-empty", "the empty string", base, "", "malformed");

    // Base64 strictness. string-empty has a 28-byte body (padding "=="), integer-42 a 32-byte one ("=").
    String e = valid.get("string-empty-text").text();
    String i = valid.get("integer-42-text").text();
    rejectText("base64-nonzero-bits-before-==", "last character before == carries non-zero unused bits: it decodes to"
        + " the same bytes with a lenient decoder", "string-empty-text", bumpLast(e, 3), "malformed");
    rejectText("base64-nonzero-bits-before-=", "last character before = carries non-zero unused bits",
        "integer-42-text", bumpLast(i, 2), "malformed");
    rejectText("base64-padding-removed", "padding == removed", "string-empty-text", e.substring(0, e.length() - 2),
        "malformed");
    rejectText("base64-padding-extra", "an extra quartet of padding", "string-empty-text", e + "====", "malformed");
    rejectText("base64-equals-inside", "padding inside the Base64: first quartet replaced by AA==", base,
        a.substring(0, 18) + "AA==" + a.substring(22), "malformed");
    rejectText("base64-spaces", "four spaces inside the Base64 (length still a multiple of four)", base,
        a.substring(0, 26) + "    " + a.substring(26), "malformed");
    rejectText("base64-line-break", "CRLF CRLF inside the Base64, as MIME line wrapping would add", base,
        a.substring(0, 30) + "\r\n\r\n" + a.substring(30), "malformed");
    rejectText("base64-invalid-character", "a '*' in place of a Base64 character", base,
        a.substring(0, 20) + "*" + a.substring(21), "malformed");
    Valid urlSafe = firstTextWith('+', '/');
    String u = urlSafe.text();
    int at = Math.max(u.indexOf('+', 18), u.indexOf('/', 18));
    char swapped = u.charAt(at) == '+' ? '-' : '_';
    rejectText("base64-url-safe-alphabet", "URL-safe alphabet: '" + u.charAt(at) + "' written as '" + swapped + "'",
        urlSafe.id(), u.substring(0, at) + swapped + u.substring(at + 1), "malformed");
    rejectText("base64-truncated-1", "last character removed", base, a.substring(0, a.length() - 1), "malformed");

    // Canonical Base64 of a damaged body: these reach the authentication step.
    byte[] bin = valid.get(base).binary();
    rejectText("text-tag-bit", "bit 0 of the last tag byte flipped, re-encoded canonically", base,
        text(flip(bin, bin.length - 1, 0)), "authentication");
    rejectText("text-nonce-bit", "bit 2 of the first nonce byte flipped, re-encoded canonically", base,
        text(flip(bin, 8, 2)), "authentication");
    rejectText("text-truncated-quartet", "last Base64 quartet removed: canonical, but the body lost bytes", base,
        a.substring(0, a.length() - 4), "authentication");
    rejectText("text-body-too-short", "canonical Base64 of 3 bytes: shorter than nonce and tag", base,
        "cs1:01:0000000001:AAAA", "authentication");
    byte[] max = valid.get("integer-key-version-max-text").binary();
    rejectText("text-key-version-max-relabelled", "sealed under version 2147483647, header says 1",
        "integer-key-version-max-text", text(version(max, 1)), "authentication");
  }

  /** Replaces the last Base64 character before {@code pad} padding characters with its successor. */
  private static String bumpLast(String text, int fromEnd) {
    int at = text.length() - fromEnd;
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char next = alphabet.charAt(alphabet.indexOf(text.charAt(at)) + 1);
    return text.substring(0, at) + next + text.substring(at + 1);
  }

  private Valid firstTextWith(char x, char y) {
    for (Valid v : valid.values()) {
      if (v.text().indexOf(x, 18) >= 0 || v.text().indexOf(y, 18) >= 0) {
        return v;
      }
    }
    throw new IllegalStateException("no text envelope contains " + x + " or " + y);
  }

  /** Authentic envelopes whose plaintext is not a valid encoding of the vector's type. */
  private void valueFailures() {
    long leapDay = LocalDate.of(2024, 2, 29).toEpochDay();
    long paidAt = Instant.parse("2024-02-29T04:45:30Z").getEpochSecond();
    byte[] uuid = encode(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
    badValue("value-boolean-2", "Boolean", new byte[] {2}, "binary", "a Boolean byte other than 00 or 01");
    badValue("value-boolean-empty", "Boolean", new byte[0], "binary", "a Boolean of zero bytes");
    badValue("value-boolean-2-bytes", "Boolean", new byte[] {0, 1}, "text", "a Boolean of two bytes");
    badValue("value-integer-3-bytes", "Integer", Arrays.copyOfRange(encode(42), 1, 4), "binary", "an Integer of 3 bytes");
    badValue("value-long-4-bytes", "Long", encode(42), "binary", "an Integer's 4 bytes read as a Long");
    badValue("value-bigdecimal-scale-only", "BigDecimal", ByteBuffer.allocate(4).putInt(2).array(), "binary",
        "scale without an unscaled value");
    badValue("value-bigdecimal-not-minimal", "BigDecimal", ByteBuffer.allocate(6).putInt(0).put((byte) 0).put((byte) 1)
        .array(), "binary", "unscaled value 00 01: a redundant leading 00");
    badValue("value-bigdecimal-not-minimal-negative", "BigDecimal", ByteBuffer.allocate(6).putInt(0).put((byte) 0xff)
        .put((byte) 0x80).array(), "text", "unscaled value ff 80 (-128, whose minimal form is 80)");
    badValue("value-localdate-after-max", "LocalDate", ByteBuffer.allocate(8).putLong(LocalDate.MAX.toEpochDay() + 1)
        .array(), "binary", "epoch day " + (LocalDate.MAX.toEpochDay() + 1) + ", one after LocalDate.MAX");
    badValue("value-localdate-before-min", "LocalDate", ByteBuffer.allocate(8).putLong(LocalDate.MIN.toEpochDay() - 1)
        .array(), "text", "epoch day " + (LocalDate.MIN.toEpochDay() - 1) + ", one before LocalDate.MIN");
    badValue("value-localdate-7-bytes", "LocalDate", Arrays.copyOf(encode(LocalDate.of(2024, 2, 29)), 7), "binary",
        "a LocalDate of 7 bytes");
    badValue("value-localdatetime-nano-of-day", "LocalDateTime", ByteBuffer.allocate(16).putLong(leapDay)
        .putLong(86_400_000_000_000L).array(), "binary", "nano-of-day 86400000000000: a whole day");
    badValue("value-localdatetime-negative-nano", "LocalDateTime", ByteBuffer.allocate(16).putLong(leapDay)
        .putLong(-1).array(), "text", "nano-of-day -1");
    badValue("value-instant-nano-1e9", "Instant", ByteBuffer.allocate(12).putLong(paidAt).putInt(1_000_000_000)
        .array(), "binary", "nano-of-second 1000000000");
    badValue("value-instant-nano-negative", "Instant", ByteBuffer.allocate(12).putLong(paidAt).putInt(-1).array(),
        "text", "nano-of-second -1");
    badValue("value-instant-after-max", "Instant", ByteBuffer.allocate(12).putLong(Instant.MAX.getEpochSecond() + 1)
        .putInt(0).array(), "binary", "epoch second " + (Instant.MAX.getEpochSecond() + 1) + ", one after Instant.MAX");
    badValue("value-uuid-15-bytes", "UUID", Arrays.copyOf(uuid, 15), "binary", "a UUID of 15 bytes");
    badValue("value-uuid-17-bytes", "UUID", Arrays.copyOf(uuid, 17), "binary", "a UUID of 17 bytes");
    badValue("value-enum-unknown-constant", "enum", "PLATINUM".getBytes(StandardCharsets.UTF_8), "binary",
        "PLATINUM is not a constant of the enum");
    badValue("value-enum-lower-case", "enum", "gold".getBytes(StandardCharsets.UTF_8), "text",
        "constant names are case-sensitive");
    badValue("value-enum-empty", "enum", new byte[0], "binary", "an empty name");
    badValue("value-string-invalid-utf8", "String", new byte[] {'a', (byte) 0xff, 'b'}, "text",
        "byte ff is never valid UTF-8");
    badValue("value-string-overlong-utf8", "String", new byte[] {(byte) 0xc0, (byte) 0xaf}, "binary",
        "overlong encoding of '/'");
    badValue("value-string-utf8-surrogate", "String", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, "text",
        "UTF-8 form of the surrogate U+D800");
    badValue("value-string-truncated-utf8", "String", Arrays.copyOf("홍".getBytes(StandardCharsets.UTF_8), 2), "binary",
        "a 3-byte UTF-8 sequence cut after 2 bytes");
    Valid i = valid.get("integer-42-binary");
    reject("value-type-mismatch", "an Integer value read as a Long column", i.table(), i.column(), Long.class,
        "binary", HEX.formatHex(i.binary()), "value-encoding");
    Valid s = valid.get("string-ascii-binary");
    reject("value-type-mismatch-uuid", "a 17-byte String value read as a UUID column", s.table(), s.column(),
        UUID.class, "binary", HEX.formatHex(s.binary()), "value-encoding");
  }

  private void badValue(String id, String type, byte[] plaintext, String storage, String description) {
    byte[] binary = seal(1, "quirks", "value", plaintext, nonce(++nonces));
    Map<String, Object> v = entry(id, description, "quirks", "value", VectorValues.javaClass(type), storage);
    v.put("key_version", 1L);
    v.put("plaintext_hex", HEX.formatHex(plaintext));
    v.put("envelope", storage.equals("text") ? text(binary) : HEX.formatHex(binary));
    v.put("expect", "reject");
    v.put("reason", "value-encoding");
    vectors.add(v);
  }

  // ---------------------------------------------------------------- algorithm 0x02, appended

  /**
   * The deterministic mode (AES-256-GCM-SIV, algorithm 0x02): valid envelopes, marked with {@code
   * "algorithm": "AES_256_GCM_SIV"}, and must-fail ones derived from them. Appended after every
   * earlier entry, which stay as they were.
   */
  private void deterministicVectors() {
    det("det-string-ascii-text", "customers", "email", "alice@example.com", 1, "text",
        "deterministic: this value in customers.email under key version 1 always gives this envelope"
            + " (ciphertext-format.md, example 6)");
    det("det-string-ascii-binary", "customers", "email", "alice@example.com", 1, "binary",
        "deterministic, binary: no nonce is stored");
    det("det-string-empty-text", "customers", "email", "", 1, "text", "the empty string: a 16-byte body, the tag");
    det("det-string-empty-binary", "customers", "email", "", 1, "binary", "the empty string: 24 bytes, the shortest");
    det("det-string-key-version-2", "customers", "email", "alice@example.com", 2, "text",
        "key version 2 has version 1's bytes, yet the envelope differs from det-string-ascii-text: the derived key"
            + " is the same, the header in the associated data is not");
    det("det-string-korean", "customers", "name", "홍길동", 1, "text", "Korean");
    det("det-names-quoted-qualified", "\"PUBLIC\".\"Customers\"", "\"EMAIL\"", "alice@example.com", 1, "text",
        "names are normalised before they enter the associated data: same envelope as det-string-ascii-text");
    det("det-integer-key-version-max-text", "orders", "quantity", 42, Integer.MAX_VALUE, "text",
        "key version 2147483647");
    det("det-integer-key-version-max-binary", "orders", "quantity", 42, Integer.MAX_VALUE, "binary",
        "key version 2147483647");
    det("det-bytes-small", "customers", "photo", range(0, 16), 1, "binary", "byte[]");
    det("det-localdate-2024-02-29-text", "customers", "birth_date", LocalDate.of(2024, 2, 29), 1, "text", null);
    det("det-uuid-binary", "customers", "external_ref", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), 1,
        "binary", null);

    String base = "det-string-ascii-binary";
    Valid d = valid.get(base);
    byte[] a = d.binary();
    int n = a.length;
    rejectBinary("det-binary-ciphertext-bit", "bit 0 of the first ciphertext byte flipped", base, flip(a, 8, 0),
        "authentication");
    rejectBinary("det-binary-tag-first-bit", "bit 0 of the first tag byte flipped", base, flip(a, n - 16, 0),
        "authentication");
    rejectBinary("det-binary-tag-last-bit", "bit 7 of the last tag byte flipped", base, flip(a, n - 1, 7),
        "authentication");
    rejectBinary("det-binary-truncated-1", "last byte removed", base, Arrays.copyOf(a, n - 1), "authentication");
    rejectBinary("det-binary-key-version-relabelled", "key version changed from 1 to 2, whose key has the same"
        + " bytes: only the associated data catches it", base, version(a, 2), "authentication");
    rejectBinary("det-binary-key-version-unknown", "key version 3, which has no key", base, version(a, 3),
        "unknown-key");
    rejectBinary("det-binary-relabelled-01", "algorithm id changed from 0x02 to 0x01: long enough for AES-256-GCM,"
        + " which reads the first 12 ciphertext bytes as the nonce", base, set(a, 3, 0x01), "authentication");
    byte[] empty = valid.get("det-string-empty-binary").binary();
    rejectBinary("det-binary-empty-relabelled-01", "the 24-byte envelope of the empty string relabelled 0x01:"
        + " shorter than the 36 bytes AES-256-GCM needs", "det-string-empty-binary", set(empty, 3, 0x01), "malformed");
    rejectBinary("det-binary-truncated-23", "the 24-byte envelope of the empty string, last byte removed",
        "det-string-empty-binary", Arrays.copyOf(empty, 23), "malformed");
    reject("det-binary-wrong-table", "customers.email value read as customer.email", "customer", "email",
        String.class, "binary", HEX.formatHex(a), "authentication");
    reject("det-binary-wrong-column", "customers.email value read as customers.name: equal values of different"
        + " columns have different envelopes", "customers", "name", String.class, "binary", HEX.formatHex(a),
        "authentication");

    String t = valid.get("det-string-ascii-text").text();
    reject("det-text-wrong-column", "customers.email value read as customers.email2", "customers", "email2",
        String.class, "text", t, "authentication");
    reject("det-text-wrong-table", "customers.email value read as orders.email", "orders", "email", String.class,
        "text", t, "authentication");
    rejectText("det-text-tag-bit", "bit 0 of the last tag byte flipped, re-encoded canonically",
        "det-string-ascii-text", text(flip(a, n - 1, 0)), "authentication");
    rejectText("det-text-key-version-relabelled", "key version changed from 1 to 2", "det-string-ascii-text",
        "cs1:02:0000000002:" + t.substring(EnvelopeFormat.TEXT_HEADER_LENGTH), "authentication");
    rejectText("det-text-relabelled-01", "algorithm changed from 02 to 01", "det-string-ascii-text",
        "cs1:01:" + t.substring(7), "authentication");
    rejectText("det-text-body-too-short", "canonical Base64 of 3 bytes: shorter than a tag", "det-string-ascii-text",
        "cs1:02:0000000001:AAAA", "authentication");
    byte[] max = valid.get("det-integer-key-version-max-binary").binary();
    rejectText("det-text-key-version-max-relabelled", "sealed under version 2147483647, header says 1",
        "det-integer-key-version-max-text", text(version(max, 1)), "authentication");
  }

  private void det(String id, String table, String column, Object value, int version, String storage,
      String description) {
    byte[] plaintext = encode(value);
    add(id, table, column, value, version, storage, description, new byte[EnvelopeFormat.NONCE_LENGTH], plaintext,
        sealDeterministic(version, table, column, plaintext), SIV);
  }

  /**
   * Column keys (AES-256-GCM under a per-column key, algorithm 0x04): valid envelopes, marked with
   * {@code "algorithm": "AES_256_GCM_COLUMN_KEY"}, and must-fail ones derived from them. Appended
   * after every earlier entry, which stay as they were.
   */
  private void columnKeyVectors() {
    ck("ck-string-ascii-text", "customers", "email", "alice@example.com", 1, "text",
        "column key: AES-256-GCM under the key of customers.email, version 1; no associated data"
            + " (ciphertext-format.md, example 7)");
    ck("ck-string-ascii-binary", "customers", "email", "alice@example.com", 1, "binary", "column key, binary");
    ck("ck-string-empty-binary", "customers", "email", "", 1, "binary", "the empty string: 36 bytes, the shortest");
    ck("ck-string-korean-text", "customers", "name", "홍길동", 1, "text", "Korean; another column, another key");
    ck("ck-string-key-version-2", "customers", "email", "alice@example.com", 2, "text",
        "key version 2 has version 1's bytes, yet its column key differs: the header is in the HKDF info");
    ck("ck-names-quoted-qualified", "\"PUBLIC\".\"Customers\"", "\"EMAIL\"", "alice@example.com", 1, "binary",
        "names are normalised before they enter the HKDF info: the column key of customers.email");
    ck("ck-names-korean", "고객", "전화번호", "010-1234-5678", 1, "text", "non-ASCII names");
    ck("ck-integer-key-version-max", "orders", "quantity", 42, Integer.MAX_VALUE, "binary", "key version 2147483647");
    ck("ck-bytes-small", "customers", "photo", range(0, 16), 1, "binary", "byte[]");
    ck("ck-localdate-2024-02-29", "customers", "birth_date", LocalDate.of(2024, 2, 29), 1, "text", null);

    String base = "ck-string-ascii-binary";
    byte[] a = valid.get(base).binary();
    int n = a.length;
    rejectBinary("ck-binary-nonce-bit", "bit 0 of the first nonce byte flipped", base, flip(a, 8, 0), "authentication");
    rejectBinary("ck-binary-ciphertext-bit", "bit 0 of the first ciphertext byte flipped", base, flip(a, 20, 0),
        "authentication");
    rejectBinary("ck-binary-tag-last-bit", "bit 7 of the last tag byte flipped", base, flip(a, n - 1, 7),
        "authentication");
    rejectBinary("ck-binary-truncated-1", "last byte removed", base, Arrays.copyOf(a, n - 1), "authentication");
    rejectBinary("ck-binary-key-version-relabelled", "key version changed from 1 to 2, whose DEK has the same bytes:"
        + " the column key differs, because the header is in the HKDF info", base, version(a, 2), "authentication");
    rejectBinary("ck-binary-key-version-unknown", "key version 3, which has no key", base, version(a, 3),
        "unknown-key");
    rejectBinary("ck-binary-relabelled-01", "algorithm id changed from 0x04 to 0x01: opened with the DEK and the"
        + " associated data instead of the column key", base, set(a, 3, 0x01), "authentication");
    rejectBinary("ck-binary-relabelled-02", "algorithm id changed from 0x04 to 0x02", base, set(a, 3, 0x02),
        "authentication");
    byte[] empty = valid.get("ck-string-empty-binary").binary();
    rejectBinary("ck-binary-truncated-35", "the 36-byte envelope of the empty string, last byte removed",
        "ck-string-empty-binary", Arrays.copyOf(empty, 35), "malformed");
    reject("ck-binary-wrong-table", "customers.email value read as customer.email", "customer", "email",
        String.class, "binary", HEX.formatHex(a), "authentication");
    reject("ck-binary-wrong-column", "customers.email value read as customers.name", "customers", "name",
        String.class, "binary", HEX.formatHex(a), "authentication");
    byte[] plainGcm = valid.get("string-ascii-binary").binary();
    rejectBinary("ck-binary-from-01", "an algorithm-01 envelope of customers.email relabelled 0x04",
        "string-ascii-binary", set(plainGcm, 3, 0x04), "authentication");

    String t = valid.get("ck-string-ascii-text").text();
    reject("ck-text-wrong-column", "customers.email value read as customers.email2", "customers", "email2",
        String.class, "text", t, "authentication");
    rejectText("ck-text-relabelled-01", "algorithm changed from 04 to 01", "ck-string-ascii-text",
        "cs1:01:" + t.substring(7), "authentication");
    rejectText("ck-text-key-version-relabelled", "key version changed from 1 to 2", "ck-string-ascii-text",
        "cs1:04:0000000002:" + t.substring(EnvelopeFormat.TEXT_HEADER_LENGTH), "authentication");
    rejectText("ck-text-tag-bit", "bit 0 of the last tag byte flipped, re-encoded canonically",
        "ck-string-ascii-text", text(flip(a, n - 1, 0)), "authentication");
  }

  private void ck(String id, String table, String column, Object value, int version, String storage,
      String description) {
    byte[] plaintext = encode(value);
    byte[] nonce = nonce(++nonces);
    add(id, table, column, value, version, storage, description, nonce, plaintext,
        sealColumnKey(version, table, column, plaintext, nonce), CK);
  }

  // ---------------------------------------------------------------- algorithm 0x05, appended

  /**
   * Row binding (AES-256-GCM with the row key after the associated data, algorithm 0x05): valid
   * envelopes, marked with {@code "algorithm": "AES_256_GCM_ROW_BOUND"} and carrying their {@code
   * row_key}, and must-fail ones derived from them. Appended after every earlier entry, which stay
   * as they were.
   */
  private void rowBoundVectors() {
    List<Map<String, Object>> id1 = List.of(part("integer", 1L));
    List<Map<String, Object>> id2 = List.of(part("integer", 2L));
    rb("rb-string-ascii-text", "customers", "email", "alice@example.com", id1, 1, "text",
        "row binding: customers.email of the row with primary key 1 (ciphertext-format.md, example 9)");
    rb("rb-string-ascii-binary", "customers", "email", "alice@example.com", id1, 1, "binary",
        "row binding, binary");
    rb("rb-string-empty-binary", "customers", "email", "", id1, 1, "binary", "the empty string: 36 bytes, the shortest");
    rb("rb-string-key-version-2", "customers", "email", "alice@example.com", id1, 2, "text",
        "key version 2 (same DEK bytes as version 1)");
    rb("rb-key-negative", "customers", "email", "alice@example.com", List.of(part("integer", -1L)), 1, "binary",
        "integer key -1: 8 bytes of two's complement, ffffffffffffffff");
    rb("rb-key-long-max", "customers", "email", "alice@example.com", List.of(part("integer", Long.MAX_VALUE)), 1,
        "text", "integer key 9223372036854775807");
    rb("rb-key-string", "customers", "email", "alice@example.com", List.of(part("string", "C-0001")), 1, "text",
        "a String primary key");
    rb("rb-key-string-empty", "customers", "email", "alice@example.com", List.of(part("string", "")), 1, "binary",
        "the empty String as a key part: tag and a zero length");
    rb("rb-key-korean", "고객", "전화번호", "010-1234-5678", List.of(part("string", "홍길동")), 1, "text",
        "non-ASCII names and a Korean String key: lengths count UTF-8 bytes");
    rb("rb-key-uuid", "customers", "email", "alice@example.com",
        List.of(part("uuid", "123e4567-e89b-12d3-a456-426614174000")), 1, "binary", "a UUID primary key");
    rb("rb-key-bytes", "customers", "email", "alice@example.com", List.of(part("bytes", range(0, 4))), 1, "binary",
        "a byte[] primary key");
    rb("rb-key-composite", "order_lines", "note", "leave at the door",
        List.of(part("string", "KR"), part("integer", 7L)), 1, "text",
        "a composite primary key: the parts in the key's column order (ciphertext-format.md, example 10)");
    rb("rb-key-split-a-b", "order_lines", "note", "leave at the door",
        List.of(part("string", "a"), part("string", "b")), 1, "binary", "two String parts 'a' and 'b'");
    rb("rb-integer-key-version-max", "orders", "quantity", 42, List.of(part("integer", 42L)), Integer.MAX_VALUE,
        "binary", "key version 2147483647");
    rb("rb-names-quoted-qualified", "\"PUBLIC\".\"Customers\"", "\"EMAIL\"", "alice@example.com", id1, 1,
        "text", "names are normalised before they enter the associated data: same binding as customers.email");
    rb("rb-bytes-small", "customers", "photo", range(0, 16), id1, 1, "binary", "a byte[] value");
    rb("rb-localdate", "customers", "birth_date", LocalDate.of(2024, 2, 29), id1, 1, "text", null);

    String base = "rb-string-ascii-binary";
    byte[] a = valid.get(base).binary();
    int n = a.length;
    rejectRow("rb-binary-other-row", "the value of row 1 read as the value of row 2", base, HEX.formatHex(a), id2,
        "authentication");
    rejectRow("rb-binary-string-key", "sealed with the integer key 1, read with the String key \"1\"", base,
        HEX.formatHex(a), List.of(part("string", "1")), "authentication");
    rejectRow("rb-binary-bytes-key", "sealed with the integer key 1, read with the byte[] key 0000000000000001",
        base, HEX.formatHex(a), List.of(part("bytes", HEX.parseHex("0000000000000001"))), "authentication");
    rejectRow("rb-binary-two-parts", "sealed with the key (1), read with the key (1, 1)", base, HEX.formatHex(a),
        List.of(part("integer", 1L), part("integer", 1L)), "authentication");
    rejectRow("rb-binary-no-row-key", "a row-bound value read without a row key", base, HEX.formatHex(a), null,
        "authentication");
    rejectRow("rb-binary-ciphertext-bit", "bit 0 of the first ciphertext byte flipped", base,
        HEX.formatHex(flip(a, 20, 0)), id1, "authentication");
    rejectRow("rb-binary-tag-last-bit", "bit 7 of the last tag byte flipped", base, HEX.formatHex(flip(a, n - 1, 7)),
        id1, "authentication");
    rejectRow("rb-binary-truncated-1", "last byte removed", base, HEX.formatHex(Arrays.copyOf(a, n - 1)), id1,
        "authentication");
    byte[] empty = valid.get("rb-string-empty-binary").binary();
    rejectRow("rb-binary-truncated-35", "the 36-byte envelope of the empty string, last byte removed",
        "rb-string-empty-binary", HEX.formatHex(Arrays.copyOf(empty, 35)), id1, "malformed");
    rejectRow("rb-binary-key-version-relabelled", "key version changed from 1 to 2, whose DEK has the same bytes",
        base, HEX.formatHex(version(a, 2)), id1, "authentication");
    rejectRow("rb-binary-key-version-unknown", "key version 3, which has no key", base, HEX.formatHex(version(a, 3)),
        id1, "unknown-key");
    rejectRow("rb-binary-relabelled-01", "algorithm id changed from 0x05 to 0x01: the row binding is dropped from"
        + " the associated data and the header differs", base, HEX.formatHex(set(a, 3, 0x01)), id1, "authentication");
    rejectRow("rb-binary-relabelled-04", "algorithm id changed from 0x05 to 0x04", base, HEX.formatHex(set(a, 3, 0x04)),
        id1, "authentication");
    rejectRow("rb-binary-from-01", "an algorithm-01 envelope of customers.email relabelled 0x05 and read with row key 1",
        "string-ascii-binary", HEX.formatHex(set(valid.get("string-ascii-binary").binary(), 3, 0x05)), id1,
        "authentication");
    rejectRow("rb-binary-from-04", "an algorithm-04 envelope of customers.email relabelled 0x05 and read with row key 1",
        "ck-string-ascii-binary", HEX.formatHex(set(valid.get("ck-string-ascii-binary").binary(), 3, 0x05)), id1,
        "authentication");
    Map<String, Object> wrongColumn = reject("rb-binary-wrong-column", "customers.email value of row 1 read as"
        + " customers.name of row 1", "customers", "name", String.class, "binary", HEX.formatHex(a), "authentication");
    putRowKey(wrongColumn, id1);
    Map<String, Object> wrongTable = reject("rb-binary-wrong-table", "customers.email value of row 1 read as"
        + " customer.email of row 1", "customer", "email", String.class, "binary", HEX.formatHex(a), "authentication");
    putRowKey(wrongTable, id1);
    String composite = valid.get("rb-key-composite").text();
    rejectRow("rb-text-composite-swapped", "the key (KR, 7) given as (7, KR)", "rb-key-composite", composite,
        List.of(part("integer", 7L), part("string", "KR")), "authentication");
    String split = HEX.formatHex(valid.get("rb-key-split-a-b").binary());
    rejectRow("rb-binary-split-joined", "sealed with the parts 'a' and 'b', read with the one part 'ab': the count"
        + " and lengths keep them apart", "rb-key-split-a-b", split, List.of(part("string", "ab")), "authentication");

    String t = valid.get("rb-string-ascii-text").text();
    rejectRow("rb-text-other-row", "the value of row 1 read as the value of row 2", "rb-string-ascii-text", t, id2,
        "authentication");
    rejectRow("rb-text-relabelled-01", "algorithm changed from 05 to 01", "rb-string-ascii-text", "cs1:01:"
        + t.substring(7), id1, "authentication");
    rejectRow("rb-text-tag-bit", "bit 0 of the last tag byte flipped, re-encoded canonically", "rb-string-ascii-text",
        text(flip(valid.get("rb-string-ascii-text").binary(), n - 1, 0)), id1, "authentication"); // same length as a
    rejectRow("rb-text-truncated-quartet", "last Base64 quartet removed", "rb-string-ascii-text",
        t.substring(0, t.length() - 4), id1, "authentication");
  }

  private void rb(String id, String table, String column, Object value, List<Map<String, Object>> rowKey, int version,
      String storage, String description) {
    byte[] plaintext = encode(value);
    byte[] nonce = nonce(++nonces);
    add(id, table, column, value, version, storage, description, nonce, plaintext,
        sealRowBound(version, table, column, rowKey, plaintext, nonce), RB);
    putRowKey(vectors.get(vectors.size() - 1), rowKey);
    rowKeys.put(id, rowKey);
  }

  /** A must-fail entry of the base vector's column, read with {@code rowKey} (none if null). */
  private void rejectRow(String id, String description, String baseId, String envelope,
      List<Map<String, Object>> rowKey, String reason) {
    Valid b = valid.get(baseId);
    String storage = envelope.startsWith("cs1:") ? "text" : "binary";
    Map<String, Object> v = reject(id, description, b.table(), b.column(), b.value().getClass(), storage, envelope,
        reason);
    if (rowKey != null) {
      putRowKey(v, rowKey);
    }
  }

  /** Puts {@code row_key} after {@code storage}, where a reader looks for what the entry is read with. */
  private static void putRowKey(Map<String, Object> v, List<Map<String, Object>> rowKey) {
    Map<String, Object> copy = new LinkedHashMap<>(v);
    v.clear();
    for (Map.Entry<String, Object> e : copy.entrySet()) {
      v.put(e.getKey(), e.getValue());
      if (e.getKey().equals("storage")) {
        v.put("row_key", new ArrayList<Object>(rowKey));
      }
    }
  }

  // ---------------------------------------------------------------- algorithm 0x03, appended

  /**
   * ARIA-256-GCM (algorithm 0x03, the KCMVP profile): valid envelopes, marked with {@code
   * "algorithm": "ARIA_256_GCM"}, and must-fail ones derived from them. Appended after every
   * earlier entry, which stay as they were (the frozen "0x03 reserved" entries included: AES-GCM
   * envelopes relabelled 03, now rejected at authentication).
   */
  private void ariaVectors() {
    aria("aria-string-ascii-text", "customers", "email", "alice@example.com", 1, "text",
        "ARIA-256-GCM: customers.email, version 1 (ciphertext-format.md, example 11)");
    aria("aria-string-ascii-binary", "customers", "email", "alice@example.com", 1, "binary", "ARIA-256-GCM, binary");
    aria("aria-string-empty-binary", "customers", "email", "", 1, "binary", "the empty string: 36 bytes, the shortest");
    aria("aria-string-korean-text", "고객", "이름", "홍길동", 1, "text", "Korean names and value");
    aria("aria-string-key-version-2", "customers", "email", "alice@example.com", 2, "text",
        "key version 2 (same DEK bytes as version 1, so the same ARIA key; the header in the AAD differs)");
    aria("aria-names-quoted-qualified", "\"PUBLIC\".\"Customers\"", "\"EMAIL\"", "alice@example.com", 1, "binary",
        "names are normalised before they enter the associated data");
    aria("aria-integer-key-version-max", "orders", "quantity", 42, Integer.MAX_VALUE, "binary",
        "key version 2147483647");
    aria("aria-bytes-48", "customers", "photo", range(0, 48), 1, "binary", "byte[] of three ARIA blocks");
    aria("aria-string-long-text", "customers", "note", "ARIA-256-GCM ".repeat(40), 1, "text",
        "520 bytes: many counter blocks and a partial last block");
    aria("aria-localdate", "customers", "birth_date", LocalDate.of(2024, 2, 29), 1, "text", null);

    String base = "aria-string-ascii-binary";
    byte[] a = valid.get(base).binary();
    int n = a.length;
    rejectBinary("aria-binary-nonce-bit", "bit 0 of the first nonce byte flipped", base, flip(a, 8, 0),
        "authentication");
    rejectBinary("aria-binary-ciphertext-bit", "bit 0 of the first ciphertext byte flipped", base, flip(a, 20, 0),
        "authentication");
    rejectBinary("aria-binary-tag-last-bit", "bit 7 of the last tag byte flipped", base, flip(a, n - 1, 7),
        "authentication");
    rejectBinary("aria-binary-truncated-1", "last byte removed", base, Arrays.copyOf(a, n - 1), "authentication");
    byte[] empty = valid.get("aria-string-empty-binary").binary();
    rejectBinary("aria-binary-truncated-35", "the 36-byte envelope of the empty string, last byte removed",
        "aria-string-empty-binary", Arrays.copyOf(empty, 35), "malformed");
    rejectBinary("aria-binary-key-version-relabelled", "key version changed from 1 to 2, whose DEK has the same"
        + " bytes: the header in the associated data differs", base, version(a, 2), "authentication");
    rejectBinary("aria-binary-key-version-unknown", "key version 3, which has no key", base, version(a, 3),
        "unknown-key");
    rejectBinary("aria-binary-relabelled-01", "algorithm id changed from 0x03 to 0x01: opened with AES under the DEK",
        base, set(a, 3, 0x01), "authentication");
    rejectBinary("aria-binary-relabelled-04", "algorithm id changed from 0x03 to 0x04", base, set(a, 3, 0x04),
        "authentication");
    rejectBinary("aria-binary-from-01", "an algorithm-01 envelope of customers.email relabelled 0x03: AES-GCM"
        + " ciphertext does not open under ARIA", "string-ascii-binary",
        set(valid.get("string-ascii-binary").binary(), 3, 0x03), "authentication");
    reject("aria-binary-wrong-table", "customers.email value read as customer.email", "customer", "email",
        String.class, "binary", HEX.formatHex(a), "authentication");
    reject("aria-binary-wrong-column", "customers.email value read as customers.name", "customers", "name",
        String.class, "binary", HEX.formatHex(a), "authentication");

    String t = valid.get("aria-string-ascii-text").text();
    rejectText("aria-text-relabelled-01", "algorithm changed from 03 to 01", "aria-string-ascii-text",
        "cs1:01:" + t.substring(7), "authentication");
    rejectText("aria-text-key-version-relabelled", "key version changed from 1 to 2", "aria-string-ascii-text",
        "cs1:03:0000000002:" + t.substring(EnvelopeFormat.TEXT_HEADER_LENGTH), "authentication");
    rejectText("aria-text-tag-bit", "bit 0 of the last tag byte flipped, re-encoded canonically",
        "aria-string-ascii-text", text(flip(valid.get("aria-string-ascii-text").binary(), n - 1, 0)),
        "authentication");
    rejectText("aria-text-truncated-quartet", "last Base64 quartet removed", "aria-string-ascii-text",
        t.substring(0, t.length() - 4), "authentication");
  }

  private void aria(String id, String table, String column, Object value, int version, String storage,
      String description) {
    byte[] plaintext = encode(value);
    byte[] nonce = nonce(++nonces);
    add(id, table, column, value, version, storage, description, nonce, plaintext,
        sealAria(version, table, column, plaintext, nonce), ARIA);
  }

  // ---------------------------------------------------------------- output

  String vectorsJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", "colseal envelope format version 1, specified in docs/reference/ciphertext-format.md");
    root.put("frozen", "These vectors are frozen. Every later colseal release must decode each entry with expect"
        + " \"ok\" to its value and reject each entry with expect \"reject\". Entries are never changed or"
        + " removed; new ones may be appended.");
    root.put("generated_by", "io.colseal.internal.format.EnvelopeVectorsGenerator (core/src/test/java),"
        + " from colseal's own EnvelopeFormat, Identifiers, ValueCodecs and StrictBase64 and the JDK's"
        + " AES/GCM/NoPadding with fixed nonces (a0a1a2a3a4a5a6a7a8a9 followed by a uint16 counter)."
        + " EnvelopeVectorsTest checks that colseal's ColumnSealer produces the same bytes for the same nonce"
        + " and that this file equals the generator's output. Command: " + COMMAND
        + ". Entries with \"algorithm\": \"AES_256_GCM_SIV\" (appended later) are algorithm 02, the deterministic"
        + " mode, sealed with colseal's AesGcmSiv under the key it derives from the test key; entries without"
        + " \"algorithm\" are AES_256_GCM. Entries with \"algorithm\": \"AES_256_GCM_COLUMN_KEY\" (appended"
        + " after those) are algorithm 04, AES-256-GCM under the column key derived from the test key, with fixed"
        + " nonces and no associated data. Entries with \"algorithm\": \"AES_256_GCM_ROW_BOUND\" (appended after"
        + " those) are algorithm 05, AES-256-GCM under the test key whose associated data ends with the row binding of"
        + " the entry's row_key (ciphertext-format.md, \"Row binding\"); row_key lists the parts in order, each"
        + " with a type (integer: decimal int64; string; uuid: canonical form; bytes: lower-case hex) and a value."
        + " An entry of algorithm 05 without row_key is read without a row key. Entries with \"algorithm\":"
        + " \"ARIA_256_GCM\" (appended after those) are algorithm 03, ARIA-256-GCM (RFC 5794, NIST SP 800-38D)"
        + " under the ARIA key HKDF-SHA256(test key, info \"colseal/v1/ARIA_256_GCM\"), with the associated data"
        + " of 01 (header with id 03) and fixed nonces, sealed with BouncyCastle's GCMBlockCipher over ARIAEngine.");
    root.put("warning", "The keys below are published test keys. Never use them for data.");
    root.put("value_forms", new LinkedHashMap<>(VectorValues.FORMS));
    Map<String, Object> reasons = new LinkedHashMap<>();
    reasons.put("malformed", "not a well-formed envelope: length, magic, format version, key version range, text"
        + " syntax or canonical Base64");
    reasons.put("unsupported-algorithm", "the algorithm id is unassigned, or reserved but not implemented");
    reasons.put("unknown-key", "well formed, but no key is known for the header's key version");
    reasons.put("authentication", "AES-GCM (01, 04, 05), AES-GCM-SIV (02) or ARIA-GCM (03) authentication failed:"
        + " altered, truncated,"
        + " moved to another table, column, key version or (05) row, or a body too short to hold nonce and tag");
    reasons.put("value-encoding", "authentic, but the plaintext is not a valid encoding of java_type");
    root.put("reasons", reasons);
    List<Object> keys = new ArrayList<>();
    for (Map.Entry<Integer, byte[]> k : KEYS.entrySet()) {
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("key_version", (long) k.getKey());
      key.put("algorithm", "AES_256_GCM");
      key.put("dek", HEX.formatHex(k.getValue()));
      key.put("key_check_value", kcv(k.getValue()));
      if (k.getKey() == 2) {
        key.put("note", "same bytes as version 1 on purpose: a header relabelled from 1 to 2 fails on the"
            + " associated data alone");
      }
      keys.add(key);
    }
    root.put("keys", keys);
    root.put("vectors", new ArrayList<Object>(vectors));
    return Json.write(root);
  }

  static String kcv(byte[] dek) {
    try (SecretKeyMaterial m = SecretKeyMaterial.copyOf(dek)) {
      return KeyCheckValue.of(m);
    }
  }

  /** The generated regions of the format document, by name. */
  Map<String, String> docRegions() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("test-keys", testKeys());
    out.put("identifiers", identifiers());
    out.put("examples", examples());
    out.put("column-key-examples", columnKeyExamples());
    out.put("row-bound-examples", rowBoundExamples());
    out.put("aria-examples", ariaExamples());
    return out;
  }

  private static String testKeys() {
    StringBuilder sb = new StringBuilder();
    sb.append("| key version | DEK (hex) | key check value |\n");
    sb.append("|---|---|---|\n");
    for (Map.Entry<Integer, byte[]> k : KEYS.entrySet()) {
      sb.append("| ").append(k.getKey()).append(" | `").append(HEX.formatHex(k.getValue())).append("` | `")
          .append(kcv(k.getValue())).append("` |\n");
    }
    return sb.toString();
  }

  private static String identifiers() {
    String[] names = {"customers", "CUSTOMERS", "\"Customers\"", "public.customers", "\"PUBLIC\".\"Customers\"",
        "`shop`.`Customers`", "[dbo].[Customers]", "\"my.table\"", "  Email  ", "고객"};
    StringBuilder sb = new StringBuilder();
    sb.append("| name as mapped | normalised |\n");
    sb.append("|---|---|\n");
    for (String n : names) {
      sb.append("| ").append(code(n)).append(" | ").append(code(Identifiers.normalize(n))).append(" |\n");
    }
    return sb.toString();
  }

  private static String code(String s) {
    String shown = s.replace(" ", "␠");
    return shown.contains("`") ? "`` " + shown + " ``" : "`" + shown + "`";
  }

  private String examples() {
    String[][] picks = {
      {"string-ascii-text", "String, customers.email"},
      {"string-korean-text", "Korean String, customers.name"},
      {"bigdecimal-1234.50-text", "BigDecimal, accounts.balance"},
      {"localdate-2024-02-29-text", "LocalDate, customers.birth_date"},
      {"integer-key-version-max-text", "Integer under key version 2147483647, orders.quantity"},
    };
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (String[] pick : picks) {
      Valid v = valid.get(pick[0]);
      byte[] b = v.binary();
      byte[] binding = EnvelopeFormat.columnBinding(v.table(), v.column());
      sb.append("#### Example ").append(++n).append(": ").append(pick[1]).append("\n\n");
      exampleHead(sb, v);
      line(sb, "nonce", HEX.formatHex(v.nonce()));
      line(sb, "header", HEX.formatHex(b, 0, 8));
      line(sb, "AAD", HEX.formatHex(aad(v.keyVersion(), v.table(), v.column())));
      line(sb, "  = header", HEX.formatHex(b, 0, 8));
      int tl = ((binding[0] & 0xFF) << 8) | (binding[1] & 0xFF);
      line(sb, "  | table", HEX.formatHex(binding, 0, 2) + " " + HEX.formatHex(binding, 2, 2 + tl));
      line(sb, "  | column", HEX.formatHex(binding, 2 + tl, 4 + tl) + " " + HEX.formatHex(binding, 4 + tl, binding.length));
      exampleTail(sb, v);
    }
    return sb.toString();
  }

  private String columnKeyExamples() {
    String[][] picks = {
      {"ck-string-ascii-text", "String, customers.email, column key"},
      {"ck-string-key-version-2", "the same value under key version 2 (same DEK bytes), column key"},
    };
    StringBuilder sb = new StringBuilder();
    int n = 6;
    for (String[] pick : picks) {
      Valid v = valid.get(pick[0]);
      byte[] b = v.binary();
      byte[] info = columnKeyInfo(v.keyVersion(), v.table(), v.column());
      sb.append("#### Example ").append(++n).append(": ").append(pick[1]).append("\n\n");
      exampleHead(sb, v);
      line(sb, "header", HEX.formatHex(b, 0, 8));
      line(sb, "info", HEX.formatHex(info));
      line(sb, "  = prefix", HEX.formatHex(COLUMN_KEY_INFO) + " (\"" + new String(COLUMN_KEY_INFO,
          StandardCharsets.US_ASCII) + "\")");
      line(sb, "  | header", HEX.formatHex(b, 0, 8));
      line(sb, "  | binding", HEX.formatHex(EnvelopeFormat.columnBinding(v.table(), v.column())));
      line(sb, "PRK", HEX.formatHex(prk(v.keyVersion())) + " (HMAC-SHA256 of the DEK under 32 zero bytes)");
      line(sb, "column key", HEX.formatHex(columnKey(v.keyVersion(), v.table(), v.column()))
          + " (HMAC-SHA256(PRK, info | 01))");
      line(sb, "nonce", HEX.formatHex(v.nonce()));
      line(sb, "AAD", "(none)");
      exampleTail(sb, v);
    }
    return sb.toString();
  }

  private String rowBoundExamples() {
    String[][] picks = {
      {"rb-string-ascii-text", "String, customers.email, row with primary key 1"},
      {"rb-key-composite", "String, order_lines.note, composite primary key ('KR', 7)"},
    };
    StringBuilder sb = new StringBuilder();
    int n = 8;
    for (String[] pick : picks) {
      Valid v = valid.get(pick[0]);
      List<Map<String, Object>> rowKey = rowKeys.get(pick[0]);
      byte[] b = v.binary();
      byte[] binding = EnvelopeFormat.columnBinding(v.table(), v.column());
      byte[] row = rowBinding(rowKey);
      sb.append("#### Example ").append(++n).append(": ").append(pick[1]).append("\n\n");
      exampleHead(sb, v);
      StringBuilder key = new StringBuilder();
      for (Map<String, Object> part : rowKey) {
        key.append(key.length() == 0 ? "" : ", ").append(part.get("type")).append(' ')
            .append(part.get("type").equals("string") ? "\"" + part.get("value") + "\"" : part.get("value"));
      }
      line(sb, "row key", key.toString());
      line(sb, "nonce", HEX.formatHex(v.nonce()));
      line(sb, "header", HEX.formatHex(b, 0, 8));
      line(sb, "AAD", HEX.formatHex(rowBoundAad(v.keyVersion(), v.table(), v.column(), rowKey)));
      line(sb, "  = header", HEX.formatHex(b, 0, 8));
      line(sb, "  | binding", HEX.formatHex(binding));
      line(sb, "  | row", HEX.formatHex(row));
      line(sb, "    count", HEX.formatHex(row, 0, 2));
      int at = 2;
      for (int i = 0; i < rowKey.size(); i++) {
        int len = ((row[at + 1] & 0xFF) << 24) | ((row[at + 2] & 0xFF) << 16) | ((row[at + 3] & 0xFF) << 8)
            | (row[at + 4] & 0xFF);
        line(sb, "    part " + (i + 1), HEX.formatHex(row, at, at + 1) + " " + HEX.formatHex(row, at + 1, at + 5) + " "
            + HEX.formatHex(row, at + 5, at + 5 + len) + " ('" + (char) row[at] + "', " + len + " bytes)");
        at += 5 + len;
      }
      exampleTail(sb, v);
    }
    return sb.toString();
  }

  private String ariaExamples() {
    String[][] picks = {
      {"aria-string-ascii-text", "String, customers.email, ARIA-256-GCM"},
      {"aria-string-korean-text", "String, 고객.이름, ARIA-256-GCM"},
    };
    StringBuilder sb = new StringBuilder();
    int n = 10;
    for (String[] pick : picks) {
      Valid v = valid.get(pick[0]);
      byte[] b = v.binary();
      sb.append("#### Example ").append(++n).append(": ").append(pick[1]).append("\n\n");
      exampleHead(sb, v);
      line(sb, "header", HEX.formatHex(b, 0, 8));
      line(sb, "PRK", HEX.formatHex(prk(v.keyVersion())) + " (HMAC-SHA256 of the DEK under 32 zero bytes)");
      line(sb, "ARIA key", HEX.formatHex(ariaKey(v.keyVersion())) + " (HMAC-SHA256(PRK, \""
          + new String(ARIA_KEY_INFO, StandardCharsets.US_ASCII) + "\" | 01))");
      line(sb, "nonce", HEX.formatHex(v.nonce()));
      line(sb, "AAD", HEX.formatHex(aad(ARIA, v.keyVersion(), v.table(), v.column())));
      exampleTail(sb, v);
    }
    return sb.toString();
  }

  /** The opening lines of a worked example: the column, the value and its key. */
  private static void exampleHead(StringBuilder sb, Valid v) {
    sb.append("```text\n");
    line(sb, "table", Identifiers.normalize(v.table()));
    line(sb, "column", Identifiers.normalize(v.column()));
    line(sb, "java type", VectorValues.label(v.value().getClass()));
    line(sb, "value", VectorValues.portable(v.value()));
    line(sb, "key version", v.keyVersion() + " (DEK " + HEX.formatHex(KEYS.get(v.keyVersion())) + ")");
  }

  /** The closing lines of a worked example of a nonce-carrying envelope: plaintext to text form. */
  private static void exampleTail(StringBuilder sb, Valid v) {
    byte[] b = v.binary();
    int len = b.length;
    line(sb, "plaintext", HEX.formatHex(v.plaintext()));
    line(sb, "ciphertext", HEX.formatHex(b, 20, len - 16));
    line(sb, "tag", HEX.formatHex(b, len - 16, len));
    line(sb, "binary", HEX.formatHex(b) + " (" + len + " bytes)");
    line(sb, "text", v.text() + " (" + v.text().length() + " characters)");
    sb.append("```\n\n");
  }

  private static void line(StringBuilder sb, String name, String value) {
    sb.append(String.format("%-12s %s", name, value)).append('\n');
  }

  List<Map<String, Object>> vectors() {
    return vectors;
  }
}
