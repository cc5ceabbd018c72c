package io.colseal.spring.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.jayway.jsonpath.JsonPath;
import io.colseal.ColsealSettings;
import io.colseal.testing.DocRegions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The configuration metadata the jar ships (IDE completion for {@code colseal.*}) is complete (every
 * setting of {@link ColsealSettings#all()}, colseal-kms-aws's included) and current (what the
 * generator makes from today's settings and pages).
 */
class ConfigurationMetadataTest {
  private static final Path PAGES = DocRegions.repositoryRoot().resolve("docs/reference/configuration");

  private static String shipped() throws IOException {
    try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      assertNotNull(in, "no META-INF/spring-configuration-metadata.json in the classes");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void metadata_listsEverySetting() throws IOException {
    List<String> names = JsonPath.read(shipped(), "$.properties[*].name");
    assertEquals(new TreeSet<>(ColsealSettings.all().keySet()), new TreeSet<>(names));
    assertFalse(names.stream().noneMatch(n -> n.startsWith("colseal.kms.aws.")), "no kms-aws setting: " + names);
  }

  @Test
  void metadata_isWhatTheGeneratorMakesNow() throws IOException {
    assertEquals(ConfigurationMetadata.render(PAGES), shipped());
  }

  @Test
  void metadata_givesTypeDefaultAndDescriptionFromThePage() throws IOException {
    String json = shipped();
    String at = "$.properties[?(@.name == 'colseal.keys.cache-ttl')]";
    assertEquals(List.of("java.time.Duration"), JsonPath.read(json, at + ".type"));
    assertEquals(List.of("PT5M"), JsonPath.read(json, at + ".defaultValue"));
    assertEquals(List.of("How long an unwrapped data key stays in memory."), JsonPath.read(json, at + ".description"));
    assertEquals(Set.of("migrate", "validate", "none"), Set.copyOf(JsonPath.<List<String>>read(json,
        "$.hints[?(@.name == 'colseal.key-table.schema-management')].values[*].value")));
  }
}
