package io.colseal.cli;

import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Context;
import io.colseal.cli.internal.UsageException;
import io.colseal.operations.report.CommandReport;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code colseal keys destroy}: erases a version's wrapped key (crypto-shredding). Without {@code
 * --force} the library refuses while values are still under the version; with it, the operator
 * confirms by repeating {@code <table>:v<version>}, on the command line or at a prompt.
 */
@Command(name = "destroy", description = {"Destroy a DECRYPT_ONLY or RETIRED version: values under it can never "
    + "be decrypted again. Never the ACTIVE version. Refused while values are still encrypted under it, unless "
    + "--force with a confirmation."})
final class KeysDestroyCommand extends AbstractCommand {
  @Option(names = "--table", paramLabel = "TABLE", required = true)
  String table = "";

  @Option(names = "--version", paramLabel = "N", required = true)
  int version;

  @Option(names = "--force", description = "Destroy even though values are still encrypted under the version.")
  boolean force;

  @Option(names = "--confirm", paramLabel = "TABLE:vN",
      description = "With --force: the table and version again, e.g. customers:v1; without it, a console prompt asks.")
  @Nullable String confirm;

  @Override
  CommandReport execute(Context context) {
    String expected = table + ":v" + version;
    if (confirm != null && !force) {
      throw new UsageException("--confirm only goes with --force; without --force nothing needs confirming");
    }
    if (force) {
      confirm(context, expected);
    }
    try (KeyAdmin admin = context.openKeyAdmin(false, null)) {
      return StateChange.run(admin, "destroy", table, version, force, () -> admin.destroy(table, version, force));
    }
  }

  private void confirm(Context context, String expected) {
    if (confirm != null) {
      if (!confirm.equals(expected)) {
        throw new UsageException("--confirm " + confirm + " does not match " + expected + "; nothing was destroyed");
      }
      return;
    }
    if (!context.terminal().interactive()) {
      throw new UsageException("--force destroys " + expected + " although values may still be encrypted under it;"
          + " confirm with --confirm " + expected);
    }
    String typed = context.terminal().readLine(
        "Values still under " + expected + " will be lost for good. Type " + expected + " to destroy it: ");
    if (typed == null || !typed.trim().equals(expected)) {
      throw new UsageException("confirmation did not match " + expected + "; nothing was destroyed");
    }
  }
}
