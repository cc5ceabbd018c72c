package io.colseal;

import io.colseal.exception.ColsealConfigException;
import io.colseal.internal.keystore.DataKeyTable;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.KmsSettings;
import io.colseal.kms.local.LocalKeystoreKms;
import io.colseal.kms.local.LocalKmsProviderFactory;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up check behind {@code colseal.kms.local.create-if-missing}: a misspelled {@code
 * colseal.kms.kek-id} would silently create a second KEK and wrap every new key under it. When the
 * configured local KEK differs from the one the tables' ACTIVE keys are wrapped by, a WARN names
 * both KEK ids (never key material); with {@code colseal.environment=prod} (or {@code production})
 * the start is refused with {@code CONFIG_INVALID}.
 */
final class KekConsistency {
  private static final Logger LOG = LoggerFactory.getLogger(KekConsistency.class);
  private static final Set<String> PRODUCTION = Set.of("prod", "production");

  private KekConsistency() {}

  /**
   * Checks the KEK {@code config} names (its provider instance's, or {@code colseal.kms.kek-id}):
   * called before the provider is created from the settings, since creating it creates the KEK.
   */
  static void check(ColsealConfig config, DataKeyTable keyTable) {
    String provider = config.kmsProvider().map(KmsProvider::name).or(config::kmsProviderName).orElse(null);
    String kekId = config.kmsProvider().map(KmsProvider::kekId).or(() -> config.find(KmsSettings.KEK_ID)).orElse(null);
    if (!LocalKeystoreKms.NAME.equals(provider) || kekId == null
        || !config.find(LocalKmsProviderFactory.CREATE_IF_MISSING).orElse(false)) {
      return;
    }
    Map<String, Set<String>> tablesByKek = new TreeMap<>();
    for (KeyVersion v : keyTable.listAll()) {
      if (v.state() == KeyState.ACTIVE && v.kekProvider().equals(provider) && !v.kekId().equals(kekId)) {
        tablesByKek.computeIfAbsent(v.kekId(), k -> new TreeSet<>()).add(v.table());
      }
    }
    if (tablesByKek.isEmpty()) {
      return;
    }
    StringBuilder others = new StringBuilder();
    tablesByKek.forEach((kek, tables) -> others.append(others.length() == 0 ? "" : "; ").append("local KEK '")
        .append(kek).append("' (").append(String.join(", ", tables)).append(')'));
    String message = "colseal.kms.kek-id is '" + kekId + "' but the ACTIVE data keys are wrapped by " + others
        + ": with colseal.kms.local.create-if-missing=true a misspelled kek-id creates a second KEK, and new keys"
        + " are wrapped under it. Set colseal.kms.kek-id to the KEK in use, or move the keys with 'colseal keys"
        + " rewrap' first";
    if (isProduction(config.environment())) {
      throw new ColsealConfigException(message + "; refused because colseal.environment is " + config.environment());
    }
    LOG.warn("{}", message);
  }

  private static boolean isProduction(@Nullable String environment) {
    return environment != null && PRODUCTION.contains(environment.toLowerCase(Locale.ROOT));
  }
}
