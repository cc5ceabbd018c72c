package io.colseal.kms;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The signature algorithms of {@link SigningKey}, under AWS KMS's names, and their check with a
 * public key alone (what an auditor does offline; {@code openssl dgst -sha256 -verify} is the same
 * check).
 */
public final class Signatures {
  /** ECDSA on NIST P-256 over SHA-256 of the message; DER-encoded signature. */
  public static final String ECDSA_SHA_256 = "ECDSA_SHA_256";

  /** RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (RSA 2048 bits or more). */
  public static final String RSASSA_PSS_SHA_256 = "RSASSA_PSS_SHA_256";

  private Signatures() {}

  /**
   * Whether {@code signature} of {@code message} checks under {@code publicKey} (X.509 {@code
   * SubjectPublicKeyInfo} DER) with {@code algorithm}. False for a malformed key or signature, an
   * unknown algorithm, or a key of another type than the algorithm's.
   */
  public static boolean verify(byte[] publicKey, String algorithm, byte[] message, byte[] signature) {
    try {
      Signature s = engine(algorithm);
      if (s == null) {
        return false;
      }
      String keyType = algorithm.equals(ECDSA_SHA_256) ? "EC" : "RSA";
      PublicKey key = KeyFactory.getInstance(keyType).generatePublic(new X509EncodedKeySpec(publicKey));
      s.initVerify(key);
      s.update(message);
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** A JCA engine for {@code algorithm}, not yet initialised; null for an unknown algorithm. */
  public static Signature engine(String algorithm) throws GeneralSecurityException {
    return switch (algorithm) {
      case ECDSA_SHA_256 -> Signature.getInstance("SHA256withECDSA");
      case RSASSA_PSS_SHA_256 -> {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        yield s;
      }
      default -> null;
    };
  }
}
