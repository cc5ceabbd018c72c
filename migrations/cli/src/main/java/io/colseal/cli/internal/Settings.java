package io.colseal.cli.internal;

import static java.util.Objects.requireNonNull;

import io.colseal.ColsealSettings;
import io.colseal.config.Redaction;
import io.colseal.config.Setting;
import io.colseal.exception.ColsealConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The CLI's settings, resolved per setting from three places, first found wins: (1) the command
 * line (dedicated flags and {@code --set NAME=VALUE}), (2) environment variables ({@code
 * COLSEAL_JDBC_URL}, and each setting's name upper-cased with dots and dashes turned into
 * underscores), (3) the properties file of {@code --config} or {@code COLSEAL_CONFIG}.
 *
 * <p>Values are never merged: the winner is used as a whole. Secrets ({@link
 * ColsealSettings#isSecret}) never appear in {@link #toString()}, {@link #describe()} or messages.
 */
public final class Settings {
  public static final String JDBC_URL = "colseal.jdbc.url";
  public static final String JDBC_USER = "colseal.jdbc.user";
  public static final String JDBC_PASSWORD = "colseal.jdbc.password";
  public static final String CONFIG_VARIABLE = "COLSEAL_CONFIG";

  /** Where a value came from. */
  public enum Origin {
    FLAG("command line"),
    ENVIRONMENT("environment"),
    FILE("config file");

    private final String label;

    Origin(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private record Entry(String value, Origin origin) {}

  private final Map<String, Entry> entries;
  private final Map<String, String> flagNames;

  private Settings(Map<String, Entry> entries, Map<String, String> flagNames) {
    this.entries = entries;
    this.flagNames = flagNames;
  }

  /**
   * Resolves the settings.
   *
   * @param flags settings given on the command line, by setting name
   * @param flagNames the dedicated flag of a setting ({@code colseal.jdbc.url} → {@code --jdbc-url}), for messages
   * @param environment the process environment (injectable for tests)
   * @param configFile the {@code --config} file; when null, {@code COLSEAL_CONFIG} is consulted
   * @throws ColsealConfigException if a setting name is not a {@code colseal.*} name, or the file cannot be read
   */
  public static Settings resolve(Map<String, String> flags, Map<String, String> flagNames,
      Map<String, String> environment, @Nullable Path configFile) {
    Map<String, String> file = readFile(configFile, environment);
    TreeSet<String> names = new TreeSet<>(knownSettings());
    names.addAll(flags.keySet());
    names.addAll(file.keySet());
    for (String name : names) {
      if (!name.startsWith("colseal.")) {
        throw new ColsealConfigException("setting names start with 'colseal.', got '" + name + "'");
      }
    }
    Map<String, Entry> entries = new TreeMap<>();
    for (String name : names) {
      String v = flags.get(name);
      Origin origin = Origin.FLAG;
      if (v == null) {
        v = environment.get(Setting.environmentVariable(name));
        origin = Origin.ENVIRONMENT;
      }
      if (v == null) {
        v = file.get(name);
        origin = Origin.FILE;
      }
      if (v != null) {
        entries.put(name, new Entry(v, origin));
      }
    }
    return new Settings(entries, Map.copyOf(flagNames));
  }

  /**
   * Every setting the library and the CLI know, so their environment variables are read even when
   * no other place mentions them: the CLI's {@code colseal.jdbc.*}, colseal's own settings and
   * those of every KEK provider on the class path ({@link ColsealSettings#all()}).
   */
  static List<String> knownSettings() {
    List<String> names = new ArrayList<>(List.of(JDBC_URL, JDBC_USER, JDBC_PASSWORD));
    names.addAll(ColsealSettings.all().keySet());
    return names;
  }

  private static Map<String, String> readFile(@Nullable Path configFile, Map<String, String> environment) {
    Path path = configFile;
    if (path == null) {
      String fromEnv = environment.get(CONFIG_VARIABLE);
      if (fromEnv == null || fromEnv.isBlank()) {
        return Map.of();
      }
      path = Path.of(fromEnv.trim());
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new ColsealConfigException("cannot read the config file " + path + " (--config or " + CONFIG_VARIABLE
          + "): " + e.getClass().getSimpleName(), e);
    } catch (IllegalArgumentException e) {
      throw new ColsealConfigException("the config file " + path + " is not a valid properties file", e);
    }
    Map<String, String> out = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith("colseal.")) {
        out.put(name, p.getProperty(name));
      }
    }
    return out;
  }

  /** The value of {@code name}, if set anywhere. */
  public Optional<String> get(String name) {
    Entry e = entries.get(name);
    return e == null ? Optional.empty() : Optional.of(e.value());
  }

  /** Where the value of {@code name} came from, if it is set. */
  public Optional<Origin> origin(String name) {
    Entry e = entries.get(name);
    return e == null ? Optional.empty() : Optional.of(e.origin());
  }

  /**
   * The value of {@code name}, or a {@code CONFIG_INVALID} error naming its flag, its environment
   * variable and its property.
   */
  public String require(String name) {
    Optional<String> v = get(name).filter(s -> !s.isBlank());
    if (v.isEmpty()) {
      throw new ColsealConfigException(name + " is not set: " + howToSet(name));
    }
    return ColsealSettings.isSecret(name) ? v.get() : v.get().trim();
  }

  /** "pass --kek-id, set COLSEAL_KMS_KEK_ID, or put colseal.kms.kek-id in the --config file". */
  public String howToSet(String name) {
    String flag = flagNames.getOrDefault(name, "--set " + name + "=...");
    return "pass " + flag + ", set " + Setting.environmentVariable(name) + ", or put " + name
        + " in the --config file";
  }

  /** A copy with {@code name} set as if given on the command line (for a prompted password). */
  public Settings with(String name, String value) {
    Map<String, Entry> copy = new TreeMap<>(entries);
    copy.put(requireNonNull(name, "name"), new Entry(requireNonNull(value, "value"), Origin.FLAG));
    return new Settings(copy, flagNames);
  }

  /** The library's settings, for {@code ColsealConfig.fromProperties}: all but {@code colseal.jdbc.*}. */
  public Map<String, String> librarySettings() {
    Map<String, String> out = new TreeMap<>();
    entries.forEach((k, e) -> {
      if (!k.startsWith("colseal.jdbc.")) {
        out.put(k, e.value());
      }
    });
    return Collections.unmodifiableMap(out);
  }

  /** The values of secret settings, so output can be checked against them. */
  public List<String> secretValues() {
    List<String> out = new ArrayList<>();
    entries.forEach((k, e) -> {
      if (ColsealSettings.isSecret(k) && !e.value().isEmpty()) {
        out.add(e.value());
      }
    });
    return out;
  }

  /** One line per setting, {@code name = value (origin)}; secrets as {@code ****}, URLs masked. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    entries.forEach((k, e) -> lines.add(k + " = " + shown(k, e.value()) + " (" + e.origin().label() + ")"));
    return lines;
  }

  private static String shown(String name, String value) {
    return ColsealSettings.isSecret(name) ? "****" : Redaction.maskUrl(value);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Settings{");
    boolean first = true;
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      sb.append(first ? "" : ", ").append(e.getKey()).append('=').append(shown(e.getKey(), e.getValue().value()));
      first = false;
    }
    return sb.append('}').toString();
  }
}
