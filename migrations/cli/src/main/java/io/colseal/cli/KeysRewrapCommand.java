package io.colseal.cli;

import io.colseal.ColsealSettings;
import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Context;
import io.colseal.keys.KeyVersion;
import io.colseal.operations.report.CommandReport;
import io.colseal.operations.report.RewrapReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code colseal keys rewrap}: wraps the data keys under another KEK; no data row is touched. */
@Command(name = "rewrap", description = {"Wrap every data key version of a table (destroyed ones excepted) under "
    + "another KEK. With aws-kms this is ReEncrypt inside KMS. --all: every table of the key table and of the "
    + "column registry. Without --kek-id, the provider is opened with the target KEK.",
    "--to-provider moves the keys to a KEK of another provider (local or aws-kms to pkcs11, and back): each key is "
        + "unwrapped by the provider that wrapped it and wrapped by the target."})
final class KeysRewrapCommand extends AbstractCommand {
  @Option(names = "--to-kek", paramLabel = "KEK", required = true,
      description = "The KEK that wraps the keys afterwards: KMS key id, ARN or alias, or keystore alias.")
  String toKek = "";

  @Option(names = "--to-provider", paramLabel = "NAME",
      description = "The provider of --to-kek when it is not the configured one (colseal.kms.provider): local, aws-kms "
          + "or pkcs11. Its settings come from the same places as the configured provider's.")
  @Nullable String toProvider;

  @ArgGroup(exclusive = true, multiplicity = "1")
  TableChoice target = new TableChoice();

  @Override
  CommandReport execute(Context context) {
    String configured = context.settings().require(ColsealSettings.KMS_PROVIDER.name()).trim();
    boolean across = toProvider != null && !toProvider.trim().equals(configured);
    // Within one provider it may be opened with the target KEK; across, the configured KEK must be named.
    try (KeyAdmin admin = context.openKeyAdmin(true, across ? null : toKek)) {
      List<RewrapReport.Rewrapped> done = new ArrayList<>();
      for (String table : target.keyAndRegistryTables(admin)) {
        Map<Integer, KeyVersion> before = new HashMap<>();
        admin.list(table).forEach(v -> before.put(v.version(), v));
        for (KeyVersion v : admin.rewrap(table, across ? toProvider.trim() : null, toKek)) {
          KeyVersion was = before.get(v.version());
          done.add(new RewrapReport.Rewrapped(v.table(), v.version(), was == null ? "" : was.kekProvider(),
              was == null ? "" : was.kekId(), v.kekId()));
        }
      }
      return new RewrapReport(across ? toProvider.trim() : configured, toKek, done);
    }
  }
}
