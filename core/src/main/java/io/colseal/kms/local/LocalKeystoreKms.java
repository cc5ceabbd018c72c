package io.colseal.kms.local;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.internal.crypto.DestroyableAesKey;
import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.InsecureKeyAccess;
import io.colseal.kms.KekStatus;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.SecretKeyMaterial;
import io.colseal.kms.WrappedKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.jspecify.annotations.Nullable;

/**
 * The {@code local} KEK provider: an AES-256 KEK kept as a secret-key entry in a PKCS12 keystore.
 *
 * <p>Wrapping is AES-256-GCM under the KEK with a random 96-bit nonce; the associated data binds
 * the wrapped key to the KEK alias, the table and the key version, so a wrapped key copied to
 * another row fails to unwrap. Wrapped layout: {@code 0x01 | nonce (12) | encrypted key (32) | tag
 * (16)}, 61 bytes. See {@code docs/reference/key-table.md}.
 *
 * <p>For development, tests and single-host deployments; a KMS or HSM keeps the KEK out of the
 * application host, which this provider cannot. The keystore password is never logged.
 */
public final class LocalKeystoreKms implements KmsProvider {
  public static final String NAME = "local";
  private static final byte WRAP_V1 = 0x01;
  private static final int WRAPPED_LENGTH = 1 + 12 + 32 + 16;
  private static final String AAD_SCHEME = "colseal local kek v1";

  private final Path keystore;
  private final String alias;
  private final DestroyableAesKey kek;
  /** Every AES-256 KEK in the keystore by alias, so keys wrapped by an older KEK still unwrap. */
  private final java.util.Map<String, DestroyableAesKey> keks;
  /** What the keystore says about each AES secret-key entry, whatever its length, for the audit. */
  private final java.util.Map<String, EntryInfo> entries;
  private final SecureRandom random = new SecureRandom();

  private LocalKeystoreKms(Path keystore, String alias, java.util.Map<String, DestroyableAesKey> keks,
      java.util.Map<String, EntryInfo> entries) {
    this.keystore = keystore;
    this.alias = alias;
    this.keks = keks;
    this.kek = keks.get(alias);
    this.entries = entries;
  }

  /** An AES secret-key entry: its creation date as the keystore records it and its key length. */
  private record EntryInfo(@Nullable Instant createdAt, int bits) {}

  /**
   * Refuses what a PKCS12 keystore cannot hold as given, before anything is read or written: an
   * alias with upper-case letters (PKCS12 stores aliases in lower case, so the entry written would
   * not be the one asked for, and the alias is bound into every wrapped key) and a password that is
   * not printable ASCII (the JDK's PKCS12 key protection rejects it). Messages never quote the
   * password.
   *
   * @throws ColsealConfigException naming the setting and what to use instead
   */
  public static void checkInput(String alias, char[] password) {
    if (alias.isBlank()) {
      throw new ColsealConfigException("the local KEK alias (colseal.kms.kek-id) must not be blank");
    }
    if (!alias.equals(alias.toLowerCase(Locale.ROOT))) {
      throw new ColsealConfigException("the local KEK alias (colseal.kms.kek-id) '" + alias + "' has upper-case"
          + " letters; a PKCS12 keystore stores aliases in lower case, so use '" + alias.toLowerCase(Locale.ROOT)
          + "' (docs/reference/configuration/colseal.kms.kek-id.md)");
    }
    for (char c : password) {
      if (c < 0x20 || c > 0x7e) {
        throw new ColsealConfigException("the local keystore password (colseal.kms.local.keystore-password) has a"
            + " character outside printable ASCII; the JDK's PKCS12 keystores cannot protect keys with such a"
            + " password: choose one of printable ASCII characters (a longer one for the same strength)");
      }
    }
  }

