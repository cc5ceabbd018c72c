package io.colseal.internal.legacy;

import io.colseal.exception.ColsealConfigException;
import io.colseal.kms.InsecureKeyAccess;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.SecretKeyMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/** Loads the legacy data key of the AWS KMS + Fernet recipe. */
public final class LegacyKeys {
  private LegacyKeys() {}

  /**
   * The Fernet key whose wrapped form, the Base64 {@code CiphertextBlob} of {@code
   * GenerateDataKey}, is in {@code file} (surrounding white space ignored), unwrapped by {@code kms}.
   *
   * @param what the setting or option that named the file, for messages
   * @throws ColsealConfigException if the file cannot be read or holds no Base64
   * @throws io.colseal.exception.KmsException if the KMS does not unwrap it
   */
  public static FernetKey fernetKeyFromFile(Path file, KmsProvider kms, String what) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    } catch (IOException | RuntimeException e) {
      throw new ColsealConfigException(what + ": cannot read the legacy key file " + file + " ("
          + e.getClass().getSimpleName() + ")");
    }
    return fernetKeyFromBase64(text, kms, what + " (file " + file + ")");
  }

  /** The Fernet key whose wrapped form is the Base64 {@code ciphertextBlob}; see {@link #fernetKeyFromFile}. */
  public static FernetKey fernetKeyFromBase64(String ciphertextBlob, KmsProvider kms, String what) {
    byte[] blob;
    try {
      blob = Base64.getMimeDecoder().decode(ciphertextBlob.strip());
    } catch (IllegalArgumentException e) {
      throw new ColsealConfigException(what + ": the legacy key is not Base64 (the recipe stores"
          + " base64.b64encode(CiphertextBlob))");
    }
    if (blob.length == 0) {
      throw new ColsealConfigException(what + ": the legacy key is empty");
    }
    try (SecretKeyMaterial key = kms.unwrapForeignDataKey(blob)) {
      byte[] bytes = key.exposeBytes(InsecureKeyAccess.get());
      try {
        return FernetKey.of(bytes);
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }
}
