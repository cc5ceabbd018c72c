package io.colseal.cli.internal;

import io.colseal.ColumnCipher;
import io.colseal.operations.legacy.LegacyFormat;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.jasypt.encryption.pbe.PooledPBEByteEncryptor;
import org.jasypt.exceptions.EncryptionOperationNotPossibleException;
import org.jasypt.iv.NoIvGenerator;
import org.jasypt.iv.RandomIvGenerator;
import org.jasypt.salt.RandomSaltGenerator;
import org.jasypt.salt.StringFixedSaltGenerator;

/**
 * Values written by Jasypt's {@code StandardPBEStringEncryptor} (jasypt-hibernate types,
 * jasypt-spring-boot, hand-written converters), opened with the real Jasypt library: the output
 * (Base64 or hexadecimal) is decoded, decrypted by a {@code PBEByteEncryptor} with the same
 * algorithm, password, iterations and salt and IV generators, and read as strict UTF-8 (Jasypt
 * itself replaces invalid bytes, which would hide a wrong password that happened to unpad).
 *
 * <p>Jasypt's ciphertext has no integrity check (CBC without a MAC): a wrong password fails at the
 * padding for about 255 values in 256, and the job's first-sample check stops a run whose settings
 * are wrong; an altered value may open to other text, which nothing can detect.
 */
public final class JasyptFormat implements LegacyFormat {
  /** How Jasypt's output was encoded. */
  public enum Output { BASE64, HEXADECIMAL }

  private final String algorithm;
  private final Output output;
  private final int minBytes;
  private final PooledPBEByteEncryptor encryptor;

  /**
   * @param password the password (the caller zeroes its array)
   * @param fixedSalt the fixed salt of a {@code StringFixedSaltGenerator}, or null for Jasypt's
   *     default random salt (stored in front of the ciphertext)
   * @param randomIv whether a random IV is stored after the salt ({@code RandomIvGenerator}, which
   *     the PBEWITHHMACSHA512ANDAES_256 of jasypt-spring-boot 3 uses), or none ({@code NoIvGenerator},
   *     Jasypt 1.9's default)
   */
  public JasyptFormat(String algorithm, int iterations, char[] password, String fixedSalt, boolean randomIv,
      Output output, int poolSize) {
    this.algorithm = algorithm;
    this.output = output;
    PooledPBEByteEncryptor e = new PooledPBEByteEncryptor();
    e.setPoolSize(Math.max(1, poolSize));
    e.setAlgorithm(algorithm);
    e.setKeyObtentionIterations(iterations);
    e.setPasswordCharArray(password);
    e.setSaltGenerator(fixedSalt == null ? new RandomSaltGenerator() : new StringFixedSaltGenerator(fixedSalt));
    e.setIvGenerator(randomIv ? new RandomIvGenerator() : new NoIvGenerator());
    this.encryptor = e;
    int block = blockSize(algorithm);
    this.minBytes = block * (1 + (fixedSalt == null ? 1 : 0) + (randomIv ? 1 : 0));
  }

  /** Whether Jasypt's own default for {@code algorithm} stores an IV: the AES algorithms need one. */
  public static boolean needsIv(String algorithm) {
    return algorithm.toUpperCase(Locale.ROOT).contains("AES");
  }

  private static int blockSize(String algorithm) {
    return needsIv(algorithm) ? 16 : 8;
  }

  @Override
  public String name() {
    return "Jasypt " + algorithm;
  }

  /** Text in the output alphabet that decodes to at least salt, IV and one cipher block, in whole blocks. */
  @Override
  public boolean claims(Object stored) {
    if (!(stored instanceof String s)) {
      return false;
    }
    byte[] raw = decode(s);
    if (raw == null) {
      return false;
    }
    int block = blockSize(algorithm);
    return raw.length >= minBytes && raw.length % block == 0;
  }

  private byte[] decode(String s) {
    try {
      return output == Output.BASE64 ? Base64.getDecoder().decode(s) : HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public Object open(Object stored, ColumnCipher<?, ?> column) throws LegacyFormatException {
    byte[] raw = stored instanceof String s ? decode(s) : null;
    if (raw == null) {
      throw new LegacyFormatException("is not " + output.name().toLowerCase(Locale.ROOT) + " text");
    }
    byte[] plaintext;
    try {
      plaintext = encryptor.decrypt(raw);
    } catch (EncryptionOperationNotPossibleException e) {
      throw new LegacyFormatException("does not decrypt with these Jasypt settings (wrong password, algorithm,"
          + " iterations, salt or IV generator)");
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(plaintext)).toString();
    } catch (CharacterCodingException e) {
      throw new LegacyFormatException("decrypts to bytes that are not UTF-8 text (most likely a wrong password)");
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "JasyptFormat[" + algorithm + ", " + output + "]";
  }
}
