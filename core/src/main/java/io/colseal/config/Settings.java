package io.colseal.config;

import java.util.Optional;

/**
 * Resolved settings, as a KEK provider sees them ({@link io.colseal.kms.KmsProviderFactory#create}):
 * every source (code, properties, system properties, environment variables) already merged and
 * parsed. Implemented by {@code io.colseal.ColsealConfig}.
 */
public interface Settings {
  /** The value of {@code setting}: the one set anywhere, else its default; empty if neither. */
  <T> Optional<T> find(Setting<T> setting);

  /**
   * The value of {@code setting}, set or default.
   *
   * @param why what the value is for, for the message: "the alias of the KEK in the keystore"
   * @throws io.colseal.exception.ColsealConfigException naming the setting, why it is needed and
   *     every way to set it, if it has no value (a blank text counts as none)
   */
  <T> T require(Setting<T> setting, String why);

  /** Whether {@code setting} was set somewhere, as opposed to taking its default. */
  boolean isSet(Setting<?> setting);
}
