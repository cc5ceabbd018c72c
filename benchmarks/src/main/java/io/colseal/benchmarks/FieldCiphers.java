package io.colseal.benchmarks;

import com.amazonaws.encryptionsdk.AwsCrypto;
import com.amazonaws.encryptionsdk.CommitmentPolicy;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.kms.local.LocalKeystoreKms;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.h2.jdbcx.JdbcDataSource;
import org.jasypt.encryption.pbe.StandardPBEStringEncryptor;
import org.jasypt.util.text.AES256TextEncryptor;
import software.amazon.cryptography.materialproviders.IKeyring;
import software.amazon.cryptography.materialproviders.MaterialProviders;
import software.amazon.cryptography.materialproviders.model.AesWrappingAlg;
import software.amazon.cryptography.materialproviders.model.CreateRawAesKeyringInput;
import software.amazon.cryptography.materialproviders.model.MaterialProvidersConfig;

/** The implementations compared by the field benchmarks, by name. */
final class FieldCiphers {
  static final String FLOOR = "jce-floor";
  /** The floor plus associated data of colseal's size (8-byte header + column binding), as a reference. */
  static final String FLOOR_AAD = "jce-floor-aad";
  /**
   * The floor with AAD for a {@code String} value: UTF-8 encoding before encrypting, a {@code new
   * String} after decrypting. What a String column cannot avoid, with nothing of colseal's.
   */
  static final String FLOOR_AAD_STRING = "jce-floor-aad-string";

  /** colseal-binary with {@code colseal.crypto.column-keys}: envelope algorithm 04. */
  static final String COLUMN_KEYS_BINARY = "colseal-binary-column-keys";
  /** colseal-text-string with {@code colseal.crypto.column-keys}. */
  static final String COLUMN_KEYS_TEXT_STRING = "colseal-text-string-column-keys";
  /** colseal-text-string bound to its row ({@code EncryptionMode.ROW_BOUND}, envelope algorithm 05; a Long id). */
  static final String ROW_BOUND_TEXT_STRING = "colseal-text-string-row-bound";
  /** colseal-binary sealed with ARIA-256-GCM (envelope algorithm 03, {@code colseal.crypto.aria-provider=BC}). */
  static final String ARIA_BINARY = "colseal-aria-binary";

  private FieldCiphers() {}

  static FieldCipher create(String impl, int size) throws Exception {
    byte[] value = new byte[size];
    new SecureRandom().nextBytes(value);
    String text = ascii(size);
    return switch (impl) {
      case FLOOR -> new JceFloor(value, null);
      case FLOOR_AAD -> new JceFloor(value, io.colseal.internal.format.EnvelopeFormat.columnBinding("customers", "email"));
      case FLOOR_AAD_STRING -> strings(text, new JceFloor(utf8(text),
          io.colseal.internal.format.EnvelopeFormat.columnBinding("customers", "email")));
      case "colseal-binary" -> Colseals.binary(value);
      case "colseal-text" -> Colseals.text(value);
      case "colseal-text-string" -> Colseals.textString(text);
      case COLUMN_KEYS_BINARY -> new Colseals(value, false, true);
      case COLUMN_KEYS_TEXT_STRING -> new Colseals(text, true, true);
      case ROW_BOUND_TEXT_STRING -> new Colseals(text, true, false, true);
      case ARIA_BINARY -> new Colseals(value, false, false, false, true);
      case AriaCiphers.BC_REUSE, AriaCiphers.BC_FRESH, AriaCiphers.BC_JCA -> AriaCiphers.create(impl, value,
          io.colseal.internal.format.EnvelopeFormat.columnBinding("customers", "email"));
      case "tink" -> new Tink(value);
      case "jasypt-pbe" -> jasyptPbe(text);
      case "jasypt-aes256" -> jasyptAes(text);
      case "aws-esdk" -> new AwsEsdk(value);
      default -> throw new IllegalArgumentException("unknown implementation " + impl);
    };
  }

  private static String ascii(int size) {
    SecureRandom r = new SecureRandom();
    StringBuilder sb = new StringBuilder(size);
    for (int i = 0; i < size; i++) {
      sb.append((char) ('!' + r.nextInt(90)));
    }
    return sb.toString();
  }

