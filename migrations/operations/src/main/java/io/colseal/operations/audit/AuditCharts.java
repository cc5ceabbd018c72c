package io.colseal.operations.audit;

import static io.colseal.operations.audit.Html.count;
import static io.colseal.operations.audit.Html.esc;
import static io.colseal.operations.audit.Html.num;
import static io.colseal.operations.audit.Html.percent;

import io.colseal.operations.report.AuditReport.ColumnEntry;
import io.colseal.operations.report.AuditReport.DekEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The report's two charts as inline SVG, drawn from the report's numbers alone (no script, no
 * external resource). Each bar is a {@code <g class="bar">}; its parts carry classes that the
 * tests count: {@code rect.segment} in the key-version chart, {@code rect.age}, {@code
 * line.marker-originator} and {@code line.marker-validity} in the key-age chart. Every shape has a
 * {@code <title>} with its numbers, and the numbers are also written next to the bar, so the chart
 * reads without hovering and in print.
 */
final class AuditCharts {
  /** Fill colours of key versions, in order of version; the "not encrypted" part is red. */
  private static final List<String> VERSION_COLOURS =
      List.of("#2c5282", "#2f855a", "#6b46c1", "#b7791f", "#2c7a7b", "#97266d", "#4a5568", "#9c4221");
  static final String NOT_ENCRYPTED_COLOUR = "#c53030";
  private static final int WIDTH = 1000;
  private static final int LABEL_WIDTH = 230;
  private static final int BAR_WIDTH = 560;
  private static final int BAR_HEIGHT = 18;

  private AuditCharts() {}

