package io.colseal.kms.pkcs11;

import io.colseal.config.Setting;
import io.colseal.config.Settings;
import io.colseal.exception.ColsealConfigException;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.KmsProviderFactory;
import io.colseal.kms.KmsSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code colseal.kms.provider=pkcs11}: a KEK inside a PKCS#11 token, through the JDK's SunPKCS11.
 *
 * <ul>
 *   <li>{@code colseal.kms.kek-id} (required): the KEK's label ({@code CKA_LABEL}).
 *   <li>{@code colseal.kms.pkcs11.library} (required): the vendor's PKCS#11 library.
 *   <li>{@code colseal.kms.pkcs11.slot} (a slot id) or {@code colseal.kms.pkcs11.slot-index}
 *       (default 0): which token.
 *   <li>The user PIN from the file {@code colseal.kms.pkcs11.pin-file}, else from the environment
 *       variable named by {@code colseal.kms.pkcs11.pin-env} (default {@code COLSEAL_PKCS11_PIN}).
 *       There is no setting that holds the PIN itself, so it can never be on a command line.
 *   <li>{@code colseal.kms.pkcs11.max-sessions} (default 4) and {@code
 *       colseal.kms.pkcs11.session-wait} (default {@code PT10S}).
 * </ul>
 */
public final class Pkcs11KmsProviderFactory implements KmsProviderFactory {
  /** {@code colseal.kms.pkcs11.library}: path of the HSM vendor's PKCS#11 library. */
  public static final Setting<Path> LIBRARY = Setting.of("colseal.kms.pkcs11.library", Path.class, null,
      "the path of a PKCS#11 library, such as /usr/lib/softhsm/libsofthsm2.so", s -> Path.of(s.trim()));

  /** {@code colseal.kms.pkcs11.slot}: the slot id of the token; wins over {@link #SLOT_INDEX}. */
  public static final Setting<Long> SLOT = Setting.of("colseal.kms.pkcs11.slot", Long.class, null,
      "a PKCS#11 slot id, a whole number from 0 to 2147483647", Pkcs11KmsProviderFactory::slotId);

  /** {@code colseal.kms.pkcs11.slot-index}: the token's position in the library's list of slots with a token. */
  public static final Setting<Long> SLOT_INDEX = Setting.number("colseal.kms.pkcs11.slot-index", 0, 0, 1023);

  /** {@code colseal.kms.pkcs11.pin-env}: the name of the environment variable that holds the user PIN. */
  public static final Setting<String> PIN_ENV = Setting.of("colseal.kms.pkcs11.pin-env", String.class,
      "COLSEAL_PKCS11_PIN", "the name of an environment variable", Pkcs11KmsProviderFactory::variableName);

  /** {@code colseal.kms.pkcs11.pin-file}: a file that holds the user PIN (one line); wins over {@link #PIN_ENV}. */
  public static final Setting<Path> PIN_FILE = Setting.of("colseal.kms.pkcs11.pin-file", Path.class, null,
      "a file path", s -> Path.of(s.trim()));

  /** {@code colseal.kms.pkcs11.max-sessions}: the most token operations colseal runs at once. */
  public static final Setting<Long> MAX_SESSIONS = Setting.number("colseal.kms.pkcs11.max-sessions", 4, 1, 1024);

  /** {@code colseal.kms.pkcs11.session-wait}: how long an operation waits for a free session before failing. */
  public static final Setting<Duration> SESSION_WAIT = Setting.duration("colseal.kms.pkcs11.session-wait",
      Duration.ofSeconds(10), Duration.ZERO, Duration.ofMinutes(10));

  /** For {@link java.util.ServiceLoader}. */
  public Pkcs11KmsProviderFactory() {}

  @Override
  public String name() {
    return Pkcs11KmsProvider.NAME;
  }

  @Override
  public List<Setting<?>> settings() {
    return List.of(LIBRARY, SLOT, SLOT_INDEX, PIN_ENV, PIN_FILE, MAX_SESSIONS, SESSION_WAIT);
  }

  @Override
  public KmsProvider create(Settings settings) {
    String label = checkLabel(settings.require(KmsSettings.KEK_ID, "the label of the KEK's key object on the token"));
    return Pkcs11KmsProvider.open(openToken(settings), label,
        Math.toIntExact(settings.require(MAX_SESSIONS, "the session limit")),
        settings.require(SESSION_WAIT, "how long to wait for a session"));
  }