  /**
   * The floor: JCE AES-256-GCM with one reused {@link Cipher}, a fresh random 96-bit nonce per
   * value from a {@link SecureRandom}, nonce stored in front of the ciphertext, no associated data
   * (or, for {@code jce-floor-aad}, associated data as long as colseal's).
   */
  static final class JceFloor implements FieldCipher {
    private final byte[] value;
    private final byte @org.jspecify.annotations.Nullable [] aad;
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    JceFloor(byte[] value, byte @org.jspecify.annotations.Nullable [] binding) throws GeneralSecurityException {
      this.value = value;
      if (binding == null) {
        aad = null;
      } else {
        aad = new byte[8 + binding.length];
        System.arraycopy(binding, 0, aad, 8, binding.length);
      }
      byte[] k = new byte[32];
      random.nextBytes(k);
      key = new SecretKeySpec(k, "AES");
      cipher = Cipher.getInstance("AES/GCM/NoPadding");
    }

    @Override
    public Object encrypt() {
      return encrypt(value);
    }

    Object encrypt(byte[] value) {
      try {
        byte[] out = new byte[12 + value.length + 16];
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, 0, 12);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
        if (aad != null) {
          cipher.updateAAD(aad);
        }
        cipher.doFinal(value, 0, value.length, out, 12);
        return out;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Object decrypt(Object ciphertext) {
      byte[] c = (byte[]) ciphertext;
      try {
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, c, 0, 12));
        if (aad != null) {
          cipher.updateAAD(aad);
        }
        return cipher.doFinal(c, 12, c.length - 12);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * colseal's envelope through the public {@link ColumnCipher}, keys from a local KEK: a {@code
   * byte[]} attribute stored as binary or as text, or ({@code colseal-text-string}) a {@code String}
   * attribute of ASCII characters stored as text, which adds the UTF-8 decoding a String column pays.
   */
  static final class Colseals implements FieldCipher {
    private final Colseal colseal;
    private final ColumnCipher<Object, Object> cipher;
    private final Object value;
    private final Path dir;
    /** The row a row-bound cipher binds to; null for the others. */
    private final io.colseal.@org.jspecify.annotations.Nullable RowKey row;

    private Colseals(Object value, boolean text) throws Exception {
      this(value, text, false);
    }

    private Colseals(Object value, boolean text, boolean columnKeys) throws Exception {
      this(value, text, columnKeys, false);
    }

    private Colseals(Object value, boolean text, boolean columnKeys, boolean rowBound) throws Exception {
      this(value, text, columnKeys, rowBound, false);
    }

