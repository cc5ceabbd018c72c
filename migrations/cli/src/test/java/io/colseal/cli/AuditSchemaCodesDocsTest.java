package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colseal.cli.testing.DocContract;
import io.colseal.operations.audit.Labels;
import java.io.IOException;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The report schema's list of finding codes is the list the report can raise (every code has
 * labels in both languages, {@code LabelsTest}): a code missing from the schema makes a valid
 * report fail validation.
 */
class AuditSchemaCodesDocsTest {
  @Test
  void schemaFindingCodes_areTheCodesTheReportRaises() throws IOException {
    JsonNode schema = new ObjectMapper().readTree(
        DocContract.docs().resolve("reference/audit-report.schema.json").toFile());
    TreeSet<String> codes = new TreeSet<>();
    schema.findParents("code").stream().map(p -> p.get("code").get("enum")).filter(e -> e != null && e.isArray())
        .forEach(e -> e.forEach(c -> codes.add(c.asText())));
    assertEquals(new TreeSet<>(Labels.findingCodes()), codes);
  }
}
