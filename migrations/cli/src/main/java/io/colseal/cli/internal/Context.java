package io.colseal.cli.internal;

import io.colseal.ColsealConfig;
import io.colseal.ColsealSettings;
import io.colseal.KeyAdmin;
import io.colseal.exception.ColsealConfigException;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.kms.local.LocalKeystoreKms;
import io.colseal.kms.local.LocalKmsProviderFactory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a command works with: the resolved settings, the database, the library's {@link KeyAdmin},
 * the terminal and the error stream. Settings are resolved on first use, after picocli has parsed
 * the command line.
 */
public final class Context {
  private final Supplier<Settings> resolver;
  private final Terminal terminal;
  private final PrintStream err;
  private final boolean verbose;
  private @Nullable Settings settings;

  public Context(Supplier<Settings> resolver, Terminal terminal, PrintStream err, boolean verbose) {
    this.resolver = resolver;
    this.terminal = terminal;
    this.err = err;
    this.verbose = verbose;
  }

  /** The settings, resolved once; with verbose, listed on stderr (secrets masked). */
  public Settings settings() {
    if (settings == null) {
      settings = resolver.get();
      if (verbose) {
        // Not "colseal: ...", which marks the error line.
        settings.describe().forEach(line -> err.println("setting " + line));
      }
    }
    return settings;
  }

  /** The settings resolved so far, or null before the first command needed them. */
  public @Nullable Settings resolvedSettings() {
    return settings;
  }

  public Terminal terminal() {
    return terminal;
  }

  /** Connections to {@code colseal.jdbc.url}; user and password are optional. */
  public ConnectionSource connections() {
    Settings s = settings();
    String url = s.require(Settings.JDBC_URL);
    return new DriverManagerConnections(url, s.get(Settings.JDBC_USER).orElse(null),
        s.get(Settings.JDBC_PASSWORD).orElse(null));
  }

  /** The library configuration from the settings (the {@code colseal.jdbc.*} ones excluded). */
  public ColsealConfig config() {
    return ColsealConfig.fromProperties(settings().librarySettings());
  }

  /**
   * Opens the key table. With {@code needsKms}, first checks that the KEK provider can be created:
   * provider, KEK id (defaulting to {@code defaultKekId} when given) and, for {@code local}, the
   * keystore and its password (prompted for when a console is attached).
   */
  public KeyAdmin openKeyAdmin(boolean needsKms, @Nullable String defaultKekId) {
    if (needsKms) {
      requireKms(defaultKekId);
    }
    return KeyAdmin.open(connections(), config());
  }

  /**
   * Checks that the KMS settings are complete (provider, KEK id, for {@code local} the keystore and
   * its password, asked for at a prompt if need be) without opening anything; {@code defaultKekId}
   * is used when {@code colseal.kms.kek-id} is not set.
   */
  public void requireKmsSettings(@Nullable String defaultKekId) {
    requireKms(defaultKekId);
  }

  private void requireKms(@Nullable String defaultKekId) {
    Settings s = settings();
    String provider = s.require(ColsealSettings.KMS_PROVIDER.name());
    if (defaultKekId != null && s.get(ColsealSettings.KEK_ID.name()).isEmpty()) {
      settings = s.with(ColsealSettings.KEK_ID.name(), defaultKekId);
    }
    settings().require(ColsealSettings.KEK_ID.name());
    if (provider.equals(LocalKeystoreKms.NAME)) {
      settings().require(LocalKmsProviderFactory.KEYSTORE.name());
      keystorePassword();
    }
  }

  /**
   * The local keystore's password: the setting, or typed at a prompt without echo when a console is
   * attached. The caller zeroes the array.
   */
  public char[] keystorePassword() {
    String name = LocalKmsProviderFactory.KEYSTORE_PASSWORD.name();
    var given = settings().get(name).filter(p -> !p.isEmpty());
    if (given.isPresent()) {
      return given.get().toCharArray();
    }
    if (terminal.interactive()) {
      char[] typed = terminal.readPassword("Keystore password: ");
      if (typed != null && typed.length > 0) {
        settings = settings().with(name, new String(typed));
        return typed;
      }
      if (typed != null) {
        Arrays.fill(typed, '\0');
      }
    }
    throw new ColsealConfigException(name + " is not set and no console is attached to ask for it: "
        + settings().howToSet(name));
  }

  /** The local keystore path: {@code --keystore} or the setting. */
  public Path keystore() {
    return Path.of(settings().require(LocalKmsProviderFactory.KEYSTORE.name()));
  }

  /** Raw settings for the AWS client of {@code kek create}. */
  public Map<String, String> librarySettings() {
    return settings().librarySettings();
  }
}
