package io.colseal.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ColsealConfigException;
import io.colseal.keys.Algorithm;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BouncyCastle (the AES-GCM-SIV implementation, about 7 MiB and some 70 classes at start-up) is
 * loaded only when a deterministic value is first sealed: a randomized encryption, a data key and
 * its key derivation load none of its classes. Each test runs colseal's classes in a class loader
 * of its own, so what other tests of this JVM loaded does not count; some leave BouncyCastle out
 * altogether, as an application that excluded it.
 */
class BouncyCastleLoadingTest {
  private static final byte[] DEK =
      HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

  /**
   * A class loader over this JVM's class path that can tell which classes it has loaded, and that
   * can leave BouncyCastle out, as an application that excluded {@code bcprov-jdk18on}.
   */
  static final class Isolated extends URLClassLoader {
    private final boolean withoutBouncyCastle;

    Isolated(boolean withoutBouncyCastle) {
      super(classPath(), ClassLoader.getPlatformClassLoader());
      this.withoutBouncyCastle = withoutBouncyCastle;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (withoutBouncyCastle && name.startsWith("org.bouncycastle.")) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }

    private static URL[] classPath() {
      return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(p -> {
        try {
          return new File(p).toURI().toURL();
        } catch (MalformedURLException e) {
          throw new IllegalStateException(e);
        }
      }).toArray(URL[]::new);
    }

    boolean loaded(String className) {
      return findLoadedClass(className) != null;
    }
  }

  /** Seals one value in a fresh class loader; returns the loader to ask what it loaded. */
  private static Isolated sealIn(Algorithm envelopeAlgorithm, boolean withoutBouncyCastle) throws Exception {
    Isolated loader = new Isolated(withoutBouncyCastle);
    Class<?> seal = loader.loadClass(SealOnce.class.getName());
    byte[] envelope = (byte[]) seal.getMethod("seal", byte[].class, String.class)
        .invoke(null, DEK.clone(), envelopeAlgorithm.name());
    assertEquals(envelopeAlgorithm.id(), envelope[3]);
    return loader;
  }

  @Test
  void sealBinary_randomized_loadsNoBouncyCastleClass() throws Exception {
    try (Isolated loader = sealIn(Algorithm.AES_256_GCM, false)) {
      assertTrue(loader.loaded(DataKey.class.getName()));
      for (String bc : List.of("org.bouncycastle.crypto.modes.GCMSIVBlockCipher",
          "org.bouncycastle.crypto.CryptoServicesRegistrar", "org.bouncycastle.crypto.params.KeyParameter")) {
        assertFalse(loader.loaded(bc), bc);
      }
    }
  }

  @Test
  void sealBinary_deterministic_loadsBouncyCastle() throws Exception {
    try (Isolated loader = sealIn(Algorithm.AES_256_GCM_SIV, false)) {
      assertTrue(loader.loaded("org.bouncycastle.crypto.modes.GCMSIVBlockCipher"));
    }
  }

  @Test
  void sealBinary_randomizedWithoutBouncyCastle_works() throws Exception {
    try (Isolated loader = sealIn(Algorithm.AES_256_GCM, true)) {
      assertTrue(loader.loaded(DataKey.class.getName()));
    }
  }

  @Test
  void requireDeterministicSupport_withoutBouncyCastle_throwsConfigExceptionNamingColumnAndDependency()
      throws Exception {
    try (Isolated loader = new Isolated(true)) {
      Method check = loader.loadClass(ColumnSealer.class.getName())
          .getMethod("requireDeterministicSupport", String.class, String.class);
      InvocationTargetException e = assertThrows(InvocationTargetException.class,
          () -> check.invoke(null, "customers", "email"));
      assertEquals(ColsealConfigException.class.getName(), e.getCause().getClass().getName());
      assertTrue(e.getCause().getMessage().contains("customers.email is DETERMINISTIC (AES-256-GCM-SIV)"),
          e.getCause().getMessage());
      assertTrue(e.getCause().getMessage().contains("org.bouncycastle:bcprov-jdk18on"), e.getCause().getMessage());
    }
  }

  @Test
  void requireDeterministicSupport_withBouncyCastle_passes() {
    assertDoesNotThrow(() -> ColumnSealer.requireDeterministicSupport("customers", "email"));
  }

  /** Runs inside {@link Isolated}: builds a data key and seals one value under {@code algorithm}. */
  public static final class SealOnce {
    private SealOnce() {}

    public static byte[] seal(byte[] dek, String algorithm) {
      DataKey key = new DataKey("customers", 1, Algorithm.AES_256_GCM, new DestroyableAesKey(dek), Long.MAX_VALUE);
      try {
        return new ColumnSealer("customers", "email").sealBinary(key, Algorithm.valueOf(algorithm), new byte[16]);
      } finally {
        key.destroy();
      }
    }
  }
}
