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
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Finds columns that are not registered as encrypted but hold personal data, in every schema the
 * connection can read (or the ones asked for): by a bounded random sample of each column's
 * non-empty values ({@link PiiSampler}), searched for every kind ({@link PiiDetectors#find}), and by
 * name where the column has no value to sample. Only masked examples leave this class.
 *
 * <p>Design note, the rules per column and kind, with {@code n} non-empty values sampled and
 * {@code m} of them containing the kind:
 * <ul>
 *   <li>a strong match (check digit, a layout only that kind uses, an {@code @}) in at least one
 *       value reports the kind (VALUES), so an RRN in 2% of a memo column's rows is found;
 *   <li>weak matches only (a Korean passport shape) report it when {@code m >= n/2};
 *   <li>the name pointing to the kind and {@code m >= 1} report NAME_AND_VALUES;
 *   <li>the name alone reports NAME only for a character column with no value to sample: a
 *       boolean, date or number is never personal data by its name;
 *   <li>card numbers are dropped where the name says tracking/invoice/order ids (unless it also
 *       says card) or where fewer than 90% of the column's Luhn-valid numbers carry a card issuer's
 *       prefix: Luhn-valid ids are 1 in 10 of all numbers, issuer prefixes about 1 in 4.
 * </ul>
 * A 6-digit date column and a 7-digit column of the same table whose joined values are valid RRNs
 * are reported as one RRN split over two columns (SPLIT_COLUMNS). A password-named character
 * column whose values are not all recognised one-way hashes is reported as kind PASSWORD.
 * Confidence: HIGH for at least half the values (or name and values agreeing), MEDIUM for 5%,
 * LOW below, and LOW for a name alone.
 */
public final class PiiScanner {
  private static final Set<Integer> CHARACTER_TYPES =
      Set.of(Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR);
  /** Types that can hold text besides the character types: CLOBs and JSON. */
  private static final Set<Integer> TEXT_TYPES = Set.of(Types.CLOB, Types.NCLOB, Types.SQLXML);
  /** Numbers wide enough to hold a card, account or phone number: sampled, but never judged by name. */
  private static final Set<Integer> WIDE_NUMBER_TYPES = Set.of(Types.BIGINT, Types.DECIMAL, Types.NUMERIC);
  private static final Set<String> SYSTEM_SCHEMAS =
      Set.of("information_schema", "pg_catalog", "mysql", "performance_schema", "sys");
  private static final int MAX_EXAMPLES = 3;

  private final int sampleRows;
  private final long largeTableRows;

  public PiiScanner(int sampleRows) {
    this(sampleRows, PiiSampler.LARGE_TABLE_ROWS);
  }

  /** With the row estimate from which a table is sampled without a full scan (tests lower it). */
  public PiiScanner(int sampleRows, long largeTableRows) {
    this.sampleRows = sampleRows;
    this.largeTableRows = largeTableRows;
  }

  /** A table of the catalog; {@code schema} is its schema (MariaDB: database). */
  public record CatalogTable(@Nullable String schema, String name, @Nullable String integerKey) {}

  /**
   * A column of the catalog.
   *
   * @param table the table's name, qualified with its schema unless that is the connection's own
   * @param schema the schema (MariaDB: database) it is in
   * @param typeName the database's name of its type ({@code jsonb}, {@code JSON}...)
   */
  public record CatalogColumn(String table, String column, int jdbcType, @Nullable String schema, String typeName,
      String tableName, @Nullable String integerKey) {
    /** A column of the connection's own schema. */
    public CatalogColumn(String table, String column, int jdbcType) {
      this(table, column, jdbcType, null, "", table, null);
    }

    boolean isCharacter() {
      return CHARACTER_TYPES.contains(jdbcType);
    }

    boolean isText() {
      String t = typeName.toLowerCase(Locale.ROOT);
      return isCharacter() || TEXT_TYPES.contains(jdbcType) || t.equals("json") || t.equals("jsonb")
          || t.equals("text") || t.contains("clob");
    }

    boolean isWideNumber() {
      return WIDE_NUMBER_TYPES.contains(jdbcType);
    }

    CatalogTable catalogTable() {
      return new CatalogTable(schema, tableName, integerKey);
    }
  }

  /** The schemas read and the columns found in them. */
  public record Catalog(List<String> schemas, List<CatalogColumn> columns) {
    public Catalog {
      schemas = List.copyOf(schemas);
      columns = List.copyOf(columns);
    }

    /** This catalog with the columns {@code keep} accepts. */
    public Catalog filter(Predicate<CatalogColumn> keep) {
      return new Catalog(schemas, columns.stream().filter(keep).toList());
    }
  }

  /**
   * What the scan covered, for the report's scope.
   *
   * @param schemasScanned schemas (MariaDB: databases) whose tables were read
   * @param samplingMethod the sampling methods used, joined with {@code +} (RANDOM_ORDER,
   *     TABLESAMPLE_SYSTEM, TABLESAMPLE_BERNOULLI, KEYSET_RANDOM), or NONE
   * @param sampleRows the bound on values sampled per column
   * @param columnsScanned columns sampled or judged by name
   * @param unreadableTables tables whose values could not be read (no SELECT privilege), qualified
   */
  public record Summary(List<String> schemasScanned, String samplingMethod, int sampleRows, int columnsScanned,
      List<String> unreadableTables) {
    public Summary {
      schemasScanned = List.copyOf(schemasScanned);
      unreadableTables = List.copyOf(unreadableTables);
    }
  }

  /** The suspects and what the scan covered. */
  public record Result(List<PiiSuspect> suspects, Summary summary) {
    public Result {
      suspects = List.copyOf(suspects);
    }
  }

  /** Every column of every table of the connection's current schema, except colseal's own tables. */
  public static List<CatalogColumn> catalog(Connection c) throws SQLException {
    return catalog(c, List.of(currentSchema(c))).columns();
  }

  /**
   * Every column of every table of {@code schemas} (empty: every schema the connection may use,
   * system schemas left out), except colseal's own tables, by schema and table name.
   */
  public static Catalog catalog(Connection c, List<String> schemas) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    boolean catalogs = PiiSampler.dialect(md) == PiiSampler.Dialect.MARIADB;
    String current = currentSchema(c);
    List<String> read = schemas.isEmpty() ? readableSchemas(c, catalogs) : schemas;
    List<CatalogColumn> out = new ArrayList<>();
    for (String schema : read) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = catalogs ? md.getTables(schema, null, "%", new String[] {"TABLE"})
          : md.getTables(null, schema, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          String t = rs.getString("TABLE_NAME");
          if (!t.toLowerCase(Locale.ROOT).startsWith("colseal_")) {
            tables.add(t);
          }
        }
      }
      tables.sort(String.CASE_INSENSITIVE_ORDER);
      for (String t : tables) {
        String key = integerKey(md, catalogs, schema, t);
        String shown = schema.equals(current) ? t : schema + "." + t;
        String pattern = escape(t, md.getSearchStringEscape());
        try (ResultSet rs = catalogs ? md.getColumns(schema, null, pattern, "%")
            : md.getColumns(null, escape(schema, md.getSearchStringEscape()), pattern, "%")) {
          while (rs.next()) {
            out.add(new CatalogColumn(shown, rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), schema,
                String.valueOf(rs.getString("TYPE_NAME")), t, key));
          }
        }
      }
    }
    return new Catalog(read, out);
  }

  private static String currentSchema(Connection c) throws SQLException {
    String s = PiiSampler.dialect(c.getMetaData()) == PiiSampler.Dialect.MARIADB ? c.getCatalog() : c.getSchema();
    return s == null ? "" : s;
  }

  private static List<String> readableSchemas(Connection c, boolean catalogs) throws SQLException {
    List<String> out = new ArrayList<>();
    PiiSampler.Dialect d = PiiSampler.dialect(c.getMetaData());
    String sql = d == PiiSampler.Dialect.POSTGRESQL
        ? "SELECT nspname FROM pg_namespace WHERE has_schema_privilege(nspname, 'USAGE') ORDER BY nspname" : null;
    if (sql != null) {
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } else {
      try (ResultSet rs = catalogs ? c.getMetaData().getCatalogs() : c.getMetaData().getSchemas()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    out.removeIf(s -> SYSTEM_SCHEMAS.contains(s.toLowerCase(Locale.ROOT))
        || s.toLowerCase(Locale.ROOT).startsWith("pg_"));
    out.sort(String.CASE_INSENSITIVE_ORDER);
    return out;
  }

  private static @Nullable String integerKey(DatabaseMetaData md, boolean catalogs, String schema, String table)
      throws SQLException {
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = catalogs ? md.getPrimaryKeys(schema, null, table) : md.getPrimaryKeys(null, schema, table)) {
      while (rs.next()) {
        keys.add(rs.getString("COLUMN_NAME"));
      }
    }
    if (keys.size() != 1) {
      return null;
    }
    try (ResultSet rs = catalogs ? md.getColumns(schema, null, escape(table, md.getSearchStringEscape()),
        escape(keys.get(0), md.getSearchStringEscape()))
        : md.getColumns(null, schema, escape(table, md.getSearchStringEscape()),
            escape(keys.get(0), md.getSearchStringEscape()))) {
      return rs.next() && PiiSampler.isInteger(rs.getInt("DATA_TYPE")) ? keys.get(0) : null;
    }
  }

  private static String escape(String name, @Nullable String esc) {
    if (esc == null || esc.isEmpty()) {
      return name;
    }
    return name.replace(esc, esc + esc).replace("_", esc + "_").replace("%", esc + "%");
  }

  /** The suspects among the catalog's columns for which {@code registered} is false, and the summary. */
  public Result scan(Connection c, Catalog catalog, Predicate<CatalogColumn> registered) throws SQLException {
    PiiSampler sampler = new PiiSampler(c, sampleRows, largeTableRows);
    List<PiiSuspect> out = new ArrayList<>();
    Set<String> unreadable = new TreeSet<>();
    int scanned = 0;
    Map<String, List<CatalogColumn>> fronts = new LinkedHashMap<>();
    Map<String, List<CatalogColumn>> backs = new LinkedHashMap<>();
    for (CatalogColumn col : catalog.columns()) {
      if (registered.test(col) || unreadable.contains(col.table())) {
        continue;
      }
      Optional<String> byName = PiiDetectors.kindOfName(col.column());
      boolean password = col.isCharacter() && PiiDetectors.isPasswordName(col.column());
      if (!col.isText() && !col.isWideNumber()) {
        continue;
      }
      scanned++;
      List<String[]> rows;
      try {
        rows = sampler.sample(col.catalogTable(), List.of(col));
      } catch (SQLException e) {
        // No SELECT privilege (or a type the database cannot compare): the scope lists the table as not
        // read, so the report makes no claim about it; the rest of the scan goes on.
        unreadable.add(col.table());
        endFailedTransaction(c);
        continue;
      }
      List<String> values = rows.stream().map(r -> r[0]).toList();
      if (password) {
        PiiSuspect s = password(col, values);
        if (s != null) {
          out.add(s);
        }
        continue;
      }
      out.addAll(judge(col, col.isText() ? byName.orElse(null) : null, values));
      if (!values.isEmpty() && values.stream().filter(PiiDetectors::isRrnFront).count() * 10 >= values.size() * 8L) {
        fronts.computeIfAbsent(col.table(), t -> new ArrayList<>()).add(col);
      }
      if (!values.isEmpty() && values.stream().filter(PiiDetectors::isRrnBack).count() * 10 >= values.size() * 8L) {
        backs.computeIfAbsent(col.table(), t -> new ArrayList<>()).add(col);
      }
    }
    for (Map.Entry<String, List<CatalogColumn>> e : fronts.entrySet()) {
      for (CatalogColumn front : e.getValue()) {
        for (CatalogColumn back : backs.getOrDefault(e.getKey(), List.of())) {
          out.addAll(split(c, sampler, front, back, unreadable));
        }
      }
    }
    String method = sampler.methodsUsed().isEmpty() ? "NONE" : String.join("+", sampler.methodsUsed());
    return new Result(out, new Summary(catalog.schemas(), method, sampleRows, scanned, List.copyOf(unreadable)));
  }

  /**
   * Outside auto-commit, a failed query aborts the transaction on PostgreSQL and every later query
   * would fail too: roll back (the scan only reads) so the next table is read.
   */
  private static void endFailedTransaction(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.rollback();
    }
  }

  /** The suspects of one column: one per kind found, in the order of {@link PiiDetectors#KINDS}. */
  private static List<PiiSuspect> judge(CatalogColumn col, @Nullable String nameKind, List<String> values) {
    Map<String, long[]> counts = new LinkedHashMap<>(); // kind -> {values with a match, values with a strong one}
    Map<String, List<String>> examples = new LinkedHashMap<>();
    long luhnWithoutIssuer = 0;
    for (String v : values) {
      Set<String> seen = new TreeSet<>();
      Set<String> strong = new TreeSet<>();
      for (PiiDetectors.Match m : PiiDetectors.find(v, nameKind)) {
        if (seen.add(m.kind())) {
          List<String> ex = examples.computeIfAbsent(m.kind(), k -> new ArrayList<>());
          if (ex.size() < MAX_EXAMPLES) {
            ex.add(PiiDetectors.mask(m.kind(), v.substring(m.start(), m.end())));
          }
        }
        if (m.strong()) {
          strong.add(m.kind());
        }
      }
      seen.forEach(k -> counts.computeIfAbsent(k, x -> new long[2])[0]++);
      strong.forEach(k -> counts.computeIfAbsent(k, x -> new long[2])[1]++);
      if (PiiDetectors.luhnWithoutIssuer(v)) {
        luhnWithoutIssuer++;
      }
    }
    long n = values.size();
    List<PiiSuspect> out = new ArrayList<>();
    for (String kind : PiiDetectors.KINDS) {
      long[] c = counts.get(kind);
      if (c == null) {
        if (kind.equals(nameKind) && n == 0 && col.isCharacter()) {
          out.add(suspect(col, kind, "NAME", 0, 0, List.of(), "LOW"));
        }
        continue;
      }
      long m = c[0];
      boolean named = kind.equals(nameKind);
      if (kind.equals("CARD_NUMBER") && !named
          && (PiiDetectors.nameDeniesCard(col.column()) || m * 10 < (m + luhnWithoutIssuer) * 9)) {
        continue;
      }
      if (!named && c[1] == 0 && m * 2 < n) {
        continue;
      }
      if (!named && nameKind != null && m * 5 < n) {
        // A few of a column named for another kind: digits of that kind that happen to fit (a 13-digit account
        // number with an RRN's date and check digit), not a second kind.
        continue;
      }
      String confidence = named || m * 2 >= n ? "HIGH" : m * 20 >= n ? "MEDIUM" : "LOW";
      out.add(suspect(col, kind, named ? "NAME_AND_VALUES" : "VALUES", n, m, examples.get(kind), confidence));
    }
    return out;
  }

  private static @Nullable PiiSuspect password(CatalogColumn col, List<String> values) {
    List<String> plain = values.stream().filter(v -> !PiiDetectors.isPasswordHash(v)).toList();
    if (values.isEmpty() || plain.isEmpty()) {
      return null;
    }
    List<String> examples = plain.stream().limit(1).map(v -> PiiDetectors.mask(PiiDetectors.PASSWORD, v)).toList();
    return suspect(col, PiiDetectors.PASSWORD, "NAME_AND_VALUES", values.size(), plain.size(), examples, "HIGH");
  }

  private List<PiiSuspect> split(Connection c, PiiSampler sampler, CatalogColumn front, CatalogColumn back,
      Set<String> unreadable) throws SQLException {
    List<String[]> rows;
    try {
      rows = sampler.sample(front.catalogTable(), List.of(front, back));
    } catch (SQLException e) {
      unreadable.add(front.table()); // the pair was not checked: not a claim of "no split RRN"
      endFailedTransaction(c);
      return List.of();
    }
    long valid = 0;
    List<String> examples = new ArrayList<>();
    for (String[] r : rows) {
      String kind = PiiDetectors.rrnKind(r[0].strip() + "-" + r[1].strip());
      if (kind != null) {
        valid++;
        if (examples.size() < MAX_EXAMPLES) {
          examples.add(PiiDetectors.mask("RRN", r[0].strip() + "-" + r[1].strip()));
        }
      }
    }
    if (rows.isEmpty() || valid * 2 < rows.size()) {
      return List.of();
    }
    String confidence = valid * 10 >= rows.size() * 9L ? "HIGH" : "MEDIUM";
    return List.of(suspect(front, "RRN", "SPLIT_COLUMNS", rows.size(), valid, examples, confidence),
        suspect(back, "RRN", "SPLIT_COLUMNS", rows.size(), valid, examples, confidence));
  }

  private static PiiSuspect suspect(CatalogColumn col, String kind, String reason, long sampled, long matches,
      List<String> examples, String confidence) {
    return new PiiSuspect(col.table().toLowerCase(Locale.ROOT), col.column().toLowerCase(Locale.ROOT), kind, reason,
        sampled, matches, examples, confidence);
  }

  // Part B (issue 15, defect 5): the report's scope states the sampling as the scan did it.

  /** How a scan chose the values it read, as its {@code summary} reports it. */
  public static PiiSampling sampling(Summary summary) {
    if (summary.sampleRows() == 0) {
      return new PiiSampling("NAMES_ONLY", 0, "column names only; no value was read",
          "컬럼 이름만 검사했으며 값은 읽지 않았습니다");
    }
    int n = summary.sampleRows();
    return new PiiSampling(summary.samplingMethod(), n, "at most " + n + " non-NULL, non-empty values of each"
        + " unregistered column, drawn at random over the whole table (seeded, so the same data gives the same sample)",
        "등록되지 않은 각 컬럼에서 NULL이나 빈 값이 아닌 값을 테이블 전체에서 무작위로 최대 " + n
            + "개 (시드 고정: 같은 데이터는 같은 표본)");
  }
}
