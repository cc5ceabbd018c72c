package io.colseal.mybatis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.colseal.testing.DocRegions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The code in docs/guides/mybatis.md is the code the tests compile and run: each generated region
 * is the part of a test source between its {@code docs:NAME} markers. Run {@link #main} to rewrite
 * the regions.
 */
class GuideDocsTest {
  private static final Path GUIDE = DocRegions.repositoryRoot().resolve("docs/guides/mybatis.md");
  private static final Path TESTS = DocRegions.moduleDirectory().resolve("src/test");

  private record Region(String name, String file, String marker, String language) {}

  private static final List<Region> REGIONS = List.of(
      new Region("mybatis-handlers", "java/io/colseal/mybatis/model/CustomerColumns.java", "// docs:handlers", "java"),
      new Region("mybatis-setup", "java/io/colseal/mybatis/CustomerStore.java", "// docs:setup", "java"),
      new Region("mybatis-xml", "resources/io/colseal/mybatis/model/CustomerMapper.xml", "<!-- docs:resultmap -->",
          "xml"),
      new Region("mybatis-annotations", "java/io/colseal/mybatis/model/AnnotatedCustomerMapper.java",
          "// docs:annotations", "java"),
      new Region("mybatis-search", "resources/io/colseal/mybatis/model/CustomerMapper.xml", "<!-- docs:search -->",
          "xml"));

  static String content(Region r) throws IOException {
    List<String> lines = Files.readAllLines(TESTS.resolve(r.file()));
    int begin = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(r.marker())) {
        if (begin < 0) {
          begin = i;
        } else {
          end = i;
          break;
        }
      }
    }
    if (begin < 0 || end < 0) {
      throw new IllegalStateException(r.file() + " has no pair of " + r.marker());
    }
    List<String> code = lines.subList(begin + 1, end);
    int indent = code.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min()
        .orElse(0);
    String body = code.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n"));
    return "```" + r.language() + "\n" + body + "\n```\n";
  }

  @Test
  void guide_showsTheCodeTheTestsRun() throws IOException {
    for (Region r : REGIONS) {
      assertEquals(content(r), DocRegions.read(GUIDE, r.name()),
          "docs/guides/mybatis.md region " + r.name() + " is out of date; run GuideDocsTest.main");
    }
  }

  /** Rewrites the generated regions of docs/guides/mybatis.md. */
  public static void main(String[] args) throws IOException {
    for (Region r : REGIONS) {
      DocRegions.write(GUIDE, r.name(), content(r));
    }
    System.out.println("rewrote " + Arrays.toString(REGIONS.stream().map(Region::name).toArray()));
  }
}
