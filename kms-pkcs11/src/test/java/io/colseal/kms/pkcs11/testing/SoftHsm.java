package io.colseal.kms.pkcs11.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A SoftHSM2 token for tests, initialised once per JVM before any PKCS#11 library is loaded: a
 * fresh token directory beside {@code SOFTHSM2_CONF} (which the build sets, since SoftHSM2 reads
 * it when the library loads), one token labelled {@value #TOKEN} whose user PIN is the value of
 * {@value #PIN_VARIABLE}.
 *
 * <p>Where SoftHSM2 is not installed the tests are skipped, unless {@code
 * COLSEAL_TEST_REQUIRE_HSM=true} (set by {@code .ci/run}), where they fail: CI never skips them
 * silently.
 *
 * <p>{@link #probe} looks at the token independently of the JDK, with PyKCS11.
 */
public final class SoftHsm {
  public static final String TOKEN = "colseal-test";
  public static final String PIN_VARIABLE = "COLSEAL_TEST_PKCS11_PIN";
  private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");
  private static final String PYTHON = "/usr/bin/python3";
  private static SoftHsm instance;

  private final Path library;
  private final Path directory;
  private final long slot;
  private final String pin;
  private final Path probeScript;

  private SoftHsm(Path library, Path directory, long slot, String pin, Path probeScript) {
    this.library = library;
    this.directory = directory;
    this.slot = slot;
    this.pin = pin;
    this.probeScript = probeScript;
  }

  /** The token, initialised on first use. */
  public static synchronized SoftHsm get() {
    if (instance == null) {
      instance = initialise();
    }
    return instance;
  }

  private static SoftHsm initialise() {
    Path library = Path.of(System.getenv().getOrDefault("COLSEAL_TEST_SOFTHSM_LIBRARY",
        "/usr/lib/softhsm/libsofthsm2.so"));
    boolean required = "true".equals(System.getenv("COLSEAL_TEST_REQUIRE_HSM"));
    if (!Files.isRegularFile(library)) {
      String why = "SoftHSM2 is not installed (" + library + " is missing): apt-get install -y softhsm2 python3-pykcs11";
      if (required) {
        fail(why + "; COLSEAL_TEST_REQUIRE_HSM=true");
      }
      Assumptions.abort(why);
    }
    String conf = System.getenv("SOFTHSM2_CONF");
    String pin = System.getenv(PIN_VARIABLE);
    if (conf == null || pin == null) {
      fail("SOFTHSM2_CONF and " + PIN_VARIABLE + " must be set before the JVM starts (the module's failsafe"
          + " configuration sets them): SoftHSM2 reads its configuration when the library loads");
    }
    try {
      Path confFile = Path.of(conf);
      Path directory = confFile.getParent();
      Path tokens = directory.resolve("tokens");
      deleteTree(tokens);
      Files.createDirectories(tokens);
      Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
          + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);
      String out = run(List.of("softhsm2-util", "--init-token", "--free", "--label", TOKEN,
          "--so-pin", "colseal-so-" + pin, "--pin", pin), Map.of());
      Matcher m = SLOT.matcher(out);
      if (!m.find()) {
        fail("softhsm2-util did not say which slot the token got: " + out);
      }
      Path script = directory.resolve("pkcs11_probe.py");
      try (InputStream in = SoftHsm.class.getResourceAsStream("pkcs11_probe.py")) {
        Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      return new SoftHsm(library, directory, Long.parseLong(m.group(1)), pin, script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path library() {
    return library;
  }

  public long slot() {
    return slot;
  }

  /** The user PIN, for tests that must type it (a PIN file); the provider reads {@value #PIN_VARIABLE}. */
  public String pin() {
    return pin;
  }

  /** The directory of this token's files (configuration, token store, PIN files). */
  public Path directory() {
    return directory;
  }

  /** The settings of the {@code pkcs11} provider with the KEK {@code kekLabel}, the PIN read from {@value #PIN_VARIABLE}. */
  public Map<String, String> settings(String kekLabel) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("colseal.kms.provider", "pkcs11");
    s.put("colseal.kms.kek-id", kekLabel);
    s.put("colseal.kms.pkcs11.library", library.toString());
    s.put("colseal.kms.pkcs11.slot", Long.toString(slot));
    s.put("colseal.kms.pkcs11.pin-env", PIN_VARIABLE);
    return s;
  }

  /** A file with {@code content} and mode 0600, for {@code colseal.kms.pkcs11.pin-file}. */
  public Path pinFile(String name, String content) {
    try {
      Path file = directory.resolve(name);
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The key object's attributes as PyKCS11 reads them ({@code CKA_SENSITIVE: true, ...}; {@code found: 0} if none). */
  public String attributes(String label) {
    return probe("attrs", label);
  }

  /** Deletes the key object {@code label} with PyKCS11, as an operator or another process would. */
  public void delete(String label) {
    probe("delete", label);
  }

  /** Creates an AES-256 token key object with the given attributes, with PyKCS11. */
  public void createKey(String label, boolean sensitive, boolean extractable) {
    probe("create", label, Boolean.toString(sensitive), Boolean.toString(extractable));
  }

  /** {@code C_Decrypt} with {@code CKM_AES_GCM} under the key object {@code label}, in the token, by PyKCS11. */
  public byte[] gcmDecrypt(String label, byte[] iv, byte[] aad, byte[] ciphertextAndTag) {
    String out = probe("gcm-decrypt", label, HexFormat.of().formatHex(iv), HexFormat.of().formatHex(aad),
        HexFormat.of().formatHex(ciphertextAndTag));
    Matcher m = Pattern.compile("\"plaintext\": \"([0-9a-f]*)\"").matcher(out);
    if (!m.find()) {
      fail("PyKCS11 did not decrypt: " + out);
    }
    return HexFormat.of().parseHex(m.group(1));
  }

  private String probe(String command, String label, String... more) {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, probeScript.toString(), library.toString(), Long.toString(slot),
        PIN_VARIABLE, command, label));
    cmd.addAll(List.of(more));
    return run(cmd, Map.of(PIN_VARIABLE, pin));
  }

  private static String run(List<String> command, Map<String, String> env) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        fail(command.get(0) + " " + command.get(1) + " failed: " + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
