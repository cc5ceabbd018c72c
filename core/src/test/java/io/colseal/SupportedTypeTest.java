package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.testing.DocRegions;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Date;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The table of supported types, and the documented list generated from it. */
class SupportedTypeTest {
  private static final Path HIBERNATE_SETUP = DocRegions.repositoryRoot().resolve("docs/guides/hibernate-setup.md");

  enum Tier { GOLD }

  /** The documented list, as the table says it: run {@link #main} to rewrite it. */
  static String supportedTypesRegion() {
    String all = Arrays.stream(SupportedType.values())
        .map(t -> t == SupportedType.ENUM ? "enums" : "`" + t.displayName().replace("/", "`/`") + "`")
        .collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return "Supported types: " + all.substring(0, last) + " and " + all.substring(last + 2) + ".\n";
  }

  @Test
  void docs_listExactlyTheTable() {
    assertEquals(supportedTypesRegion(), DocRegions.read(HIBERNATE_SETUP, "supported-types"),
        "docs/guides/hibernate-setup.md is out of date; run SupportedTypeTest.main");
  }

  @Test
  void of_primitivesAndEnums_mapToTheirRows() {
    assertEquals(SupportedType.INTEGER, SupportedType.of(int.class).orElseThrow());
    assertEquals(SupportedType.BOOLEAN, SupportedType.of(boolean.class).orElseThrow());
    assertEquals(SupportedType.ENUM, SupportedType.of(Tier.class).orElseThrow());
    assertEquals(SupportedType.BIG_DECIMAL, SupportedType.of(BigDecimal.class).orElseThrow());
    assertFalse(SupportedType.isSupported(Date.class));
    assertFalse(SupportedType.isSupported(Double.class));
  }

  @Test
  void describeAll_namesEveryRow() {
    String all = SupportedType.describeAll();
    for (SupportedType t : SupportedType.values()) {
      assertTrue(all.contains(t.displayName()), all);
    }
    assertTrue(all.endsWith("UUID and enums"), all);
  }

  @Test
  void maxStoredLength_matchesWhatIsStored() {
    // 255 characters of 3 UTF-8 bytes each, text storage: the figure the Hibernate guide gives.
    assertEquals(1078, SupportedType.maxStoredLength(String.class, Storage.TEXT, 255));
    assertEquals(62, SupportedType.maxStoredLength(Integer.class, Storage.TEXT, 0));
    assertEquals(36 + 16, SupportedType.maxStoredLength(byte[].class, Storage.AUTO, 16));
  }

  /** Rewrites the generated region of docs/guides/hibernate-setup.md. */
  public static void main(String[] args) {
    DocRegions.write(HIBERNATE_SETUP, "supported-types", supportedTypesRegion());
  }
}
