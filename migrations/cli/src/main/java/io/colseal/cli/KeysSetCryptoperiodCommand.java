package io.colseal.cli;

import io.colseal.ColsealSettings;
import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Context;
import io.colseal.keys.Identifiers;
import io.colseal.operations.report.CommandReport;
import io.colseal.operations.report.CryptoperiodReport;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code colseal keys set-cryptoperiod}: the explicit, logged change of the cryptoperiod recorded
 * with data key versions (also how versions created before key table V0_7 get one).
 */
@Command(name = "set-cryptoperiod", description = {"Change the recorded ends of the cryptoperiod of one version "
    + "(--version) or of every version not DESTROYED (--all-versions): the originator-usage period from activation, "
    + "the validity period from creation. Each change is logged as a CRYPTOPERIOD key event with the reason."})
final class KeysSetCryptoperiodCommand extends AbstractCommand {
  @Option(names = "--table", paramLabel = "TABLE", required = true)
  String table = "";

  @ArgGroup(exclusive = true, multiplicity = "1")
  Versions versions = new Versions();

  static final class Versions {
    @Option(names = "--version", paramLabel = "N", description = "One version.")
    @Nullable Integer version;

    @Option(names = "--all-versions", description = "Every version of the table that is not DESTROYED.")
    boolean all;
  }

  @Option(names = "--originator-period", paramLabel = "PERIOD",
      description = "New originator-usage period (ISO-8601, P1D..P3650D), counted from activation.")
  @Nullable String originatorPeriod;

  @Option(names = "--validity-period", paramLabel = "PERIOD",
      description = "New validity period (ISO-8601, P1D..P3650D), counted from creation.")
  @Nullable String validityPeriod;

  @Option(names = "--reason", paramLabel = "TEXT",
      description = "Why (recorded in the key event, at most 200 characters): a policy or ticket reference.")
  @Nullable String reason;

  @Override
  CommandReport execute(Context context) {
    Duration use = originatorPeriod == null ? null : ColsealSettings.ORIGINATOR_PERIOD.parse(originatorPeriod);
    Duration validity = validityPeriod == null ? null : ColsealSettings.VALIDITY_PERIOD.parse(validityPeriod);
    try (KeyAdmin admin = context.openKeyAdmin(false, null)) {
      List<KeyAdmin.CryptoperiodChange> changes =
          admin.setCryptoperiod(table, versions.all ? null : versions.version, use, validity, reason);
      return new CryptoperiodReport(Identifiers.normalize(table), use == null ? null : use.toString(),
          validity == null ? null : validity.toString(), reason, changes.stream().map(c -> new CryptoperiodReport.Change(
              c.version(), c.previousUseEndsAt(), c.useEndsAt(), c.previousValidUntil(), c.validUntil())).toList());
    }
  }
}
