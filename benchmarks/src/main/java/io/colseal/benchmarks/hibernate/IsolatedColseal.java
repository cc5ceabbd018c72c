package io.colseal.benchmarks.hibernate;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;
import java.util.function.ObjLongConsumer;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Runs {@link IsolatedSelect} (Hibernate, colseal, PgJDBC, HikariCP: everything but the JDK) in a
 * class loader of its own, whose parent is the platform class loader, so nothing of the
 * application class path is shared. With {@code copyCipher} the loader's first entry is a
 * replacement {@code io.colseal.internal.crypto.AesGcm}, compiled here from {@link #COPY_CIPHER},
 * with the same public static {@code seal} and {@code open} that copy the bytes instead of
 * encrypting: colseal's whole path except AES-GCM. Production code is untouched.
 */
final class IsolatedColseal implements LongToIntFunction, AutoCloseable {
  static final String AES_GCM = "io.colseal.internal.crypto.AesGcm";

  /** Same signatures as core's AesGcm; the nonce is still drawn, the "ciphertext" is the plaintext, the tag zeros. */
  static final String COPY_CIPHER = """
      package io.colseal.internal.crypto;

      import java.security.SecureRandom;
      import java.util.Arrays;
      import javax.crypto.SecretKey;

      public final class AesGcm {
        private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SecureRandom::new);
        private static final ThreadLocal<byte[]> NONCE = ThreadLocal.withInitial(() -> new byte[12]);

        private AesGcm() {}

        public static void seal(SecretKey key, byte[] aad, byte[] plaintext, byte[] out) {
          byte[] nonce = NONCE.get();
          RANDOM.get().nextBytes(nonce);
          System.arraycopy(nonce, 0, out, 8, 12);
          System.arraycopy(plaintext, 0, out, 20, plaintext.length);
          Arrays.fill(out, 20 + plaintext.length, 20 + plaintext.length + 16, (byte) 0);
        }

        public static byte[] open(SecretKey key, byte[] aad, byte[] body, int off, int len) {
          if (len < 12 + 16) {
            return null;
          }
          return Arrays.copyOfRange(body, off + 12, off + len - 16);
        }
      }
      """;

  private final URLClassLoader loader;
  private final LongToIntFunction select;
  private final ObjLongConsumer<Boolean> insert;
  private final Object side;
  private final AutoCloseable closer;
  private final Path compiled;

  IsolatedColseal(boolean copyCipher, int rows) throws Exception {
    List<URL> urls = new ArrayList<>();
    compiled = copyCipher ? compileCopyCipher() : null;
    if (compiled != null) {
      urls.add(compiled.toUri().toURL());
    }
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        urls.add(Path.of(entry).toAbsolutePath().toUri().toURL());
      }
    }
    loader = new URLClassLoader(copyCipher ? "colseal-no-cipher" : "colseal-isolated", urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader());
    URL aesGcm = loader.loadClass(AES_GCM).getProtectionDomain().getCodeSource().getLocation();
    if (copyCipher != aesGcm.equals(compiled == null ? null : compiled.toUri().toURL())) {
      throw new IllegalStateException("AesGcm came from " + aesGcm + " in the " + loader.getName() + " loader");
    }
    side = withLoader(() -> Class.forName(IsolatedSelect.class.getName(), true, loader)
        .getConstructor(int.class).newInstance(rows));
    select = (LongToIntFunction) side;
    @SuppressWarnings("unchecked")
    ObjLongConsumer<Boolean> in = (ObjLongConsumer<Boolean>) side;
    insert = in;
    closer = (AutoCloseable) side;
  }

  @Override
  public int applyAsInt(long from) {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return select.applyAsInt(from);
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  /** Inserts 100 rows from {@code firstId} in one transaction, batched or not. */
  void insert(boolean batched, long firstId) {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      insert.accept(batched, firstId);
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  /** Empties the isolated table. */
  void truncate() throws Exception {
    withLoader(() -> {
      ((Runnable) side).run();
      return null;
    });
  }

  @Override
  public void close() throws Exception {
    withLoader(() -> {
      closer.close();
      return null;
    });
    loader.close();
    if (compiled != null) {
      try (var files = Files.walk(compiled.getParent())) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private interface Action<T> {
    T run() throws Exception;
  }

  private <T> T withLoader(Action<T> action) throws Exception {
    Thread t = Thread.currentThread();
    ClassLoader previous = t.getContextClassLoader();
    t.setContextClassLoader(loader);
    try {
      return action.run();
    } finally {
      t.setContextClassLoader(previous);
    }
  }

  private static Path compileCopyCipher() throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) {
      throw new IllegalStateException("no-cipher needs a JDK (javax.tools has no compiler in this runtime)");
    }
    Path dir = Files.createTempDirectory("colseal-no-cipher");
    Path src = dir.resolve("src/io/colseal/internal/crypto/AesGcm.java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, COPY_CIPHER, StandardCharsets.UTF_8);
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    int rc = javac.run(null, null, null, "-d", classes.toString(), "--release", "17", src.toString());
    if (rc != 0) {
      throw new IllegalStateException("compiling the copy cipher failed: javac returned " + rc);
    }
    return classes;
  }
}
