package io.colseal.operations.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.operations.report.AuditReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HTML report laid out by a real browser (headless Chromium): at 1,400 px no table is wider
 * than the page (nothing clipped or hidden behind a scroll bar), no word of 30 characters or less
 * is broken across lines inside a table cell (a word ends at white space, before "(" and after
 * "_", where the renderer offers a break in codes such as {@code VALIDITY_PERIOD_EXCEEDED}), and no chart label leaves its chart; printed to PDF,
 * the pages are A4 landscape. A measuring script is added to a copy of the rendered page and writes
 * what it found into the DOM, which Chromium prints with {@code --dump-dom}.
 *
 * <p>Needs {@code chromium} on the PATH (or {@code CHROMIUM=/path}); without it the test is skipped
 * with that reason, and with {@code COLSEAL_TEST_REQUIRE_CHROMIUM=true} (as in CI) it fails.
 */
class HtmlLayoutTest {
  /** A4 landscape in PDF points (297 x 210 mm). */
  private static final double A4_LONG = 841.9;
  private static final double A4_SHORT = 595.3;
  private static final Pattern MEDIA_BOX =
      Pattern.compile("/MediaBox\\s*\\[\\s*([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s+([0-9.]+)\\s*\\]");
  private static final Pattern PAGE = Pattern.compile("/Type\\s*/Page[^s]");

  private static final String MEASURE = """
      <script>
      (function () {
        var out = {clipped: [], brokenWords: [], labelsOutside: []};
        document.querySelectorAll('.scroll').forEach(function (e) {
          if (e.scrollWidth > e.clientWidth + 1) {
            var h = e.closest('section') && e.closest('section').querySelector('h2, h3');
            out.clipped.push((h ? h.textContent : '?') + ': ' + e.scrollWidth + ' > ' + e.clientWidth);
          }
        });
        var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        var node;
        while ((node = walker.nextNode())) {
          if (!node.parentElement.closest('td, th')) continue;
          var re = /[^\\s(_]+/g, m;
          while ((m = re.exec(node.textContent))) {
            if (m[0].length > 30) continue;
            var r = document.createRange();
            r.setStart(node, m.index);
            r.setEnd(node, m.index + m[0].length);
            var tops = {};
            Array.prototype.forEach.call(r.getClientRects(), function (x) {
              if (x.width > 0) tops[Math.round(x.top)] = true;
            });
            if (Object.keys(tops).length > 1) out.brokenWords.push(m[0]);
          }
        }
        document.querySelectorAll('svg.chart').forEach(function (svg) {
          var vb = svg.viewBox.baseVal;
          svg.querySelectorAll('text').forEach(function (t) {
            var b = t.getBBox();
            if (b.x < vb.x - 0.5 || b.x + b.width > vb.x + vb.width + 0.5) out.labelsOutside.push(t.textContent);
          });
        });
        var pre = document.createElement('pre');
        pre.id = 'layout-result';
        pre.textContent = JSON.stringify(out);
        document.body.appendChild(pre);
      })();
      </script>
      """;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Lang.class)
  void at1400px_nothingClippedNoWordBrokenNoLabelOutsideItsChart(Lang lang) throws Exception {
    Path chromium = chromium();
    String html = new HtmlAuditRenderer().render(report(), lang);
    Path page = dir.resolve("measured-" + lang + ".html");
    Files.writeString(page, html.replace("</body>", MEASURE + "</body>"), StandardCharsets.UTF_8);

    String dom = run(chromium, "--window-size=1400,2400", "--dump-dom", page.toUri().toString());
    String result = Jsoup.parse(dom).select("pre#layout-result").text();
    assertTrue(result.startsWith("{"), "the measuring script did not run: " + dom.length() + " characters of DOM");
    assertEquals("{\"clipped\":[],\"brokenWords\":[],\"labelsOutside\":[]}", result, lang + " at 1400 px");
  }

  @ParameterizedTest
  @EnumSource(Lang.class)
  void printedToPdf_a4Landscape(Lang lang) throws Exception {
    Path chromium = chromium();
    Path page = dir.resolve("report-" + lang + ".html");
    Files.writeString(page, new HtmlAuditRenderer().render(report(), lang), StandardCharsets.UTF_8);
    Path pdf = dir.resolve("report-" + lang + ".pdf");

    run(chromium, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, page.toUri().toString());
    String raw = new String(Files.readAllBytes(pdf), StandardCharsets.ISO_8859_1);
    Matcher box = MEDIA_BOX.matcher(raw);
    List<String> sizes = new ArrayList<>();
    while (box.find()) {
      double w = Double.parseDouble(box.group(3)) - Double.parseDouble(box.group(1));
      double h = Double.parseDouble(box.group(4)) - Double.parseDouble(box.group(2));
      sizes.add(String.format(Locale.ROOT, "%.0fx%.0f", w, h));
      assertEquals(A4_LONG, w, 2.0, "page width in points, " + lang);
      assertEquals(A4_SHORT, h, 2.0, "page height in points, " + lang);
    }
    long pages = PAGE.matcher(raw).results().count();
    assertTrue(pages >= 1 && !sizes.isEmpty(), "no page in the PDF");
    // The hand-built report has 11 sections; before the print style it took 5 Letter portrait pages.
    // With the cryptoperiod table and the use-after-retirement evidence it prints on 6 A4 landscape
    // pages: more means a table stopped wrapping.
    assertTrue(pages <= 6, pages + " pages");
  }

  private static AuditReport report() {
    return HtmlAuditRendererTest.report("customers.rrn", "Customer");
  }

  private Path chromium() {
    Optional<Path> found = Optional.ofNullable(System.getenv("CHROMIUM")).map(Path::of).filter(Files::isExecutable)
        .or(() -> Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
            .flatMap(d -> Stream.of("chromium", "chromium-browser", "google-chrome").map(n -> Path.of(d, n)))
            .filter(Files::isExecutable).findFirst());
    if (found.isEmpty()) {
      String reason = "no chromium on the PATH (Debian: apt-get install -y chromium fonts-noto-cjk)";
      if ("true".equalsIgnoreCase(System.getenv("COLSEAL_TEST_REQUIRE_CHROMIUM"))) {
        throw new AssertionError(reason + " and COLSEAL_TEST_REQUIRE_CHROMIUM=true");
      }
      Assumptions.abort(reason);
    }
    return found.get();
  }

  private String run(Path chromium, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
        "--user-data-dir=" + dir.resolve("profile")));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(dir.resolve("chromium.err").toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
    assertEquals(0, p.exitValue(), () -> "chromium failed: " + readQuietly(dir.resolve("chromium.err")));
    return out;
  }

  private static String readQuietly(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
