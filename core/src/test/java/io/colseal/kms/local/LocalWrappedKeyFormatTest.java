package io.colseal.kms.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.internal.crypto.KeyCheckValue;
import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.InsecureKeyAccess;
import io.colseal.kms.KeyContext;
import io.colseal.kms.SecretKeyMaterial;
import io.colseal.kms.WrappedKey;
import io.colseal.testing.DocRegions;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the wrapped-key layout of the {@code local} provider and the key check value as {@code
 * docs/reference/key-table.md} documents them, and checks the document's generated examples. Run
 * {@link #main} to rewrite those examples.
 */
class LocalWrappedKeyFormatTest {
  static final Path KEY_TABLE_DOC = Path.of("docs", "reference", "key-table.md");
  private static final HexFormat HEX = HexFormat.of();
  private static final String ALIAS = "colseal-kek";
  private static final char[] PASSWORD = "test-password".toCharArray();
  private static final byte[] KEK = range(0x40, 32);
  private static final byte[] DEK = range(0x00, 32);
  private static final byte[] NONCE = range(0xc0, 12);
  private static final KeyContext CONTEXT = new KeyContext("customers", 1);

  @TempDir Path dir;
  private LocalKeystoreKms kms;

  @BeforeEach
  void openKeystore() throws Exception {
    Path keystore = dir.resolve("colseal.p12");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, PASSWORD);
    ks.setEntry(ALIAS, new KeyStore.SecretKeyEntry(new SecretKeySpec(KEK, "AES")),
        new KeyStore.PasswordProtection(PASSWORD));
    try (OutputStream out = Files.newOutputStream(keystore)) {
      ks.store(out, PASSWORD);
    }
    kms = LocalKeystoreKms.open(keystore, PASSWORD.clone(), ALIAS, false);
  }

  @AfterEach
  void close() {
    kms.close();
  }

  static byte[] range(int first, int length) {
    byte[] b = new byte[length];
    for (int i = 0; i < length; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  /** AAD as documented: label | uint16 len | alias | uint16 len | table | uint32 version. */
  static byte[] documentedAad(String alias, String table, int version) {
    byte[] label = "colseal local kek v1".getBytes(StandardCharsets.US_ASCII);
    byte[] a = alias.getBytes(StandardCharsets.UTF_8);
    byte[] t = table.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(label.length + 2 + a.length + 2 + t.length + 4).put(label)
        .putShort((short) a.length).put(a).putShort((short) t.length).put(t).putInt(version).array();
  }

  /** A wrapped key built as documented: 01 | nonce | AES-256-GCM(KEK, DEK, AAD) with its tag. */
  static byte[] documentedWrap(byte[] kek, byte[] nonce, byte[] dek, byte[] aad) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce));
    c.updateAAD(aad);
    byte[] sealed = c.doFinal(dek);
    byte[] out = new byte[1 + nonce.length + sealed.length];
    out[0] = 0x01;
    System.arraycopy(nonce, 0, out, 1, nonce.length);
    System.arraycopy(sealed, 0, out, 1 + nonce.length, sealed.length);
    return out;
  }

  @Test
  void aad_matchesDocumentedLayout() {
    assertArrayEquals(documentedAad(ALIAS, "customers", 1), LocalKeystoreKms.aad(ALIAS, CONTEXT));
  }

  @Test
  void unwrap_documentedLayout_returnsDek() throws GeneralSecurityException {
    byte[] wrapped = documentedWrap(KEK, NONCE, DEK, documentedAad(ALIAS, "customers", 1));
    try (SecretKeyMaterial dek = kms.unwrap(new WrappedKey("local", ALIAS, wrapped), CONTEXT)) {
      byte[] bytes = dek.exposeBytes(InsecureKeyAccess.get());
      assertArrayEquals(DEK, bytes);
      Arrays.fill(bytes, (byte) 0);
    }
  }

  @Test
  void generateDataKey_wrappedKey_opensWithDocumentedLayout() throws GeneralSecurityException {
    try (GeneratedDataKey generated = kms.generateDataKey(CONTEXT)) {
      byte[] w = generated.wrapped().ciphertext();
      assertEquals(61, w.length);
      assertEquals(0x01, w[0]);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEK, "AES"), new GCMParameterSpec(128, w, 1, 12));
      c.updateAAD(documentedAad(ALIAS, "customers", 1));
      byte[] dek = c.doFinal(w, 13, w.length - 13);
      byte[] expected = generated.plaintext().exposeBytes(InsecureKeyAccess.get());
      assertArrayEquals(expected, dek);
      Arrays.fill(dek, (byte) 0);
      Arrays.fill(expected, (byte) 0);
    }
  }

  @Test
  void unwrap_otherKeyVersion_throwsKmsRejected() throws GeneralSecurityException {
    byte[] wrapped = documentedWrap(KEK, NONCE, DEK, documentedAad(ALIAS, "customers", 1));
    KmsException e = assertThrows(KmsException.class,
        () -> kms.unwrap(new WrappedKey("local", ALIAS, wrapped), new KeyContext("customers", 2)));
    assertEquals(ErrorCode.KMS_REJECTED, e.code());
  }

  @Test
  void keyTableDocument_generatedRegions_equalCode() throws GeneralSecurityException {
    Path doc = DocRegions.repositoryRoot().resolve(KEY_TABLE_DOC);
    for (Map.Entry<String, String> region : regions().entrySet()) {
      assertEquals(region.getValue(), DocRegions.read(doc, region.getKey()),
          "region " + region.getKey() + " of " + doc + "; regenerate with LocalWrappedKeyFormatTest.main");
    }
  }

  static Map<String, String> regions() throws GeneralSecurityException {
    Map<String, String> out = new TreeMap<>();
    String kcv;
    try (SecretKeyMaterial m = SecretKeyMaterial.copyOf(DEK)) {
      kcv = KeyCheckValue.of(m);
    }
    out.put("kcv-example", "```text\nDEK              " + HEX.formatHex(DEK) + "\nkey check value  " + kcv + "\n```\n");
    byte[] aad = documentedAad(ALIAS, "customers", 1);
    byte[] wrapped = documentedWrap(KEK, NONCE, DEK, aad);
    out.put("local-wrap-example", "```text\n"
        + "KEK (alias colseal-kek)  " + HEX.formatHex(KEK) + "\n"
        + "table, key version       customers, 1\n"
        + "DEK                      " + HEX.formatHex(DEK) + "\n"
        + "nonce                    " + HEX.formatHex(NONCE) + "\n"
        + "AAD                      " + HEX.formatHex(aad) + "\n"
        + "wrapped_key (61 bytes)   " + HEX.formatHex(wrapped) + "\n"
        + "```\n");
    return out;
  }

  /** Rewrites the generated regions of {@code docs/reference/key-table.md}. */
  public static void main(String[] args) throws GeneralSecurityException {
    Path doc = DocRegions.repositoryRoot().resolve(KEY_TABLE_DOC);
    regions().forEach((name, content) -> DocRegions.write(doc, name, content));
    System.out.println("wrote " + doc);
  }
}