  /**
   * Opens the KEK {@code alias} in {@code keystore}, creating the keystore (mode 0600) and the KEK
   * first when {@code createIfMissing} is set. {@code password} is zeroed by the caller.
   */
  public static LocalKeystoreKms open(Path keystore, char[] password, String alias, boolean createIfMissing) {
    requireNonNull(keystore, "keystore");
    requireNonNull(password, "password");
    requireNonNull(alias, "alias");
    checkInput(alias, password);
    try {
      if (!Files.exists(keystore)) {
        if (!createIfMissing) {
          throw new ColsealConfigException(
              "local keystore " + keystore + " does not exist; create it with 'keytool -genseckey -keyalg AES"
                  + " -keysize 256 -storetype PKCS12 -alias " + alias + " -keystore " + keystore + "', or set"
                  + " colseal.kms.local.create-if-missing=true for development");
        }
        create(keystore, password, alias);
      }
      KeyStore ks = load(keystore, password);
      if (!ks.containsAlias(alias)) {
        if (!createIfMissing) {
          throw new ColsealConfigException("local keystore " + keystore + " has no KEK '" + alias + "'");
        }
        synchronized (LocalKeystoreKms.class) {
          ks = load(keystore, password);
          if (!ks.containsAlias(alias)) {
            ks.setEntry(alias, new KeyStore.SecretKeyEntry(newKek()), new KeyStore.PasswordProtection(password));
            writeAtomically(keystore, ks, password, true);
          }
        }
      }
      java.util.Map<String, DestroyableAesKey> keks = new java.util.HashMap<>();
      java.util.Map<String, EntryInfo> entries = new java.util.HashMap<>();
      for (String a : java.util.Collections.list(ks.aliases())) {
        if (!ks.entryInstanceOf(a, KeyStore.SecretKeyEntry.class)) {
          continue;
        }
        KeyStore.Entry entry = ks.getEntry(a, new KeyStore.PasswordProtection(password));
        if (entry instanceof KeyStore.SecretKeyEntry secret && "AES".equalsIgnoreCase(secret.getSecretKey().getAlgorithm())) {
          byte[] bytes = secret.getSecretKey().getEncoded();
          java.util.Date created = ks.getCreationDate(a);
          entries.put(a, new EntryInfo(created == null ? null : created.toInstant(),
              bytes == null ? 0 : bytes.length * 8));
          if (bytes != null && bytes.length == 32) {
            keks.put(a, new DestroyableAesKey(bytes)); // takes ownership of bytes
          } else if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
          }
        }
      }
      if (!keks.containsKey(alias)) {
        keks.values().forEach(DestroyableAesKey::destroy);
        throw new ColsealConfigException("entry '" + alias + "' in " + keystore + " is not an AES-256 secret key");
      }
      return new LocalKeystoreKms(keystore, alias, keks, entries);
    } catch (IOException | GeneralSecurityException e) {
      // The message of a wrong password is "keystore password was incorrect"; it carries no secret.
      throw new ColsealConfigException(
          "cannot open local keystore " + keystore + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  private static void create(Path keystore, char[] password, String alias) throws IOException, GeneralSecurityException {
    synchronized (LocalKeystoreKms.class) {
      if (Files.exists(keystore)) {
        return;
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, password);
      ks.setEntry(alias, new KeyStore.SecretKeyEntry(newKek()), new KeyStore.PasswordProtection(password));
      writeAtomically(keystore, ks, password, false);
    }
  }

  private static SecretKey newKek() throws GeneralSecurityException {
    KeyGenerator gen = KeyGenerator.getInstance("AES");
    gen.init(256, new SecureRandom());
    return gen.generateKey();
  }

  private static KeyStore load(Path keystore, char[] password) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, password);
    }
    return ks;
  }

  private static void writeAtomically(Path target, KeyStore ks, char[] password, boolean replace)
      throws IOException, GeneralSecurityException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".colseal-kek", ".tmp");
    try {
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Non-POSIX file systems keep their default permissions.
      }
      try (OutputStream out = Files.newOutputStream(tmp)) {
        ks.store(out, password);
      }
      if (replace) {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
          // Another process created it first; its KEK is the one to use.
        }
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String kekId() {
    return alias;
  }

  /**
   * {@code ENABLED} when the keystore holds an AES secret key under {@code kekId}, with key spec
   * {@code AES_<bits>} and that strength (an entry of another length shows as such, though it cannot
   * wrap data keys), the entry's creation date as the keystore records it, and the keystore file's
   * owner and POSIX permissions where the file system tells them; else {@code NOT_FOUND}. A keystore
   * has no rotation, deletion schedule, aliases beyond the entry name, or tags.
   */
  @Override
  public KekStatus describeKek(String kekId) {
    String location = "keystore " + keystore.toAbsolutePath();
    EntryInfo entry = entries.get(kekId);
    if (entry == null) {
      return new KekStatus(KekStatus.State.NOT_FOUND, null, null, null, location);
    }
    return new KekStatus(KekStatus.State.ENABLED, "AES_" + entry.bits(), null, null, location, entry.createdAt(),
        "PKCS12 secret-key entry '" + kekId + "'", java.util.List.of(), java.util.Map.of(), entry.bits(),
        fileAccess(keystore));
  }

  /** {@code owner alice, permissions rw-------} of the keystore file, or null where it cannot be read. */
  static @Nullable String fileAccess(Path file) {
    try {
      String owner = Files.getOwner(file).getName();
      try {
        return "owner " + owner + ", permissions "
            + PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
      } catch (UnsupportedOperationException notPosix) {
        return "owner " + owner;
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }

  @Override
  public GeneratedDataKey generateDataKey(KeyContext context) {
    byte[] dek = new byte[32];
    random.nextBytes(dek);
    try {
      WrappedKey wrapped = new WrappedKey(NAME, alias, wrap(dek, context));
      return new GeneratedDataKey(SecretKeyMaterial.copyOf(dek), wrapped);
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  private byte[] wrap(byte[] dek, KeyContext context) {
    return wrap(dek, context, alias, kek);
  }

  private byte[] wrap(byte[] dek, KeyContext context, String kekAlias, DestroyableAesKey wrappingKey) {
    byte[] out = new byte[WRAPPED_LENGTH];
    out[0] = WRAP_V1;
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    System.arraycopy(nonce, 0, out, 1, 12);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, wrappingKey, new GCMParameterSpec(128, nonce));
      c.updateAAD(aad(kekAlias, context));
      c.doFinal(dek, 0, dek.length, out, 13);
      return out;
    } catch (GeneralSecurityException e) {
      throw new KmsException(ErrorCode.KMS_UNAVAILABLE, "local KEK '" + kekAlias + "' could not wrap a data key", e);
    }
  }

  @Override
  public WrappedKey wrap(SecretKeyMaterial key, KeyContext context, String kekId) {
    DestroyableAesKey target = keks.get(kekId);
    if (target == null) {
      throw new KmsException(ErrorCode.KMS_REJECTED, "local keystore " + keystore + " has no KEK '" + kekId + "'", null);
    }
    byte[] dek = key.exposeBytes(InsecureKeyAccess.get());
    try {
      return new WrappedKey(NAME, kekId, wrap(dek, context, kekId, target));
    } finally {
      Arrays.fill(dek, (byte) 0);
    }
  }

  @Override
  public SecretKeyMaterial unwrap(WrappedKey wrapped, KeyContext context) {
    DestroyableAesKey unwrapping = keks.get(wrapped.kekId());
    if (unwrapping == null) {
      throw new KmsException(ErrorCode.KMS_REJECTED,
          "data key " + context + " is wrapped by local KEK '" + wrapped.kekId() + "', which keystore " + keystore
              + " does not hold", null);
    }
    byte[] w = wrapped.ciphertext();
    if (w.length != WRAPPED_LENGTH || w[0] != WRAP_V1) {
      throw rejected(context, wrapped.kekId());
    }
    byte[] dek = null;
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, unwrapping, new GCMParameterSpec(128, w, 1, 12));
      c.updateAAD(aad(wrapped.kekId(), context));
      dek = c.doFinal(w, 13, w.length - 13);
      return SecretKeyMaterial.copyOf(dek);
    } catch (AEADBadTagException e) {
      throw rejected(context, wrapped.kekId());
    } catch (GeneralSecurityException e) {
      throw new KmsException(ErrorCode.KMS_UNAVAILABLE, "local KEK '" + wrapped.kekId() + "' could not unwrap " + context, e);
    } finally {
      if (dek != null) {
        Arrays.fill(dek, (byte) 0);
      }
    }
  }

  private KmsException rejected(KeyContext context, String kekAlias) {
    return new KmsException(ErrorCode.KMS_REJECTED,
        "wrapped data key " + context + " does not unwrap under local KEK '" + kekAlias
            + "': it was altered, or copied from another table or version", null);
  }

  /** AAD: label | uint16 len | alias | uint16 len | table | uint32 key version ({@link KeyContext#wrappingAad}). */
  static byte[] aad(String alias, KeyContext context) {
    return context.wrappingAad(AAD_SCHEME, alias);
  }

  /** Zeroes the in-memory copy of the KEK. */
  @Override
  public void close() {
    keks.values().forEach(DestroyableAesKey::destroy);
  }

  @Override
  public String toString() {
    return "LocalKeystoreKms[" + keystore + ", kek=" + alias + "]";
  }
}
