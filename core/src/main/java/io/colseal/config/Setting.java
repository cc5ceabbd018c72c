package io.colseal.config;

import static java.util.Objects.requireNonNull;

import io.colseal.exception.ColsealConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One named setting: its name ({@code colseal.keys.cache-ttl}), its type, its default, whether it
 * holds a secret, and the one parser that turns what a user wrote into a value. colseal's own
 * settings are declared in {@code io.colseal.ColsealSettings}; a KEK provider declares its own in
 * {@link io.colseal.kms.KmsProviderFactory#settings()}, so a provider's settings are read, checked,
 * documented and masked exactly like colseal's.
 *
 * <pre>{@code
 * static final Setting<Duration> CALL_TIMEOUT = Setting.duration(
 *     "colseal.kms.aws.call-timeout", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>A value that does not parse, or lies outside the setting's range, fails with {@link
 * ColsealConfigException} naming the setting and what it accepts; it is never replaced by the
 * default. A secret's value never appears in a message or a {@code toString()}. Immutable and thread
 * safe.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {
  private final String name;
  private final Class<T> type;
  private final @Nullable T defaultValue;
  private final boolean secret;
  private final String accepts;
  private final Function<String, T> parser;
  private final Function<T, T> check;

  private Setting(String name, Class<T> type, @Nullable T defaultValue, boolean secret, String accepts,
      Function<String, T> parser, Function<T, T> check) {
    this.name = requireName(name);
    this.type = requireNonNull(type, "type");
    this.secret = secret;
    this.accepts = requireNonNull(accepts, "accepts");
    this.parser = requireNonNull(parser, "parser");
    this.check = requireNonNull(check, "check");
    this.defaultValue = defaultValue == null ? null : checked(defaultValue);
  }

  private static String requireName(String name) {
    requireNonNull(name, "name");
    if (!name.matches("colseal(\\.[a-z0-9]+(-[a-z0-9]+)*)+")) {
      throw new IllegalArgumentException("a setting name is 'colseal.' followed by lower-case dotted words, got '"
          + name + "'");
    }
    return name;
  }

  /** A text setting without a default; surrounding whitespace is removed and blank counts as unset. */
  public static Setting<String> text(String name, String accepts) {
    return new Setting<>(name, String.class, null, false, accepts, String::trim, v -> v);
  }

  /**
   * A secret text setting without a default: used exactly as given (a password may start or end
   * with a space), never shown.
   */
  public static Setting<String> secret(String name) {
    return new Setting<>(name, String.class, null, true, "a secret", s -> s, v -> v);
  }

  /** {@code true} or {@code false}, in any case. */
  public static Setting<Boolean> flag(String name, boolean defaultValue) {
    return new Setting<>(name, Boolean.class, defaultValue, false, "true or false", Setting::parseBoolean, v -> v);
  }

  /** An ISO-8601 duration ({@code PT5M}) from {@code min} to {@code max}. */
  public static Setting<Duration> duration(String name, @Nullable Duration defaultValue, Duration min, Duration max) {
    return new Setting<>(name, Duration.class, defaultValue, false,
        "an ISO-8601 duration from " + min + " to " + max + " (such as PT5M)", Setting::parseDuration,
        v -> inRange(v, min, max));
  }

  /** A whole number from {@code min} to {@code max}; {@code _} may group digits ({@code 10_000}). */
  public static Setting<Long> number(String name, long defaultValue, long min, long max) {
    return new Setting<>(name, Long.class, defaultValue, false, "a whole number from " + min + " to " + max,
        Setting::parseLong, v -> inRange(v, min, max));
  }

  /** One of the constants of {@code type}, by name in any case ({@code migrate}, {@code MIGRATE}). */
  public static <E extends Enum<E>> Setting<E> choice(String name, Class<E> type, @Nullable E defaultValue) {
    StringBuilder names = new StringBuilder();
    E[] constants = type.getEnumConstants();
    for (int i = 0; i < constants.length; i++) {
      names.append(i == 0 ? "" : i == constants.length - 1 ? " or " : ", ")
          .append(constants[i].name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return new Setting<>(name, type, defaultValue, false, names.toString(), s -> {
      String wanted = s.trim().replace('-', '_');
      for (E e : constants) {
        if (e.name().equalsIgnoreCase(wanted)) {
          return e;
        }
      }
      throw new IllegalArgumentException("unknown constant");
    }, v -> v);
  }

  /**
   * A setting of any type: {@code parser} turns the text into a value and throws {@link
   * IllegalArgumentException} when it cannot; {@code accepts} says what it accepts, for messages
   * ("an http(s) URL").
   */
  public static <T> Setting<T> of(String name, Class<T> type, @Nullable T defaultValue, String accepts,
      Function<String, T> parser) {
    return new Setting<>(name, type, defaultValue, false, accepts, parser, v -> v);
  }

  /** The name: {@code colseal.keys.cache-ttl}. */
  public String name() {
    return name;
  }

  /** The type of the value. */
  public Class<T> type() {
    return type;
  }

  /** The value used when the setting is not set anywhere. */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /** Whether the value is a secret: never logged, never in a message, masked in every listing. */
  public boolean isSecret() {
    return secret;
  }

  /** What the setting accepts, in words: "an ISO-8601 duration from PT0S to PT1H (such as PT5M)". */
  public String accepts() {
    return accepts;
  }

  /** The environment variable that can carry it: {@code COLSEAL_KEYS_CACHE_TTL}. */
  public String environmentVariable() {
    return environmentVariable(name);
  }

  /** The environment variable for a setting name: upper case, dots and dashes as underscores. */
  public static String environmentVariable(String settingName) {
    return settingName.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * The value of {@code raw}: a value of this setting's type is checked against its range; text (or
   * a number, boolean, path or enum, taken as text) is parsed.
   *
   * @throws ColsealConfigException naming the setting and what it accepts, without the value when
   *     the setting is secret
   */
  public T parse(Object raw) {
    requireNonNull(raw, "raw");
    if (type.isInstance(raw) && !(raw instanceof String)) {
      return checked(type.cast(raw));
    }
    if (!(raw instanceof String || raw instanceof Boolean || raw instanceof Number || raw instanceof Path
        || raw instanceof Enum<?> || raw instanceof Duration)) {
      throw new ColsealConfigException(name + " must be given as text or as a " + type.getSimpleName() + ", got a "
          + raw.getClass().getName());
    }
    String text = raw instanceof Enum<?> e ? e.name() : raw.toString();
    T value;
    try {
      value = parser.apply(text);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw invalid(text, e);
    }
    return checked(value);
  }

  private T checked(T value) {
    try {
      return check.apply(value);
    } catch (IllegalArgumentException e) {
      throw invalid(String.valueOf(value), e);
    }
  }

  private ColsealConfigException invalid(String text, Exception cause) {
    String shown = secret ? "****" : Redaction.maskUrl(text);
    // The cause may quote the value; keep it only for non-secret settings.
    return new ColsealConfigException(name + " must be " + accepts + ", got '" + shown + "'", secret ? null : cause);
  }

  /** The value as it may be shown: {@code ****} for secrets, URLs with their credentials masked. */
  public String shown(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    return secret ? "****" : Redaction.maskUrl(value.toString());
  }

  private static Boolean parseBoolean(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return true;
    }
    if (t.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException("not a boolean");
  }

  private static Long parseLong(String s) {
    return Long.parseLong(s.trim().replace("_", ""));
  }

  private static Duration parseDuration(String s) {
    return Duration.parse(s.trim());
  }

  private static <C extends Comparable<C>> C inRange(C value, C min, C max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException("out of range");
    }
    return value;
  }

  /** Settings are equal when their names are: a name denotes one setting. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Setting<?> s && s.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
