package io.colseal.cli;

import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Context;
import io.colseal.operations.report.ColumnsReport;
import io.colseal.operations.report.CommandReport;
import picocli.CommandLine.Command;

/** {@code colseal columns list}: the column registry. */
@Command(name = "list", description = "List the encrypted columns applications registered (colseal_column).")
final class ColumnsListCommand extends AbstractCommand {
  @Override
  CommandReport execute(Context context) {
    try (KeyAdmin admin = context.openKeyAdmin(false, null)) {
      return new ColumnsReport(admin.columns().stream().map(c -> new ColumnsReport.ColumnEntry(c.table(), c.column(),
          c.javaType(), c.storage(), c.mode(), c.classification(), c.entity(), c.attribute(), c.registeredAt(),
          c.lastSeenAt())).toList());
    }
  }
}
