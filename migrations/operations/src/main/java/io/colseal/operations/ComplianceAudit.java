package io.colseal.operations;

import static java.util.Objects.requireNonNull;

import io.colseal.Classification;
import io.colseal.ColsealConfig;
import io.colseal.ColumnRowCounts;
import io.colseal.TableRowCounts;
import io.colseal.EncryptionMode;
import io.colseal.KeyAdmin;
import io.colseal.RegisteredBlindIndex;
import io.colseal.RegisteredColumn;
import io.colseal.Storage;
import io.colseal.config.Redaction;
import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.keys.KeyAuditFields;
import io.colseal.keys.KeyFlag;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.kms.KekStatus;
import io.colseal.operations.audit.JsonAuditRenderer;
import io.colseal.operations.internal.audit.Findings;
import io.colseal.operations.internal.audit.JobRuns;
import io.colseal.operations.internal.audit.PiiScanner;
import io.colseal.operations.report.AuditReport.AlgorithmEntry;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.KekState;
import io.colseal.operations.report.AuditReport.Lifecycle;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.Policy;
import io.colseal.operations.report.AuditReport.RetiredUse;
import io.colseal.operations.report.AuditReport.Rotation;
import io.colseal.operations.report.AuditReport.Source;
import io.colseal.operations.report.AuditReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Collects the compliance column audit report ({@link AuditReport}) from the key table, the column
 * registry, the database catalog, row counts over the envelope headers (nothing decrypted, no row
 * fetched), the re-encryption job tables, a bounded sample of unregistered character columns, and
 * (unless turned off) the KMS's metadata of every KEK named in the key table.
 */
public final class ComplianceAudit {
  /** The report's {@code mode} of blind-index columns, beside RANDOMIZED and DETERMINISTIC. */
  static final String BLIND_INDEX_MODE = "BLIND_INDEX";
  private final ConnectionSource connections;
  private final ColsealConfig config;
  private final @Nullable Set<String> tables;
  private final int piiSampleRows;
  private final boolean queryKms;
  private final @Nullable LocalDate algorithmsReviewed;

  private ComplianceAudit(Builder b) {
    connections = b.connections;
    config = b.config;
    tables = b.tables == null ? null
        : b.tables.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    piiSampleRows = b.piiSampleRows;
    queryKms = b.queryKms;
    algorithmsReviewed = b.algorithmsReviewed;
  }

  public static Builder builder(ConnectionSource connections, ColsealConfig config) {
    return new Builder(connections, config);
  }

