package io.colseal.cli;

import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Context;
import io.colseal.operations.report.CommandReport;
import io.colseal.operations.report.KeysInitReport;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code colseal keys init}: creates the ACTIVE data key of tables that have none. */
@Command(name = "init", description = {"Create the ACTIVE data key of a table that has none, for deployments "
    + "with colseal.keys.auto-create=false. --all: every table of the column registry."})
final class KeysInitCommand extends AbstractCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  TableChoice target = new TableChoice();

  @Override
  CommandReport execute(Context context) {
    try (KeyAdmin admin = context.openKeyAdmin(true, null)) {
      List<KeysInitReport.TableInit> tables = new ArrayList<>();
      for (String table : target.registryTables(admin)) {
        KeyAdmin.InitResult r = admin.init(table);
        tables.add(new KeysInitReport.TableInit(r.version().table(), r.version().version(), r.created()));
      }
      return new KeysInitReport(tables);
    }
  }
}
