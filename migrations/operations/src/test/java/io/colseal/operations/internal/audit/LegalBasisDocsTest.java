package io.colseal.operations.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Classification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "Legal basis per category" table of {@code docs/guides/compliance-audit.md} says what {@link
 * LegalBasis} says, row for row, and every PII kind and classification has a row.
 */
class LegalBasisDocsTest {
  private static final Path GUIDE = Path.of("../../docs/guides/compliance-audit.md");

  private static List<String> docRows() throws IOException {
    List<String> lines = Files.readAllLines(GUIDE, StandardCharsets.UTF_8);
    int at = lines.indexOf("### Legal basis per category");
    assertTrue(at >= 0, "no '### Legal basis per category' in " + GUIDE);
    List<String> rows = new ArrayList<>();
    int i = at + 1;
    while (!lines.get(i).startsWith("| category |")) {
      i++;
    }
    for (i += 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      rows.add(lines.get(i));
    }
    return rows;
  }

  private static String codeRow(LegalBasis b, String category) {
    return "| " + category + " | " + b.piiKind().orElse("-") + " | " + b.classification().orElse("-") + " | "
        + (b.required() ? "yes" : "no") + " | " + String.join("; ", b.citations()) + " |";
  }

  @Test
  void guideTable_matchesCodeTableRowForRow() throws IOException {
    List<String> rows = docRows();
    assertEquals(LegalBasis.values().length, rows.size(), "rows in the guide's table: " + rows);
    for (int i = 0; i < rows.size(); i++) {
      String category = rows.get(i).split("\\|")[1].strip();
      assertEquals(codeRow(LegalBasis.values()[i], category), rows.get(i));
    }
  }

  @Test
  void everyPiiKind_hasALegalBasis() {
    for (String kind : PiiDetectors.KINDS) {
      assertEquals(kind, LegalBasis.forPiiKind(kind).piiKind().orElseThrow());
    }
  }

  @Test
  void everyClassification_hasALegalBasis() {
    for (Classification c : Classification.values()) {
      assertEquals(c.name(), LegalBasis.forClassification(c.name()).classification().orElseThrow());
    }
  }

  @Test
  void pciDss351_isCitedForCardNumbersOnly() {
    List<LegalBasis> citing = Arrays.stream(LegalBasis.values())
        .filter(b -> b.citations().stream().anyMatch(c -> c.contains("3.5.1"))).toList();
    assertEquals(List.of(LegalBasis.CARD_NUMBER), citing);
  }
}
