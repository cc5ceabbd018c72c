package io.colseal.cli;

import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Context;
import io.colseal.operations.report.CommandReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code colseal keys reactivate}: RETIRED back to DECRYPT_ONLY. */
@Command(name = "reactivate", description = "Make a RETIRED version DECRYPT_ONLY again.")
final class KeysReactivateCommand extends AbstractCommand {
  @Option(names = "--table", paramLabel = "TABLE", required = true)
  String table = "";

  @Option(names = "--version", paramLabel = "N", required = true)
  int version;

  @Override
  CommandReport execute(Context context) {
    try (KeyAdmin admin = context.openKeyAdmin(false, null)) {
      return StateChange.run(admin, "reactivate", table, version, false, () -> admin.reactivate(table, version));
    }
  }
}
