package io.colseal.operations.report;

import io.colseal.operations.internal.TextTable;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code colseal keys set-cryptoperiod}: the recorded ends of each version's cryptoperiod before
 * and after the change, each change logged as a {@code CRYPTOPERIOD} key event.
 *
 * @param originatorPeriod the originator-usage period given (ISO-8601, from activation), null when
 *     the recorded use ends were kept
 * @param validityPeriod the validity period given (ISO-8601, from creation), null when kept
 * @param reason the reason recorded with the events, null when none was given
 */
public record CryptoperiodReport(String table, @Nullable String originatorPeriod, @Nullable String validityPeriod,
    @Nullable String reason, List<Change> versions) implements CommandReport {
  public CryptoperiodReport {
    versions = List.copyOf(versions);
  }

  /** One version; a {@code previous} end is null when it was not recorded (a version older than V0_7). */
  public record Change(int version, @Nullable Instant previousUseEndsAt, Instant useEndsAt,
      @Nullable Instant previousValidUntil, Instant validUntil) {}

  @Override
  public String toText() {
    TextTable t = new TextTable("TABLE", "VERSION", "USE ENDS (BEFORE)", "USE ENDS", "VALID UNTIL (BEFORE)",
        "VALID UNTIL");
    versions.forEach(c -> t.row(table, "v" + c.version(), shown(c.previousUseEndsAt()), c.useEndsAt(),
        shown(c.previousValidUntil()), c.validUntil()));
    return t.render() + "Recorded as CRYPTOPERIOD key events" + (reason == null ? "" : " (reason: " + reason + ")")
        + ".\n";
  }

  private static Object shown(@Nullable Instant at) {
    return at == null ? "not recorded" : at;
  }
}