  /** Collects the report. */
  public AuditReport run() {
    try (KeyAdmin admin = KeyAdmin.open(connections, config)) {
      Instant now = config.clock().instant();
      List<KeyVersion> versions = admin.list().stream().filter(v -> inScope(v.table())).toList();
      List<RegisteredColumn> registered = admin.columns();
      List<RegisteredColumn> inScopeColumns = registered.stream().filter(c -> inScope(c.table())).toList();
      List<RegisteredBlindIndex> indexes = admin.blindIndexes().stream().filter(i -> inScope(i.table())).toList();
      List<String> registeredTables = inScopeColumns.stream().map(RegisteredColumn::table).distinct().sorted().toList();
      Map<String, ColumnRowCounts> counts = new HashMap<>();
      Map<String, TableRowCounts> tableRows = new HashMap<>();
      for (String t : registeredTables) {
        admin.countRows(t).forEach(c -> counts.put(c.table() + "." + c.column(), c));
        admin.countTableRows(t).ifPresent(r -> tableRows.put(t, r));
      }
      Map<String, KeyAuditFields> extra = new HashMap<>();
      admin.auditFields().forEach(f -> extra.put(f.table() + "#" + f.version(), f));

      Policy policy = new Policy(config.originatorPeriod(), config.validityPeriod(), config.usageCap(),
          config.keyCacheTtl());
      List<DekEntry> deks = deks(admin, versions, inScopeColumns, indexes, counts, tableRows, extra, now);
      List<KekEntry> keks = keks(admin, versions, extra);
      List<ColumnEntry> columns = new ArrayList<>(columns(inScopeColumns, counts, versions));

      Source source;
      List<PiiSuspect> suspects;
      Lifecycle lifecycle;
      List<JobRuns.StaleJob> staleJobs;
      Connection c = connections.open();
      try {
        source = source(c, admin);
        columns.addAll(blindIndexColumns(c, indexes, registered, versions));
        Set<String> registeredNames = registered.stream().map(r -> r.table() + "." + r.column())
            .collect(Collectors.toCollection(java.util.HashSet::new));
        admin.blindIndexes().forEach(i -> registeredNames.add(i.table() + "." + i.column()));
        List<PiiScanner.CatalogColumn> catalog = PiiScanner.catalog(c).stream()
            .filter(col -> inScope(col.table().toLowerCase(Locale.ROOT))).toList();
        suspects = new PiiScanner(piiSampleRows).scan(c, catalog, col -> registeredNames.contains(
            col.table().toLowerCase(Locale.ROOT) + "." + col.column().toLowerCase(Locale.ROOT)));
        staleJobs = JobRuns.stale(c).stream().filter(j -> j.tables().stream().anyMatch(this::inScope)).toList();
        lifecycle = new Lifecycle(rotations(versions), JobRuns.read(c, staleJobs), retiredUse(deks));
      } catch (SQLException e) {
        throw new ColsealException(ErrorCode.KEY_TABLE_ERROR, "audit: reading the database failed: " + e.getMessage(),
            e);
      } finally {
        try {
          connections.release(c);
        } catch (SQLException ignored) {
          // The report is complete; a failed release changes nothing in it.
        }
      }
      List<AlgorithmEntry> algorithms = algorithms(versions, inScopeColumns, indexes, algorithmsReviewed);
      List<AuditReport.Finding> findings = Findings.withStaleJobs(Findings.derive(policy, keks, deks, columns,
          suspects, registeredTables, algorithms, LocalDate.ofInstant(now, ZoneOffset.UTC),
          admin.unreadable().stream().filter(u -> inScope(u.table())).toList()), staleJobs);
      AuditReport report = new AuditReport(AuditReport.FORMAT_VERSION, now, colsealVersion(), source, policy, keks,
          deks, columns, suspects, lifecycle, algorithms, findings, null, "");
      return report.withContentSha256(sha256(JsonAuditRenderer.canonical(report)));
    } catch (SQLException e) {
      throw new ColsealException(ErrorCode.KEY_TABLE_ERROR, "audit: cannot connect: " + e.getMessage(), e);
    }
  }

  private boolean inScope(String table) {
    return tables == null || tables.contains(table.toLowerCase(Locale.ROOT));
  }

  private List<DekEntry> deks(KeyAdmin admin, List<KeyVersion> versions, List<RegisteredColumn> columns,
      List<RegisteredBlindIndex> indexes, Map<String, ColumnRowCounts> counts, Map<String, TableRowCounts> tableRows,
      Map<String, KeyAuditFields> extra, Instant now) {
    List<DekEntry> out = new ArrayList<>();
    for (KeyVersion v : versions) {
      // A blind-index key (<table>#bidx) serves the index columns of its table; no envelope names it.
      List<String> cols = BlindIndexKeys.isBlindIndexKey(v.table())
          ? indexes.stream().filter(i -> i.keyName().equals(v.table())).map(RegisteredBlindIndex::column).toList()
          : columns.stream().filter(c -> c.table().equals(v.table())).map(RegisteredColumn::column).toList();
      long values = 0;
      for (String col : cols) {
        ColumnRowCounts rc = counts.get(v.table() + "." + col);
        values += rc == null ? 0 : rc.rowsOn(v.version());
      }
      TableRowCounts tr = tableRows.get(v.table());
      KeyAuditFields f = extra.get(v.table() + "#" + v.version());
      Instant useEnds = v.state() == KeyState.ACTIVE && v.activatedAt() != null
          ? v.activatedAt().plus(config.originatorPeriod()) : null;
      out.add(new DekEntry(v.table(), v.version(), v.state().name(), v.algorithm().name(), 256, v.kekProvider(),
          v.kekId(), v.keyCheckValue(), v.createdAt(), v.activatedAt(), useEnds,
          v.createdAt().plus(config.validityPeriod()), v.retiredAt(), v.destroyedAt(), v.encryptionsReserved(),
          config.usageCap(), (double) v.encryptionsReserved() / config.usageCap(),
          f == null ? null : f.encryptionsAtRetirement(), values,
          tr == null ? 0 : tr.rowsWithAnyValueOn(v.version()), tr == null ? 0 : tr.rowsWithAllValuesOn(v.version()), cols, f == null ? null : f.environment(),
          Duration.between(v.createdAt(), now).toDays(), admin.assess(v).stream().map(KeyFlag::name).toList()));
    }
    return out;
  }

