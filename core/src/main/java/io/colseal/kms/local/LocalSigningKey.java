package io.colseal.kms.local;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.SigningKey;
import io.colseal.kms.Signatures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;

/**
 * A signing key of the {@code local} provider: an EC P-256 private-key entry (with its certificate)
 * in the PKCS12 keystore of {@code colseal.kms.local.keystore}, signing with {@link
 * Signatures#ECDSA_SHA_256}. Make one with {@code keytool -genkeypair -keyalg EC -groupname secp256r1
 * -sigalg SHA256withECDSA -storetype PKCS12 -alias ALIAS -dname CN=ALIAS -keystore FILE}. The KEK
 * entries of the keystore are not touched, and the private key stays in this object.
 */
public final class LocalSigningKey implements SigningKey {
  private final String alias;
  private final PrivateKey privateKey;
  private final byte[] publicKey;

  private LocalSigningKey(String alias, PrivateKey privateKey, byte[] publicKey) {
    this.alias = alias;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * Opens the EC P-256 entry {@code alias} of {@code keystore}. {@code password} is zeroed by the
   * caller.
   *
   * @throws ColsealConfigException if the keystore cannot be opened or the entry is missing or not
   *     an EC P-256 private key
   */
  public static LocalSigningKey open(Path keystore, char[] password, String alias) {
    requireNonNull(keystore, "keystore");
    requireNonNull(alias, "alias");
    String where = "signing key '" + alias + "' in local keystore " + keystore;
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        ks.load(in, password);
      }
      if (!ks.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
        throw new ColsealConfigException(where + " does not exist or is not a private key entry; create it with"
            + " 'keytool -genkeypair -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -storetype PKCS12"
            + " -alias " + alias + " -dname CN=" + alias + " -keystore " + keystore + "'");
      }
      KeyStore.PrivateKeyEntry entry = (KeyStore.PrivateKeyEntry) ks.getEntry(alias,
          new KeyStore.PasswordProtection(password));
      Certificate cert = entry.getCertificate();
      if (!(cert.getPublicKey() instanceof ECPublicKey ec) || ec.getParams().getCurve().getField().getFieldSize() != 256
          || !"EC".equals(entry.getPrivateKey().getAlgorithm())) {
        throw new ColsealConfigException(where + " is a " + cert.getPublicKey().getAlgorithm()
            + " key; colseal signs with EC P-256 (secp256r1) keys");
      }
      return new LocalSigningKey(alias, entry.getPrivateKey(), cert.getPublicKey().getEncoded());
    } catch (IOException | GeneralSecurityException e) {
      // The message of a wrong password is "keystore password was incorrect"; it carries no secret.
      throw new ColsealConfigException("cannot open " + where + ": " + e.getClass().getSimpleName() + ": "
          + e.getMessage(), e);
    }
  }

  @Override
  public String provider() {
    return LocalKeystoreKms.NAME;
  }

  @Override
  public String keyId() {
    return alias;
  }

  @Override
  public String algorithm() {
    return Signatures.ECDSA_SHA_256;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public byte[] sign(byte[] message) {
    try {
      Signature s = Signatures.engine(Signatures.ECDSA_SHA_256);
      s.initSign(privateKey);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new KmsException(ErrorCode.KMS_REJECTED, "signing with local key '" + alias + "' failed: "
          + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public boolean verify(byte[] message, byte[] signature) {
    return Signatures.verify(publicKey, Signatures.ECDSA_SHA_256, message, signature);
  }

  @Override
  public String toString() {
    return "LocalSigningKey[" + alias + ", ECDSA_SHA_256]";
  }
}
