package io.colseal.kms.pkcs11;

import static java.util.Objects.requireNonNull;

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
import java.security.GeneralSecurityException;
import java.security.ProviderException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * The {@code pkcs11} KEK provider: the KEK is an AES-256 key object inside a PKCS#11 token (an HSM,
 * AWS CloudHSM, SoftHSM2 for development), found by its label, and it never leaves the token: data
 * keys are wrapped and unwrapped by {@code C_Encrypt}/{@code C_Decrypt} with {@code CKM_AES_GCM}
 * inside the token.
 *
 * <p>Wrapped layout, as {@code local}'s: {@code 0x01 | nonce (12) | encrypted key (32) | tag (16)},
 * 61 bytes; the associated data is {@link KeyContext#wrappingAad} with scheme {@value #AAD_SCHEME},
 * binding the wrapped key to the KEK label, the table and the key version. See {@code
 * docs/reference/key-table.md} for why AES-GCM and not {@code CKM_AES_KEY_WRAP_PAD}, and how any
 * PKCS#11 tool unwraps it.
 *
 * <p>Data keys are 32 bytes from the token's random number generator when it has one. At most
 * {@code colseal.kms.pkcs11.max-sessions} operations run on the token at once; others wait up to
 * {@code colseal.kms.pkcs11.session-wait}, then fail with {@code KMS_UNAVAILABLE}.
 *
 * <p>Only a token object that is sensitive and non-extractable is accepted as a KEK, when the
 * provider opens and before any wrap under another label.
 */
public final class Pkcs11KmsProvider implements KmsProvider {
  public static final String NAME = "pkcs11";
  static final String AAD_SCHEME = "colseal pkcs11 kek v1";
  private static final byte WRAP_V1 = 0x01;
  private static final int DEK_LENGTH = 32;
  private static final int NONCE_LENGTH = 12;
  private static final int WRAPPED_LENGTH = 1 + NONCE_LENGTH + DEK_LENGTH + 16;
  /** Return codes that mean the key object behind a handle is gone (deleted, or the token was re-initialised). */
  private static final Set<String> GONE = Set.of("CKR_KEY_HANDLE_INVALID", "CKR_OBJECT_HANDLE_INVALID");
  /** Return codes after which retrying cannot help: the token answered and refused. */
  private static final Set<String> REFUSED = Set.of("CKR_KEY_FUNCTION_NOT_PERMITTED", "CKR_KEY_TYPE_INCONSISTENT",
      "CKR_MECHANISM_INVALID", "CKR_MECHANISM_PARAM_INVALID", "CKR_KEY_SIZE_RANGE", "CKR_ENCRYPTED_DATA_INVALID");

  private final Pkcs11Token token;
  private final String kekLabel;
  private final Map<String, KekObject> keks = new ConcurrentHashMap<>();
  private final Semaphore sessions;
  private final int maxSessions;
  private final Duration sessionWait;
  private final AtomicInteger inUse = new AtomicInteger();
  private final AtomicInteger peak = new AtomicInteger();

  private Pkcs11KmsProvider(Pkcs11Token token, String kekLabel, int maxSessions, Duration sessionWait) {
    this.token = token;
    this.kekLabel = kekLabel;
    this.maxSessions = maxSessions;
    this.sessions = new Semaphore(maxSessions, true);
    this.sessionWait = sessionWait;
  }

  /**
   * Opens the provider on a logged-in token and checks the KEK {@code kekLabel}: present, an
   * AES-256 token object, sensitive and non-extractable, and able to wrap and unwrap. The token is
   * closed if any of that fails.
   */
  static Pkcs11KmsProvider open(Pkcs11Token token, String kekLabel, int maxSessions, Duration sessionWait) {
    Pkcs11KmsProvider p = new Pkcs11KmsProvider(token, requireNonNull(kekLabel, "kekLabel"), maxSessions, sessionWait);
    try {
      KekObject kek = token.find(kekLabel);
      if (kek == null) {
        throw new ColsealConfigException("the PKCS#11 token in " + token.slot() + " has no key object labelled '"
            + kekLabel + "' (colseal.kms.kek-id); create it with 'colseal kek create --provider pkcs11 --alias "
            + kekLabel + "'");
      }
      p.keks.put(kekLabel, kek.requireKekAttributes(token.slot()));
      // A KEK without CKA_ENCRYPT or CKA_DECRYPT fails here, at start-up, not on the first row; so
      // does a token that does not decrypt what it just encrypted under the nonce colseal gave it.
      KeyContext probe = new KeyContext("colseal_probe", 1);
      try (GeneratedDataKey made = p.generateDataKey(probe)) {
        try {
          p.unwrap(made.wrapped(), probe).close();
        } catch (KmsException e) {
          if (e.code() != ErrorCode.KMS_REJECTED) {
            throw e;
          }
          throw new ColsealConfigException("the PKCS#11 token in " + token.slot() + " does not decrypt a data key"
              + " it has just wrapped with CKM_AES_GCM under '" + kekLabel + "': it does not use the 96-bit nonce"
              + " colseal passes (some HSMs, AWS CloudHSM among them, make the GCM IV themselves, and the JDK's"
              + " SunPKCS11 cannot return it). colseal cannot wrap keys with this token; nothing was stored"
              + " (docs/guides/hsm-setup.md)", e);
        }
      }
      return p;
    } catch (RuntimeException e) {
      token.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String kekId() {
    return kekLabel;
  }

  @Override
  public GeneratedDataKey generateDataKey(KeyContext context) {
    byte[] dek = new byte[DEK_LENGTH];
    try {
      WrappedKey wrapped = new WrappedKey(NAME, kekLabel, seal(dek, true, context, kekLabel));
      return new GeneratedDataKey(SecretKeyMaterial.copyOf(dek), wrapped);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  @Override
  public WrappedKey wrap(SecretKeyMaterial key, KeyContext context, String kekId) {
    byte[] dek = key.exposeBytes(InsecureKeyAccess.get());
    try {
      return new WrappedKey(NAME, kekId, seal(dek, false, context, kekId));
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  @Override
  public SecretKeyMaterial unwrap(WrappedKey wrapped, KeyContext context) {
    byte[] w = wrapped.ciphertext();
    if (w.length != WRAPPED_LENGTH || w[0] != WRAP_V1) {
      throw rejected(context, wrapped.kekId());
    }
    String label = wrapped.kekId();
    byte[] dek = withKek(label, context, "unwrap", kek -> {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding", token.provider());
      c.init(Cipher.DECRYPT_MODE, kek.key(), new GCMParameterSpec(128, w, 1, NONCE_LENGTH));
      c.updateAAD(context.wrappingAad(AAD_SCHEME, label));
      return c.doFinal(w, 1 + NONCE_LENGTH, w.length - 1 - NONCE_LENGTH);
    });
    try {
      if (dek.length != DEK_LENGTH) {
        throw rejected(context, label);
      }
      return SecretKeyMaterial.copyOf(dek);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  /** Wraps {@code dek} under {@code label}, first filling it from the token's RNG when {@code fresh}: one session. */
  private byte[] seal(byte[] dek, boolean fresh, KeyContext context, String label) {
    byte[] nonce = new byte[NONCE_LENGTH];
    byte[] out = new byte[WRAPPED_LENGTH];
    return withKek(label, context, "wrap", kek -> {
      if (fresh) {
        token.random().nextBytes(dek);
      }
      token.random().nextBytes(nonce);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding", token.provider());
      c.init(Cipher.ENCRYPT_MODE, kek.key(), new GCMParameterSpec(128, nonce));
      c.updateAAD(context.wrappingAad(AAD_SCHEME, label));
      byte[] sealed = c.doFinal(dek);
      try {
        if (sealed.length != DEK_LENGTH + 16) {
          throw new KmsException(ErrorCode.KMS_REJECTED, "PKCS#11 KEK '" + label + "' returned " + sealed.length
              + " bytes for a wrapped data key of " + context + "; expected " + (DEK_LENGTH + 16), null);
        }
        out[0] = WRAP_V1;
        System.arraycopy(nonce, 0, out, 1, NONCE_LENGTH);
        System.arraycopy(sealed, 0, out, 1 + NONCE_LENGTH, sealed.length);
        return out;
      } finally {
        Arrays.fill(sealed, (byte) 0);
      }
    });
  }

  /** An operation with the KEK {@code label}, inside a session slot; a handle gone stale is looked up once more. */
  private <T> T withKek(String label, KeyContext context, String what, KekOperation<T> operation) {
    return withSession(() -> {
      for (int attempt = 0; ; attempt++) {
        KekObject kek = kek(label);
        try {
          return operation.apply(kek);
        } catch (AEADBadTagException e) {
          throw rejected(context, label);
        } catch (GeneralSecurityException | ProviderException e) {
          String code = Pkcs11Token.code(e);
          if (code != null && GONE.contains(code) && attempt == 0) {
            keks.remove(label, kek);
            continue;
          }
          throw failure(e, code, "could not " + what + " data key " + context + " with PKCS#11 KEK '" + label + "'");
        }
      }
    });
  }

  /** The checked key object {@code label}, from the cache or the token. */
  private KekObject kek(String label) {
    KekObject cached = keks.get(label);
    if (cached != null) {
      return cached;
    }
    KekObject found;
    try {
      found = token.find(label);
    } catch (Pkcs11Token.Pkcs11Failure e) {
      throw failure(e, Pkcs11Token.code(e), "PKCS#11 token in " + token.slot());
    }
    if (found == null) {
      throw new KmsException(ErrorCode.KMS_REJECTED, "the PKCS#11 token in " + token.slot() + " has no key object"
          + " labelled '" + label + "' (deleted, or never created there); the data keys it wrapped cannot be"
          + " unwrapped until it is restored from the HSM's backup", null);
    }
    try {
      found.requireKekAttributes(token.slot());
    } catch (ColsealConfigException e) {
      throw new KmsException(ErrorCode.KMS_REJECTED, e.getMessage(), null);
    }
    keks.put(label, found);
    return found;
  }

  private <T> T withSession(Operation<T> operation) {
    boolean acquired;
    try {
      acquired = sessions.tryAcquire(sessionWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KmsException(ErrorCode.KMS_UNAVAILABLE, "interrupted while waiting for a PKCS#11 session", e);
    }
    if (!acquired) {
      throw new KmsException(ErrorCode.KMS_UNAVAILABLE, "all " + maxSessions + " PKCS#11 sessions"
          + " (colseal.kms.pkcs11.max-sessions) stayed busy for " + sessionWait + " (colseal.kms.pkcs11.session-wait)",
          null);
    }
    int now = inUse.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
    try {
      return operation.run();
    } finally {
      inUse.decrementAndGet();
      sessions.release();
    }
  }

  private KmsException failure(Exception e, @Nullable String code, String what) {
    ErrorCode kind = code != null && (REFUSED.contains(code) || GONE.contains(code))
        ? ErrorCode.KMS_REJECTED : ErrorCode.KMS_UNAVAILABLE;
    return new KmsException(kind, what + " (" + token.slot() + ", " + token.library() + "): "
        + Pkcs11Token.describe(e), e);
  }

  private KmsException rejected(KeyContext context, String label) {
    return new KmsException(ErrorCode.KMS_REJECTED, "wrapped data key " + context + " does not unwrap under"
        + " PKCS#11 KEK '" + label + "': it was altered, or copied from another table or version", null);
  }

  /**
   * What the token says about the key object {@code kekId}, for the audit's KEK register: {@code
   * ENABLED} with key spec {@code AES_256}, the slot and the PKCS#11 library as location, and the
   * attributes {@code CKA_TOKEN}, {@code CKA_SENSITIVE} and {@code CKA_EXTRACTABLE} as access; a
   * key object that is not fit to be a KEK shows as {@code DISABLED} with its attributes; {@code
   * NOT_FOUND} when there is none; {@code UNKNOWN} when the token does not answer.
   */
  @Override
  public KekStatus describeKek(String kekId) {
    String location = "PKCS#11 token in " + token.slot() + ", library " + token.library();
    KekObject kek;
    try {
      kek = withSession(() -> token.find(kekId));
    } catch (RuntimeException e) {
      return KekStatus.unknown(location);
    }
    if (kek == null) {
      return new KekStatus(KekStatus.State.NOT_FOUND, null, null, null, location);
    }
    boolean fit = kek.fitAsKek();
    return new KekStatus(fit ? KekStatus.State.ENABLED : KekStatus.State.DISABLED,
        kek.bits() > 0 ? "AES_" + kek.bits() : null, null, null, location, null,
        "AES secret-key object labelled '" + kekId + "'; data keys from " + token.randomSource(),
        List.of(), Map.of(), kek.bits() > 0 ? kek.bits() : null,
        kek.attributes() + (fit ? "" : " (not accepted as a KEK)"));
  }

  /** How many token operations run now, the most that ever ran at once, and the limit. */
  public SessionUse sessionUse() {
    return new SessionUse(inUse.get(), peak.get(), maxSessions);
  }

  /**
   * Use of the provider's session slots.
   *
   * @param inUse operations on the token now
   * @param peak the most operations that ran at once since the provider opened
   * @param limit {@code colseal.kms.pkcs11.max-sessions}
   */
  public record SessionUse(int inUse, int peak, int limit) {}

  /** Logs out of the token and forgets the key handles. */
  @Override
  public void close() {
    keks.clear();
    token.close();
  }

  @Override
  public String toString() {
    return "Pkcs11KmsProvider[" + token.slot() + ", " + token.library() + ", kek=" + kekLabel + "]";
  }

  @FunctionalInterface
  private interface Operation<T> {
    T run();
  }

  @FunctionalInterface
  private interface KekOperation<T> {
    T apply(KekObject kek) throws GeneralSecurityException;
  }
}
