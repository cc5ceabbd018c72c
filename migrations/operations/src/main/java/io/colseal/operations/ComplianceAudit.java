package io.colseal.operations;

import static java.util.Objects.requireNonNull;

import io.colseal.Classification;
import io.colseal.AriaProvider;
import io.colseal.ColsealConfig;
import io.colseal.ColsealSettings;
import io.colseal.ColumnAlgorithm;
import io.colseal.ColumnRowCounts;
import io.colseal.TableRowCounts;
import io.colseal.EncryptionMode;
import io.colseal.KeyAdmin;
import io.colseal.RegisteredBlindIndex;
import io.colseal.RegisteredColumn;
import io.colseal.Storage;
import io.colseal.config.Redaction;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ColsealException;
import io.colseal.exception.ErrorCode;
import io.colseal.jdbc.ConnectionSource;
import io.colseal.keys.BlindIndexKeys;
import io.colseal.keys.KeyAuditFields;
import io.colseal.keys.KeyEvent;
import io.colseal.keys.KeyUsage;
import io.colseal.keys.KeyWriter;
import io.colseal.keys.KeyFlag;
import io.colseal.keys.KeyState;
import io.colseal.keys.KeyVersion;
import io.colseal.kms.KekStatus;
import io.colseal.operations.audit.JsonAuditRenderer;
import io.colseal.kms.local.LocalKmsProviderFactory;
import io.colseal.operations.internal.audit.Attestations;
import io.colseal.operations.internal.audit.Findings;
import io.colseal.operations.internal.audit.RetiredUseEvidence;
import io.colseal.operations.internal.audit.JobRuns;
import io.colseal.operations.internal.audit.PiiScanner;
import io.colseal.operations.internal.audit.Protocols;
import io.colseal.operations.report.AuditReport.AlgorithmEntry;
import io.colseal.operations.report.AuditReport.Attestation;
import io.colseal.operations.report.AuditReport.Options;
import io.colseal.operations.report.AuditReport.Scope;
import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.KekEntry;
import io.colseal.operations.report.AuditReport.KekState;
import io.colseal.operations.report.AuditReport.KeyEventEntry;
import io.colseal.operations.report.AuditReport.Lifecycle;
import io.colseal.operations.report.AuditReport.PiiSuspect;
import io.colseal.operations.report.AuditReport.Policy;
import io.colseal.operations.report.AuditReport.RetiredUse;
import io.colseal.operations.report.AuditReport.Rotation;
import io.colseal.operations.report.AuditReport.Source;
import io.colseal.operations.report.AuditReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
  private final List<String> schemas;
  private final boolean queryKms;
  private final @Nullable LocalDate algorithmsReviewed;
  private final @Nullable String keystorePasswordSource;

  private ComplianceAudit(Builder b) {
    connections = b.connections;
    config = b.config;
    tables = b.tables == null ? null
        : b.tables.stream().map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
    piiSampleRows = b.piiSampleRows;
    schemas = b.schemas;
    queryKms = b.queryKms;
    algorithmsReviewed = b.algorithmsReviewed;
    keystorePasswordSource = b.keystorePasswordSource;
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
      List<RegisteredBlindIndex> allIndexes = admin.blindIndexes(); // read once: the registry is a query
      List<RegisteredBlindIndex> indexes = allIndexes.stream().filter(i -> inScope(i.table())).toList();
      List<String> registeredTables = inScopeColumns.stream().map(RegisteredColumn::table).distinct().sorted().toList();
      Map<String, ColumnRowCounts> counts = new HashMap<>();
      Map<String, TableRowCounts> tableRows = new HashMap<>();
      for (String t : registeredTables) {
        admin.countTable(t).ifPresent(scan -> {
          scan.columns().forEach(c -> counts.put(c.table() + "." + c.column(), c));
          tableRows.put(t, scan.rows());
        });
      }
      Map<String, KeyAuditFields> extra = new HashMap<>();
      admin.auditFields().forEach(f -> extra.put(f.table() + "#" + f.version(), f));

      Policy policy = new Policy(config.originatorPeriod(), config.validityPeriod(), config.usageCap(),
          config.keyCacheTtl(), config.find(ColsealSettings.KEK_PERIOD).orElseThrow());
      List<KeyEventEntry> events = keyEvents(admin);
      Map<String, KekStatus> statuses = kekStatuses(admin, versions);
      List<DekEntry> deks = deks(admin, versions, registered, inScopeColumns, indexes, counts, tableRows, extra,
          events == null ? List.of() : events, now);
      List<KekEntry> keks = keks(versions, extra, statuses, now);
      List<ColumnEntry> columns = new ArrayList<>(columns(inScopeColumns, counts, versions));

      Source source;
      List<PiiSuspect> suspects;
      // Schemas scanned, sampling method and size: the report's scope section reads it (issue 15, part B).
      PiiScanner.Summary piiScope;
      Lifecycle lifecycle;
      List<JobRuns.StaleJob> staleJobs;
      Scope scope;
      List<AuditReport.ProtocolEntry> protocols = new ArrayList<>();
      Connection c = connections.open();
      try {
        source = source(c, admin);
        columns.addAll(blindIndexColumns(c, indexes, registered, versions));
        Set<String> registeredNames = registered.stream().map(r -> r.table() + "." + r.column())
            .collect(Collectors.toCollection(java.util.HashSet::new));
        allIndexes.forEach(i -> registeredNames.add(i.table() + "." + i.column()));
        PiiScanner.Catalog fullCatalog = PiiScanner.catalog(c, schemas);
        PiiScanner.Catalog catalog = fullCatalog.filter(col -> inScope(col.table()) || inScope(col.tableName()));
        PiiScanner.Result scan = new PiiScanner(piiSampleRows).scan(c, catalog, col -> registeredNames.contains(
            col.table().toLowerCase(Locale.ROOT) + "." + col.column().toLowerCase(Locale.ROOT)));
        suspects = scan.suspects();
        piiScope = scan.summary();
        scope = scope(piiScope, registered, allIndexes, fullCatalog.columns());
        staleJobs = JobRuns.stale(c).stream().filter(j -> j.tables().stream().anyMatch(this::inScope)).toList();
        lifecycle = new Lifecycle(rotations(versions), JobRuns.read(c, staleJobs), retiredUse(admin, deks), events);
        if (queryKms && configuredProvider() != null) {
          protocols.add(Protocols.kms(configuredProvider(), kmsEndpoint(admin)));
        }
        protocols.add(Protocols.jdbc(c, source.jdbcUrlMasked()));
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
      List<AlgorithmEntry> algorithms = algorithms(versions, inScopeColumns, indexes, algorithmsReviewed, statuses,
          counts, config);
      List<AuditReport.Finding> findings = Findings.withStaleJobs(Findings.derive(policy, keks, deks, columns,
          suspects, registeredTables, algorithms, LocalDate.ofInstant(now, ZoneOffset.UTC),
          admin.unreadable().stream().filter(u -> inScope(u.table())).toList()), staleJobs);
      findings = Findings.withRetiredUse(findings, lifecycle.retiredUse());
      findings = Findings.withProtocols(findings, protocols, config.environment());
      List<Attestation> attestations = Attestations.derive(new Attestations.Facts(keks, deks, configuredProvider(),
          keystoreFile(), passwordSource(), config.environment(), queryKms, algorithmsReviewed));
      AuditReport report = new AuditReport(AuditReport.FORMAT_VERSION, now, colsealVersion(), source, policy, keks,
          deks, columns, suspects, lifecycle, algorithms, findings, scope, attestations,
          config.find(ColsealSettings.KEY_TABLE_BACKUP).filter(b -> !b.isBlank()).orElse(null), protocols, null, "");
      return report.withContentSha256(JsonAuditRenderer.contentSha256(report));
    } catch (SQLException e) {
      throw new ColsealException(ErrorCode.KEY_TABLE_ERROR, "audit: cannot connect: " + e.getMessage(), e);
    }
  }

  /**
   * The report's scope: the schemas the PII scan read, the tables in and out of {@code --table}
   * (every registered table and every table of a scanned schema, lower-case), how values were
   * sampled, and the options.
   */
  private Scope scope(PiiScanner.Summary pii, List<RegisteredColumn> registered,
      List<RegisteredBlindIndex> indexes, List<PiiScanner.CatalogColumn> catalog) {
    TreeSet<String> all = new TreeSet<>();
    registered.forEach(r -> all.add(r.table().toLowerCase(Locale.ROOT)));
    indexes.forEach(i -> all.add(i.table().toLowerCase(Locale.ROOT)));
    catalog.forEach(col -> all.add(col.table().toLowerCase(Locale.ROOT)));
    List<String> included = all.stream().filter(this::inScope).toList();
    List<String> excluded = all.stream().filter(t -> !inScope(t)).toList();
    Options options = new Options(tables == null ? List.of() : List.copyOf(tables), piiSampleRows, !queryKms,
        algorithmsReviewed, schemas.stream().sorted().toList());
    return new Scope(pii.schemasScanned(), included, excluded, PiiScanner.sampling(pii), options, tables != null,
        pii.unreadableTables());
  }

  /** The local keystore as the file system shows it, when the audit's settings name one. */
  private Attestations.@Nullable KeystoreFile keystoreFile() {
    Optional<Path> configured = config.find(LocalKmsProviderFactory.KEYSTORE);
    if (configured.isEmpty()) {
      return null;
    }
    Path path = configured.get().toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      return new Attestations.KeystoreFile(path.toString(), false, null, null);
    }
    String permissions = null;
    String owner = null;
    try {
      permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    } catch (IOException | UnsupportedOperationException e) {
      // No POSIX permissions here (Windows): the attestation says they are unknown.
    }
    try {
      owner = Files.getOwner(path).getName();
    } catch (IOException | UnsupportedOperationException e) {
      // Unknown owner: said so in the attestation.
    }
    return new Attestations.KeystoreFile(path.toString(), true, permissions, owner);
  }

  /** Where the keystore password came from: the caller's word, else the configuration when it holds one. */
  private @Nullable String passwordSource() {
    if (keystorePasswordSource != null) {
      return keystorePasswordSource;
    }
    return config.isSet(LocalKmsProviderFactory.KEYSTORE_PASSWORD) ? "configuration" : null;
  }

  private boolean inScope(String table) {
    return tables == null || tables.contains(table.toLowerCase(Locale.ROOT));
  }

  private List<DekEntry> deks(KeyAdmin admin, List<KeyVersion> versions, List<RegisteredColumn> registered,
      List<RegisteredColumn> columns, List<RegisteredBlindIndex> indexes, Map<String, ColumnRowCounts> counts,
      Map<String, TableRowCounts> tableRows, Map<String, KeyAuditFields> extra, List<KeyEventEntry> events,
      Instant now) {
    List<DekEntry> out = new ArrayList<>();
    for (KeyVersion v : versions) {
      // A blind-index key (<table>#bidx) serves the index columns of its table; no envelope names it.
      List<String> cols = BlindIndexKeys.isBlindIndexKey(v.table())
          ? indexes.stream().filter(i -> i.keyName().equals(v.table())).map(RegisteredBlindIndex::column).toList()
          : columns.stream().filter(c -> c.table().equals(v.table())).map(RegisteredColumn::column).toList();
      // What the key protects: the classifications of its columns (of the indexed source columns for a
      // blind-index key).
      List<String> purposes = BlindIndexKeys.isBlindIndexKey(v.table())
          ? indexes.stream().filter(i -> i.keyName().equals(v.table()))
              .flatMap(i -> registered.stream().filter(r -> r.table().equals(i.table())
                  && r.column().equals(i.sourceColumn())))
              .map(r -> r.classification().name()).distinct().sorted().toList()
          : columns.stream().filter(c -> c.table().equals(v.table())).map(c -> c.classification().name())
              .distinct().sorted().toList();
      long values = 0;
      for (String col : cols) {
        ColumnRowCounts rc = counts.get(v.table() + "." + col);
        values += rc == null ? 0 : rc.rowsOn(v.version());
      }
      TableRowCounts tr = tableRows.get(v.table());
      KeyAuditFields f = extra.get(v.table() + "#" + v.version());
      // A destroyed version keeps the day it moved to RETIRED, if it went through RETIRED.
      KeyEventEntry retired = v.state() == KeyState.RETIRED || v.state() == KeyState.DESTROYED
          ? lastEvent(events, v, KeyEvent.RETIRE) : null;
      KeyEventEntry destroyed = v.state() == KeyState.DESTROYED ? lastEvent(events, v, KeyEvent.DESTROY) : null;
      out.add(new DekEntry(v.table(), v.version(), v.state().name(), v.algorithm().name(),
          v.algorithm().strengthBits(), v.kekProvider(),
          // The ends recorded with the key; never derived from this audit's settings (issue 15, defect 4).
          v.kekId(), v.keyCheckValue(), v.createdAt(), v.activatedAt(), v.useEndsAt(), v.validUntil(), v.retiredAt(), v.destroyedAt(), v.encryptionsReserved(),
          config.usageCap(), (double) v.encryptionsReserved() / config.usageCap(),
          f == null ? null : f.encryptionsAtRetirement(), values,
          tr == null ? 0 : tr.rowsWithAnyValueOn(v.version()), tr == null ? 0 : tr.rowsWithAllValuesOn(v.version()), cols, f == null ? null : f.environment(),
          Duration.between(v.createdAt(), now).toDays(), admin.assess(v).stream().map(KeyFlag::name).toList(),
          f == null ? null : f.createdBy(), purposes, retired == null ? null : retired.at(),
          destroyed == null ? null : destroyed.detail(), destroyed == null ? null : destroyed.actor(),
          v.cryptoperiodRecorded() ? DekEntry.RECORDED : DekEntry.NOT_RECORDED));
    }
    return out;
  }

  private static @Nullable KeyEventEntry lastEvent(List<KeyEventEntry> events, KeyVersion v, String event) {
    KeyEventEntry last = null;
    for (KeyEventEntry e : events) {
      if (e.table().equals(v.table()) && e.version() == v.version() && e.event().equals(event)) {
        last = e;
      }
    }
    return last;
  }

  /**
   * The key events of the tables in scope, oldest first; null when the key table has no event
   * history (migration V0_8 not applied, as with {@code schema-management=none} and older scripts).
   */
  private @Nullable List<KeyEventEntry> keyEvents(KeyAdmin admin) {
    List<KeyEvent> events;
    try {
      events = admin.keyEvents();
    } catch (ColsealException e) {
      return null;
    }
    return events.stream().filter(e -> inScope(e.table())).map(e -> new KeyEventEntry(e.table(), e.version(),
        e.event(), e.at(), e.actor(), e.fromKekId(), e.toKekId(), e.detail())).toList();
  }

  /** What the configured provider says about each KEK of its own that the key table names, by provider and id. */
  private Map<String, KekStatus> kekStatuses(KeyAdmin admin, List<KeyVersion> versions) {
    String configured = configuredProvider();
    Map<String, KekStatus> out = new TreeMap<>();
    for (KeyVersion v : versions) {
      String key = v.kekProvider() + "\n" + v.kekId();
      if (out.containsKey(key)) {
        continue;
      }
      KekStatus status = KekStatus.unknown(v.kekProvider());
      if (queryKms && v.kekProvider().equals(configured)) {
        try {
          status = admin.describeKek(v.kekId());
        } catch (ColsealException e) {
          // The provider cannot be created here (settings missing): the state stays UNKNOWN.
          status = KekStatus.unknown(v.kekProvider());
        }
      }
      out.put(key, status);
    }
    return out;
  }

  private @Nullable URI kmsEndpoint(KeyAdmin admin) {
    try {
      return admin.kmsEndpoint();
    } catch (ColsealException e) {
      return null;
    }
  }

  private static List<KekEntry> keks(List<KeyVersion> versions, Map<String, KeyAuditFields> extra,
      Map<String, KekStatus> statuses, Instant now) {
    Map<String, List<KeyVersion>> byKek = new TreeMap<>();
    for (KeyVersion v : versions) {
      byKek.computeIfAbsent(v.kekProvider() + "\n" + v.kekId(), k -> new ArrayList<>()).add(v);
    }
    List<KekEntry> out = new ArrayList<>();
    for (Map.Entry<String, List<KeyVersion>> e : byKek.entrySet()) {
      List<KeyVersion> group = e.getValue();
      KeyVersion first = group.get(0);
      KekStatus status = statuses.getOrDefault(e.getKey(), KekStatus.unknown(first.kekProvider()));
      TreeSet<String> environments = new TreeSet<>();
      for (KeyVersion v : group) {
        KeyAuditFields f = extra.get(v.table() + "#" + v.version());
        if (f != null && f.environment() != null) {
          environments.add(f.environment());
        }
      }
      int live = (int) group.stream().filter(v -> v.state() != KeyState.DESTROYED).count();
      Long ageDays = status.createdAt() == null ? null : Duration.between(status.createdAt(), now).toDays();
      out.add(new KekEntry(first.kekProvider(), first.kekId(), status.location(), status.keySpec(),
          KekState.valueOf(status.state().name()), status.deletionDate(), status.rotationEnabled(),
          List.copyOf(environments), group.size(), live, status.createdAt(), status.description(), status.aliases(),
          status.tags() == null ? null : status.tags().entrySet().stream().map(t -> t.getKey() + "=" + t.getValue()).toList(), status.strengthBits(), status.access(), ageDays));
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
      boolean rowBound = r.mode() == EncryptionMode.ROW_BOUND;
      // Deterministic columns: AES-256-GCM-SIV with a fixed 96-bit nonce under a key derived from the DEK.
      // Row-bound columns (algorithm 05): the row's primary key is in the associated data as well.
      out.add(new ColumnEntry(r.table(), r.column(), r.entity(), r.attribute(), r.javaType(), r.storage().name(),
          r.mode().name(), r.classification().name(), deterministic ? "deterministic AEAD encryption (fixed nonce)"
              : rowBound ? "AEAD encryption bound to the row" : "AEAD encryption",
          deterministic ? "AES-256-GCM-SIV" : columnAlgorithm(rc), 96, 128,
          rowBound ? "envelope header | table name | column name | primary key of the row"
              : "envelope header | table name | column name", rc == null ? 0 : rc.total(), rc == null ? 0 : rc.nulls(),
          rc == null ? Map.of() : rc.byKeyVersion(), rc == null ? 0 : rc.notEncrypted(), active));
    }
    return out;
  }

  /**
   * The block cipher of a randomized or row-bound column's counted values: AES-256-GCM, ARIA-256-GCM
   * (envelope algorithm 03), or both while the column is being moved from one to the other.
   */
  private static String columnAlgorithm(@Nullable ColumnRowCounts rc) {
    long aria = rc == null ? 0 : rc.ariaByKeyVersion().values().stream().mapToLong(Long::longValue).sum();
    long all = rc == null ? 0 : rc.byKeyVersion().values().stream().mapToLong(Long::longValue).sum();
    return aria == 0 ? "AES-256-GCM" : aria == all ? "ARIA-256-GCM" : "AES-256-GCM, ARIA-256-GCM";
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

  /**
   * Use after retirement, from the usage records; without them (migration V0_9 not applied) every
   * retired version's claim is unknown.
   */
  private static List<RetiredUse> retiredUse(KeyAdmin admin, List<DekEntry> deks) {
    List<KeyUsage> usage;
    List<KeyWriter> writers;
    try {
      usage = admin.keyUsage();
      writers = admin.keyWriters();
    } catch (ColsealException e) {
      usage = null;
      writers = List.of();
    }
    return RetiredUseEvidence.evaluate(deks, usage, writers);
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
      List<RegisteredBlindIndex> indexes, @Nullable LocalDate reviewed, Map<String, KekStatus> statuses,
      Map<String, ColumnRowCounts> counts, ColsealConfig config) {
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
    // Column keys (algorithm 04) are a way of writing randomized values, not a registered mode: the
    // columns listed are those whose counted values include such envelopes.
    List<String> columnKeyed = columns.stream().filter(c -> {
      ColumnRowCounts rc = counts.get(c.table() + "." + c.column());
      return rc != null && rc.columnKeyByKeyVersion().values().stream().anyMatch(n -> n > 0);
    }).map(c -> c.table() + "." + c.column()).toList();
    List<String> rowBound = columns.stream().filter(c -> c.mode() == EncryptionMode.ROW_BOUND)
        .map(c -> c.table() + "." + c.column()).toList();
    if (!rowBound.isEmpty()) {
      out.add(new AlgorithmEntry("AES-256-GCM (row-bound, envelope algorithm 05)",
          "column value encryption (AEAD) bound to the row's primary key", rowBound, 256,
          List.of("NIST SP 800-38D", "KISA 암호 알고리즘 및 키 길이 이용 안내서"), reviewed, next));
    }
    if (!columnKeyed.isEmpty()) {
      out.add(new AlgorithmEntry("AES-256-GCM (column keys, envelope algorithm 04)",
          "column value encryption (AEAD) under a key derived per column", columnKeyed, 256,
          List.of("NIST SP 800-38D", "KISA 암호 알고리즘 및 키 길이 이용 안내서"), reviewed, next));
      out.add(new AlgorithmEntry("HKDF-SHA-256 (column keys)", "column key of each data key version and column", columnKeyed, 256,
          List.of("RFC 5869", "NIST SP 800-56C"), reviewed, next));
    }
    // ARIA-256-GCM (algorithm 03) is a way of writing randomized values, like column keys: listed for
    // the columns whose counted values include such envelopes, or all randomized ones when it is the default.
    List<String> aria = columns.stream().filter(c -> {
      ColumnRowCounts rc = counts.get(c.table() + "." + c.column());
      return rc != null && rc.ariaByKeyVersion().values().stream().anyMatch(n -> n > 0)
          || c.mode() == EncryptionMode.RANDOMIZED && config.defaultAlgorithm() == ColumnAlgorithm.ARIA_256_GCM;
    }).map(c -> c.table() + "." + c.column()).toList();
    if (!aria.isEmpty()) {
      String certificate = config.kcmvpCertificate();
      out.add(new AlgorithmEntry("ARIA-256-GCM (envelope algorithm 03)", "column value encryption (AEAD)", aria, 256,
          List.of("RFC 5794", "KS X 1213-1", "NIST SP 800-38D", "KISA 암호 알고리즘 및 키 길이 이용 안내서"), reviewed, next,
          ariaProvider(config), certificate));
      out.add(new AlgorithmEntry("HKDF-SHA-256 (ARIA key)", "ARIA key of each data key version", aria, 256,
          List.of("RFC 5869", "NIST SP 800-56C"), reviewed, next));
    }
    if (!deterministic.isEmpty()) {
      out.add(new AlgorithmEntry("AES-256-GCM-SIV", "deterministic (searchable) column value encryption (AEAD)",
          deterministic, 256, List.of("RFC 8452"), reviewed, next));
      out.add(new AlgorithmEntry("HKDF-SHA-256", "deterministic key of each data key version", deterministic, 256,
          List.of("RFC 5869", "NIST SP 800-56C"), reviewed, next));
    }
    // Wrapping by the KEK: named and rated by what the KMS says of each KEK (its key spec and
    // strength), so a weaker KEK shows here and in WEAK_ALGORITHM; 256 where the KMS did not say.
    Map<String, List<String>> wrapping = new LinkedHashMap<>();
    Map<String, Integer> wrappingStrength = new HashMap<>();
    for (KeyVersion v : versions) {
      KekStatus status = statuses.get(v.kekProvider() + "\n" + v.kekId());
      Integer bits = status == null ? null : status.strengthBits();
      String spec = status == null ? null : status.keySpec();
      String name = v.kekProvider().equals("aws-kms")
          ? "AWS KMS " + (spec == null ? "SYMMETRIC_DEFAULT" : spec)
              + (spec == null || spec.equals("SYMMETRIC_DEFAULT") ? " (AES-256-GCM)" : "")
          : v.kekProvider().equals("local") ? "AES-" + (bits == null ? 256 : bits) + "-GCM (local keystore wrap)"
          : v.kekProvider() + " wrap";
      List<String> kekIds = wrapping.computeIfAbsent(name, n -> new ArrayList<>());
      if (!kekIds.contains(v.kekId())) {
        kekIds.add(v.kekId());
      }
      wrappingStrength.merge(name, bits == null ? 256 : bits, Math::min);
    }
    wrapping.forEach((name, kekIds) -> out.add(new AlgorithmEntry(name, "data key wrapping by the KEK", kekIds,
        wrappingStrength.get(name), List.of("NIST SP 800-38D", "NIST SP 800-57 Part 1"), reviewed, next)));
    out.add(new AlgorithmEntry("HMAC-SHA-256", "key check value of each data key",
        List.of("colseal_data_key.key_check_value"), 256, List.of("FIPS 198-1", "NIST SP 800-107"), reviewed, next));
    List<String> indexColumns = indexes.stream().map(i -> i.table() + "." + i.column()).toList();
    if (!indexColumns.isEmpty()) {
      out.add(new AlgorithmEntry("HMAC-SHA-256 (blind index)", "equality search on encrypted columns (keyed hash)",
          indexColumns, 256, List.of("FIPS 198-1", "NIST SP 800-107"), reviewed, next));
    }
    return out;
  }

  /**
   * The ARIA provider as it reports itself: name, version, the setting that chose it, and whether it
   * is BouncyCastle (never KCMVP-validated); or that the named provider is not installed here.
   */
  private static String ariaProvider(ColsealConfig config) {
    String setting = ColsealSettings.ARIA_PROVIDER.name() + "=" + config.ariaProvider();
    try {
      return AriaProvider.describe(config) + " (" + setting + ")"
          + (AriaProvider.isBouncyCastle(config) ? "; BouncyCastle, not a KCMVP-validated module" : "");
    } catch (ColsealConfigException e) {
      return config.ariaProvider() + ": not available to this audit (" + setting + ")";
    }
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

  /** Options of an audit. */
  public static final class Builder {
    private final ConnectionSource connections;
    private final ColsealConfig config;
    private @Nullable List<String> tables;
    private int piiSampleRows = 200;
    private List<String> schemas = List.of();
    private boolean queryKms = true;
    private @Nullable LocalDate algorithmsReviewed;
    private @Nullable String keystorePasswordSource;

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

    /**
     * The schemas (MariaDB: databases) the PII scan reads; empty (the default): every schema the
     * connection may use, system schemas left out.
     */
    public Builder schemas(List<String> schemas) {
      this.schemas = List.copyOf(schemas);
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
     *
     * @throws IllegalArgumentException if {@code date} is after today (UTC) by the config's clock
     */
    public Builder algorithmsReviewed(@Nullable LocalDate date) {
      if (date != null && date.isAfter(LocalDate.ofInstant(config.clock().instant(), ZoneOffset.UTC))) {
        throw new IllegalArgumentException("the algorithm inventory review date " + date
            + " is in the future; give the day the last review took place");
      }
      algorithmsReviewed = date;
      return this;
    }

    /**
     * Where the local keystore's password came from ({@code environment}, {@code config file},
     * {@code command line}, {@code prompt}), for the report's attestations. Default: {@code
     * configuration} when the configuration holds a password, else unknown.
     */
    public Builder keystorePasswordSource(@Nullable String source) {
      keystorePasswordSource = source;
      return this;
    }

    public ComplianceAudit build() {
      return new ComplianceAudit(this);
    }
  }
}
