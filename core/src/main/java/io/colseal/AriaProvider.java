package io.colseal;

import io.colseal.exception.ColsealConfigException;
import io.colseal.internal.crypto.AriaGcm;

/**
 * What runs ARIA-256-GCM under {@code colseal.crypto.aria-provider}, as colseal finds it: for
 * reports (the audit's algorithm inventory). Describes the implementation only, never a key.
 */
public final class AriaProvider {
  private AriaProvider() {}

  /**
   * The implementation {@code config} names, as it reports itself: {@code BC 1.78.1 (BouncyCastle
   * lightweight API)} for {@code BC}, otherwise the installed JCA provider's name and version.
   *
   * @throws ColsealConfigException (CONFIG_INVALID) naming the setting if it is not installed or
   *     has no {@code ARIA/GCM/NoPadding}
   */
  public static String describe(ColsealConfig config) {
    return AriaGcm.withProvider(config.ariaProvider()).describe();
  }

  /** Whether {@code config} names BouncyCastle ({@code BC}), which is not a KCMVP-validated module. */
  public static boolean isBouncyCastle(ColsealConfig config) {
    return AriaGcm.withProvider(config.ariaProvider()).isBouncyCastle();
  }
}
