package io.colseal.spring.internal;

import io.colseal.Colseal;
import io.colseal.exception.ColsealException;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.kms.KekStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code colseal} health indicator reports, whichever Boot line shows it: whether the key
 * table answers, what the KEK provider says of the KEK, and each ACTIVE key's age against its
 * originator-usage period ({@code colseal.keys.originator-period}). DOWN when the key table cannot
 * be read or the KEK is not usable (unreachable, disabled, pending deletion, not found); an ACTIVE
 * key past its period is reported ({@code overdue}) but keeps the status UP: the data is still
 * readable and writable, and {@code colseal keys rotate} or {@code colseal.keys.rotate-overdue-at-startup}
 * fixes it.
 *
 * <p>The details show no more than {@code colseal keys list} does: tables, versions, states, ages,
 * the KEK provider's name and the KEK's state. No key material, no wrapped key, no key id or ARN.
 * Each check runs one key-table query and one KEK provider call ({@code describe_kek}).
 */
final class ColsealHealthCheck {
  /** Line-neutral result: UP or DOWN, and the details. */
  record Report(boolean up, Map<String, Object> details) {}

  private final Colseal colseal;
  private final Clock clock;

  ColsealHealthCheck(Colseal colseal) {
    this.colseal = colseal;
    this.clock = colseal.config().clock();
  }

  Report check() {
    Map<String, Object> details = new LinkedHashMap<>();
    boolean up = true;
    List<KeyVersion> versions = null;
    try {
      versions = colseal.keyRing().versions();
      details.put("keyTable", "reachable");
    } catch (ColsealException e) {
      up = false;
      details.put("keyTable", "unreachable: " + e.code());
    }
    Map<String, Object> kek = new LinkedHashMap<>();
    kek.put("provider", colseal.kekProviderName());
    try {
      KekStatus status = colseal.kekStatus();
      kek.put("state", status.state().name());
      if (status.state() != KekStatus.State.ENABLED) {
        up = false;
        kek.put("reason", reason(status.state()));
      }
    } catch (ColsealException e) {
      up = false;
      kek.put("state", KekStatus.State.UNKNOWN.name());
      kek.put("reason", "the KEK provider failed: " + e.code());
    }
    details.put("kek", kek);
    if (versions != null) {
      Duration period = colseal.config().originatorPeriod();
      Instant now = clock.instant();
      Map<String, Object> tables = new LinkedHashMap<>();
      List<String> overdue = new ArrayList<>();
      for (KeyVersion v : versions) {
        if (v.state() != KeyState.ACTIVE || BlindIndexKeys.isBlindIndexKey(v.table())) {
          continue;
        }
        Instant since = v.activated().orElse(v.createdAt());
        Duration age = Duration.between(since, now);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("activeVersion", v.version());
        t.put("activatedAt", since.toString());
        t.put("age", age.toString());
        t.put("originatorPeriod", period.toString());
        t.put("overdue", age.compareTo(period) > 0);
        if (age.compareTo(period) > 0) {
          overdue.add(v.table());
        }
        tables.put(v.table(), t);
      }
      details.put("tables", tables);
      if (!overdue.isEmpty()) {
        details.put("overdue", overdue);
      }
    }
    return new Report(up, details);
  }

  private static String reason(KekStatus.State state) {
    return switch (state) {
      case DISABLED -> "the KEK is disabled: no data key can be unwrapped or created";
      case PENDING_DELETION -> "the KEK is pending deletion";
      case NOT_FOUND -> "the KEK provider does not know the configured KEK";
      default -> "the KEK provider could not be reached or did not describe the KEK";
    };
  }
}
