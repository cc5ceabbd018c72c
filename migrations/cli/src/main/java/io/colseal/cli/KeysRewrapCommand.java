package io.colseal.cli;

import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Context;
import io.colseal.keys.KeyVersion;
import io.colseal.operations.report.CommandReport;
import io.colseal.operations.report.RewrapReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code colseal keys rewrap}: wraps the data keys under another KEK; no data row is touched. */
@Command(name = "rewrap", description = {"Wrap every data key version of a table (destroyed ones excepted) under "
    + "another KEK. With aws-kms this is ReEncrypt inside KMS. --all: every table of the key table and of the "
    + "column registry. Without --kek-id, the provider is opened with the target KEK."})
final class KeysRewrapCommand extends AbstractCommand {
  @Option(names = "--to-kek", paramLabel = "KEK", required = true,
      description = "The KEK that wraps the keys afterwards: KMS key id, ARN or alias, or keystore alias.")
  String toKek = "";

  @ArgGroup(exclusive = true, multiplicity = "1")
  TableChoice target = new TableChoice();

  @Override
  CommandReport execute(Context context) {
    try (KeyAdmin admin = context.openKeyAdmin(true, toKek)) {
      List<RewrapReport.Rewrapped> done = new ArrayList<>();
      for (String table : target.keyAndRegistryTables(admin)) {
        Map<Integer, String> before = new HashMap<>();
        admin.list(table).forEach(v -> before.put(v.version(), v.kekId()));
        for (KeyVersion v : admin.rewrap(table, toKek)) {
          done.add(new RewrapReport.Rewrapped(v.table(), v.version(), before.getOrDefault(v.version(), ""), v.kekId()));
        }
      }
      return new RewrapReport(toKek, done);
    }
  }
}
