package io.colseal.operations.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * {@code colseal audit}: the compliance column audit report. Key register (KEKs and data key
 * versions), column inventory with row counts per key version, suspected unencrypted personal data
 * (masked examples only), key lifecycle, algorithm inventory and findings. It holds key ids,
 * versions, states, counts and masked examples: never a value, key material or a password.
 *
 * @param scope what this report covers: schemas, tables, PII sampling and the options in force
 * @param attestations statements about key custody and what this report can and cannot show, each
 *     derived from facts collected here (provider, keystore path and permissions, password source,
 *     environment tags); covered by {@code contentSha256} like everything else
 * @param formatVersion {@code "2"} (2: rows and values counted apart, Korean finding messages)
 * @param keyTableBackup the operator's statement of where the key table is backed up ({@code
 *     colseal.audit.key-table-backup}), null when none was given; shown as given, not checked
 * @param protocols the protocols of the connections colseal uses (KMS, JDBC), with how each was
 *     established (PCI DSS 12.3.3 inventory)
 * @param signature who signed the report and the signature, null when unsigned ({@code colseal audit
 *     --sign-with})
 * @param contentSha256 SHA-256 (hex) of the canonical JSON of this report: this field set to {@code
 *     ""}, and the signature's {@code value} too
 */
public record AuditReport(
    String formatVersion,
    Instant generatedAt,
    String colsealVersion,
    Source source,
    Policy policy,
    List<KekEntry> keks,
    List<DekEntry> deks,
    List<ColumnEntry> columns,
    List<PiiSuspect> suspects,
    Lifecycle lifecycle,
    List<AlgorithmEntry> algorithms,
    List<Finding> findings,
    Scope scope,
    List<Attestation> attestations,
    @Nullable String keyTableBackup,
    List<ProtocolEntry> protocols,
    @Nullable Signature signature,
    String contentSha256) {

  public static final String FORMAT_VERSION = "2";

  public AuditReport {
    keks = List.copyOf(keks);
    deks = List.copyOf(deks);
    columns = List.copyOf(columns);
    suspects = List.copyOf(suspects);
    algorithms = List.copyOf(algorithms);
    findings = List.copyOf(findings);
    attestations = List.copyOf(attestations);
    protocols = List.copyOf(protocols);
  }

  /** This report with {@code contentSha256} replaced. */
  public AuditReport withContentSha256(String sha256) {
    return new AuditReport(formatVersion, generatedAt, colsealVersion, source, policy, keks, deks, columns, suspects,
        lifecycle, algorithms, findings, scope, attestations, keyTableBackup, protocols, signature, sha256);
  }

  /** This report with {@code signature} replaced. */
  public AuditReport withSignature(@Nullable Signature signature) {
    return new AuditReport(formatVersion, generatedAt, colsealVersion, source, policy, keks, deks, columns, suspects,
        lifecycle, algorithms, findings, scope, attestations, keyTableBackup, protocols, signature, contentSha256);
  }

  /** Findings of {@code severity} or above. */
  public long findingsAtOrAbove(Severity severity) {
    return findings.stream().filter(f -> f.severity().compareTo(severity) <= 0).count();
  }

  /** Where the data came from. */
  public record Source(
      String databaseProduct,
      String databaseVersion,
      String jdbcUrlMasked,
      @Nullable String schema,
      String kmsProvider,
      @Nullable String environment) {}

  /**
   * The key policy in force ({@code colseal.keys.*}, {@code colseal.key-cache-ttl}).
   *
   * @param kekPeriod the KEK cryptoperiod ({@code colseal.keys.kek-period})
   */
  public record Policy(Duration originatorPeriod, Duration validityPeriod, long usageCap, Duration keyCacheTtl,
      Duration kekPeriod) {
    /** A policy with the default KEK cryptoperiod, P365D. */
    public Policy(Duration originatorPeriod, Duration validityPeriod, long usageCap, Duration keyCacheTtl) {
      this(originatorPeriod, validityPeriod, usageCap, keyCacheTtl, Duration.ofDays(365));
    }
  }

  /** The state of a KEK as its KMS reports it. */
  public enum KekState { ENABLED, DISABLED, PENDING_DELETION, NOT_FOUND, UNKNOWN }

  /**
   * One key-encryption key named in the key table.
   *
   * @param environments distinct environment tags of the key rows under this KEK, sorted
   * @param dekVersions key versions wrapped by this KEK
   * @param liveDekVersions of those, the ones not DESTROYED
   * @param createdAt when the KMS created the KEK (a keystore entry's creation date), null when unknown
   * @param description the KMS's description of the KEK, null when none or unknown
   * @param aliases the KEK's aliases in the KMS, sorted; empty when it has none, null when unknown
   *     (not asked, or the KMS refused to list them)
   * @param tags the KEK's tags in the KMS as {@code key=value} ({@code owner=payments}), sorted by
   *     key; empty when it has none, null when unknown
   * @param strengthBits the KEK's security strength (NIST SP 800-57 Part 1), null when unknown
   * @param access who can read the KEK where the provider tells (a keystore file's owner and
   *     permissions), else null
   * @param ageDays whole days since {@code createdAt}, null when that is unknown
   */
  public record KekEntry(
      String provider,
      String kekId,
      String location,
      @Nullable String keySpec,
      KekState state,
      @Nullable Instant deletionDate,
      @Nullable Boolean rotationEnabled,
      List<String> environments,
      int dekVersions,
      int liveDekVersions,
      @Nullable Instant createdAt,
      @Nullable String description,
      @Nullable List<String> aliases,
      @Nullable List<String> tags,
      @Nullable Integer strengthBits,
      @Nullable String access,
      @Nullable Long ageDays) {
    public KekEntry {
      environments = List.copyOf(environments);
      aliases = aliases == null ? null : List.copyOf(aliases);
      tags = tags == null ? null : List.copyOf(tags);
    }

    /** An entry without the KMS's register details (creation date, description, aliases, tags...). */
    public KekEntry(String provider, String kekId, String location, @Nullable String keySpec, KekState state,
        @Nullable Instant deletionDate, @Nullable Boolean rotationEnabled, List<String> environments, int dekVersions,
        int liveDekVersions) {
      this(provider, kekId, location, keySpec, state, deletionDate, rotationEnabled, environments, dekVersions,
          liveDekVersions, null, null, null, null, null, null, null);
    }
  }

  /**
   * One data key version.
   *
   * @param useEndsAt end of the originator-usage period as recorded with the key when it was created
   *     (activation plus the creating process's {@code colseal.keys.originator-period}) or by {@code
   *     colseal keys set-cryptoperiod}; null when not recorded (created before key table V0_7). Never
   *     computed from the auditor's settings
   * @param validUntil end of the validity period as recorded with the key (creation plus the creating
   *     process's {@code colseal.keys.validity-period}, or as set since); null when not recorded
   * @param usageRatio encryptionsReserved / usageCap
   * @param values values (one per registered column and row) under this version, summed over the
   *     table's registered columns; a table of N rows and 3 columns wholly under it gives 3N
   * @param rowsWithAnyValue rows with at least one registered column under this version
   * @param rowsWithAllValues rows whose every non-NULL registered column is under this version (and
   *     at least one is); a row half re-encrypted, or with a plaintext value, counts in {@code
   *     rowsWithAnyValue} of each version it names but here under none
   * @param flags what is due ({@code io.colseal.keys.KeyFlag} names)
   * @param createdBy the process that created the version ({@code colseal@pid@host}), null when not
   *     recorded
   * @param purposes the classifications of {@code columns} (what the key protects), sorted, distinct
   * @param movedToRetiredAt when {@code colseal keys retire} moved it to RETIRED (key event), also for a
   *     version destroyed since; null for other states or when not recorded (before key table migration
   *     V0_8); {@code retiredAt} is when it stopped encrypting
   * @param destroyMethod how it was destroyed (key event), null when not DESTROYED or not recorded
   * @param destroyedBy who destroyed it (key event actor), null when not DESTROYED or not recorded
   * @param cryptoperiodSource {@link #RECORDED} when both ends are recorded with the key, {@link
   *     #NOT_RECORDED} otherwise (the report then shows "not recorded" and never a date derived from
   *     settings)
   */
  public record DekEntry(
      String table,
      int version,
      String state,
      String algorithm,
      int strengthBits,
      String kekProvider,
      String kekId,
      String keyCheckValue,
      Instant createdAt,
      @Nullable Instant activatedAt,
      @Nullable Instant useEndsAt,
      @Nullable Instant validUntil,
      @Nullable Instant retiredAt,
      @Nullable Instant destroyedAt,
      long encryptionsReserved,
      long usageCap,
      double usageRatio,
      @Nullable Long encryptionsAtRetirement,
      long values,
      long rowsWithAnyValue,
      long rowsWithAllValues,
      List<String> columns,
      @Nullable String environment,
      long ageDays,
      List<String> flags,
      @Nullable String createdBy,
      List<String> purposes,
      @Nullable Instant movedToRetiredAt,
      @Nullable String destroyMethod,
      @Nullable String destroyedBy,
      String cryptoperiodSource) {
    /** {@link #cryptoperiodSource()}: both ends are recorded with the key. */
    public static final String RECORDED = "RECORDED";
    /** {@link #cryptoperiodSource()}: the key table does not record them (a version older than V0_7). */
    public static final String NOT_RECORDED = "NOT_RECORDED";

    public DekEntry {
      columns = List.copyOf(columns);
      flags = List.copyOf(flags);
      purposes = List.copyOf(purposes);
    }

    /** An entry whose cryptoperiod is {@link #RECORDED} when both ends are given. */
    public DekEntry(String table, int version, String state, String algorithm, int strengthBits, String kekProvider,
        String kekId, String keyCheckValue, Instant createdAt, @Nullable Instant activatedAt,
        @Nullable Instant useEndsAt, @Nullable Instant validUntil, @Nullable Instant retiredAt,
        @Nullable Instant destroyedAt, long encryptionsReserved, long usageCap, double usageRatio,
        @Nullable Long encryptionsAtRetirement, long values, long rowsWithAnyValue, long rowsWithAllValues,
        List<String> columns, @Nullable String environment, long ageDays, List<String> flags,
        @Nullable String createdBy, List<String> purposes, @Nullable Instant movedToRetiredAt,
        @Nullable String destroyMethod, @Nullable String destroyedBy) {
      this(table, version, state, algorithm, strengthBits, kekProvider, kekId, keyCheckValue, createdAt, activatedAt,
          useEndsAt, validUntil, retiredAt, destroyedAt, encryptionsReserved, usageCap, usageRatio,
          encryptionsAtRetirement, values, rowsWithAnyValue, rowsWithAllValues, columns, environment, ageDays, flags,
          createdBy, purposes, movedToRetiredAt, destroyMethod, destroyedBy,
          useEndsAt != null && validUntil != null ? RECORDED : NOT_RECORDED);
    }

    /** An entry without creator, purposes and recorded retirement and destruction. */
    public DekEntry(String table, int version, String state, String algorithm, int strengthBits, String kekProvider,
        String kekId, String keyCheckValue, Instant createdAt, @Nullable Instant activatedAt,
        @Nullable Instant useEndsAt, @Nullable Instant validUntil, @Nullable Instant retiredAt,
        @Nullable Instant destroyedAt, long encryptionsReserved, long usageCap, double usageRatio, @Nullable Long encryptionsAtRetirement,
        long values, long rowsWithAnyValue, long rowsWithAllValues, List<String> columns,
        @Nullable String environment, long ageDays, List<String> flags) {
      this(table, version, state, algorithm, strengthBits, kekProvider, kekId, keyCheckValue, createdAt, activatedAt,
          useEndsAt, validUntil, retiredAt, destroyedAt, encryptionsReserved, usageCap, usageRatio,
          encryptionsAtRetirement, values, rowsWithAnyValue, rowsWithAllValues, columns, environment, ageDays, flags,
          null, List.of(), null, null, null);
    }
  }

  /**
   * One registered encrypted column, with its rows counted over the envelope headers.
   *
   * @param rowsByKeyVersion rows per key version, by version
   * @param rowsNotEncrypted non-NULL values that are not envelopes (leftover plaintext)
   * @param activeVersion the table's ACTIVE key version, null when it has none
   */
  public record ColumnEntry(
      String table,
      String column,
      String entity,
      String attribute,
      String javaType,
      String storage,
      String mode,
      String classification,
      String method,
      String algorithm,
      int nonceBits,
      int tagBits,
      String aad,
      long rowsTotal,
      long rowsNull,
      Map<Integer, Long> rowsByKeyVersion,
      long rowsNotEncrypted,
      @Nullable Integer activeVersion) {
    public ColumnEntry {
      rowsByKeyVersion = java.util.Collections.unmodifiableMap(new TreeMap<>(rowsByKeyVersion));
    }
  }

  /**
   * A column not registered as encrypted that looks like it holds personal data: one per column and
   * kind found in it, so a column holding two kinds is two suspects.
   *
   * @param table the table, qualified with its schema ({@code crm.people}) unless it is in the
   *     connection's own schema
   * @param kind RRN, ALIEN_RRN, CARD_NUMBER, BANK_ACCOUNT, PASSPORT, DRIVERS_LICENSE, PHONE, EMAIL,
   *     or PASSWORD (a password column whose values are not all one-way hashes)
   * @param reason NAME, VALUES, NAME_AND_VALUES, SPLIT_COLUMNS (an RRN split over two columns)
   * @param sampled non-NULL, non-empty values sampled (rows, for SPLIT_COLUMNS)
   * @param matches sampled values that contain {@code kind} (PASSWORD: that are no recognised hash)
   * @param maskedExamples at most 3, masked ({@code 900101-1******})
   * @param matchRate {@code matches / sampled}, rounded to 4 decimals; 0 when nothing was sampled
   * @param confidence HIGH (at least half the values, or name and values agree), MEDIUM (at least
   *     5%), LOW (fewer, or the name alone)
   */
  public record PiiSuspect(
      String table,
      String column,
      String kind,
      String reason,
      long sampled,
      long matches,
      List<String> maskedExamples,
      double matchRate,
      String confidence) {
    public PiiSuspect {
      maskedExamples = List.copyOf(maskedExamples);
    }

    /** A suspect with the match rate computed. */
    public PiiSuspect(String table, String column, String kind, String reason, long sampled, long matches,
        List<String> maskedExamples, String confidence) {
      this(table, column, kind, reason, sampled, matches, maskedExamples, rate(matches, sampled), confidence);
    }

    /** A suspect with the match rate computed and the confidence its reason and rate give. */
    public PiiSuspect(String table, String column, String kind, String reason, long sampled, long matches,
        List<String> maskedExamples) {
      this(table, column, kind, reason, sampled, matches, maskedExamples, reason.equals("NAME") ? "LOW"
          : reason.equals("NAME_AND_VALUES") || matches * 2 >= sampled ? "HIGH" : matches * 20 >= sampled ? "MEDIUM"
          : "LOW");
    }

    private static double rate(long matches, long sampled) {
      return sampled == 0 ? 0 : Math.round(matches * 10_000.0 / sampled) / 10_000.0;
    }
  }

  /**
   * Key lifecycle evidence.
   *
   * @param keyEvents what key commands did to data key versions (rewraps, retirements,
   *     reactivations, destructions), oldest first; null when the key table has no event history
   *     (migration V0_8 not applied)
   */
  public record Lifecycle(List<Rotation> rotations, List<JobRun> jobRuns, List<RetiredUse> retiredUse,
      @Nullable List<KeyEventEntry> keyEvents) {
    public Lifecycle {
      rotations = List.copyOf(rotations);
      jobRuns = List.copyOf(jobRuns);
      retiredUse = List.copyOf(retiredUse);
      keyEvents = keyEvents == null ? null : List.copyOf(keyEvents);
    }

    /** Lifecycle evidence without key events. */
    public Lifecycle(List<Rotation> rotations, List<JobRun> jobRuns, List<RetiredUse> retiredUse) {
      this(rotations, jobRuns, retiredUse, List.of());
    }
  }

  /**
   * One change a key command made to a data key version ({@code colseal_key_event}).
   *
   * @param event REWRAP, RETIRE, REACTIVATE or DESTROY
   * @param actor OS user, database user and process that made it
   * @param fromKekId rewraps: the KEK before; else null
   * @param toKekId rewraps: the KEK after; else null
   * @param detail destructions: the method; forced changes say so; else null
   */
  public record KeyEventEntry(String table, int version, String event, Instant at, String actor,
      @Nullable String fromKekId, @Nullable String toKekId, @Nullable String detail) {}

  /**
   * One protocol colseal's connections use (PCI DSS 12.3.3 asks for protocols as well as ciphers).
   *
   * @param channel {@code KMS} or {@code JDBC}
   * @param protocol {@code HTTPS}, {@code HTTP}, {@code TLS} (with version and cipher where the server
   *     tells), {@code TCP without TLS}, {@code in-process}, {@code file}, {@code unknown}
   * @param endpoint where it goes (the KMS endpoint, the masked JDBC URL, the keystore path)
   * @param encrypted whether the channel is encrypted in transit; null when it cannot be told or does
   *     not leave the process (in-process, file)
   * @param method how this was established ({@code pg_stat_ssl of this backend}, {@code the KMS
   *     client's endpoint})
   */
  public record ProtocolEntry(String channel, String protocol, String endpoint, @Nullable Boolean encrypted,
      String method) {}

  /** A rotation: {@code fromVersion} left ACTIVE at {@code at}. */
  public record Rotation(String table, int fromVersion, int toVersion, Instant at) {}

  /** One run of a re-encryption job. */
  public record JobRun(
      String jobId,
      int runNo,
      String mode,
      String state,
      Instant startedAt,
      @Nullable Instant finishedAt,
      int partitions,
      long rowsExamined,
      long rowsChanged,
      long conflicts,
      long failures) {}

  /**
   * Use of a version after it left ACTIVE (PCI DSS 3.7.5), from what the writers recorded of the
   * encryptions they performed ({@code colseal_key_usage}, key table migration V0_9).
   *
   * @param encryptionsAtRetirement the reservation counter when the version left ACTIVE; null when
   *     unknown (a version rotated before colseal 0.4 recorded none). Reservations, not encryptions
   * @param encryptionsReserved encryptions reserved in blocks while the version was ACTIVE; it
   *     cannot grow after retirement, so it proves nothing about use after it
   * @param noEncryptionSinceRetirement true only when the records prove it (see {@code
   *     evidenceMethod}); false when encryptions are recorded after {@code retired_at}; null
   *     (unknown) otherwise, with {@code reason}
   * @param evidenceMethod {@link #RECORDED_ENCRYPTIONS} or {@link #NOT_RECORDED}
   * @param encryptionsAfterRetirement encryptions recorded in periods that began after retirement: at
   *     least this many happened after it; null when not recorded
   * @param encryptionsPossiblyAfterRetirement that plus those in periods that include the retirement
   *     time: at most this many happened after it (as far as recorded); null when not recorded
   * @param lastEncryptionAt the latest recorded encryption under the version happened no later than
   *     this; null when not recorded
   * @param writers the processes that recorded encryptions after or possibly after retirement
   *     ({@code colseal@pid@host #<first 8 characters of its instance id>})
   * @param reason why {@code noEncryptionSinceRetirement} is unknown; null when it is known
   * @param reasonKo {@code reason} in Korean
   */
  public record RetiredUse(
      String table,
      int version,
      String state,
      @Nullable Long encryptionsAtRetirement,
      long encryptionsReserved,
      @Nullable Boolean noEncryptionSinceRetirement,
      String evidenceMethod,
      @Nullable Long encryptionsAfterRetirement,
      @Nullable Long encryptionsPossiblyAfterRetirement,
      @Nullable Instant lastEncryptionAt,
      List<String> writers,
      @Nullable String reason,
      @Nullable String reasonKo) {
    /** The claim rests on the encryptions the writers recorded ({@code colseal_key_usage}). */
    public static final String RECORDED_ENCRYPTIONS = "RECORDED_ENCRYPTIONS";
    /** No writer recorded encryptions under the version: nothing can be claimed. */
    public static final String NOT_RECORDED = "NOT_RECORDED";

    public RetiredUse {
      writers = List.copyOf(writers);
    }
  }

  /**
   * One cryptographic algorithm in use.
   *
   * @param provider for an algorithm run by a configurable JCA provider (ARIA-256-GCM): its name and
   *     version as it reports them, and the setting that chose it; null otherwise
   * @param kcmvpCertificate the KCMVP certificate number the operator states for that provider
   *     ({@code colseal.crypto.kcmvp-certificate}); null when none is stated or there is no provider
   */
  public record AlgorithmEntry(
      String name,
      String purpose,
      List<String> usedIn,
      int strengthBits,
      List<String> standards,
      @Nullable LocalDate lastReview,
      @Nullable LocalDate nextReview,
      @Nullable String provider,
      @Nullable String kcmvpCertificate) {
    public AlgorithmEntry {
      usedIn = List.copyOf(usedIn);
      standards = List.copyOf(standards);
    }

    /** An algorithm that colseal runs itself (the JDK's or BouncyCastle's fixed implementation). */
    public AlgorithmEntry(String name, String purpose, List<String> usedIn, int strengthBits, List<String> standards,
        @Nullable LocalDate lastReview, @Nullable LocalDate nextReview) {
      this(name, purpose, usedIn, strengthBits, standards, lastReview, nextReview, null, null);
    }
  }

  /**
   * A signature over the report's canonical JSON: the JSON form with {@code contentSha256} and this
   * record's {@code value} set to {@code ""}, UTF-8 (the bytes {@code contentSha256} is the hash of).
   * Every other member of this record is signed with the rest of the report.
   *
   * @param provider {@code aws-kms} or {@code local}
   * @param keyId the signing key: a KMS key ARN, or the alias in the local keystore
   * @param algorithm {@code ECDSA_SHA_256} (P-256) or {@code RSASSA_PSS_SHA_256} (salt 32, MGF1-SHA-256)
   * @param signedAt when the report was signed
   * @param publicKey the key's public half, X.509 {@code SubjectPublicKeyInfo} DER in Base64, for
   *     checking offline; trust it only once its SHA-256 matches the one published for the key
   * @param value the signature, Base64 (ECDSA: DER {@code SEQUENCE(r, s)})
   */
  public record Signature(String provider, String keyId, String algorithm, Instant signedAt, String publicKey,
      String value) {
    /** This signature with {@code value} replaced. */
    public Signature withValue(String value) {
      return new Signature(provider, keyId, algorithm, signedAt, publicKey, value);
    }
  }

  /** Severity of a finding, most severe first. */
  public enum Severity { HIGH, MEDIUM, LOW }

  /**
   * Something an auditor would question.
   *
   * @param code a finding code ({@code LEFTOVER_PLAINTEXT}...)
   * @param subject what it concerns: {@code table}, {@code table v2}, {@code table.column}, a KEK id
   * @param message what was found, in English
   * @param messageKo the same in Korean; null where no Korean text exists yet (renderers then show
   *     {@code message})
   * @param references the rules it concerns ({@code PCI DSS 3.7.4}, {@code ISMS-P 2.7.2})
   */
  public record Finding(String code, Severity severity, String subject, String message, @Nullable String messageKo,
      List<String> references) {
    public Finding {
      references = List.copyOf(references);
    }

    /** A finding with an English message only. */
    public Finding(String code, Severity severity, String subject, String message, List<String> references) {
      this(code, severity, subject, message, null, references);
    }

    /** The message in {@code korean} or English: Korean when asked for and present. */
    public String message(boolean korean) {
      return korean && messageKo != null ? messageKo : message;
    }
  }

  // Part B (issue 15, defects 2 and 5): scope and attestations.

  /**
   * What the report covers.
   *
   * @param schemas the schemas (catalogs on MariaDB/MySQL) whose tables the PII scan read, as the
   *     scan reported them
   * @param tablesIncluded every table the report covers (registered and catalog tables in scope),
   *     lower-case, sorted
   * @param tablesExcluded tables of the database (registered or in a scanned schema) left out by
   *     {@code --table}, lower-case, sorted; empty when nothing was filtered
   * @param piiSampling how the PII scan chose the values it read
   * @param options the audit options in force
   * @param partial whether tables were left out ({@code --table}): the findings then describe only
   *     {@code tablesIncluded}
   * @param tablesNotRead tables the PII scan could not read (no SELECT privilege, or the database
   *     refused the sampling query), qualified where outside the connection's schema, sorted: no claim
   *     about personal data in them is made
   */
  public record Scope(
      List<String> schemas,
      List<String> tablesIncluded,
      List<String> tablesExcluded,
      PiiSampling piiSampling,
      Options options,
      boolean partial,
      List<String> tablesNotRead) {
    public Scope {
      schemas = List.copyOf(schemas);
      tablesIncluded = List.copyOf(tablesIncluded);
      tablesExcluded = List.copyOf(tablesExcluded);
      tablesNotRead = List.copyOf(tablesNotRead);
    }
  }

  /**
   * How the PII scan sampled values.
   *
   * @param method the sampling methods used, joined with {@code +} ({@code RANDOM_ORDER}, {@code
   *     TABLESAMPLE_SYSTEM}, {@code TABLESAMPLE_BERNOULLI}, {@code KEYSET_RANDOM}), {@code NONE} when
   *     no column needed sampling, {@code NAMES_ONLY} when only names were checked
   * @param rowsPerColumn values read at most per unregistered character column; 0 when only names were checked
   * @param description the method in English
   * @param descriptionKo the method in Korean
   */
  public record PiiSampling(String method, int rowsPerColumn, String description, String descriptionKo) {}

  /**
   * The options an audit ran with.
   *
   * @param tables {@code --table} values, lower-case, sorted; empty means every table
   * @param piiSampleRows {@code --pii-sample-rows}
   * @param noKms whether the KMS was not asked about the KEKs ({@code --no-kms}, or no provider configured)
   * @param algorithmsReviewed {@code --algorithms-reviewed}, null when not given
   * @param schemas {@code --schema} values as given, sorted; empty means every schema the connection
   *     may read (the PII scan then covers them all)
   */
  public record Options(List<String> tables, int piiSampleRows, boolean noKms, @Nullable LocalDate algorithmsReviewed,
      List<String> schemas) {
    public Options {
      tables = List.copyOf(tables);
      schemas = List.copyOf(schemas);
    }

    /** Options without {@code --schema}. */
    public Options(List<String> tables, int piiSampleRows, boolean noKms, @Nullable LocalDate algorithmsReviewed) {
      this(tables, piiSampleRows, noKms, algorithmsReviewed, List.of());
    }
  }

  /**
   * One statement of the report about itself or about key custody, derived from collected facts.
   *
   * @param id a stable identifier ({@code KEK_CUSTODY}, {@code SPLIT_KNOWLEDGE})
   * @param text the statement in English
   * @param textKo the statement in Korean
   * @param facts the collected facts it rests on, by name, in collection order
   * @param references the rules it concerns ({@code PCI DSS 3.6.1.2})
   */
  public record Attestation(String id, String text, String textKo, Map<String, String> facts,
      List<String> references) {
    public Attestation {
      facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
      references = List.copyOf(references);
    }

    /** The text in Korean or English. */
    public String text(boolean korean) {
      return korean ? textKo : text;
    }
  }
}
