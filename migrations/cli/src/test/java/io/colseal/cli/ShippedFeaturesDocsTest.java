package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.cli.testing.DocContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No page says that a shipped feature is missing. Each feature colseal ships is listed here with the
 * page and heading that document it and the words that name it; {@code docs/not-included.md} must
 * not name any of them, and no sentence of any page (README included) may name one together with
 * "later release", "not included", "coming later", "not yet supported" and the like.
 *
 * <p>When a feature ships, add it here; when one is dropped, remove it and its page.
 */
class ShippedFeaturesDocsTest {
  private record Feature(String name, String anchor, Pattern terms) {}

  private static final List<Feature> SHIPPED = List.of(
      feature("blind indexes", "guides/blind-indexes.md#using-it",
          "blind[- ]index", "@BlindIndex", "search(ing|able)? (encrypted|values)", "searchable encryption",
          "equality (search|queries|lookups?) on encrypted"),
      feature("deterministic encryption", "guides/searchable-encryption.md",
          "deterministic (encryption|mode|columns?)", "AES-256-GCM-SIV", "deterministic = true"),
      feature("re-encryption job", "guides/reencryption.md",
          "re-?encryption", "colseal reencrypt", "re-?encrypt(ing|s)? (existing|stored|old) (rows|values|data)"),
      feature("compliance audit", "guides/compliance-audit.md",
          "audit report", "colseal audit", "compliance audit", "the audit\\b"),
      feature("key rotation", "guides/key-rotation.md", "key rotation", "colseal keys rotate", "rotating (data )?keys"),
      feature("key destruction", "guides/key-destruction.md", "crypto-?shredding", "colseal keys destroy",
          "key destruction"),
      feature("KEK re-wrap", "reference/cli/keys-rewrap.md", "colseal keys rewrap", "re-?wrapping data keys"),
      feature("AWS KMS", "guides/aws-kms-setup.md", "AWS KMS"),
      feature("MyBatis type handlers", "guides/mybatis.md#one-handler-per-column", "colseal-mybatis",
          "EncryptedTypeHandler", "ColsealMyBatis", "MyBatis (type )?handlers?"),
      feature("local KEK", "reference/cli/kek-create.md", "local (KEK|keystore|provider)", "colseal kek create"),
      feature("column registry", "reference/key-table.md#the-column-registry", "colseal_column", "column registry"),
      feature("ARIA-256-GCM", "guides/aria-kcmvp.md#turning-it-on", "ARIA-256-GCM", "ARIA_256_GCM",
          "aria-provider"));

  /** What a page says about a feature it does not ship. */
  private static final Pattern NOT_SHIPPED = Pattern.compile(
      "(later|future|next|coming|upcoming) (release|version)s?|coming (later|soon)|not (yet )?included"
          + "|not (yet )?(provided|offered|shipped|released|implemented|available)|not yet supported"
          + "|will (arrive|come|be added)|on the roadmap|\\bplanned\\b|left out",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern FENCE = Pattern.compile("^\\s*```.*?^\\s*```", Pattern.MULTILINE | Pattern.DOTALL);
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z`\\[*(])|\\n\\s*\\n|\\n\\s*[-|#*]");

  private static Feature feature(String name, String anchor, String... terms) {
    return new Feature(name, anchor, Pattern.compile(String.join("|", terms), Pattern.CASE_INSENSITIVE));
  }

  @Test
  void shippedFeatures_eachHasItsDocumentedAnchor() {
    List<String> problems = new ArrayList<>();
    for (Feature f : SHIPPED) {
      String[] parts = f.anchor().split("#", 2);
      Path page = DocContract.docs().resolve(parts[0]);
      if (!Files.isRegularFile(page)) {
        problems.add(f.name() + ": no page " + parts[0]);
      } else if (parts.length == 2 && !headingSlugs(read(page)).contains(parts[1])) {
        problems.add(f.name() + ": " + parts[0] + " has no heading #" + parts[1]);
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void notIncludedPage_namesNoShippedFeature() {
    String text = FENCE.matcher(read(DocContract.docs().resolve("not-included.md"))).replaceAll("");
    List<String> problems = new ArrayList<>();
    for (String line : text.split("\n")) {
      for (Feature f : SHIPPED) {
        if (f.terms().matcher(line).find()) {
          problems.add("not-included.md names " + f.name() + " (shipped, " + f.anchor() + "): " + line.strip());
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void noPage_saysAShippedFeatureIsMissing() throws IOException {
    Path docs = DocContract.docs();
    List<Path> pages = new ArrayList<>();
    pages.add(docs.resolveSibling("README.md"));
    try (Stream<Path> files = Files.walk(docs)) {
      files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    List<String> problems = new ArrayList<>();
    for (Path page : pages) {
      String text = FENCE.matcher(read(page)).replaceAll("");
      for (String sentence : SENTENCE_END.split(text)) {
        Matcher missing = NOT_SHIPPED.matcher(sentence);
        if (!missing.find()) {
          continue;
        }
        for (Feature f : SHIPPED) {
          Matcher named = f.terms().matcher(sentence);
          if (named.find()) {
            problems.add(docs.getParent().relativize(page) + ": \"" + missing.group() + "\" next to \""
                + named.group() + "\" (" + f.name() + " ships, " + f.anchor() + "): "
                + sentence.strip().replaceAll("\\s+", " "));
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), "pages say a shipped feature is missing:\n" + String.join("\n", problems));
  }

  /** GitHub's heading anchors: lower case, punctuation but '-' and '_' dropped, spaces to '-'. */
  private static List<String> headingSlugs(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("^#+\\s+(.+?)\\s*$", Pattern.MULTILINE).matcher(markdown);
    while (m.find()) {
      out.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
    }
    return out;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
