package io.colseal.operations.internal.audit;

import io.colseal.operations.report.AuditReport.Attestation;
import io.colseal.operations.report.AuditReport.DekEntry;
import io.colseal.operations.report.AuditReport.KekEntry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The attestations of an audit report, each derived from facts the audit collected, never fixed
 * text: where each KEK lives and who can use it (KMS key policy, or the keystore file's permissions
 * and where its password came from), what colseal can and cannot show about split knowledge and dual
 * control, whether the prod/test key-sharing check could be made, and what the report was made from.
 *
 * <p>Design note: a statement names the facts it rests on ({@link Attestation#facts()}), so an
 * auditor can check each one; where colseal cannot see something (a KMS key policy, who knows a
 * keystore password) the statement says so and leaves it to the operator, instead of claiming it.
 */
public final class Attestations {
  static final String AWS_KMS = "aws-kms";
  static final String LOCAL = "local";
  static final String PKCS11 = "pkcs11";
  /** What the pkcs11 provider reports for a key object that cannot leave the token. */
  static final String PKCS11_KEK_ATTRIBUTES = "CKA_TOKEN=true, CKA_SENSITIVE=true, CKA_EXTRACTABLE=false";

  /**
   * What the attestations are derived from.
   *
   * @param keks the KEK register
   * @param deks the data key register
   * @param configuredProvider {@code colseal.kms.provider} of the audit, null when unset
   * @param keystore the local provider's keystore: path and what the file system says about it;
   *     null when the audit has no {@code colseal.kms.local.keystore}
   * @param passwordSource where the keystore password came from ({@code environment}, {@code config
   *     file}, {@code command line}, {@code prompt}, {@code configuration}), null when not known
   * @param environment {@code colseal.environment} of the audit, null when unset
   * @param kmsQueried whether the KMS was asked about the KEKs
   * @param algorithmsReviewed {@code --algorithms-reviewed}, null when not given
   */
  public record Facts(List<KekEntry> keks, List<DekEntry> deks, @Nullable String configuredProvider,
      @Nullable KeystoreFile keystore, @Nullable String passwordSource, @Nullable String environment,
      boolean kmsQueried, @Nullable LocalDate algorithmsReviewed) {}

  /**
   * The local keystore file as the audit saw it.
   *
   * @param path the absolute path
   * @param exists whether the file exists
   * @param permissions POSIX permissions ({@code rw-------}), null when the file system has none or
   *     they could not be read
   * @param owner the file's owner, null when unknown
   */
  public record KeystoreFile(String path, boolean exists, @Nullable String permissions, @Nullable String owner) {}

  private final List<Attestation> out = new ArrayList<>();

  private Attestations() {}

  /** The attestations, in a fixed order: per KEK custody and access, then the report-wide ones. */
  public static List<Attestation> derive(Facts f) {
    Attestations a = new Attestations();
    for (KekEntry k : f.keks()) {
      a.custody(k, f);
      a.access(k, f);
    }
    a.wrapped(f);
    a.keySource(f);
    a.splitKnowledge(f);
    a.custodians();
    a.algorithmReview(f);
    a.environments(f);
    a.reportSource(f);
    return List.copyOf(a.out);
  }

  private void custody(KekEntry k, Facts f) {
    Map<String, String> facts = facts("provider", k.provider(), "kekId", k.kekId(), "location", k.location(),
        "state", k.state().name());
    if (k.provider().equals(AWS_KMS)) {
      add("KEK_CUSTODY", "KEK " + k.kekId() + " is an AWS KMS key (" + k.location() + "): its material stays in the"
              + " KMS, which wraps and unwraps data keys on request.",
          "KEK " + k.kekId() + "는 AWS KMS 키(" + k.location() + ")입니다. 키 자료는 KMS 안에 있으며 데이터 키의 래핑과"
              + " 해제는 KMS에 요청하여 수행합니다.",
          facts, List.of("PCI DSS 3.6.1", "PCI DSS 3.6.1.2"));
    } else if (k.provider().equals(LOCAL)) {
      KeystoreFile ks = localKeystore(k, f);
      String where = ks == null ? "a PKCS12 keystore file whose path this audit was not given"
          : "the PKCS12 keystore file " + ks.path();
      String whereKo = ks == null ? "경로가 이 감사에 주어지지 않은 PKCS12 키스토어 파일" : "PKCS12 키스토어 파일 " + ks.path();
      if (ks != null) {
        facts.put("keystore", ks.path());
      }
      add("KEK_CUSTODY", "KEK " + k.kekId() + " is held in " + where + ", not in a KMS: whoever can read the file and"
              + " knows its password can unwrap every data key under this KEK.",
          "KEK " + k.kekId() + "는 KMS가 아니라 " + whereKo + "에 보관되어 있습니다. 이 파일을 읽을 수 있고 비밀번호를 아는 사람은"
              + " 이 KEK 아래의 모든 데이터 키를 풀 수 있습니다.",
          facts, List.of("PCI DSS 3.6.1", "PCI DSS 3.6.1.2"));
    } else if (k.provider().equals(PKCS11) && PKCS11_KEK_ATTRIBUTES.equals(k.access())) {
      facts.put("attributes", k.access());
      add("KEK_CUSTODY", "KEK " + k.kekId() + " is a key object in a PKCS#11 token (" + k.location() + "), which"
              + " reports it sensitive and non-extractable: its material cannot be read out of the token, which wraps"
              + " and unwraps data keys itself. Whether the token is a certified hardware module colseal cannot say.",
          "KEK " + k.kekId() + "는 PKCS#11 토큰(" + k.location() + ")의 키 객체이며, 토큰은 이 키를 민감(sensitive)하고 추출 불가"
              + "(non-extractable)로 보고합니다. 키 자료는 토큰 밖으로 읽어 낼 수 없고 데이터 키의 래핑과 해제는 토큰이 수행합니다."
              + " 토큰이 인증된 하드웨어 모듈인지는 colseal이 확인할 수 없습니다.",
          facts, List.of("PCI DSS 3.6.1", "PCI DSS 3.6.1.2"));
    } else {
      add("KEK_CUSTODY", "KEK " + k.kekId() + " is held by the provider " + k.provider() + " (" + k.location()
              + "); colseal cannot say where its material lives.",
          "KEK " + k.kekId() + "는 제공자 " + k.provider() + "(" + k.location() + ")가 보관합니다. 키 자료가 어디에 있는지는"
              + " colseal이 확인할 수 없습니다.",
          facts, List.of("PCI DSS 3.6.1.2"));
    }
  }

  private void access(KekEntry k, Facts f) {
    if (k.provider().equals(LOCAL)) {
      KeystoreFile ks = localKeystore(k, f);
      String source = f.passwordSource() == null ? "unknown" : f.passwordSource();
      Map<String, String> facts = facts("provider", k.provider(), "kekId", k.kekId());
      if (ks != null) {
        facts.put("keystore", ks.path());
        facts.put("keystoreExists", Boolean.toString(ks.exists()));
        facts.put("permissions", ks.permissions() == null ? "unknown" : ks.permissions());
        facts.put("owner", ks.owner() == null ? "unknown" : ks.owner());
      }
      facts.put("passwordSource", source);
      String perms = ks == null ? "unknown, no keystore path" : !ks.exists() ? "unknown, the file does not exist here"
          : ks.permissions() == null ? "unknown, no POSIX permissions" : ks.permissions() + ", owner "
              + (ks.owner() == null ? "unknown" : ks.owner());
      String permsKo = ks == null ? "알 수 없음(키스토어 경로 없음)" : !ks.exists() ? "알 수 없음(이 위치에 파일 없음)"
          : ks.permissions() == null ? "알 수 없음(POSIX 권한 없음)" : ks.permissions() + ", 소유자 "
              + (ks.owner() == null ? "알 수 없음" : ks.owner());
      add("KEK_ACCESS", "Who can use KEK " + k.kekId() + " is decided by the keystore file's permissions (" + perms
              + ") and by who knows its password; this audit read the password from " + source
              + ". Who knows the password cannot be shown by colseal.",
          "KEK " + k.kekId() + "를 누가 쓸 수 있는지는 키스토어 파일의 권한(" + permsKo + ")과 비밀번호를 아는 사람에 따라 정해집니다."
              + " 이 감사는 비밀번호를 " + sourceKo(source) + "에서 읽었습니다. 비밀번호를 누가 아는지는 colseal이 보여 줄 수 없습니다.",
          facts, List.of("PCI DSS 3.6.1.2", "PCI DSS 3.7.6", "ISMS-P 2.7.2"));
    } else if (k.provider().equals(PKCS11)) {
      add("KEK_ACCESS", "Who can use KEK " + k.kekId() + " is decided by who holds the token's user PIN and can reach"
              + " the HSM (" + k.location() + "); who holds the PIN cannot be shown by colseal.",
          "KEK " + k.kekId() + "를 누가 쓸 수 있는지는 토큰의 사용자 PIN을 가지고 HSM(" + k.location() + ")에 접근할 수 있는 사람에"
              + " 따라 정해집니다. PIN을 누가 가지고 있는지는 colseal이 보여 줄 수 없습니다.",
          facts("provider", k.provider(), "kekId", k.kekId()), List.of("PCI DSS 3.6.1.2", "PCI DSS 3.7.6", "ISMS-P 2.7.2"));
    } else {
      add("KEK_ACCESS", "Who can use KEK " + k.kekId() + " is decided by its KMS key policy and IAM permissions,"
              + " which this report does not read; review them in the KMS.",
          "KEK " + k.kekId() + "를 누가 쓸 수 있는지는 KMS 키 정책과 IAM 권한으로 정해지며, 이 보고서는 그것을 읽지 않습니다."
              + " KMS에서 검토하십시오.",
          facts("provider", k.provider(), "kekId", k.kekId()), List.of("PCI DSS 3.6.1.2", "ISMS-P 2.7.2"));
    }
  }

  private void wrapped(Facts f) {
    add("DATA_KEYS_WRAPPED", "Data keys are stored only wrapped by a KEK, in the key table (" + f.deks().size()
            + " versions here); their plaintext exists only in application memory.",
        "데이터 키는 KEK로 감싼 형태로만 키 테이블에 저장되며(여기 " + f.deks().size() + "개 버전), 평문 데이터 키는 애플리케이션"
            + " 메모리에만 존재합니다.",
        facts("dekVersions", Integer.toString(f.deks().size()), "method", "KEY_TABLE_SCHEMA"),
        List.of("PCI DSS 3.6.1.2"));
  }

  private void keySource(Facts f) {
    TreeSet<String> providers = providers(f);
    String list = providers.isEmpty() ? "none" : String.join(", ", providers);
    if (providers.contains(LOCAL)) {
      add("KEY_SOURCE", "Data keys are generated by colseal (SecureRandom) and wrapped with the keystore KEK; no key"
              + " material is read from source code or configuration. The keystore password is configuration: it"
              + " came from " + (f.passwordSource() == null ? "unknown" : f.passwordSource()) + ".",
          "데이터 키는 colseal이 생성(SecureRandom)하여 키스토어 KEK로 감쌉니다. 소스코드나 설정에서 키 자료를 읽지 않습니다. 키스토어"
              + " 비밀번호는 설정이며 " + sourceKo(f.passwordSource() == null ? "unknown" : f.passwordSource()) + "에서 왔습니다.",
          facts("providers", list, "passwordSource", f.passwordSource() == null ? "unknown" : f.passwordSource()),
          List.of("ISMS-P 2.7.2"));
    } else if (providers.contains(PKCS11) && !providers.contains(AWS_KMS)) {
      add("KEY_SOURCE", "Data keys are 32 bytes from the PKCS#11 token's random number generator, wrapped inside the"
              + " token by the KEK; no key material is read from source code or configuration.",
          "데이터 키는 PKCS#11 토큰의 난수 생성기에서 얻은 32바이트이며 토큰 안에서 KEK로 감쌉니다. 소스코드나 설정에서 키 자료를 읽지"
              + " 않습니다.",
          facts("providers", list), List.of("ISMS-P 2.7.2"));
    } else if (providers.contains(AWS_KMS)) {
      add("KEY_SOURCE", "Data keys are generated and wrapped by the KMS (GenerateDataKey); no key material is read"
              + " from source code or configuration.",
          "데이터 키는 KMS가 생성하고 감쌉니다(GenerateDataKey). 소스코드나 설정에서 키 자료를 읽지 않습니다.",
          facts("providers", list), List.of("ISMS-P 2.7.2"));
    } else {
      add("KEY_SOURCE", "Data keys come from the KEK provider (" + list + "); no key material is read from source"
              + " code or configuration by colseal.",
          "데이터 키는 KEK 제공자(" + list + ")에서 얻으며 colseal은 소스코드나 설정에서 키 자료를 읽지 않습니다.",
          facts("providers", list), List.of("ISMS-P 2.7.2"));
    }
  }

  private void splitKnowledge(Facts f) {
    TreeSet<String> providers = providers(f);
    String list = providers.isEmpty() ? "none" : String.join(", ", providers);
    List<String> refs = List.of("PCI DSS 3.6.1.3", "PCI DSS 3.7.6");
    if (providers.contains(LOCAL)) {
      add("SPLIT_KNOWLEDGE", "The KEK exists as a keystore file: whoever creates, copies, backs up or restores it, or"
              + " knows its password, handles key material in a form usable outside a KMS. Split knowledge and"
              + " dual control over the keystore and its password are the operator's responsibility; colseal can"
              + " show the file's path, permissions and the password's source, not who holds the password or"
              + " whether two people are needed.",
          "KEK가 키스토어 파일로 존재합니다. 이 파일을 만들고 복사하고 백업하거나 복원하는 사람, 비밀번호를 아는 사람은 KMS 밖에서"
              + " 쓸 수 있는 형태의 키 자료를 다룹니다. 키스토어와 비밀번호에 대한 키 분할(split knowledge)과 이중 통제(dual"
              + " control)는 운영 조직의 책임입니다. colseal은 파일 경로, 권한, 비밀번호의 출처를 보여 줄 수 있으나 비밀번호를 누가"
              + " 가졌는지, 두 사람이 필요한지는 보여 줄 수 없습니다.",
          facts("providers", list), refs);
    } else {
      add("SPLIT_KNOWLEDGE", "colseal performs no manual clear-text key operation: KEK material stays in the KMS and"
              + " data keys are unwrapped only in memory. Split knowledge and dual control over KMS administration"
              + " (key policy changes, disabling, scheduling deletion) are the operator's responsibility and cannot"
              + " be shown by this report.",
          "colseal은 평문 키를 사람이 다루는 작업을 하지 않습니다. KEK 자료는 KMS 안에 있고 데이터 키는 메모리에서만 풀립니다. KMS"
              + " 관리(키 정책 변경, 비활성화, 삭제 예약)에 대한 키 분할과 이중 통제는 운영 조직의 책임이며 이 보고서로 보여 줄 수"
              + " 없습니다.",
          facts("providers", list), refs);
    }
  }

  private void custodians() {
    add("CUSTODIAN_ACKNOWLEDGEMENT", "Key custodians' acknowledgement of their duties is the operating"
            + " organisation's process; this report does not evidence it.",
        "키 관리 담당자의 책임 확인은 운영 조직의 절차이며 이 보고서로 증명되지 않습니다.",
        facts("method", "NOT_COLLECTED"), List.of("PCI DSS 3.7.8"));
  }

  private void algorithmReview(Facts f) {
    if (f.algorithmsReviewed() == null) {
      add("ALGORITHM_REVIEW", "No review date of the algorithm inventory was given (--algorithms-reviewed), so this"
              + " report shows no review dates and cannot say whether the yearly review is overdue.",
          "알고리즘 목록의 검토일이 주어지지 않아(--algorithms-reviewed) 이 보고서는 검토일을 표시하지 않으며 연 1회 검토 기한이"
              + " 지났는지 판단할 수 없습니다.",
          facts("algorithmsReviewed", "unset"), List.of("PCI DSS 12.3.3"));
    } else {
      add("ALGORITHM_REVIEW", "The algorithm inventory's last review date " + f.algorithmsReviewed() + " is the"
              + " operator's statement (--algorithms-reviewed); colseal does not record reviews.",
          "알고리즘 목록의 최근 검토일 " + f.algorithmsReviewed() + "은 운영자가 입력한 값이며(--algorithms-reviewed),"
              + " colseal은 검토를 기록하지 않습니다.",
          facts("algorithmsReviewed", f.algorithmsReviewed().toString()), List.of("PCI DSS 12.3.3"));
    }
  }

  private void environments(Facts f) {
    long untagged = f.deks().stream().filter(d -> d.environment() == null).count();
    int total = f.deks().size();
    TreeSet<String> found = new TreeSet<>();
    f.deks().stream().filter(d -> d.environment() != null).forEach(d -> found.add(d.environment()));
    String env = f.environment() == null ? "unset" : f.environment();
    Map<String, String> facts = facts("colseal.environment", env, "dekVersions", Integer.toString(total),
        "dekVersionsWithoutEnvironment", Long.toString(untagged), "environmentsFound",
        found.isEmpty() ? "none" : String.join(", ", found));
    List<String> refs = List.of("ISMS-P 2.7.2", "PCI DSS 3.6.1.1");
    String unsetEn = f.environment() == null ? " colseal.environment is not set for this audit either." : "";
    String unsetKo = f.environment() == null ? " 이 감사에도 colseal.environment가 설정되어 있지 않습니다." : "";
    if (total > 0 && untagged == total) {
      add("ENVIRONMENT_SEPARATION", "The check that no KEK wraps data keys of more than one environment"
              + " (KEK_SHARED_ACROSS_ENVIRONMENTS) was not made: none of the " + total + " data key versions carries"
              + " an environment tag (colseal.environment was not set where they were created)." + unsetEn,
          "하나의 KEK가 여러 환경의 데이터 키를 감싸는지 확인하는 점검(KEK_SHARED_ACROSS_ENVIRONMENTS)을 하지 못했습니다. 데이터"
              + " 키 버전 " + total + "개 모두 환경 태그가 없습니다(키를 만든 곳에 colseal.environment가 설정되지 않음)." + unsetKo,
          facts, refs);
    } else if (untagged > 0) {
      add("ENVIRONMENT_SEPARATION", "The check that no KEK wraps data keys of more than one environment"
              + " (KEK_SHARED_ACROSS_ENVIRONMENTS) covered only " + (total - untagged) + " of " + total + " data key"
              + " versions; " + untagged + " carry no environment tag." + unsetEn,
          "하나의 KEK가 여러 환경의 데이터 키를 감싸는지 확인하는 점검(KEK_SHARED_ACROSS_ENVIRONMENTS)은 데이터 키 버전 " + total
              + "개 중 " + (total - untagged) + "개만 다루었습니다. " + untagged + "개에는 환경 태그가 없습니다." + unsetKo,
          facts, refs);
    } else {
      add("ENVIRONMENT_SEPARATION", "The check that no KEK wraps data keys of more than one environment"
              + " (KEK_SHARED_ACROSS_ENVIRONMENTS) covered all " + total + " data key versions; environments found: "
              + (found.isEmpty() ? "none" : String.join(", ", found)) + "." + unsetEn,
          "하나의 KEK가 여러 환경의 데이터 키를 감싸는지 확인하는 점검(KEK_SHARED_ACROSS_ENVIRONMENTS)은 데이터 키 버전 " + total
              + "개 모두를 다루었습니다. 확인된 환경: " + (found.isEmpty() ? "없음" : String.join(", ", found)) + "." + unsetKo,
          facts, refs);
    }
  }

  private void reportSource(Facts f) {
    add("REPORT_SOURCE", "This report was generated from the key table, the column registry, the database catalog"
            + " and row counts by SQL" + (f.kmsQueried() ? ", and the KMS's metadata of each KEK" : "; the KMS was not"
            + " asked (KEK states are UNKNOWN)") + ". No value was decrypted; PII suspects carry masked examples only.",
        "이 보고서는 키 테이블, 컬럼 레지스트리, 데이터베이스 카탈로그, SQL 행 집계" + (f.kmsQueried()
            ? "와 각 KEK의 KMS 메타데이터에서 생성되었습니다." : "에서 생성되었으며 KMS에는 묻지 않았습니다(KEK 상태는 알 수 없음).")
            + " 값은 복호화하지 않았으며 개인정보 의심 값은 마스킹된 예시만 포함합니다.",
        facts("kmsQueried", Boolean.toString(f.kmsQueried())), List.of());
  }

  private static @Nullable KeystoreFile localKeystore(KekEntry k, Facts f) {
    return LOCAL.equals(f.configuredProvider()) ? f.keystore() : null;
  }

  private static TreeSet<String> providers(Facts f) {
    TreeSet<String> providers = new TreeSet<>();
    f.keks().forEach(k -> providers.add(k.provider()));
    if (providers.isEmpty() && f.configuredProvider() != null) {
      providers.add(f.configuredProvider());
    }
    return providers;
  }

  private static String sourceKo(String source) {
    return switch (source) {
      case "environment" -> "환경 변수";
      case "config file" -> "설정 파일";
      case "command line" -> "명령줄";
      case "prompt" -> "입력 프롬프트";
      case "configuration" -> "설정";
      default -> "알 수 없는 곳";
    };
  }

  private static Map<String, String> facts(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  private void add(String id, String text, String textKo, Map<String, String> facts, List<String> references) {
    out.add(new Attestation(id, text, textKo, facts, references));
  }
}