  /**
   * Creates the KEK {@code label} on the configured token ({@code colseal kek create --provider
   * pkcs11}): an AES-256 key generated inside the token, a token object, sensitive and never
   * extractable. A label in use is refused before anything is made.
   *
   * @return what the token reports about the new key object
   * @throws ColsealConfigException if the token cannot be opened or the label is taken
   */
  public static CreatedKek createKek(Settings settings, String label) {
    checkLabel(label);
    try (Pkcs11Token token = openToken(settings)) {
      if (token.hasLabel(label)) {
        throw new ColsealConfigException("the PKCS#11 token in " + token.slot() + " has an object labelled '" + label
            + "' already; choose another label. No key was created");
      }
      KekObject kek = token.generateAes256(label).requireKekAttributes(token.slot());
      return new CreatedKek(label, token.slot(), token.library().toString(), kek.attributes(), kek.bits());
    }
  }

  /**
   * A KEK made by {@link #createKek}.
   *
   * @param label its {@code CKA_LABEL}, to use as {@code colseal.kms.kek-id}
   * @param slot {@code slot N} or {@code slot index N}, as configured
   * @param library the PKCS#11 library
   * @param attributes {@code CKA_TOKEN=true, CKA_SENSITIVE=true, CKA_EXTRACTABLE=false}, as the token reports them
   * @param bits the key length the token reports
   */
  public record CreatedKek(String label, String slot, String library, String attributes, int bits) {}

  private static Pkcs11Token openToken(Settings settings) {
    Path library = settings.require(LIBRARY, "the path of the HSM's PKCS#11 library");
    @Nullable Long slot = settings.find(SLOT).orElse(null);
    if (slot != null && settings.isSet(SLOT_INDEX)) {
      throw new ColsealConfigException("set colseal.kms.pkcs11.slot or colseal.kms.pkcs11.slot-index, not both");
    }
    char[] pin = pin(settings);
    try {
      return Pkcs11Token.open(library, slot, settings.require(SLOT_INDEX, "the slot index"), pin);
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  /** The user PIN from {@link #PIN_FILE}, else from the variable {@link #PIN_ENV} names. The caller zeroes it. */
  private static char[] pin(Settings settings) {
    Path file = settings.find(PIN_FILE).orElse(null);
    if (file != null) {
      return pinFromFile(file);
    }
    String variable = settings.require(PIN_ENV, "the environment variable that holds the PIN");
    String value = System.getenv(variable);
    if (value == null || value.isEmpty()) {
      throw new ColsealConfigException("the PKCS#11 user PIN is read from the environment variable " + variable
          + " (colseal.kms.pkcs11.pin-env), which is not set; set it, or name a file with colseal.kms.pkcs11.pin-file");
    }
    return value.toCharArray();
  }

  private static char[] pinFromFile(Path file) {
    try {
      if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        if (perms.contains(PosixFilePermission.OTHERS_READ)) {
          throw new ColsealConfigException("the PKCS#11 PIN file " + file + " (colseal.kms.pkcs11.pin-file) can be read"
              + " by every user; make it readable by its owner only (chmod 600)");
        }
      }
      byte[] bytes = Files.readAllBytes(file);
      try {
        CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes));
        int end = chars.limit();
        while (end > 0 && (chars.get(end - 1) == '\n' || chars.get(end - 1) == '\r')) {
          end--;
        }
        char[] pin = new char[end];
        chars.get(pin, 0, end);
        Arrays.fill(chars.array(), '\0');
        if (pin.length == 0) {
          throw new ColsealConfigException("the PKCS#11 PIN file " + file + " (colseal.kms.pkcs11.pin-file) is empty");
        }
        return pin;
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    } catch (CharacterCodingException e) {
      throw new ColsealConfigException("the PKCS#11 PIN file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new ColsealConfigException("cannot read the PKCS#11 PIN file " + file + " (colseal.kms.pkcs11.pin-file): "
          + e.getClass().getSimpleName(), e);
    }
  }

  private static String checkLabel(String label) {
    if (label.isBlank() || label.length() > 64 || !label.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new ColsealConfigException("a PKCS#11 KEK label (colseal.kms.kek-id) is 1 to 64 printable ASCII"
          + " characters, got '" + label.replaceAll("[^\\x20-\\x7e]", "?") + "'");
    }
    return label;
  }

  private static Long slotId(String text) {
    long id = Long.parseLong(text.trim().replace("_", ""));
    if (id < 0 || id > Integer.MAX_VALUE) { // SunPKCS11 reads the slot id as a Java int
      throw new IllegalArgumentException("out of range");
    }
    return id;
  }

  private static String variableName(String text) {
    String name = text.trim();
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new IllegalArgumentException("not a variable name");
    }
    return name;
  }
}
