package io.colseal.kms.pkcs11;

import io.colseal.exception.ColsealConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.security.ProviderException;
import java.security.SecureRandom;
import java.security.Security;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.security.auth.login.LoginException;
import org.jspecify.annotations.Nullable;

/**
 * One logged-in PKCS#11 token, reached through a SunPKCS11 provider instance of its own (never
 * added to {@link Security}'s list, so no other code of the application uses it by accident).
 *
 * <p>Key objects are found by label ({@code CKA_LABEL}) through the provider's {@code PKCS11}
 * key store, which searches the token on every lookup, so a key object deleted or created by
 * another process is seen.
 */
final class Pkcs11Token implements AutoCloseable {
  /** The {@code CKR_*} code a SunPKCS11 exception carries in its message, if any. */
  private static final Pattern CKR = Pattern.compile("CKR_[A-Z0-9_]+");
  private static final Pattern BITS = Pattern.compile("AES secret key, (\\d+) bits");

  private final Provider provider;
  private final KeyStore keyStore;
  private final Path library;
  private final String slot;
  private final SecureRandom random;
  private final String randomSource;

  private Pkcs11Token(Provider provider, KeyStore keyStore, Path library, String slot) {
    this.provider = provider;
    this.keyStore = keyStore;
    this.library = library;
    this.slot = slot;
    SecureRandom tokenRandom;
    try {
      tokenRandom = SecureRandom.getInstance("PKCS11", provider);
    } catch (GeneralSecurityException noRng) {
      tokenRandom = null;
    }
    this.random = tokenRandom != null ? tokenRandom : new SecureRandom();
    this.randomSource = tokenRandom != null ? "the token's random number generator" : "the JDK's SecureRandom";
  }

  /**
   * Loads {@code library}, selects the slot ({@code slotId} when given, else the {@code slotIndex}-th
   * slot with a token) and logs in with {@code pin}, which the caller zeroes.
   *
   * @throws ColsealConfigException naming the library and slot, with the PKCS#11 return code, if
   *     any of that fails; never quoting the PIN
   */
  static Pkcs11Token open(Path library, @Nullable Long slotId, long slotIndex, char[] pin) {
    String slot = slotId != null ? "slot " + slotId : "slot index " + slotIndex;
    if (!Files.isRegularFile(library)) {
      throw new ColsealConfigException("PKCS#11 library " + library + " (colseal.kms.pkcs11.library) does not exist"
          + " or is not a file");
    }
    String config = "--name = colseal\n"
        + "library = \"" + library.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n"
        + (slotId != null ? "slot = " + slotId + "\n" : "slotListIndex = " + slotIndex + "\n")
        // Every AES key this provider instance generates ('colseal kek create') is born sensitive and
        // non-extractable: its value can never be read out of the token, not even wrapped.
        + "attributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n"
        + "  CKA_SENSITIVE = true\n"
        + "  CKA_EXTRACTABLE = false\n"
        + "}\n";
    Provider provider;
    try {
      Provider base = Security.getProvider("SunPKCS11");
      if (base == null) {
        throw new ColsealConfigException("this Java runtime has no SunPKCS11 provider (module jdk.crypto.cryptoki);"
            + " the pkcs11 KEK provider needs it");
      }
      provider = base.configure(config);
    } catch (ProviderException | IllegalArgumentException e) {
      throw new ColsealConfigException("cannot open the PKCS#11 token in " + slot + " through " + library + ": "
          + describe(e) + " (is the slot right? 'softhsm2-util --show-slots' or 'pkcs11-tool -L' lists them)", e);
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS11", provider);
      ks.load(null, pin);
      return new Pkcs11Token(provider, ks, library, slot);
    } catch (IOException | GeneralSecurityException | ProviderException e) {
      String code = code(e);
      String why = "CKR_PIN_INCORRECT".equals(code) ? ": the PIN is wrong"
          : "CKR_PIN_LOCKED".equals(code) ? ": the user PIN is locked; the security officer must unlock it"
          : "";
      throw new ColsealConfigException("PKCS#11 login to the token in " + slot + " through " + library + " failed"
          + why + " (" + describe(e) + ")", e);
    }
  }