  private List<KekEntry> keks(KeyAdmin admin, List<KeyVersion> versions, Map<String, KeyAuditFields> extra) {
    Map<String, List<KeyVersion>> byKek = new TreeMap<>();
    for (KeyVersion v : versions) {
      byKek.computeIfAbsent(v.kekProvider() + "\n" + v.kekId(), k -> new ArrayList<>()).add(v);
    }
    String configured = configuredProvider();
    List<KekEntry> out = new ArrayList<>();
    for (List<KeyVersion> group : byKek.values()) {
      KeyVersion first = group.get(0);
      KekStatus status = KekStatus.unknown(first.kekProvider());
      if (queryKms && first.kekProvider().equals(configured)) {
        try {
          status = admin.describeKek(first.kekId());
        } catch (ColsealException e) {
          // The provider cannot be created here (settings missing): the state stays UNKNOWN.
          status = KekStatus.unknown(first.kekProvider());
        }
      }
      TreeSet<String> environments = new TreeSet<>();
      for (KeyVersion v : group) {
        KeyAuditFields f = extra.get(v.table() + "#" + v.version());
        if (f != null && f.environment() != null) {
          environments.add(f.environment());
        }
      }
      int live = (int) group.stream().filter(v -> v.state() != KeyState.DESTROYED).count();
      out.add(new KekEntry(first.kekProvider(), first.kekId(), status.location(), status.keySpec(),
          KekState.valueOf(status.state().name()), status.deletionDate(), status.rotationEnabled(),
          List.copyOf(environments), group.size(), live));
    }
    return out;
  }

  private @Nullable String configuredProvider() {
    return config.kmsProvider().map(p -> p.name()).orElse(config.kmsProviderName().orElse(null));
  }

  private static List<ColumnEntry> columns(List<RegisteredColumn> registered, Map<String, ColumnRowCounts> counts,
      List<KeyVersion> versions) {
    List<ColumnEntry> out = new ArrayList<>();
    for (RegisteredColumn r : registered) {
      ColumnRowCounts rc = counts.get(r.table() + "." + r.column());
      Integer active = versions.stream().filter(v -> v.table().equals(r.table()) && v.state() == KeyState.ACTIVE)
          .map(KeyVersion::version).findFirst().orElse(null);
      boolean deterministic = r.mode() == EncryptionMode.DETERMINISTIC;
      // Deterministic columns: AES-256-GCM-SIV with a fixed 96-bit nonce under a key derived from the DEK.
      out.add(new ColumnEntry(r.table(), r.column(), r.entity(), r.attribute(), r.javaType(), r.storage().name(),
          r.mode().name(), r.classification().name(), deterministic ? "deterministic AEAD encryption (fixed nonce)" : "AEAD encryption",
          deterministic ? "AES-256-GCM-SIV" : "AES-256-GCM", 96, 128,
          "envelope header | table name | column name", rc == null ? 0 : rc.total(), rc == null ? 0 : rc.nulls(),
          rc == null ? Map.of() : rc.byKeyVersion(), rc == null ? 0 : rc.notEncrypted(), active));
    }
    return out;
  }