  /**
   * Chart (a): one horizontal bar per column, 100 % = its non-NULL values, one segment per key
   * version with rows and one for the values that are not envelopes.
   */
  static String keyVersions(List<ColumnEntry> columns, HtmlText t) {
    SortedSet<Integer> versions = new TreeSet<>();
    columns.forEach(c -> c.rowsByKeyVersion().forEach((v, n) -> {
      if (n > 0) {
        versions.add(v);
      }
    }));
    int legendHeight = 30;
    int rowHeight = 46;
    int height = legendHeight + Math.max(1, columns.size()) * rowHeight + 6;
    StringBuilder svg = open("chart-key-versions", height, t.get("chart.keyVersions"));
    // Legend: one swatch per key version, then "not encrypted".
    int x = LABEL_WIDTH;
    for (int v : versions) {
      x = legendEntry(svg, x, colour(versions, v), "v" + v);
    }
    legendEntry(svg, x, NOT_ENCRYPTED_COLOUR, t.get("notEncrypted"));
    int y = legendHeight;
    for (ColumnEntry c : columns) {
      long encrypted = c.rowsByKeyVersion().values().stream().mapToLong(Long::longValue).sum();
      long values = encrypted + c.rowsNotEncrypted();
      String name = c.table() + "." + c.column();
      svg.append("<g class=\"bar\" data-column=\"").append(esc(name)).append("\">");
      svg.append("<text class=\"label\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 13)
          .append("\" text-anchor=\"end\">").append(esc(name)).append("</text>");
      svg.append("<rect class=\"frame\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
          .append(BAR_WIDTH).append("\" height=\"").append(BAR_HEIGHT).append("\"/>");
      StringBuilder numbers = new StringBuilder();
      numbers.append(count(c.rowsTotal())).append(' ').append(t.get("rows")).append(" (NULL ").append(count(c.rowsNull()))
          .append(")");
      double at = LABEL_WIDTH;
      for (Map.Entry<Integer, Long> e : new java.util.TreeMap<>(c.rowsByKeyVersion()).entrySet()) {
        if (e.getValue() <= 0) {
          continue;
        }
        String what = "v" + e.getKey();
        at = segment(svg, at, y, e.getValue(), values, colour(versions, e.getKey()), what, "v" + e.getKey());
        numbers.append(" · ").append(what).append(' ').append(count(e.getValue()));
      }
      if (c.rowsNotEncrypted() > 0) {
        segment(svg, at, y, c.rowsNotEncrypted(), values, NOT_ENCRYPTED_COLOUR, t.get("notEncrypted"), "plain");
      }
      numbers.append(" · ").append(t.get("notEncrypted")).append(' ').append(count(c.rowsNotEncrypted()));
      svg.append("<text class=\"numbers").append(c.rowsNotEncrypted() > 0 ? " alert" : "").append("\" x=\"")
          .append(LABEL_WIDTH).append("\" y=\"").append(y + BAR_HEIGHT + 15).append("\">").append(esc(numbers.toString()))
          .append("</text>");
      svg.append("</g>");
      y += rowHeight;
    }
    if (columns.isEmpty()) {
      svg.append("<text x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 13).append("\">").append(esc(t.get("none")))
          .append("</text>");
    }
    return svg.append("</svg>").toString();
  }

  private static double segment(StringBuilder svg, double at, int y, long n, long of, String colour, String what,
      String kind) {
    double w = of == 0 ? 0 : BAR_WIDTH * (double) n / of;
    svg.append("<rect class=\"segment\" data-part=\"").append(esc(kind)).append("\" x=\"").append(num(at))
        .append("\" y=\"").append(y).append("\" width=\"").append(num(w)).append("\" height=\"").append(BAR_HEIGHT)
        .append("\" fill=\"").append(colour).append("\"><title>").append(esc(what)).append(": ").append(count(n))
        .append(" (").append(percent(of == 0 ? 0 : (double) n / of)).append(")</title></rect>");
    return at + w;
  }

  /**
   * Chart (b): one bar per data-key version, its age in days from creation; on each bar a marker
   * where its originator-use period ends and one where its validity ends, as recorded with the key
   * (no marker for an end not recorded, and the bar says so). A version past its validity (and not
   * destroyed) is drawn red, an ACTIVE one past its originator-use period amber, a destroyed one grey.
   */
  static String keyAges(List<DekEntry> deks, Instant now, HtmlText t) {
    double max = 1;
    for (DekEntry d : deks) {
      max = Math.max(max, d.ageDays());
      if (d.validUntil() != null) {
        max = Math.max(max, daysFromCreation(d, d.validUntil()));
      }
      if (d.useEndsAt() != null) {
        max = Math.max(max, daysFromCreation(d, d.useEndsAt()));
      }
    }
    double scale = BAR_WIDTH / (max * 1.08);
    int legendHeight = 30;
    int rowHeight = 30;
    int height = legendHeight + Math.max(1, deks.size()) * rowHeight + 24;
    StringBuilder svg = open("chart-key-ages", height, t.get("chart.keyAges"));
    int x = LABEL_WIDTH;
    x = legendEntry(svg, x, "#2c5282", t.get("age"));
    x = legendEntry(svg, x, NOT_ENCRYPTED_COLOUR, t.get("overdue"));
    x = legendMarker(svg, x, "marker-originator", t.get("originatorPeriod"));
    legendMarker(svg, x, "marker-validity", t.get("validityPeriod"));
    int y = legendHeight;
    for (DekEntry d : deks) {
      boolean destroyed = d.destroyedAt() != null;
      boolean pastValidity = !destroyed && d.validUntil() != null && now.isAfter(d.validUntil());
      boolean pastUse = "ACTIVE".equals(d.state()) && d.useEndsAt() != null && now.isAfter(d.useEndsAt());
      String state = destroyed ? "destroyed" : pastValidity ? "overdue" : pastUse ? "warn" : "ok";
      String name = d.table() + " v" + d.version();
      svg.append("<g class=\"bar ").append(state).append("\" data-key=\"").append(esc(name)).append("\">");
      svg.append("<text class=\"label\" x=\"").append(LABEL_WIDTH - 8).append("\" y=\"").append(y + 13)
          .append("\" text-anchor=\"end\">").append(esc(name + " · " + d.state())).append("</text>");
      double w = Math.max(1, d.ageDays() * scale);
      svg.append("<rect class=\"age\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y).append("\" width=\"")
          .append(num(w)).append("\" height=\"").append(BAR_HEIGHT).append("\"><title>").append(esc(name)).append(": ")
          .append(count(d.ageDays())).append(' ').append(esc(t.get("days")))
          // No marker for an end the key table does not record; the tooltip says why.
          .append(destroyed || DekEntry.RECORDED.equals(d.cryptoperiodSource()) ? ""
              : esc(" · " + t.get("cryptoperiodNotRecorded")))
          .append("</title></rect>");
      if (d.useEndsAt() != null) {
        marker(svg, "marker-originator", LABEL_WIDTH + daysFromCreation(d, d.useEndsAt()) * scale, y,
            t.get("originatorPeriod") + ": " + Html.time(d.useEndsAt()));
      }
      if (d.validUntil() != null) {
        marker(svg, "marker-validity", LABEL_WIDTH + daysFromCreation(d, d.validUntil()) * scale, y,
            t.get("validityPeriod") + ": " + Html.time(d.validUntil()));
      }
      String note = count(d.ageDays()) + " " + t.get("days") + (pastValidity ? " · " + t.get("overdue") : pastUse ? " · "
          + t.get("pastUse") : "");
      svg.append("<text class=\"numbers").append(pastValidity ? " alert" : "").append("\" x=\"")
          .append(LABEL_WIDTH + BAR_WIDTH + 12).append("\" y=\"").append(y + 13).append("\">").append(esc(note))
          .append("</text>");
      svg.append("</g>");
      y += rowHeight;
    }
    if (deks.isEmpty()) {
      svg.append("<text x=\"").append(LABEL_WIDTH).append("\" y=\"").append(y + 13).append("\">").append(esc(t.get("none")))
          .append("</text>");
    }
    // The day axis: 0 and the largest value drawn.
    int axisY = legendHeight + Math.max(1, deks.size()) * rowHeight + 4;
    svg.append("<text class=\"axis\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(axisY + 12)
        .append("\">0</text><text class=\"axis\" x=\"").append(num(LABEL_WIDTH + max * scale)).append("\" y=\"")
        .append(axisY + 12).append("\" text-anchor=\"end\">").append(count(Math.round(max))).append(' ')
        .append(esc(t.get("days"))).append("</text>");
    return svg.append("</svg>").toString();
  }

  private static double daysFromCreation(DekEntry d, @Nullable Instant to) {
    return to == null ? 0 : Duration.between(d.createdAt(), to).toSeconds() / 86_400.0;
  }

  private static void marker(StringBuilder svg, String kind, double x, int y, String title) {
    svg.append("<line class=\"").append(kind).append("\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x))
        .append("\" y1=\"").append(y - 4).append("\" y2=\"").append(y + BAR_HEIGHT + 4).append("\"><title>")
        .append(esc(title)).append("</title></line>");
  }

  private static StringBuilder open(String id, int height, String title) {
    StringBuilder svg = new StringBuilder(4096);
    svg.append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\"")
        .append(" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH)
        .append("\" height=\"").append(height).append("\" aria-labelledby=\"").append(id).append("-title\">")
        .append("<title id=\"").append(id).append("-title\">").append(esc(title)).append("</title>");
    return svg;
  }

  private static int legendEntry(StringBuilder svg, int x, String colour, String text) {
    svg.append("<g class=\"legend\"><rect x=\"").append(x).append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"")
        .append(colour).append("\"/><text x=\"").append(x + 17).append("\" y=\"16\">").append(esc(text))
        .append("</text></g>");
    return x + 30 + text.length() * 8;
  }

  private static int legendMarker(StringBuilder svg, int x, String kind, String text) {
    svg.append("<g class=\"legend\"><line class=\"").append(kind).append("\" x1=\"").append(x + 6).append("\" x2=\"")
        .append(x + 6).append("\" y1=\"4\" y2=\"20\"/><text x=\"").append(x + 17).append("\" y=\"16\">")
        .append(esc(text)).append("</text></g>");
    return x + 30 + text.length() * 8;
  }

  private static String colour(SortedSet<Integer> versions, int version) {
    return VERSION_COLOURS.get(versions.headSet(version).size() % VERSION_COLOURS.size());
  }
}