  /** The AES key object labelled {@code label}, or null if the token has none. */
  @Nullable KekObject find(String label) {
    try {
      Key key = keyStore.getKey(label, null);
      if (key == null) {
        return null;
      }
      if (!(key instanceof SecretKey secret) || !"AES".equalsIgnoreCase(key.getAlgorithm())) {
        throw new ColsealConfigException("the object labelled '" + label + "' on the PKCS#11 token in " + slot
            + " is not an AES secret key (" + key.getAlgorithm() + ")");
      }
      return KekObject.of(label, secret, key.toString());
    } catch (GeneralSecurityException | ProviderException e) {
      if (e instanceof java.security.KeyStoreException && e.getMessage() != null
          && e.getMessage().toLowerCase(Locale.ROOT).contains("not found")) {
        return null;
      }
      throw new Pkcs11Failure("look up the key object '" + label + "'", e);
    }
  }

  /** Whether an object with this label exists, of any kind. */
  boolean hasLabel(String label) {
    try {
      return keyStore.containsAlias(label) && keyStore.getEntry(label, null) != null;
    } catch (GeneralSecurityException | ProviderException | UnsupportedOperationException e) {
      return true; // There is something under that label; it is not ours to replace.
    }
  }

  /**
   * Generates an AES-256 key inside the token and stores it as a token object labelled {@code
   * label}: sensitive and non-extractable from birth (the provider's generate template), then
   * copied to the token with the label.
   */
  KekObject generateAes256(String label) {
    try {
      KeyGenerator generator = KeyGenerator.getInstance("AES", provider);
      generator.init(256);
      SecretKey sessionKey = generator.generateKey();
      keyStore.setKeyEntry(label, sessionKey, null, null);
      KekObject stored = find(label);
      if (stored == null) {
        throw new ColsealConfigException("the PKCS#11 token in " + slot + " did not keep the key object '" + label
            + "' it was asked to store");
      }
      return stored;
    } catch (GeneralSecurityException | ProviderException e) {
      throw new Pkcs11Failure("generate the AES-256 key object '" + label + "'", e);
    }
  }

  Provider provider() {
    return provider;
  }

  SecureRandom random() {
    return random;
  }

  String randomSource() {
    return randomSource;
  }

  Path library() {
    return library;
  }

  /** {@code slot 1725216026} or {@code slot index 0}, as configured. */
  String slot() {
    return slot;
  }

  /** Logs out; the provider instance is dropped with this object. */
  @Override
  public void close() {
    if (provider instanceof AuthProvider auth) {
      try {
        auth.logout();
      } catch (LoginException | ProviderException ignored) {
        // The token may be gone already; there is nothing left to release.
      }
    }
  }

  /** The first {@code CKR_*} return code in {@code e} or its causes, or null. */
  static @Nullable String code(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        Matcher m = CKR.matcher(t.getMessage());
        if (m.find()) {
          return m.group();
        }
      }
    }
    return null;
  }

  /**
   * The exception's class and the deepest message of its chain (SunPKCS11 and PKCS#11 messages
   * name return codes, slots and files, never key bytes or PINs).
   */
  static String describe(Throwable e) {
    Throwable deepest = e;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    String code = code(e);
    String message = deepest.getMessage() == null ? "" : ": " + deepest.getMessage();
    return deepest.getClass().getSimpleName() + message + (code != null && !message.contains(code) ? " " + code : "");
  }

  /** The key length in bits that SunPKCS11 reports in a key's description, or -1. */
  static int reportedBits(String description) {
    Matcher m = BITS.matcher(description);
    if (!m.find()) {
      return -1;
    }
    int n = Integer.parseInt(m.group(1));
    // JDK 17's PKCS11 key store reports CKA_VALUE_LEN, which is in bytes, as the key's length in
    // bits ("32 bits" for AES-256); keys it generates report bits. Only AES lengths are in play.
    return n == 16 || n == 24 || n == 32 ? n * 8 : n;
  }

  /** A failure of the token during an operation; translated to a {@code KmsException} by the provider. */
  static final class Pkcs11Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Pkcs11Failure(String what, Throwable cause) {
      super(what + ": " + describe(cause), cause);
    }
  }
}
