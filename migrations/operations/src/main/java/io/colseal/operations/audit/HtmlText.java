package io.colseal.operations.audit;

import java.util.List;
import java.util.Map;

/**
 * The words of the HTML page that only the HTML page has: chart captions, legends and the page's
 * own headings. Section titles, column headers, finding codes and legal categories come from
 * {@link Labels}, shared with the other formats.
 */
final class HtmlText {
  private static final Map<String, String[]> WORDS = Map.ofEntries(
      // key -> {en, ko}
      Map.entry("chart.keyVersions", new String[] {"Rows per key version, per column (100 % = non-NULL values)",
          "컬럼별 키 버전당 행 수 (100 % = NULL이 아닌 값)"}),
      Map.entry("chart.keyAges", new String[] {"Age of each data-key version against its periods",
          "데이터 키 버전별 경과일과 사용기간·유효기간"}),
      Map.entry("notEncrypted", new String[] {"not encrypted", "암호화되지 않음"}),
      Map.entry("rows", new String[] {"rows", "행"}),
      Map.entry("none", new String[] {"None.", "없음."}),
      Map.entry("age", new String[] {"age", "경과일"}),
      Map.entry("overdue", new String[] {"past validity", "유효기간 초과"}),
      Map.entry("originatorPeriod", new String[] {"end of originator-use period", "사용기간 종료"}),
      Map.entry("validityPeriod", new String[] {"end of validity", "유효기간 종료"}),
      Map.entry("pastUse", new String[] {"rotation due", "교체 필요"}),
      Map.entry("days", new String[] {"days", "일"}),
      Map.entry("findingsNone", new String[] {"No findings.", "발견 사항 없음."}),
      Map.entry("hashNote", new String[] {
          "SHA-256 of this report's canonical JSON with this field empty. It is checked on the JSON form of a"
              + " report (colseal audit --format json): empty the field and hash the file.",
          "이 필드를 비운 이 보고서 정규 JSON의 SHA-256. 검증은 JSON 형식 보고서(colseal audit --format json)에서"
              + " 이 필드를 비우고 파일을 해시하여 합니다."}),
      Map.entry("maskedOnly", new String[] {"Examples are masked; no value is shown in full.",
          "예시는 마스킹되어 있으며 값 전체는 표시하지 않습니다."}));

  /** Statements that hold for every colseal deployment (PCI DSS 3.6.1.2, 3.6.1.3, 3.7.6, 3.7.8; ISMS-P 2.7.2). */
  private static final List<String[]> ATTESTATIONS = List.of(
      new String[] {"Data keys are stored only wrapped by the KEK, in the key table; the KEK stays in the KMS"
          + " (PCI DSS 3.6.1, 3.6.1.2). Plaintext data keys exist only in application memory.",
          "데이터 키는 KEK로 감싼 형태로만 키 테이블에 저장되며 KEK는 KMS 밖으로 나오지 않습니다"
              + " (PCI DSS 3.6.1, 3.6.1.2). 평문 데이터 키는 애플리케이션 메모리에만 존재합니다."},
      new String[] {"colseal never reads key material from source code or plain configuration;"
          + " keys come from the KMS (ISMS-P 2.7.2: no hard-coded keys).",
          "colseal은 소스코드나 평문 설정에서 키를 읽지 않으며 키는 KMS에서만 얻습니다 (ISMS-P 2.7.2 하드코딩 금지)."},
      new String[] {"No manual clear-text key operation exists, so split knowledge and dual control"
          + " (PCI DSS 3.6.1.3, 3.7.6) are not applicable to colseal's keys.",
          "평문 키를 사람이 다루는 작업이 없으므로 키 분할·이중 통제(PCI DSS 3.6.1.3, 3.7.6)는 colseal 키에 해당하지 않습니다."},
      new String[] {"Key custodians' acknowledgement of their duties (PCI DSS 3.7.8) is the organisation's"
          + " process and is not evidenced by this report.",
          "키 관리 담당자의 책임 확인(PCI DSS 3.7.8)은 조직의 절차이며 이 보고서로 증명되지 않습니다."},
      new String[] {"This report is generated from the key table, the column registry, the KMS and row"
          + " counts by SQL; it is not typed in by hand. Its content hash is below.",
          "이 보고서는 키 테이블, 컬럼 레지스트리, KMS, SQL 행 집계에서 생성되며 사람이 작성하지 않습니다."
              + " 내용 해시는 아래에 있습니다."});

  private final int index;

  private HtmlText(Lang lang) {
    index = lang == Lang.KO ? 1 : 0;
  }

  static HtmlText of(Lang lang) {
    return new HtmlText(lang);
  }

  List<String> attestations() {
    return ATTESTATIONS.stream().map(w -> w[index]).toList();
  }

  String get(String key) {
    String[] w = WORDS.get(key);
    if (w == null) {
      throw new IllegalArgumentException("no HTML label " + key);
    }
    return w[index];
  }
}
