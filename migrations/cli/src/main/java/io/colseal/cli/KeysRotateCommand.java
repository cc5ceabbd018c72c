package io.colseal.cli;

import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Context;
import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.keys.UnreadableKeyVersion;
import io.colseal.operations.report.CommandReport;
import io.colseal.operations.report.RotateReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/**
 * {@code colseal keys rotate}: a new ACTIVE version per table. Every table must have an ACTIVE key;
 * if one has none, nothing is rotated (so {@code --all} never stops half-way for that reason). A table
 * whose ACTIVE version cannot be told because a row names an algorithm or state this release does
 * not know is left alone and reported; the others are rotated, and the command exits with 25.
 */
@Command(name = "rotate", description = {"Create a new ACTIVE data key version; the previous one becomes "
    + "DECRYPT_ONLY. --all: every table of the key table and of the column registry."})
final class KeysRotateCommand extends AbstractCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  TableChoice target = new TableChoice();

  @Override
  CommandReport execute(Context context) {
    try (KeyAdmin admin = context.openKeyAdmin(true, null)) {
      Map<String, Integer> active = new LinkedHashMap<>();
      List<String> missing = new ArrayList<>();
      List<UnreadableKeyVersion> unreadable = new ArrayList<>();
      for (String table : target.keyAndRegistryTables(admin)) {
        if (target.table == null && BlindIndexKeys.isBlindIndexKey(table)) {
          continue; // blind-index keys are never rotated; --all leaves them alone
        }
        Optional<KeyVersion> current = admin.list(table).stream().filter(v -> v.state() == KeyState.ACTIVE).findFirst();
        List<UnreadableKeyVersion> unknown = admin.unreadable(table);
        if (current.isPresent()) {
          active.put(table, current.get().version());
        } else if (!unknown.isEmpty()) {
          unreadable.addAll(unknown); // its ACTIVE version may be one this release cannot read: left alone
        } else {
          missing.add(table);
        }
      }
      if (!missing.isEmpty()) {
        throw new ColsealException(ErrorCode.KEY_NOT_FOUND, "no ACTIVE data key for " + String.join(", ", missing)
            + "; create it with 'colseal keys init' first; nothing was rotated");
      }
      List<RotateReport.TableRotation> done = new ArrayList<>();
      for (Map.Entry<String, Integer> e : active.entrySet()) {
        KeyVersion now = admin.rotate(e.getKey());
        done.add(new RotateReport.TableRotation(now.table(), e.getValue(), now.version()));
      }
      return new RotateReport(done, unreadable);
    }
  }
}
