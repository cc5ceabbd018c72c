package io.colseal.kms.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.ColsealConfig;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.InsecureKeyAccess;
import io.colseal.kms.KekStatus;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.SecretKeyMaterial;
import io.colseal.kms.WrappedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeystoreKmsTest {
  private static final String PASSWORD = "CANARY-keystore-pw-91c2";

  @TempDir Path dir;

  private LocalKeystoreKms open(boolean create) {
    return LocalKeystoreKms.open(dir.resolve("kek.p12"), PASSWORD.toCharArray(), "app-kek", create);
  }

  @Test
  void open_missingWithCreate_createsOwnerOnlyKeystore() throws Exception {
    try (LocalKeystoreKms kms = open(true)) {
      assertEquals("app-kek", kms.kekId());
    }
    Path file = dir.resolve("kek.p12");
    assertTrue(Files.exists(file));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void open_missingWithoutCreate_throwsNamingTheSetting() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> open(false));
    assertTrue(e.getMessage().contains("create-if-missing"), e.getMessage());
  }

  @Test
  void describeKek_aliasInKeystore_isEnabled_otherAlias_isNotFound() {
    try (LocalKeystoreKms kms = open(true)) {
      KekStatus present = kms.describeKek("app-kek");
      assertEquals(KekStatus.State.ENABLED, present.state());
      assertEquals("AES_256", present.keySpec());
      assertTrue(present.location().contains("kek.p12"), present.location());
      assertEquals(null, present.deletionDate());
      assertEquals(KekStatus.State.NOT_FOUND, kms.describeKek("other-kek").state());
    }
  }

  @Test
  void describeKek_reportsEntryCreationDateStrengthAndFileAccess() throws Exception {
    java.time.Instant before = java.time.Instant.now().minusSeconds(1);
    try (LocalKeystoreKms kms = open(true)) {
      KekStatus status = kms.describeKek("app-kek");
      assertEquals(256, status.strengthBits());
      assertTrue(status.createdAt() != null && !status.createdAt().isBefore(before.truncatedTo(
          java.time.temporal.ChronoUnit.SECONDS)), String.valueOf(status.createdAt()));
      assertTrue(status.description().contains("PKCS12"), status.description());
      String owner = Files.getOwner(dir.resolve("kek.p12")).getName();
      assertEquals("owner " + owner + ", permissions rw-------", status.access());
      assertEquals(null, status.rotationEnabled());
    }
  }

  @Test
  void describeKek_aes128Entry_reportsItsSpecAndStrength() throws Exception {
    Path file = dir.resolve("kek.p12");
    open(true).close();
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD.toCharArray());
    }
    javax.crypto.KeyGenerator gen = javax.crypto.KeyGenerator.getInstance("AES");
    gen.init(128);
    ks.setEntry("weak-kek", new java.security.KeyStore.SecretKeyEntry(gen.generateKey()),
        new java.security.KeyStore.PasswordProtection(PASSWORD.toCharArray()));
    try (var out = Files.newOutputStream(file)) {
      ks.store(out, PASSWORD.toCharArray());
    }
    try (LocalKeystoreKms kms = open(false)) {
      KekStatus weak = kms.describeKek("weak-kek");
      assertEquals(KekStatus.State.ENABLED, weak.state());
      assertEquals("AES_128", weak.keySpec());
      assertEquals(128, weak.strengthBits());
    }
  }

  @Test
  void unwrap_sameContext_returnsGeneratedKey() {
    try (LocalKeystoreKms kms = open(true)) {
      KeyContext ctx = new KeyContext("customers", 1);
      try (GeneratedDataKey g = kms.generateDataKey(ctx); SecretKeyMaterial back = kms.unwrap(g.wrapped(), ctx)) {
        assertArrayEquals(g.plaintext().exposeBytes(InsecureKeyAccess.get()), back.exposeBytes(InsecureKeyAccess.get()));
        assertEquals(61, g.wrapped().ciphertext().length);
      }
    }
  }

  @Test
  void unwrap_afterReopen_stillWorks() {
    WrappedKey wrapped;
    byte[] plain;
    KeyContext ctx = new KeyContext("customers", 2);
    try (LocalKeystoreKms kms = open(true); GeneratedDataKey g = kms.generateDataKey(ctx)) {
      wrapped = g.wrapped();
      plain = g.plaintext().exposeBytes(InsecureKeyAccess.get());
    }
    try (LocalKeystoreKms kms = open(false); SecretKeyMaterial back = kms.unwrap(wrapped, ctx)) {
      assertArrayEquals(plain, back.exposeBytes(InsecureKeyAccess.get()));
    }
  }

  @Test
  void unwrap_otherTableOrVersion_isRejected() {
    try (LocalKeystoreKms kms = open(true); GeneratedDataKey g = kms.generateDataKey(new KeyContext("customers", 1))) {
      KmsException otherTable = assertThrows(KmsException.class, () -> kms.unwrap(g.wrapped(), new KeyContext("suppliers", 1)));
      assertEquals(ErrorCode.KMS_REJECTED, otherTable.code());
      assertFalse(otherTable.isRetryable());
      assertThrows(KmsException.class, () -> kms.unwrap(g.wrapped(), new KeyContext("customers", 2)));
    }
  }

  @Test
  void unwrap_flippedBit_isRejected() {
    try (LocalKeystoreKms kms = open(true); GeneratedDataKey g = kms.generateDataKey(new KeyContext("t", 1))) {
      byte[] w = g.wrapped().ciphertext();
      for (int bit = 0; bit < w.length * 8; bit++) {
        byte[] m = w.clone();
        m[bit / 8] ^= (byte) (1 << (bit % 8));
        WrappedKey mutated = new WrappedKey("local", "app-kek", m);
        assertThrows(KmsException.class, () -> kms.unwrap(mutated, new KeyContext("t", 1)));
      }
    }
  }

  @Test
  void open_wrongPassword_errorDoesNotContainPassword() {
    open(true).close();
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> LocalKeystoreKms.open(dir.resolve("kek.p12"), "wrong-CANARY-pw".toCharArray(), "app-kek", false));
    assertFalse(e.getMessage().contains("wrong-CANARY-pw"));
    assertFalse(e.getMessage().contains(PASSWORD));
  }

  @Test
  void factory_readsSettingsAndNeverPrintsPassword() {
    ColsealConfig config = ColsealConfig.builder()
        .kmsProvider("local")
        .kekId("app-kek")
        .set(LocalKmsProviderFactory.KEYSTORE, dir.resolve("f.p12"))
        .set(LocalKmsProviderFactory.KEYSTORE_PASSWORD, PASSWORD)
        .setting("colseal.kms.local.create-if-missing", "true")
        .build();
    try (KmsProvider kms = new LocalKmsProviderFactory().create(config)) {
      assertEquals("local", kms.name());
      assertFalse(kms.toString().contains(PASSWORD));
    }
    assertFalse(config.toString().contains(PASSWORD));
  }
}
