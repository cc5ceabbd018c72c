package io.colseal.operations.audit;

import io.colseal.Classification;
import io.colseal.operations.report.AuditReport.KekState;
import io.colseal.operations.report.AuditReport.Severity;
import io.colseal.operations.internal.audit.ReportFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Every label of the audit report in Korean and English, in one place: section titles, column
 * headers (keyed by the report records' component names), finding codes, severities, KEK and key
 * states, PII kinds and reasons, and the legal categories of {@link Classification}. Used by every
 * renderer. A key without a label renders as itself, so a new field never breaks a report.
 */
public final class Labels {
  /** Sections of the report, in the order the Markdown and HTML forms show them. */
  public enum Section {
    TITLE, SCOPE, SUMMARY, FINDINGS, KEK_REGISTER, KEY_REGISTER, COLUMN_INVENTORY, PII_SUSPECTS, LIFECYCLE, ROTATIONS,
    JOB_RUNS, RETIRED_USE, ALGORITHMS, POLICY, SOURCE, ATTESTATION, INTEGRITY,
    // Part R (issue 15): register details, key events and the protocol inventory.
    KEK_DETAILS, KEY_CUSTODY, KEY_EVENTS, PROTOCOLS
  }

  private static final Map<String, String[]> SECTIONS = Map.ofEntries(
      Map.entry("TITLE", new String[] {"컬럼 암호화 감사 보고서", "Column encryption audit report"}),
      Map.entry("SCOPE", new String[] {"감사 범위", "Scope"}),
      Map.entry("SUMMARY", new String[] {"요약", "Summary"}),
      Map.entry("FINDINGS", new String[] {"발견 사항", "Findings"}),
      Map.entry("KEK_REGISTER", new String[] {"키 암호화 키(KEK) 목록", "Key-encryption keys (KEK)"}),
      Map.entry("KEY_REGISTER", new String[] {"데이터 키 관리대장", "Data key register"}),
      Map.entry("COLUMN_INVENTORY", new String[] {"암호화 컬럼 목록", "Encrypted column inventory"}),
      Map.entry("PII_SUSPECTS", new String[] {"암호화되지 않은 개인정보 의심 컬럼", "Suspected unencrypted personal data"}),
      Map.entry("LIFECYCLE", new String[] {"키 수명주기", "Key lifecycle"}),
      Map.entry("ROTATIONS", new String[] {"키 교체 이력", "Rotations"}),
      Map.entry("JOB_RUNS", new String[] {"재암호화 작업 이력", "Re-encryption job runs"}),
      Map.entry("RETIRED_USE", new String[] {"퇴역 후 사용", "Use after retirement"}),
      Map.entry("ALGORITHMS", new String[] {"암호 알고리즘 목록", "Algorithm inventory"}),
      Map.entry("POLICY", new String[] {"키 정책", "Key policy"}),
      Map.entry("SOURCE", new String[] {"대상", "Source"}),
      Map.entry("ATTESTATION", new String[] {"확인 사항", "Attestation notes"}),
      Map.entry("INTEGRITY", new String[] {"무결성", "Integrity"}),
      // Part R (issue 15)
      Map.entry("KEK_DETAILS", new String[] {"KEK 관리대장 (KMS 기록)", "KEK register (as the KMS records it)"}),
      Map.entry("KEY_CUSTODY", new String[] {"데이터 키 관리 이력", "Data key custody"}),
      Map.entry("KEY_EVENTS", new String[] {"키 관리 명령 이력 (재래핑·퇴역·파기)", "Key command history (rewrap, retire, destroy)"}),
      Map.entry("PROTOCOLS", new String[] {"사용 프로토콜 목록", "Protocol inventory"}));

  private static final Map<String, String[]> HEADERS = Map.ofEntries(
      Map.entry("generatedAt", new String[] {"생성 시각", "Generated at"}),
      Map.entry("colsealVersion", new String[] {"colseal 버전", "colseal version"}),
      Map.entry("formatVersion", new String[] {"형식 버전", "Format version"}),
      Map.entry("contentSha256", new String[] {"내용 SHA-256", "Content SHA-256"}),
      Map.entry("databaseProduct", new String[] {"데이터베이스", "Database"}),
      Map.entry("databaseVersion", new String[] {"데이터베이스 버전", "Database version"}),
      Map.entry("jdbcUrlMasked", new String[] {"JDBC URL", "JDBC URL"}),
      Map.entry("schema", new String[] {"스키마", "Schema"}),
      Map.entry("kmsProvider", new String[] {"KMS 제공자", "KMS provider"}),
      Map.entry("environment", new String[] {"환경", "Environment"}),
      Map.entry("originatorPeriod", new String[] {"암호화 사용 기간", "Originator-usage period"}),
      Map.entry("validityPeriod", new String[] {"키 유효 기간", "Validity period"}),
      Map.entry("usageCap", new String[] {"사용 한도", "Usage cap"}),
      Map.entry("keyCacheTtl", new String[] {"키 캐시 TTL", "Key cache TTL"}),
      Map.entry("provider", new String[] {"제공자", "Provider"}),
      Map.entry("kekId", new String[] {"KEK ID", "KEK ID"}),
      Map.entry("location", new String[] {"위치", "Location"}),
      Map.entry("keySpec", new String[] {"키 규격", "Key spec"}),
      Map.entry("state", new String[] {"상태", "State"}),
      Map.entry("deletionDate", new String[] {"삭제 예정일", "Deletion date"}),
      Map.entry("rotationEnabled", new String[] {"자동 교체", "Automatic rotation"}),
      Map.entry("environments", new String[] {"환경", "Environments"}),
      Map.entry("dekVersions", new String[] {"데이터 키 버전 수", "Data key versions"}),
      Map.entry("liveDekVersions", new String[] {"사용 중 버전 수", "Live versions"}),
      Map.entry("table", new String[] {"테이블", "Table"}),
      Map.entry("version", new String[] {"버전", "Version"}),
      Map.entry("algorithm", new String[] {"알고리즘", "Algorithm"}),
      Map.entry("strengthBits", new String[] {"강도(비트)", "Strength (bits)"}),
      Map.entry("kekProvider", new String[] {"KEK 제공자", "KEK provider"}),
      Map.entry("keyCheckValue", new String[] {"키 확인값", "Key check value"}),
      Map.entry("createdAt", new String[] {"생성일", "Created"}),
      Map.entry("activatedAt", new String[] {"활성화일", "Activated"}),
      Map.entry("useEndsAt", new String[] {"사용 종료 예정", "Use ends"}),
      Map.entry("validUntil", new String[] {"유효 기한", "Valid until"}),
      Map.entry("retiredAt", new String[] {"퇴역일", "Retired"}),
      Map.entry("destroyedAt", new String[] {"파기일", "Destroyed"}),
      Map.entry("encryptionsReserved", new String[] {"예약된 암호화 횟수", "Encryptions reserved"}),
      Map.entry("usageRatio", new String[] {"사용률", "Usage ratio"}),
      Map.entry("encryptionsAtRetirement", new String[] {"퇴역 시 예약 횟수", "Reserved at retirement"}),
      Map.entry("values", new String[] {"값 수 (컬럼 × 행)", "Values (columns × rows)"}),
      Map.entry("rowsWithAnyValue", new String[] {"이 키의 값이 있는 행", "Rows with a value under it"}),
      Map.entry("rowsWithAllValues", new String[] {"모든 값이 이 키인 행", "Rows wholly under it"}),
      Map.entry("columns", new String[] {"컬럼", "Columns"}),
      Map.entry("ageDays", new String[] {"경과 일수", "Age (days)"}),
      Map.entry("flags", new String[] {"조치 필요", "Flags"}),
      Map.entry("column", new String[] {"컬럼", "Column"}),
      Map.entry("entity", new String[] {"엔티티", "Entity"}),
      Map.entry("attribute", new String[] {"속성", "Attribute"}),
      Map.entry("javaType", new String[] {"Java 타입", "Java type"}),
      Map.entry("storage", new String[] {"저장 형식", "Storage"}),
      Map.entry("mode", new String[] {"모드", "Mode"}),
      Map.entry("classification", new String[] {"분류", "Classification"}),
      Map.entry("method", new String[] {"암호화 방식", "Method"}),
      Map.entry("nonceBits", new String[] {"논스(비트)", "Nonce (bits)"}),
      Map.entry("tagBits", new String[] {"태그(비트)", "Tag (bits)"}),
      Map.entry("aad", new String[] {"AAD", "AAD"}),
      Map.entry("rowsTotal", new String[] {"전체 행", "Rows total"}),
      Map.entry("rowsNull", new String[] {"NULL 행", "Rows NULL"}),
      Map.entry("rowsByKeyVersion", new String[] {"버전별 행", "Rows by key version"}),
      Map.entry("rowsNotEncrypted", new String[] {"평문 행", "Rows not encrypted"}),
      Map.entry("activeVersion", new String[] {"활성 버전", "Active version"}),
      Map.entry("kind", new String[] {"유형", "Kind"}),
      Map.entry("reason", new String[] {"근거", "Reason"}),
      Map.entry("sampled", new String[] {"표본 수", "Sampled"}),
      Map.entry("matches", new String[] {"일치 수", "Matches"}),
      Map.entry("maskedExamples", new String[] {"예시(마스킹)", "Examples (masked)"}),
      Map.entry("fromVersion", new String[] {"이전 버전", "From version"}),
      Map.entry("toVersion", new String[] {"새 버전", "To version"}),
      Map.entry("at", new String[] {"시각", "At"}),
      Map.entry("jobId", new String[] {"작업 ID", "Job ID"}),
      Map.entry("runNo", new String[] {"실행 번호", "Run"}),
      Map.entry("startedAt", new String[] {"시작", "Started"}),
      Map.entry("finishedAt", new String[] {"종료", "Finished"}),
      Map.entry("partitions", new String[] {"파티션", "Partitions"}),
      Map.entry("rowsExamined", new String[] {"검사 행", "Rows examined"}),
      Map.entry("rowsChanged", new String[] {"변경 행", "Rows changed"}),
      Map.entry("conflicts", new String[] {"충돌", "Conflicts"}),
      Map.entry("failures", new String[] {"실패", "Failures"}),
      Map.entry("noEncryptionSinceRetirement", new String[] {"퇴역 후 암호화 없음", "No encryption since retirement"}),
      Map.entry("name", new String[] {"이름", "Name"}),
      Map.entry("purpose", new String[] {"용도", "Purpose"}),
      Map.entry("usedIn", new String[] {"사용처", "Used in"}),
      Map.entry("standards", new String[] {"기준", "Standards"}),
      Map.entry("lastReview", new String[] {"최근 검토", "Last review"}),
      Map.entry("nextReview", new String[] {"다음 검토", "Next review"}),
      Map.entry("kcmvpCertificate", new String[] {"KCMVP 검증서 번호", "KCMVP certificate"}),
      Map.entry("code", new String[] {"코드", "Code"}),
      Map.entry("severity", new String[] {"심각도", "Severity"}),
      Map.entry("subject", new String[] {"대상", "Subject"}),
      Map.entry("message", new String[] {"내용", "Message"}),
      Map.entry("messageKo", new String[] {"내용 (한국어)", "Message (Korean)"}),
      Map.entry("references", new String[] {"근거 기준", "References"}),
      Map.entry("count", new String[] {"건수", "Count"}),
      // Part R (issue 15): KEK register, data key custody, key events, protocols.
      Map.entry("kekPeriod", new String[] {"KEK 암호 사용 기간", "KEK cryptoperiod"}),
      Map.entry("description", new String[] {"설명", "Description"}),
      Map.entry("aliases", new String[] {"별칭", "Aliases"}),
      Map.entry("tags", new String[] {"태그", "Tags"}),
      Map.entry("access", new String[] {"접근 권한", "Access"}),
      Map.entry("createdBy", new String[] {"생성자(관리 주체)", "Created by (custodian)"}),
      Map.entry("purposes", new String[] {"보호 대상(용도)", "Protects (purpose)"}),
      Map.entry("movedToRetiredAt", new String[] {"퇴역(RETIRED) 전환일", "Moved to RETIRED"}),
      Map.entry("destroyMethod", new String[] {"파기 방법", "Destruction method"}),
      Map.entry("destroyedBy", new String[] {"파기자", "Destroyed by"}),
      Map.entry("keyTableBackup", new String[] {"키 테이블 백업 (운영자 진술)", "Key table backup (operator's statement)"}),
      Map.entry("event", new String[] {"명령", "Event"}),
      Map.entry("actor", new String[] {"수행자", "Actor"}),
      Map.entry("fromKekId", new String[] {"이전 KEK", "From KEK"}),
      Map.entry("toKekId", new String[] {"새 KEK", "To KEK"}),
      Map.entry("detail", new String[] {"상세", "Detail"}),
      Map.entry("channel", new String[] {"채널", "Channel"}),
      Map.entry("protocol", new String[] {"프로토콜", "Protocol"}),
      Map.entry("endpoint", new String[] {"접속 대상", "Endpoint"}),
      Map.entry("encrypted", new String[] {"전송 구간 암호화", "Encrypted in transit"}),
      Map.entry("howEstablished", new String[] {"확인 방법", "How established"}),
      Map.entry("keyEvents", new String[] {"키 관리 명령 이력", "Key command history"}),
      Map.entry("protocols", new String[] {"사용 프로토콜", "Protocols"}),
      // Part P (issue 15): PII discovery.
      Map.entry("matchRate", new String[] {"일치율", "Match rate"}),
      Map.entry("confidence", new String[] {"신뢰도", "Confidence"}),
      // Part S (issue 15): the CSV summary and the report's signature.
      Map.entry("item", new String[] {"항목", "Item"}),
      Map.entry("value", new String[] {"값", "Value"}),
      Map.entry("findings", new String[] {"발견 사항", "Findings"}),
      Map.entry("signature", new String[] {"전자서명", "Signature"}),
      Map.entry("keyId", new String[] {"서명 키 ID", "Signing key ID"}),
      Map.entry("signedAt", new String[] {"서명 시각", "Signed at"}),
      Map.entry("publicKey", new String[] {"공개키 (X.509 SubjectPublicKeyInfo, Base64)",
          "Public key (X.509 SubjectPublicKeyInfo, Base64)"}),
      Map.entry("publicKeySha256", new String[] {"공개키 SHA-256", "Public key SHA-256"}),
      Map.entry("signatureValue", new String[] {"서명 값 (Base64)", "Signature value (Base64)"}));

  private static final Map<String, String[]> FINDINGS = Map.ofEntries(
      Map.entry("KEY_VALIDITY_PERIOD_EXCEEDED", new String[] {"키 유효 기간 초과", "Key validity period exceeded"}),
      Map.entry("KEY_ORIGINATOR_PERIOD_EXCEEDED", new String[] {"키 암호화 사용 기간 초과", "Key originator-usage period exceeded"}),
      Map.entry("KEY_USAGE_NEAR_CAP", new String[] {"키 사용 한도 임박", "Key usage near its cap"}),
      Map.entry("LEFTOVER_PLAINTEXT", new String[] {"암호화되지 않은 잔여 평문", "Leftover plaintext"}),
      Map.entry("ROWS_ON_RETIRED_VERSION", new String[] {"퇴역한 키 버전의 행", "Rows on a retired key version"}),
      Map.entry("ROWS_ON_DESTROYED_VERSION", new String[] {"파기된 키 버전의 행(복구 불가)", "Rows on a destroyed key version (unrecoverable)"}),
      Map.entry("ENCRYPTION_AFTER_RETIREMENT", new String[] {"퇴역 후 암호화", "Encryption after retirement"}),
      Map.entry("KEK_DISABLED", new String[] {"KEK 비활성화", "KEK disabled"}),
      Map.entry("KEK_PENDING_DELETION", new String[] {"KEK 삭제 예정", "KEK pending deletion"}),
      Map.entry("KEK_NOT_FOUND", new String[] {"KEK 없음", "KEK not found"}),
      Map.entry("KEK_SHARED_ACROSS_ENVIRONMENTS", new String[] {"여러 환경이 공유하는 KEK", "KEK shared across environments"}),
      Map.entry("KEY_UNSUPPORTED", new String[] {"이 버전이 읽을 수 없는 데이터 키", "Data key this release cannot read"}),
      Map.entry("ENCRYPTED_TABLE_WITHOUT_KEY", new String[] {"활성 키가 없는 암호화 테이블", "Encrypted table without an active key"}),
      Map.entry("WEAK_ALGORITHM", new String[] {"취약한 알고리즘", "Weak algorithm"}),
      Map.entry("PASSWORD_ENCRYPTED", new String[] {"양방향 암호화된 비밀번호", "Password encrypted instead of hashed"}),
      Map.entry("UNENCRYPTED_PII", new String[] {"암호화되지 않은 개인정보", "Unencrypted personal data"}),
      Map.entry("COLUMN_UNCLASSIFIED", new String[] {"분류되지 않은 암호화 컬럼", "Unclassified encrypted column"}),
      Map.entry("ALGORITHM_REVIEW_OVERDUE", new String[] {"암호 알고리즘 검토 기한 경과", "Algorithm review overdue"}),
      Map.entry("REENCRYPTION_JOB_STALE", new String[] {"중단된 재암호화 작업", "Stalled re-encryption job"}),
      // Part R (issue 15)
      Map.entry("KEK_CRYPTOPERIOD_EXCEEDED", new String[] {"KEK 암호 사용 기간 초과", "KEK cryptoperiod exceeded"}),
      Map.entry("INSECURE_KMS_ENDPOINT", new String[] {"암호화되지 않은 KMS 접속", "KMS reached without TLS"}),
      // Part P (issue 15): PII discovery.
      Map.entry("PASSWORD_NOT_HASHED", new String[] {"일방향 해시되지 않은 비밀번호", "Password not hashed one-way"}),
      // Issue 15, defect 4: cryptoperiods recorded with the key.
      Map.entry("KEY_CRYPTOPERIOD_NOT_RECORDED", new String[] {"키 사용 기간 기록 없음", "Key cryptoperiod not recorded"}));

  private static final Map<String, String[]> VALUES = Map.ofEntries(
      Map.entry("kind.RRN", new String[] {"주민등록번호", "resident registration number"}),
      Map.entry("kind.ALIEN_RRN", new String[] {"외국인등록번호", "alien registration number"}),
      Map.entry("kind.CARD_NUMBER", new String[] {"신용카드번호", "payment card number"}),
      Map.entry("kind.BANK_ACCOUNT", new String[] {"계좌번호", "bank account number"}),
      Map.entry("kind.PASSPORT", new String[] {"여권번호", "passport number"}),
      Map.entry("kind.DRIVERS_LICENSE", new String[] {"운전면허번호", "driver's licence number"}),
      Map.entry("kind.PHONE", new String[] {"전화번호", "phone number"}),
      Map.entry("kind.EMAIL", new String[] {"이메일 주소", "e-mail address"}),
      Map.entry("reason.NAME", new String[] {"컬럼 이름", "column name"}),
      Map.entry("reason.VALUES", new String[] {"값", "values"}),
      Map.entry("reason.NAME_AND_VALUES", new String[] {"컬럼 이름과 값", "column name and values"}),
      Map.entry("severity.HIGH", new String[] {"높음", "High"}),
      Map.entry("severity.MEDIUM", new String[] {"중간", "Medium"}),
      Map.entry("severity.LOW", new String[] {"낮음", "Low"}),
      Map.entry("kek.ENABLED", new String[] {"사용 가능", "enabled"}),
      Map.entry("kek.DISABLED", new String[] {"비활성화", "disabled"}),
      Map.entry("kek.PENDING_DELETION", new String[] {"삭제 예정", "pending deletion"}),
      Map.entry("kek.NOT_FOUND", new String[] {"없음", "not found"}),
      Map.entry("kek.UNKNOWN", new String[] {"알 수 없음", "unknown"}),
      Map.entry("unknown", new String[] {"알 수 없음", "unknown"}),
      Map.entry("key.ACTIVE", new String[] {"활성", "active"}),
      Map.entry("key.DECRYPT_ONLY", new String[] {"복호화 전용", "decrypt only"}),
      Map.entry("key.RETIRED", new String[] {"퇴역", "retired"}),
      Map.entry("key.DESTROYED", new String[] {"파기", "destroyed"}),
      Map.entry("key.PENDING", new String[] {"대기", "pending"}),
      // Part P (issue 15): PII discovery.
      Map.entry("kind.PASSWORD", new String[] {"비밀번호(평문)", "password (not hashed)"}),
      Map.entry("reason.SPLIT_COLUMNS", new String[] {"두 컬럼에 나뉜 값", "value split over two columns"}),
      Map.entry("confidence.HIGH", new String[] {"높음", "high"}),
      Map.entry("confidence.MEDIUM", new String[] {"중간", "medium"}),
      Map.entry("confidence.LOW", new String[] {"낮음", "low"}));

  // Part B (issue 15, defects 2, 5 and 9): scope, attestations, and the report's English prose in Korean.
  private static final Map<String, String[]> PART_B = Map.ofEntries(
      Map.entry("scope.schemas", new String[] {"검사한 스키마", "Schemas scanned"}),
      Map.entry("scope.tablesIncluded", new String[] {"포함한 테이블", "Tables included"}),
      Map.entry("scope.tablesExcluded", new String[] {"제외한 테이블", "Tables excluded"}),
      Map.entry("scope.piiSampling", new String[] {"개인정보 표본 추출", "PII sampling"}),
      Map.entry("scope.options", new String[] {"감사 옵션", "Audit options"}),
      Map.entry("scope.partial", new String[] {"부분 보고서", "Partial report"}),
      Map.entry("scope.all", new String[] {"전체", "all"}),
      Map.entry("scope.none", new String[] {"없음", "none"}),
      Map.entry("scope.tablesNotRead", new String[] {"읽지 못한 테이블 (개인정보 검사 안 됨)",
          "Tables not read (no PII claim about them)"}),
      Map.entry("scope.yes", new String[] {"예", "yes"}),
      Map.entry("scope.no", new String[] {"아니요", "no"}),
      Map.entry("scope.banner", new String[] {
          "부분 보고서: --table로 지정한 테이블만 감사했습니다. 제외한 테이블 %d개의 발견 사항은 이 보고서에 없습니다.",
          "Partial report: only the tables given with --table were audited; findings of the %d tables left out are"
              + " not in this report."}),
      Map.entry("scope.schemasOnly", new String[] {"일부 스키마만 검사", "Some schemas only"}),
      Map.entry("scope.schemasBanner", new String[] {
          "--schema로 지정한 스키마(%s)에서만 암호화되지 않은 개인정보를 찾았습니다. 다른 스키마의 개인정보에 대해서는 이 보고서가 아무것도 말하지 않습니다.",
          "Unencrypted personal data was looked for only in the schemas given with --schema (%s); this report says"
              + " nothing about personal data in other schemas."}),
      Map.entry("attestation.facts", new String[] {"근거 사실", "Facts"}),
      // Column headers of the Part B record components (AuditReport.Scope, PiiSampling, Options, Attestation).
      Map.entry("scope", new String[] {"감사 범위", "Scope"}),
      Map.entry("attestations", new String[] {"확인 사항", "Attestations"}),
      Map.entry("schemas", new String[] {"검사한 스키마", "Schemas scanned"}),
      Map.entry("tablesIncluded", new String[] {"포함한 테이블", "Tables included"}),
      Map.entry("tablesExcluded", new String[] {"제외한 테이블", "Tables excluded"}),
      Map.entry("tablesNotRead", new String[] {"읽지 못한 테이블", "Tables not read"}),
      Map.entry("piiSampling", new String[] {"개인정보 표본 추출", "PII sampling"}),
      Map.entry("options", new String[] {"감사 옵션", "Audit options"}),
      Map.entry("partial", new String[] {"부분 보고서", "Partial report"}),
      Map.entry("rowsPerColumn", new String[] {"컬럼당 표본 수", "Values per column"}),
      Map.entry("description", new String[] {"설명", "Description"}),
      Map.entry("descriptionKo", new String[] {"설명 (한국어)", "Description (Korean)"}),
      Map.entry("tables", new String[] {"테이블 지정", "Tables given"}),
      Map.entry("piiSampleRows", new String[] {"개인정보 표본 행 수", "PII sample rows"}),
      Map.entry("noKms", new String[] {"KMS 조회 안 함", "KMS not asked"}),
      Map.entry("algorithmsReviewed", new String[] {"알고리즘 검토일", "Algorithms reviewed"}),
      Map.entry("id", new String[] {"ID", "ID"}),
      Map.entry("text", new String[] {"내용", "Statement"}),
      Map.entry("textKo", new String[] {"내용 (한국어)", "Statement (Korean)"}),
      Map.entry("facts", new String[] {"근거 사실", "Facts"}),
      Map.entry("attestation.references", new String[] {"근거 기준", "References"}),
      Map.entry("word.bits", new String[] {"비트", "bit"}),
      Map.entry("word.nonce", new String[] {"논스", "nonce"}),
      Map.entry("word.tag", new String[] {"태그", "tag"}),
      Map.entry("word.format", new String[] {"형식", "format"}),
      // The English prose of the report's data (column methods, AAD parts, algorithm purposes).
      Map.entry("AEAD encryption", new String[] {"AEAD 암호화", "AEAD encryption"}),
      Map.entry("deterministic AEAD encryption (fixed nonce)",
          new String[] {"결정적 AEAD 암호화(고정 논스)", "deterministic AEAD encryption (fixed nonce)"}),
      Map.entry("envelope header", new String[] {"봉투 헤더", "envelope header"}),
      Map.entry("table name", new String[] {"테이블 이름", "table name"}),
      Map.entry("column name", new String[] {"컬럼 이름", "column name"}),
      Map.entry("normalizer", new String[] {"정규화 방식", "normalizer"}),
      Map.entry("bits", new String[] {"비트 수", "bits"}),
      Map.entry("column value encryption (AEAD)", new String[] {"컬럼 값 암호화(AEAD)", "column value encryption (AEAD)"}),
      Map.entry("ARIA key of each data key version", new String[] {"데이터 키 버전별 ARIA 키",
          "ARIA key of each data key version"}),
      Map.entry("deterministic (searchable) column value encryption (AEAD)",
          new String[] {"결정적(검색 가능) 컬럼 값 암호화(AEAD)", "deterministic (searchable) column value encryption (AEAD)"}),
      Map.entry("deterministic key of each data key version",
          new String[] {"데이터 키 버전별 결정적 암호화 키 유도", "deterministic key of each data key version"}),
      Map.entry("data key wrapping by the KEK", new String[] {"KEK에 의한 데이터 키 래핑", "data key wrapping by the KEK"}),
      Map.entry("key check value of each data key", new String[] {"데이터 키별 키 확인값", "key check value of each data key"}),
      Map.entry("equality search on encrypted columns (keyed hash)",
          new String[] {"암호화 컬럼의 동등 검색(키 해시)", "equality search on encrypted columns (keyed hash)"}),
      Map.entry("not legally required; recommended (ISMS-P 2.7.1)",
          new String[] {"법적 의무 아님, 권고 사항 (ISMS-P 2.7.1)", "not legally required; recommended (ISMS-P 2.7.1)"}),
      // Issue 15, defect 4: each data key's cryptoperiod as recorded with it, never the auditor's settings.
      Map.entry("cryptoperiodSource", new String[] {"기간 출처", "Cryptoperiod source"}),
      Map.entry("cryptoperiod.RECORDED", new String[] {"키에 기록됨", "recorded with the key"}),
      Map.entry("cryptoperiod.NOT_RECORDED", new String[] {"기록 없음", "not recorded"}),
      Map.entry("cryptoperiod.title", new String[] {"데이터 키 암호 사용 기간 (키에 기록된 값)",
          "Data key cryptoperiods (as recorded with each key)"}),
      Map.entry("cryptoperiod.policyNote", new String[] {
          "위 기간은 앞으로 생성되는 키 버전에 기록되는 값입니다. 각 키 버전의 사용 종료와 유효 기한은 생성 시 키와 함께 기록되며"
              + " colseal keys set-cryptoperiod로만 바뀝니다. 이 감사의 설정은 기존 키의 기한을 바꾸지 않습니다.",
          "These periods are what new key versions get. Each version's use end and validity end are recorded with"
              + " it when it is created and change only through colseal keys set-cryptoperiod; this audit's settings"
              + " do not move them."}));

  private static final Pattern BLIND_INDEX_METHOD = Pattern.compile("blind index of (.+) \\(keyed hash, (.+)\\)");

  /** A Part B label ({@code scope.schemas}, {@code word.bits}). */
  public static String partB(String key, Lang lang) {
    return pick(PART_B, key, lang);
  }

  /** English prose of the report's data in {@code lang}: itself when no translation exists. */
  public static String prose(String english, Lang lang) {
    return pick(PART_B, english, lang);
  }

  /** A column's method ({@code ColumnEntry.method}) in {@code lang}. */
  public static String method(String method, Lang lang) {
    Matcher m = BLIND_INDEX_METHOD.matcher(method);
    if (lang == Lang.KO && m.matches()) {
      return m.group(1) + "의 블라인드 인덱스(키 해시, " + m.group(2) + ")";
    }
    return prose(method, lang);
  }

  /** A column's AAD ({@code envelope header | table name | column name}) in {@code lang}. */
  public static String aad(String aad, Lang lang) {
    if (lang == Lang.EN) {
      return aad;
    }
    return Arrays.stream(aad.split(" \\| ", -1))
        .map(part -> part.startsWith("key ") ? "키 " + part.substring(4) : prose(part, lang))
        .collect(Collectors.joining(" | "));
  }

  /** An algorithm inventory name in {@code lang}: the descriptive suffixes translated, the algorithm kept. */
  public static String algorithmName(String name, Lang lang) {
    if (lang == Lang.EN) {
      return name;
    }
    return name.replace("(local keystore wrap)", "(로컬 키스토어 래핑)").replace("(blind index)", "(블라인드 인덱스)")
        .replaceAll(" wrap$", " 래핑");
  }

  /**
   * For an algorithm run by a configurable provider (ARIA): the provider, and the KCMVP certificate
   * the operator states for it, or that none is stated; "" for the others.
   */
  public static String providerNote(@Nullable String provider, @Nullable String kcmvpCertificate, Lang lang) {
    if (provider == null) {
      return "";
    }
    boolean ko = lang == Lang.KO;
    return (ko ? " — 제공자: " : " — provider: ") + provider + "; "
        + (kcmvpCertificate == null ? (ko ? "KCMVP 검증 명시 없음" : "no KCMVP validation stated")
            : (ko ? "KCMVP 검증서 번호 " : "KCMVP certificate ") + kcmvpCertificate
                + (ko ? " (운영자 진술)" : " (operator's statement)"));
  }

  /** Durations in words ({@code 365 days}, {@code 365일}). */
  public static String duration(Duration d, Lang lang) {
    return ReportFormat.duration(d, lang == Lang.KO);
  }

  /** Times to the second, in UTC, saying so. */
  public static String time(@Nullable Instant t) {
    return ReportFormat.time(t);
  }

  private Labels() {}

  /** The title of {@code section}. */
  public static String section(Section section, Lang lang) {
    return pick(SECTIONS, section.name(), lang);
  }

  /** The column header of a report field, by its record component name ({@code keyCheckValue}). */
  public static String header(String field, Lang lang) {
    if (DEFECT_1.containsKey(field)) {
      return pick(DEFECT_1, field, lang);
    }
    return HEADERS.containsKey(field) ? pick(HEADERS, field, lang) : pick(PART_B, field, lang);
  }

  /** The short title of a finding code ({@code LEFTOVER_PLAINTEXT}). */
  public static String finding(String code, Lang lang) {
    return FINDINGS.containsKey(code) ? pick(FINDINGS, code, lang) : pick(DEFECT_1, code, lang);
  }

  public static String severity(Severity severity, Lang lang) {
    return pick(VALUES, "severity." + severity.name(), lang);
  }

  public static String kekState(KekState state, Lang lang) {
    return pick(VALUES, "kek." + state.name(), lang);
  }

  /** A value the database cannot tell (a NULL counter): never shown as 0 or as a verdict. */
  public static String unknown(Lang lang) {
    return pick(VALUES, "unknown", lang);
  }

  /** A data key state ({@code ACTIVE}, {@code DECRYPT_ONLY}...). */
  public static String keyState(String state, Lang lang) {
    return pick(VALUES, "key." + state, lang);
  }

  /** A PII suspect's confidence ({@code HIGH}, {@code MEDIUM}, {@code LOW}). */
  public static String piiConfidence(String confidence, Lang lang) {
    return pick(VALUES, "confidence." + confidence, lang);
  }

  /** A PII suspect kind ({@code RRN}, {@code CARD_NUMBER}...). */
  public static String piiKind(String kind, Lang lang) {
    return pick(VALUES, "kind." + kind, lang);
  }

  /** A PII suspect reason ({@code NAME}, {@code VALUES}, {@code NAME_AND_VALUES}). */
  public static String piiReason(String reason, Lang lang) {
    return pick(VALUES, "reason." + reason, lang);
  }

  /** The legal category of a classification name ({@code RESIDENT_REGISTRATION_NUMBER}). */
  public static String classification(String classification, Lang lang) {
    Classification c;
    try {
      c = Classification.valueOf(classification.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return classification;
    }
    return lang == Lang.KO ? c.korean() : c.english();
  }

  // Part R (issue 15)
  /**
   * What the data-key register says when no key-table backup statement was given ({@code
   * colseal.audit.key-table-backup}).
   */
  public static String noBackupStatement(Lang lang) {
    return lang == Lang.KO
        ? "운영자가 키 테이블 백업 위치를 진술하지 않았습니다(colseal.audit.key-table-backup): 백업 증적을 별도로 확인하십시오."
        : "No statement of where the key table is backed up was given (colseal.audit.key-table-backup): ask for the"
            + " backup evidence separately.";
  }

  /** What the key events part says when the key table has no event history (migration V0_8). */
  public static String noKeyEventHistory(Lang lang) {
    return lang == Lang.KO
        ? "키 테이블에 명령 이력(colseal_key_event, 마이그레이션 V0_8)이 없어 재래핑·퇴역·파기 이력을 보여줄 수 없습니다."
        : "The key table has no command history (colseal_key_event, migration V0_8): rewraps, retirements and"
            + " destructions cannot be shown.";
  }

  // Issue 15, defect 4
  /** An end of a data key's cryptoperiod as recorded with it: the time, or "not recorded" ("기록 없음"). */
  public static String cryptoperiodEnd(@Nullable Instant t, Lang lang) {
    return t == null ? pick(PART_B, "cryptoperiod.NOT_RECORDED", lang) : time(t);
  }

  /** {@code DekEntry.cryptoperiodSource} ({@code RECORDED}, {@code NOT_RECORDED}) in {@code lang}. */
  public static String cryptoperiodSource(String source, Lang lang) {
    return pick(PART_B, "cryptoperiod." + source, lang);
  }

  /** Every finding code with a label. */
  public static Set<String> findingCodes() {
    Set<String> codes = new java.util.TreeSet<>(FINDINGS.keySet());
    DEFECT_1.keySet().stream().filter(k -> k.equals(k.toUpperCase(Locale.ROOT)) && k.contains("_")).forEach(codes::add);
    return codes;
  }

  /** How a use-after-retirement claim is backed ({@code RECORDED_ENCRYPTIONS}, {@code NOT_RECORDED}). */
  public static String evidenceMethod(String method, Lang lang) {
    return pick(DEFECT_1, "evidence." + method, lang);
  }

  private static String pick(Map<String, String[]> labels, String key, Lang lang) {
    String[] both = labels.get(key);
    if (both == null) {
      return key;
    }
    return lang == Lang.KO ? both[0] : both[1];
  }

  // Issue 15, defect 1 ("False 3.7.5 evidence"): use after retirement from the recorded encryptions.
  private static final Map<String, String[]> DEFECT_1 = Map.ofEntries(
      Map.entry("evidenceMethod", new String[] {"근거 방식", "Evidence"}),
      Map.entry("encryptionsAfterRetirement", new String[] {"퇴역 후 암호화 (최소)", "Encryptions after retirement (at least)"}),
      Map.entry("encryptionsPossiblyAfterRetirement", new String[] {"퇴역 후 암호화 (최대)",
          "Encryptions after retirement (at most)"}),
      Map.entry("encryptionsAfterRetirementRange", new String[] {"퇴역 후 암호화 (최소 – 최대)",
          "Encryptions after retirement (at least – at most)"}),
      Map.entry("lastEncryptionAt", new String[] {"마지막 암호화 (늦어도)", "Last encryption (no later than)"}),
      Map.entry("writers", new String[] {"퇴역 후 암호화를 기록한 프로세스", "Processes that recorded them"}),
      Map.entry("unknownReason", new String[] {"알 수 없는 이유", "Why unknown"}),
      Map.entry("reasonKo", new String[] {"알 수 없는 이유 (한국어)", "Why unknown (Korean)"}),
      Map.entry("evidence.RECORDED_ENCRYPTIONS", new String[] {"기록된 암호화 횟수", "recorded encryptions"}),
      Map.entry("evidence.NOT_RECORDED", new String[] {"기록 없음", "not recorded"}),
      Map.entry("ENCRYPTION_AFTER_RETIREMENT_POSSIBLE", new String[] {"퇴역 후 암호화 가능성",
          "Possible encryption after retirement"}));
}
