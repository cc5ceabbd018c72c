package io.colseal.cli;

import io.colseal.ColumnRowCounts;
import io.colseal.KeyAdmin;
import io.colseal.cli.internal.Ages;
import io.colseal.cli.internal.Context;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KeyUnavailableException;
import io.colseal.keys.Identifiers;
import io.colseal.keys.KeyFlag;
import io.colseal.keys.KeyVersion;
import io.colseal.keys.UnreadableKeyVersion;
import io.colseal.operations.report.CommandReport;
import io.colseal.operations.report.KeysListReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code colseal keys list}: key versions, their state and what is due; optionally rows per version. */
@Command(name = "list", description = {"List data key versions per table: state, KEK, key check value, age, "
    + "encryptions reserved and flags. Needs no KMS access."})
final class KeysListCommand extends AbstractCommand {
  @Option(names = "--table", paramLabel = "TABLE", description = "Only this table.")
  @Nullable String table;

  @Option(names = "--count-rows", description = {"Count the values under each version, and those not encrypted, "
      + "over the registered columns (one scan per column; nothing is decrypted)."})
  boolean countRows;

  @Override
  CommandReport execute(Context context) {
    try (KeyAdmin admin = context.openKeyAdmin(false, null)) {
      Map<String, List<KeyVersion>> byTable = new TreeMap<>();
      for (KeyVersion v : table == null ? admin.list() : admin.list(table)) {
        byTable.computeIfAbsent(v.table(), t -> new ArrayList<>()).add(v);
      }
      List<UnreadableKeyVersion> unreadable = table == null ? admin.unreadable() : admin.unreadable(table);
      if (table != null && byTable.isEmpty() && unreadable.isEmpty()) {
        // As keys rotate and keys retire do: a named table without any key is an error, not an empty list.
        String t = Identifiers.normalize(table);
        throw new KeyUnavailableException(ErrorCode.KEY_NOT_FOUND, t, 0, "no data key for table " + t
            + " in colseal_data_key; create it with 'colseal keys init --table " + t + "'");
      }
      if (countRows) {
        List<String> registered = table == null ? admin.registeredTables() : registeredMatching(admin, table);
        registered.forEach(t -> byTable.computeIfAbsent(t, x -> new ArrayList<>()));
      }
      List<KeysListReport.TableKeys> tables = new ArrayList<>();
      byTable.forEach((t, versions) -> tables.add(table(admin, t, versions)));
      return new KeysListReport(countRows, tables, unreadable);
    }
  }

  private static List<String> registeredMatching(KeyAdmin admin, String table) {
    // countRows normalises the name as the registry does; a table with no registered column yields nothing.
    return admin.countRows(table).stream().map(ColumnRowCounts::table).distinct().toList();
  }

  private KeysListReport.TableKeys table(KeyAdmin admin, String t, List<KeyVersion> versions) {
    Map<Integer, Long> values = Map.of();
    Map<Integer, Long> rows = Map.of();
    Long notEncrypted = null;
    if (countRows) {
      // One scan of the table: each column's values per version, the rows per version, and the
      // values that are not envelopes.
      Map<Integer, Long> perVersion = new TreeMap<>();
      long plain = 0;
      Optional<KeyAdmin.TableCounts> counts = admin.countTable(t);
      for (ColumnRowCounts c : counts.map(KeyAdmin.TableCounts::columns).orElse(List.of())) {
        c.byKeyVersion().forEach((v, n) -> perVersion.merge(v, n, Long::sum));
        plain += c.notEncrypted();
      }
      values = perVersion;
      rows = counts.map(c -> c.rows().rowsWithAnyValue()).orElse(Map.of());
      notEncrypted = plain;
    }
    List<KeysListReport.KeyEntry> entries = new ArrayList<>();
    for (KeyVersion v : versions) {
      Duration age = admin.age(v);
      entries.add(new KeysListReport.KeyEntry(v.version(), v.state().name(), v.algorithm().name(), v.kekProvider(),
          v.kekId(), v.keyCheckValue(), v.createdAt(), v.activatedAt(), v.retiredAt(), v.destroyedAt(), v.useEndsAt(),
          v.validUntil(), age.toString(),
          Ages.human(age), v.encryptionsReserved(), admin.assess(v).stream().map(KeyFlag::name).toList(),
          countRows ? rows.getOrDefault(v.version(), 0L) : null,
          countRows ? values.getOrDefault(v.version(), 0L) : null));
    }
    return new KeysListReport.TableKeys(t, notEncrypted, entries);
  }
}
