package io.colseal.cli.internal;

import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.local.LocalKeystoreKms;
import io.colseal.operations.report.KekCreated;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * {@code kek create --provider local}: adds a fresh AES-256 KEK to a PKCS12 keystore, creating the
 * keystore (mode 0600) if needed. The key is made and stored by {@link LocalKeystoreKms#open} with
 * {@code createIfMissing}, so the CLI writes exactly what the provider reads. An existing alias is
 * refused rather than reused: an operator who asks for a new KEK must not silently get an old one.
 */
public final class LocalKekCreator {
  private LocalKekCreator() {}

  public static KekCreated create(Path keystore, char[] password, String alias) {
    if (alias.isBlank()) {
      throw new UsageException("--alias must not be blank");
    }
    LocalKeystoreKms.checkInput(alias, password); // before anything is written
    if (Files.exists(keystore) && containsAlias(keystore, password, alias)) {
      throw new KmsException(ErrorCode.KMS_REJECTED, "keystore " + keystore + " already has an entry '" + alias
          + "'; colseal never replaces a KEK: choose another alias", null);
    }
    try (LocalKeystoreKms kms = LocalKeystoreKms.open(keystore, password, alias, true)) {
      return new KekCreated(LocalKeystoreKms.NAME, alias, kms.kekId(), null, keystore.toAbsolutePath().toString(),
          null);
    }
  }

  private static boolean containsAlias(Path keystore, char[] password, String alias) {
    try (InputStream in = Files.newInputStream(keystore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, password);
      return ks.containsAlias(alias);
    } catch (IOException | GeneralSecurityException e) {
      // A wrong password reads "keystore password was incorrect"; the message carries no secret.
      throw new ColsealConfigException(
          "cannot open local keystore " + keystore + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }
}
