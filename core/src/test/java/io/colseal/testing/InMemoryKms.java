package io.colseal.testing;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.InsecureKeyAccess;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.SecretKeyMaterial;
import io.colseal.kms.WrappedKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A KEK provider held in memory, for fast tests. Wraps with AES-GCM under a random KEK and binds the
 * context as associated data, like a real KMS would; counts its calls; can be switched off to
 * simulate an outage. Not for production: the KEK lives and dies with the object.
 */
public final class InMemoryKms implements KmsProvider {
  private final String kekId;
  private final java.util.Map<String, byte[]> keks = new java.util.concurrent.ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger generateCalls = new AtomicInteger();
  private final AtomicInteger unwrapCalls = new AtomicInteger();
  private final AtomicBoolean available = new AtomicBoolean(true);

  public InMemoryKms() {
    this("in-memory-kek");
  }

  public InMemoryKms(String kekId) {
    this.kekId = kekId;
    addKek(kekId);
  }

  /** Adds another KEK this KMS can wrap under and unwrap with. */
  public InMemoryKms addKek(String id) {
    byte[] k = new byte[32];
    random.nextBytes(k);
    keks.putIfAbsent(id, k);
    return this;
  }

  /** Makes a KEK unusable, as disabling a KMS key does. */
  public void disableKek(String id) {
    keks.remove(id);
  }

  @Override
  public String name() {
    return "in-memory";
  }

  @Override
  public String kekId() {
    return kekId;
  }

  @Override
  public GeneratedDataKey generateDataKey(KeyContext context) {
    generateCalls.incrementAndGet();
    checkAvailable();
    byte[] dek = new byte[32];
    random.nextBytes(dek);
    try {
      WrappedKey wrapped = wrapBytes(dek, context, kekId);
      return new GeneratedDataKey(SecretKeyMaterial.copyOf(dek), wrapped);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  @Override
  public WrappedKey wrap(SecretKeyMaterial key, KeyContext context, String toKekId) {
    checkAvailable();
    byte[] dek = key.exposeBytes(InsecureKeyAccess.get());
    try {
      return wrapBytes(dek, context, toKekId);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  private WrappedKey wrapBytes(byte[] dek, KeyContext context, String id) {
    try {
      byte[] nonce = new byte[12];
      random.nextBytes(nonce);
      Cipher c = cipher(Cipher.ENCRYPT_MODE, nonce, context, id);
      byte[] ct = c.doFinal(dek);
      byte[] wrapped = new byte[12 + ct.length];
      System.arraycopy(nonce, 0, wrapped, 0, 12);
      System.arraycopy(ct, 0, wrapped, 12, ct.length);
      return new WrappedKey(name(), id, wrapped);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public SecretKeyMaterial unwrap(WrappedKey wrapped, KeyContext context) {
    unwrapCalls.incrementAndGet();
    checkAvailable();
    byte[] w = wrapped.ciphertext();
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(w, 12), context, wrapped.kekId());
      byte[] dek = c.doFinal(w, 12, w.length - 12);
      try {
        return SecretKeyMaterial.copyOf(dek);
      } finally {
        Arrays.fill(dek, (byte) 0);
      }
    } catch (AEADBadTagException e) {
      throw new KmsException(ErrorCode.KMS_REJECTED, "wrapped key " + context + " does not unwrap", null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Cipher cipher(int mode, byte[] nonce, KeyContext context, String id) throws GeneralSecurityException {
    byte[] kek = keks.get(id);
    if (kek == null) {
      throw new KmsException(ErrorCode.KMS_REJECTED, "in-memory KEK '" + id + "' is unknown or disabled", null);
    }
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce));
    c.updateAAD((id + '\u0000' + context.table() + '\u0000' + context.keyVersion()).getBytes(StandardCharsets.UTF_8));
    return c;
  }

  private void checkAvailable() {
    if (!available.get()) {
      throw new KmsException(ErrorCode.KMS_UNAVAILABLE, "in-memory KMS is switched off", null);
    }
  }

  /** Simulates an outage ({@code false}) or recovery ({@code true}). */
  public void setAvailable(boolean up) {
    available.set(up);
  }

  public int generateCalls() {
    return generateCalls.get();
  }

  public int unwrapCalls() {
    return unwrapCalls.get();
  }

  @Override
  public String toString() {
    return "InMemoryKms[" + kekId + "]";
  }
}
