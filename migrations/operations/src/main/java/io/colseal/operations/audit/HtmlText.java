package io.colseal.operations.audit;

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
          "예시는 마스킹되어 있으며 값 전체는 표시하지 않습니다."}),
      // Issue 15, defect 4
      Map.entry("cryptoperiodNotRecorded", new String[] {"cryptoperiod not recorded", "기간 기록 없음"}));

  private final int index;

  private HtmlText(Lang lang) {
    index = lang == Lang.KO ? 1 : 0;
  }

  static HtmlText of(Lang lang) {
    return new HtmlText(lang);
  }

  String get(String key) {
    String[] w = WORDS.get(key);
    if (w == null) {
      throw new IllegalArgumentException("no HTML label " + key);
    }
    return w[index];
  }
}
