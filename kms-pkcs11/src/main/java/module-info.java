/**
 * The {@code pkcs11} KEK provider: a KEK that never leaves a hardware security module, reached
 * through the JDK's own SunPKCS11 provider and the HSM vendor's PKCS#11 library. Found by colseal
 * through {@link java.util.ServiceLoader}; applications select it with {@code
 * colseal.kms.provider=pkcs11}.
 */
@SuppressWarnings("module") // "pkcs11" ends in digits: it is the standard's name
module io.colseal.kms.pkcs11 {
  requires transitive io.colseal.core;
  requires jdk.crypto.cryptoki;
  requires static transitive org.jspecify;

  exports io.colseal.kms.pkcs11;

  provides io.colseal.kms.KmsProviderFactory with io.colseal.kms.pkcs11.Pkcs11KmsProviderFactory;
}
