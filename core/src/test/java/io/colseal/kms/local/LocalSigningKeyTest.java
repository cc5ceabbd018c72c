package io.colseal.kms.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ColsealConfigException;
import io.colseal.kms.Signatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSigningKeyTest {
  private static final char[] PASSWORD = "signing-Pa55".toCharArray();
  private static final byte[] MESSAGE = "{\n  \"contentSha256\": \"\"\n}\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void sign_ecP256Entry_verifiesWithThePublicKeyAlone() throws Exception {
    Path ks = dir.resolve("kek.p12");
    keytool(ks, "audit-signer", "EC", "-groupname", "secp256r1");
    LocalSigningKey key = LocalSigningKey.open(ks, PASSWORD, "audit-signer");
    byte[] signature = key.sign(MESSAGE);
    assertEquals(Signatures.ECDSA_SHA_256, key.algorithm());
    assertEquals("audit-signer", key.keyId());
    assertTrue(Signatures.verify(key.publicKey(), key.algorithm(), MESSAGE, signature));
    assertTrue(key.verify(MESSAGE, signature));
    byte[] changed = MESSAGE.clone();
    changed[3] ^= 1;
    assertFalse(key.verify(changed, signature));
    assertFalse(key.toString().contains(new String(PASSWORD)));
  }

  @Test
  void open_secretKeyEntry_isNotASigningKey() {
    Path ks = dir.resolve("kek.p12");
    LocalKeystoreKms.open(ks, PASSWORD.clone(), "kek1", true).close();
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> LocalSigningKey.open(ks, PASSWORD, "kek1"));
    assertTrue(e.getMessage().contains("'kek1'") && e.getMessage().contains("keytool -genkeypair"), e.getMessage());
  }

  @Test
  void open_rsaEntry_isRefusedNamingTheCurve() throws Exception {
    Path ks = dir.resolve("kek.p12");
    keytool(ks, "rsa-signer", "RSA", "-keysize", "2048");
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> LocalSigningKey.open(ks, PASSWORD, "rsa-signer"));
    assertTrue(e.getMessage().contains("EC P-256"), e.getMessage());
  }

  private static void keytool(Path keystore, String alias, String keyalg, String... more) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
        .toString(), "-genkeypair", "-keyalg", keyalg, "-storetype", "PKCS12", "-alias", alias, "-dname",
        "CN=" + alias, "-keystore", keystore.toString(), "-storepass", new String(PASSWORD), "-keypass",
        new String(PASSWORD), "-validity", "30"));
    cmd.addAll(List.of(more));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), out);
  }
}
