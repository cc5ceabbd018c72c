package io.colseal.operations.internal.audit;

import io.colseal.operations.report.AuditReport.PiiSampling;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Finds columns that are not registered as encrypted but look like personal data: by name, and by a
 * bounded sample of each character column ({@code SELECT col FROM t WHERE col IS NOT NULL} with
 * {@code setMaxRows}). Only masked examples leave this class.
 */
public final class PiiScanner {
  private static final Set<Integer> CHARACTER_TYPES =
      Set.of(Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR);
  private static final int MAX_EXAMPLES = 3;

  private final int sampleRows;

  public PiiScanner(int sampleRows) {
    this.sampleRows = sampleRows;
  }

  /** A column of the catalog. */
  public record CatalogColumn(String table, String column, int jdbcType) {}

  /**
   * Every column of every table of the connection's current schema (catalog for MariaDB/MySQL),
   * except colseal's own tables, in catalog order.
   */
  public static List<CatalogColumn> catalog(Connection c) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    String schema = c.getSchema();
    String catalog = c.getCatalog();
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = md.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String t = rs.getString("TABLE_NAME");
        if (!t.toLowerCase(Locale.ROOT).startsWith("colseal_")) {
          tables.add(t);
        }
      }
    }
    tables.sort(String.CASE_INSENSITIVE_ORDER);
    List<CatalogColumn> out = new ArrayList<>();
    for (String t : tables) {
      try (ResultSet rs = md.getColumns(catalog, schema, escape(t, md.getSearchStringEscape()), "%")) {
        while (rs.next()) {
          out.add(new CatalogColumn(t, rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE")));
        }
      }
    }
    return out;
  }

  private static String escape(String name, @Nullable String esc) {
    if (esc == null || esc.isEmpty()) {
      return name;
    }
    return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
  }

  /**
   * The suspects among {@code columns} for which {@code registered} is false. A column is a suspect
   * when at least half of its sampled values match one detector (VALUES, or NAME_AND_VALUES when its
   * name points to the same kind), when its name points to a kind and at least one sampled value
   * matches that kind (NAME_AND_VALUES), or when its name points to a kind and it has no value to
   * sample (NAME).
   */
  public List<PiiSuspect> scan(Connection c, List<CatalogColumn> columns, Predicate<CatalogColumn> registered)
      throws SQLException {
    String quote = c.getMetaData().getIdentifierQuoteString().strip();
    List<PiiSuspect> out = new ArrayList<>();
    for (CatalogColumn col : columns) {
      if (registered.test(col)) {
        continue;
      }
      Optional<String> byName = PiiDetectors.kindOfName(col.column());
      boolean character = CHARACTER_TYPES.contains(col.jdbcType());
      if (!character && byName.isEmpty()) {
        continue;
      }
      Sample sample = character ? sample(c, quote, col) : new Sample(0, Map.of(), Map.of());
      PiiSuspect s = judge(col, byName.orElse(null), sample);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private static @Nullable PiiSuspect judge(CatalogColumn col, @Nullable String nameKind, Sample sample) {
    String best = null;
    long bestMatches = 0;
    for (Map.Entry<String, Long> e : sample.matches().entrySet()) {
      if (e.getValue() > bestMatches) {
        best = e.getKey();
        bestMatches = e.getValue();
      }
    }
    if (best != null && sample.sampled() > 0 && bestMatches * 2 >= sample.sampled()) {
      String reason = best.equals(nameKind) ? "NAME_AND_VALUES" : "VALUES";
      return suspect(col, best, reason, sample, bestMatches);
    }
    if (nameKind == null) {
      return null;
    }
    long nameMatches = sample.matches().getOrDefault(nameKind, 0L);
    if (nameMatches >= 1) {
      return suspect(col, nameKind, "NAME_AND_VALUES", sample, nameMatches);
    }
    if (sample.sampled() == 0) {
      return suspect(col, nameKind, "NAME", sample, 0);
    }
    return null;
  }

  private static PiiSuspect suspect(CatalogColumn col, String kind, String reason, Sample sample, long matches) {
    return new PiiSuspect(col.table().toLowerCase(Locale.ROOT), col.column().toLowerCase(Locale.ROOT), kind, reason,
        sample.sampled(), matches, sample.examples().getOrDefault(kind, List.of()));
  }

  private record Sample(long sampled, Map<String, Long> matches, Map<String, List<String>> examples) {}

  private Sample sample(Connection c, String quote, CatalogColumn col) throws SQLException {
    String q = quote.isEmpty() ? "" : quote;
    String column = q + col.column().replace(q, q + q) + q;
    String table = q + col.table().replace(q, q + q) + q;
    long sampled = 0;
    Map<String, Long> matches = new LinkedHashMap<>();
    Map<String, List<String>> examples = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + column + " FROM " + table + " WHERE " + column + " IS NOT NULL")) {
      ps.setMaxRows(sampleRows);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && sampled < sampleRows) {
          String v = rs.getString(1);
          if (v == null) {
            continue;
          }
          sampled++;
          Optional<String> kind = PiiDetectors.kindOf(v);
          if (kind.isPresent()) {
            matches.merge(kind.get(), 1L, Long::sum);
            List<String> ex = examples.computeIfAbsent(kind.get(), k -> new ArrayList<>());
            if (ex.size() < MAX_EXAMPLES) {
              ex.add(PiiDetectors.mask(kind.get(), v));
            }
          }
        }
      }
    }
    return new Sample(sampled, matches, examples);
  }

  // Part B (issue 15, defect 5): what the scan covers, for the report's scope. Keep these in step
  // with catalog() and sample(): the report states them as what the scan did.

  /** The schemas (catalogs on MariaDB/MySQL) whose tables {@link #catalog} lists: the connection's current one. */
  public static List<String> catalogSchemas(Connection c) throws SQLException {
    String schema = c.getSchema();
    if (schema == null) {
      schema = c.getCatalog();
    }
    return schema == null ? List.of() : List.of(schema);
  }

  /** How {@link #scan} chooses the values it reads. */
  public PiiSampling sampling() {
    if (sampleRows == 0) {
      return new PiiSampling("NAMES_ONLY", 0, "column names only; no value was read",
          "컬럼 이름만 검사했으며 값은 읽지 않았습니다");
    }
    return new PiiSampling("FIRST_NON_NULL_ROWS", sampleRows, "the first " + sampleRows + " non-NULL values of each"
        + " unregistered character column, in the order the database returns them (not random)",
        "등록되지 않은 각 문자 컬럼에서 데이터베이스가 돌려주는 순서대로 NULL이 아닌 처음 " + sampleRows + "개 값 (무작위 아님)");
  }
}