  /**
   * The blind-index columns as inventory entries: mode {@code BLIND_INDEX}, HMAC-SHA-256 with the
   * kept bits as its output length, the source column's classification, and rows counted with
   * {@code COUNT} (index values carry no key-version header to count by).
   */
  private static List<ColumnEntry> blindIndexColumns(Connection c, List<RegisteredBlindIndex> indexes,
      List<RegisteredColumn> registered, List<KeyVersion> versions) throws SQLException {
    List<ColumnEntry> out = new ArrayList<>();
    for (RegisteredBlindIndex i : indexes) {
      Classification classification = registered.stream()
          .filter(r -> r.table().equals(i.table()) && r.column().equals(i.sourceColumn()))
          .map(RegisteredColumn::classification).findFirst().orElse(Classification.UNSPECIFIED);
      Integer active = versions.stream().filter(v -> v.table().equals(i.keyName()) && v.state() == KeyState.ACTIVE)
          .map(KeyVersion::version).findFirst().orElse(null);
      long total;
      long nulls;
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(" + i.columnSql() + ") FROM " + i.tableSql())) {
        rs.next();
        total = rs.getLong(1);
        nulls = total - rs.getLong(2);
      }
      out.add(new ColumnEntry(i.table(), i.column(), i.entity(), i.attribute(), String.class.getName(),
          Storage.TEXT.name(), BLIND_INDEX_MODE, classification.name(),
          "blind index of " + i.sourceColumn() + " (keyed hash, " + i.normalizer() + ")", "HMAC-SHA-256", 0,
          i.bits(), "key " + i.keyName() + " | table name | column name | normalizer | bits", total, nulls,
          Map.of(), 0, active));
    }
    return out;
  }

  private static List<Rotation> rotations(List<KeyVersion> versions) {
    List<Rotation> out = new ArrayList<>();
    for (KeyVersion v : versions) {
      boolean successor = versions.stream().anyMatch(n -> n.table().equals(v.table())
          && n.version() == v.version() + 1);
      if (v.retiredAt() != null && successor) {
        out.add(new Rotation(v.table(), v.version(), v.version() + 1, v.retiredAt()));
      }
    }
    out.sort((a, b) -> a.at().compareTo(b.at()) != 0 ? a.at().compareTo(b.at()) : a.table().compareTo(b.table()));
    return out;
  }

  private static List<RetiredUse> retiredUse(List<DekEntry> deks) {
    List<RetiredUse> out = new ArrayList<>();
    for (DekEntry d : deks) {
      if (d.state().equals("ACTIVE")) {
        continue;
      }
      Long at = d.encryptionsAtRetirement();
      out.add(new RetiredUse(d.table(), d.version(), d.state(), at, d.encryptionsReserved(),
          at == null ? null : d.encryptionsReserved() == at));
    }
    return out;
  }

  private Source source(Connection c, KeyAdmin admin) throws SQLException {
    var md = c.getMetaData();
    String schema = c.getSchema();
    if (schema == null) {
      schema = c.getCatalog();
    }
    String provider = configuredProvider();
    return new Source(md.getDatabaseProductName(), md.getDatabaseProductVersion(),
        Redaction.maskUrl(String.valueOf(md.getURL())), schema, provider == null ? "none" : provider,
        config.environment());
  }

  /**
   * The algorithm inventory. Its review dates are the operator's statement ({@code
   * --algorithms-reviewed}): when the inventory was last reviewed, and a year later when it is due
   * again (PCI DSS 12.3.3); without it both are null.
   */
  private static List<AlgorithmEntry> algorithms(List<KeyVersion> versions, List<RegisteredColumn> columns,
      List<RegisteredBlindIndex> indexes, @Nullable LocalDate reviewed) {
    LocalDate next = reviewed == null ? null : reviewed.plusYears(1);
    List<AlgorithmEntry> out = new ArrayList<>();
    List<String> randomized = columns.stream().filter(c -> c.mode() == EncryptionMode.RANDOMIZED)
        .map(c -> c.table() + "." + c.column()).toList();
    List<String> deterministic = columns.stream().filter(c -> c.mode() == EncryptionMode.DETERMINISTIC)
        .map(c -> c.table() + "." + c.column()).toList();
    if (!randomized.isEmpty() || deterministic.isEmpty()) {
      out.add(new AlgorithmEntry("AES-256-GCM", "column value encryption (AEAD)", randomized, 256,
          List.of("NIST SP 800-38D", "KISA 암호 알고리즘 및 키 길이 이용 안내서"), reviewed, next));
    }
    if (!deterministic.isEmpty()) {
      out.add(new AlgorithmEntry("AES-256-GCM-SIV", "deterministic (searchable) column value encryption (AEAD)",
          deterministic, 256, List.of("RFC 8452"), reviewed, next));
      out.add(new AlgorithmEntry("HKDF-SHA-256", "deterministic key of each data key version", deterministic, 256,
          List.of("RFC 5869", "NIST SP 800-56C"), reviewed, next));
    }
    Map<String, List<String>> wrapping = new LinkedHashMap<>();
    for (KeyVersion v : versions) {
      String name = v.kekProvider().equals("aws-kms") ? "AWS KMS SYMMETRIC_DEFAULT (AES-256-GCM)"
          : v.kekProvider().equals("local") ? "AES-256-GCM (local keystore wrap)" : v.kekProvider() + " wrap";
      List<String> kekIds = wrapping.computeIfAbsent(name, n -> new ArrayList<>());
      if (!kekIds.contains(v.kekId())) {
        kekIds.add(v.kekId());
      }
    }
    wrapping.forEach((name, kekIds) -> out.add(new AlgorithmEntry(name, "data key wrapping by the KEK", kekIds, 256,
        List.of("NIST SP 800-38D", "NIST SP 800-57 Part 1"), reviewed, next)));
    out.add(new AlgorithmEntry("HMAC-SHA-256", "key check value of each data key",
        List.of("colseal_data_key.key_check_value"), 256, List.of("FIPS 198-1", "NIST SP 800-107"), reviewed, next));
    List<String> indexColumns = indexes.stream().map(i -> i.table() + "." + i.column()).toList();
    if (!indexColumns.isEmpty()) {
      out.add(new AlgorithmEntry("HMAC-SHA-256 (blind index)", "equality search on encrypted columns (keyed hash)",
          indexColumns, 256, List.of("FIPS 198-1", "NIST SP 800-107"), reviewed, next));
    }
    return out;
  }

  static String colsealVersion() {
    Properties p = new Properties();
    try (InputStream in = ComplianceAudit.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("version", "unknown");
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Options of an audit. */
  public static final class Builder {
    private final ConnectionSource connections;
    private final ColsealConfig config;
    private @Nullable List<String> tables;
    private int piiSampleRows = 200;
    private boolean queryKms = true;
    private @Nullable LocalDate algorithmsReviewed;

    private Builder(ConnectionSource connections, ColsealConfig config) {
      this.connections = requireNonNull(connections, "connections");
      this.config = requireNonNull(config, "config");
    }

    /** Only these tables (default: all). */
    public Builder tables(List<String> tables) {
      this.tables = tables.isEmpty() ? null : List.copyOf(tables);
      return this;
    }

    /** Values sampled per unregistered character column (0..100000, default 200). */
    public Builder piiSampleRows(int rows) {
      if (rows < 0 || rows > 100_000) {
        throw new IllegalArgumentException("piiSampleRows must be 0..100000, got " + rows);
      }
      piiSampleRows = rows;
      return this;
    }

    /** Whether to ask the KMS about each KEK (default true). */
    public Builder queryKms(boolean query) {
      queryKms = query;
      return this;
    }

    /**
     * When the algorithm inventory was last reviewed (PCI DSS 12.3.3: at least every 12 months);
     * the report shows it, the next review a year later, and {@code ALGORITHM_REVIEW_OVERDUE} once
     * that has passed. Default: unknown (no dates, no finding).
     */
    public Builder algorithmsReviewed(@Nullable LocalDate date) {
      algorithmsReviewed = date;
      return this;
    }

    public ComplianceAudit build() {
      return new ComplianceAudit(this);
    }
  }
}