    @SuppressWarnings("unchecked")
    private Colseals(Object value, boolean text, boolean columnKeys, boolean rowBound, boolean aria) throws Exception {
      this.value = value;
      dir = Files.createTempDirectory("colseal-bench");
      JdbcDataSource ds = new JdbcDataSource();
      ds.setURL("jdbc:h2:mem:bench" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
      LocalKeystoreKms kms =
          LocalKeystoreKms.open(dir.resolve("kek.p12"), "benchmark".toCharArray(), "bench-kek", true);
      colseal = Colseal.start(ds, ColsealConfig.builder().kmsProvider(kms).keyCacheTtl(java.time.Duration.ofHours(1))
          .columnKeys(columnKeys).defaultAlgorithm(aria ? io.colseal.ColumnAlgorithm.ARIA_256_GCM
              : io.colseal.ColumnAlgorithm.AES_256_GCM).build());
      Class<Object> type = (Class<Object>) value.getClass();
      io.colseal.EncryptionMode mode = rowBound ? io.colseal.EncryptionMode.ROW_BOUND : io.colseal.EncryptionMode.RANDOMIZED;
      cipher = (ColumnCipher<Object, Object>) (ColumnCipher<Object, ?>) (text
          ? colseal.textColumn("customers", "email", type, mode)
          : colseal.binaryColumn("customers", "email", type, mode));
      row = rowBound ? io.colseal.RowKey.of(4_242L) : null;
      decrypt(encrypt()); // creates and caches the table key
    }

    static Colseals binary(byte[] value) throws Exception {
      return new Colseals(value, false);
    }

    static Colseals text(byte[] value) throws Exception {
      return new Colseals(value, true);
    }

    static Colseals textString(String value) throws Exception {
      return new Colseals(value, true);
    }

    @Override
    public Object encrypt() {
      return row == null ? cipher.encrypt(value) : cipher.encrypt(value, row);
    }

    @Override
    public Object decrypt(Object ciphertext) {
      return row == null ? cipher.decrypt(ciphertext) : cipher.decrypt(ciphertext, row);
    }

    @Override
    public void close() throws Exception {
      colseal.close();
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Google Tink AEAD, AES256_GCM key template (with Tink's 5-byte key-id prefix). */
  static final class Tink implements FieldCipher {
    private static final byte[] AAD = new byte[0];
    private final Aead aead;
    private final byte[] value;

    Tink(byte[] value) throws GeneralSecurityException {
      AeadConfig.register();
      this.value = value;
      aead = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
          .getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    @Override
    public Object encrypt() {
      try {
        return aead.encrypt(value, AAD);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public Object decrypt(Object ciphertext) {
      try {
        return aead.decrypt((byte[]) ciphertext, AAD);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Jasypt's {@link StandardPBEStringEncryptor} with its defaults (PBEWithMD5AndDES, 1000 iterations). */
  static FieldCipher jasyptPbe(String text) {
    StandardPBEStringEncryptor e = new StandardPBEStringEncryptor();
    e.setPassword("benchmark-password");
    return strings(text, e::encrypt, e::decrypt);
  }

  /** Jasypt's {@link AES256TextEncryptor} (PBEWithHMACSHA512AndAES_256, 1000 iterations). */
  static FieldCipher jasyptAes(String text) {
    AES256TextEncryptor e = new AES256TextEncryptor();
    e.setPassword("benchmark-password");
    return strings(text, e::encrypt, e::decrypt);
  }

  private static FieldCipher strings(
      String text, java.util.function.UnaryOperator<String> enc, java.util.function.UnaryOperator<String> dec) {
    return new FieldCipher() {
      @Override
      public Object encrypt() {
        return enc.apply(text);
      }

      @Override
      public Object decrypt(Object ciphertext) {
        return dec.apply((String) ciphertext);
      }
    };
  }

  /**
   * AWS Encryption SDK for Java with a raw AES keyring: a new data key per message, wrapped under
   * the keyring's AES-256 key, committing algorithm suite (the SDK default).
   */
  static final class AwsEsdk implements FieldCipher {
    private static final Map<String, String> CONTEXT = Map.of("table", "customers", "column", "email");
    private final AwsCrypto crypto;
    private final IKeyring keyring;
    private final byte[] value;

    AwsEsdk(byte[] value) {
      this.value = value;
      crypto = AwsCrypto.builder().withCommitmentPolicy(CommitmentPolicy.RequireEncryptRequireDecrypt).build();
      byte[] k = new byte[32];
      new SecureRandom().nextBytes(k);
      MaterialProviders mpl =
          MaterialProviders.builder().MaterialProvidersConfig(MaterialProvidersConfig.builder().build()).build();
      keyring = mpl.CreateRawAesKeyring(CreateRawAesKeyringInput.builder()
          .keyNamespace("colseal-bench")
          .keyName("aes-256")
          .wrappingKey(ByteBuffer.wrap(k))
          .wrappingAlg(AesWrappingAlg.ALG_AES256_GCM_IV12_TAG16)
          .build());
    }

    @Override
    public Object encrypt() {
      return crypto.encryptData(keyring, value, CONTEXT).getResult();
    }

    @Override
    public Object decrypt(Object ciphertext) {
      return crypto.decryptData(keyring, (byte[]) ciphertext).getResult();
    }
  }

  /** {@code floor} with a String value: encodes {@code text} per encryption, decodes per decryption. */
  private static FieldCipher strings(String text, JceFloor floor) {
    return new FieldCipher() {
      @Override
      public Object encrypt() {
        return floor.encrypt(utf8(text));
      }

      @Override
      public Object decrypt(Object ciphertext) {
        return new String((byte[]) floor.decrypt(ciphertext), StandardCharsets.UTF_8);
      }
    };
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
