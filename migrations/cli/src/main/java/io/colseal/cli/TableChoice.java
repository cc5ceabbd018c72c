package io.colseal.cli;

import io.colseal.KeyAdmin;
import io.colseal.keys.KeyVersion;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --table T | --all}: exactly one, enforced by picocli's exclusive argument group. */
final class TableChoice {
  @Option(names = "--table", paramLabel = "TABLE", required = true, description = "One table.")
  @Nullable String table;

  @Option(names = "--all", required = true, description = "Every table (see the command's description).")
  boolean all;

  /** The table given, or every table of the column registry. */
  List<String> registryTables(KeyAdmin admin) {
    return table != null ? List.of(table) : admin.registeredTables();
  }

  /** The table given, or every table of the key table and of the registry, distinct and sorted. */
  List<String> keyAndRegistryTables(KeyAdmin admin) {
    if (table != null) {
      return List.of(table);
    }
    TreeSet<String> tables = new TreeSet<>(admin.registeredTables());
    admin.list().stream().map(KeyVersion::table).forEach(tables::add);
    return List.copyOf(tables);
  }
}
