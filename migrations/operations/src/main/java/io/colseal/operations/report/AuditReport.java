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
 * @param formatVersion {@code "2"} (2: rows and values counted apart, Korean finding messages)
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
  }

  /** This report with {@code contentSha256} replaced. */
  public AuditReport withContentSha256(String sha256) {
    return new AuditReport(formatVersion, generatedAt, colsealVersion, source, policy, keks, deks, columns, suspects,
        lifecycle, algorithms, findings, signature, sha256);
  }

  /** This report with {@code signature} replaced. */
  public AuditReport withSignature(@Nullable Signature signature) {
    return new AuditReport(formatVersion, generatedAt, colsealVersion, source, policy, keks, deks, columns, suspects,
        lifecycle, algorithms, findings, signature, contentSha256);
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

  /** The key policy in force ({@code colseal.keys.*}, {@code colseal.key-cache-ttl}). */
  public record Policy(Duration originatorPeriod, Duration validityPeriod, long usageCap, Duration keyCacheTtl) {}

  /** The state of a KEK as its KMS reports it. */
  public enum KekState { ENABLED, DISABLED, PENDING_DELETION, NOT_FOUND, UNKNOWN }

  /**
   * One key-encryption key named in the key table.
   *
   * @param environments distinct environment tags of the key rows under this KEK, sorted
   * @param dekVersions key versions wrapped by this KEK
   * @param liveDekVersions of those, the ones not DESTROYED
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
      int liveDekVersions) {
    public KekEntry {
      environments = List.copyOf(environments);
    }
  }

  /**
   * One data key version.
   *
   * @param useEndsAt end of the originator-usage period (ACTIVE versions), else null
   * @param validUntil creation plus the validity period
   * @param usageRatio encryptionsReserved / usageCap
   * @param values values (one per registered column and row) under this version, summed over the
   *     table's registered columns; a table of N rows and 3 columns wholly under it gives 3N
   * @param rowsWithAnyValue rows with at least one registered column under this version
   * @param rowsWithAllValues rows whose every non-NULL registered column is under this version (and
   *     at least one is); a row half re-encrypted, or with a plaintext value, counts in {@code
   *     rowsWithAnyValue} of each version it names but here under none
   * @param flags what is due ({@code io.colseal.keys.KeyFlag} names)
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
      Instant validUntil,
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
      List<String> flags) {
    public DekEntry {
      columns = List.copyOf(columns);
      flags = List.copyOf(flags);
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
   * A column not registered as encrypted that looks like it holds personal data.
   *
   * @param kind RRN, ALIEN_RRN, CARD_NUMBER, BANK_ACCOUNT, PASSPORT, DRIVERS_LICENSE, PHONE, EMAIL
   * @param reason NAME, VALUES, NAME_AND_VALUES
   * @param sampled non-NULL values sampled
   * @param matches sampled values that matched {@code kind}'s detector
   * @param maskedExamples at most 3, masked ({@code 900101-1******})
   */
  public record PiiSuspect(
      String table,
      String column,
      String kind,
      String reason,
      long sampled,
      long matches,
      List<String> maskedExamples) {
    public PiiSuspect {
      maskedExamples = List.copyOf(maskedExamples);
    }
  }

  /** Key lifecycle evidence. */
  public record Lifecycle(List<Rotation> rotations, List<JobRun> jobRuns, List<RetiredUse> retiredUse) {
    public Lifecycle {
      rotations = List.copyOf(rotations);
      jobRuns = List.copyOf(jobRuns);
      retiredUse = List.copyOf(retiredUse);
    }
  }

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
   * Use of a version after it left ACTIVE.
   *
   * @param encryptionsAtRetirement the counter when the version left ACTIVE; null when unknown (a
   *     version rotated before colseal 0.4 recorded none)
   * @param noEncryptionSinceRetirement {@code encryptionsReserved == encryptionsAtRetirement}; null
   *     (unknown) when {@code encryptionsAtRetirement} is null: nothing can then be claimed either way
   */
  public record RetiredUse(
      String table,
      int version,
      String state,
      @Nullable Long encryptionsAtRetirement,
      long encryptionsReserved,
      @Nullable Boolean noEncryptionSinceRetirement) {}

  /** One cryptographic algorithm in use. */
  public record AlgorithmEntry(
      String name,
      String purpose,
      List<String> usedIn,
      int strengthBits,
      List<String> standards,
      @Nullable LocalDate lastReview,
      @Nullable LocalDate nextReview) {
    public AlgorithmEntry {
      usedIn = List.copyOf(usedIn);
      standards = List.copyOf(standards);
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
}
