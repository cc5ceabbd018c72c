package io.colseal.operations.audit;

/**
 * The HTML report's style sheet, inlined into every page: system fonts only (no web font to
 * fetch; the stack names the Hangul fonts of Windows, macOS and Linux), tables that wrap between
 * words rather than clip or break a word, and a print style for A4 landscape. Badges and chart colours keep their
 * meaning in black and white through their text, never by colour alone.
 */
final class HtmlStyle {
  private HtmlStyle() {}

  static final String CSS =
      """
      :root { color-scheme: light; --ink: #1a202c; --muted: #4a5568; --line: #cbd5e0; --high: #c53030;
        --medium: #b7791f; --low: #2b6cb0; --ok: #2f855a; }
      * { box-sizing: border-box; }
      body { margin: 0; color: var(--ink); background: #f7fafc;
        font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Malgun Gothic", "맑은 고딕",
          "Noto Sans KR", "Noto Sans CJK KR", "Source Han Sans KR", "NanumGothic", "Noto Sans", sans-serif; }
      :lang(ko) { word-break: keep-all; }
      main { max-width: 1680px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
      h1 { font-size: 26px; margin: 0 0 12px; }
      h2 { font-size: 19px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--ink); }
      h3 { font-size: 15px; margin: 18px 0 6px; color: var(--muted); }
      code { font: 12.5px/1.3 ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono", monospace;
        overflow-wrap: anywhere; }
      dl.meta { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 2px 14px; margin: 0; }
      dl.meta dt { color: var(--muted); }
      dl.meta dd { margin: 0; overflow-wrap: anywhere; }
      .cards { display: flex; gap: 12px; margin: 6px 0 8px; }
      .card { min-width: 150px; padding: 10px 14px; border-radius: 6px; border: 2px solid; }
      .card .n { display: block; font-size: 30px; font-weight: 700; line-height: 1.1; }
      .card.sev-high { border-color: var(--high); color: var(--high); }
      .card.sev-medium { border-color: var(--medium); color: var(--medium); }
      .card.sev-low { border-color: var(--low); color: var(--low); }
      .card.zero { border-color: var(--line); color: var(--muted); }
      .counts, .note { color: var(--muted); }
      .clean { color: var(--ok); font-weight: 600; }
      .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px;
        font-weight: 700; white-space: nowrap; }
      .badge.sev-high { background: var(--high); }
      .badge.sev-medium { background: var(--medium); }
      .badge.sev-low { background: var(--low); }
      .sub { color: var(--muted); font-size: 12px; }
      .scroll { overflow-x: auto; }
      table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
      th, td { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
      th { background: #edf2f7; font-weight: 600; }
      td { overflow-wrap: break-word; }
      td code { white-space: nowrap; }
      td.num .sub { white-space: normal; }
      th { overflow-wrap: normal; hyphens: manual; }
      td.date, .nw { white-space: nowrap; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      td.alert, .alert { color: var(--high); font-weight: 700; }
      td.state-DISABLED, td.state-PENDING_DELETION, td.state-NOT_FOUND { color: var(--high); font-weight: 700; }
      figure { margin: 14px 0 0; }
      figcaption { color: var(--muted); font-size: 12px; }
      svg.chart { max-width: 100%; height: auto; font-size: 12px; }
      svg.chart text { fill: var(--ink); }
      svg.chart text.numbers, svg.chart text.axis { fill: var(--muted); }
      svg.chart text.alert { fill: var(--high); font-weight: 700; }
      svg.chart rect.frame { fill: #edf2f7; stroke: var(--line); }
      svg.chart rect.age { fill: #2c5282; }
      svg.chart g.warn rect.age { fill: var(--medium); }
      svg.chart g.overdue rect.age { fill: var(--high); }
      svg.chart g.destroyed rect.age { fill: #a0aec0; }
      svg.chart line.marker-originator { stroke: var(--medium); stroke-width: 2.5; stroke-dasharray: 4 2; }
      svg.chart line.marker-validity { stroke: var(--ink); stroke-width: 2.5; }
      .hash code { font-size: 14px; padding: 2px 6px; background: #edf2f7; }
      ul.attest li { margin: 3px 0; }
      p.partial { border: 2px solid var(--high); background: #fff5f5; padding: 8px 12px; font-size: 15px; }
      @page { size: A4 landscape; margin: 10mm 9mm; }
      @media print {
        body { background: #fff; font-size: 10.5px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        main { max-width: none; padding: 0; }
        h1 { font-size: 20px; } h2 { font-size: 15px; margin-top: 16px; break-after: avoid; }
        .scroll { overflow: visible; }
        table { font-size: 9px; }
        th, td { padding: 2px 4px; }
        code { font-size: 8.5px; }
        .sub { font-size: 8.5px; }
        thead { display: table-header-group; }
        tr, figure { break-inside: avoid; }
        svg.chart { width: 100%; }
      }
      """;
}
