package io.colseal.cli;

import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Context;
import io.colseal.operations.report.CommandReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code colseal keys retire}: DECRYPT_ONLY to RETIRED (reversible with reactivate). */
@Command(name = "retire", description = {"Retire a DECRYPT_ONLY version: kept, but no longer used to decrypt "
    + "(KEY_DISABLED). Refused while values are still encrypted under it, unless --force."})
final class KeysRetireCommand extends AbstractCommand {
  @Option(names = "--table", paramLabel = "TABLE", required = true)
  String table = "";

  @Option(names = "--version", paramLabel = "N", required = true)
  int version;

  @Option(names = "--force", description = "Retire even though values are still encrypted under the version.")
  boolean force;

  @Override
  CommandReport execute(Context context) {
    try (KeyAdmin admin = context.openKeyAdmin(false, null)) {
      return StateChange.run(admin, "retire", table, version, force, () -> admin.retire(table, version, force));
    }
  }
}
