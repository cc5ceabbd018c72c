package io.colseal.operations.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Sample(String name, int count, List<String> tags, Instant at) {}

  @Test
  void quote_specialCharacters_escaped() {
    assertEquals("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u001f\\u2028\\u2029\"",
        JsonWriter.quote("a\"b\\c\n\r\t\b\f\u0001\u001f\u2028\u2029"));
  }

  @Test
  void quote_everyControlCharacter_roundTripsThroughJackson() throws Exception {
    char[] all = new char[0x20];
    for (int i = 0; i < all.length; i++) {
      all[i] = (char) i;
    }
    String s = new String(all) + "\"\\/\u007f한글\uD83D\uDE00";

    assertEquals(s, JSON.readTree(JsonWriter.quote(s)).asText());
  }

  @Test
  void quote_unpairedSurrogate_escapedNotRaw() {
    assertEquals("\"x\\ud800y\"", JsonWriter.quote("x\uD800y"));
  }

  @Test
  void write_record_membersInDeclarationOrder() throws Exception {
    Sample sample = new Sample("n\"1", 3, List.of("a", "b"), Instant.parse("2026-01-02T03:04:05Z"));

    JsonNode node = JSON.readTree(JsonWriter.write(sample));

    assertEquals(List.of("name", "count", "tags", "at"), fieldNames(node));
    assertEquals("n\"1", node.get("name").asText());
    assertEquals(3, node.get("count").asInt());
    assertEquals("b", node.get("tags").get(1).asText());
    assertEquals("2026-01-02T03:04:05Z", node.get("at").asText());
  }

  @Test
  void write_nullsEmptyCollectionsDurations_asJson() throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("none", null);
    m.put("empty", List.of());
    m.put("map", Map.of());
    m.put("age", Duration.ofMinutes(90));
    m.put("flag", true);

    JsonNode node = JSON.readTree(JsonWriter.write(m));

    assertEquals(true, node.get("none").isNull());
    assertEquals(0, node.get("empty").size());
    assertEquals(true, node.get("map").isObject());
    assertEquals("PT1H30M", node.get("age").asText());
    assertEquals(true, node.get("flag").asBoolean());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> out = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void write_endsWithOneNewline() {
    String doc = JsonWriter.write(Arrays.asList(1, 2));

    assertEquals("[\n  1,\n  2\n]\n", doc);
  }
}
