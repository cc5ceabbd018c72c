package io.colseal.spring.metadata;

import io.colseal.ColsealSettings;
import io.colseal.config.Setting;
import io.colseal.kms.KmsProviderFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Writes {@code META-INF/spring-configuration-metadata.json} (IDE completion for {@code colseal.*})
 * from the one source of setting names, {@link ColsealSettings#all()} (colseal's own and every KEK
 * provider's on the class path: the build puts colseal-kms-aws on it): name, type, default, and the
 * description from the first paragraph of the setting's page, {@code
 * docs/reference/configuration/<name>.md}. The choices of an enum setting and the KEK provider names
 * are hints. Run by the build ({@code exec:java} at {@code process-test-classes}) into the classes
 * the jar packs; {@code ConfigurationMetadataTest} checks the file is complete and current.
 */
public final class ConfigurationMetadata {
  private ConfigurationMetadata() {}

  /** {@code args[0]}: the file to write; {@code args[1]}: the configuration pages' directory. */
  public static void main(String[] args) throws IOException {
    Path out = Path.of(args[0]);
    Files.createDirectories(out.getParent());
    Files.writeString(out, render(Path.of(args[1])), StandardCharsets.UTF_8);
  }

  /** The metadata JSON, from the settings and the pages in {@code pages}. */
  public static String render(Path pages) {
    List<String> properties = new ArrayList<>();
    List<String> hints = new ArrayList<>();
    for (Setting<?> s : ColsealSettings.all().values()) {
      StringBuilder p = new StringBuilder("    {\"name\": ").append(quote(s.name()))
          .append(", \"type\": ").append(quote(s.type().getName()))
          .append(", \"description\": ").append(quote(description(pages, s.name())))
          .append(", \"sourceType\": \"io.colseal.ColsealSettings\"");
      s.defaultValue().ifPresent(v -> p.append(", \"defaultValue\": ").append(defaultValue(v)));
      properties.add(p.append('}').toString());
      List<String> values = choices(s);
      if (!values.isEmpty()) {
        hints.add("    {\"name\": " + quote(s.name()) + ", \"values\": ["
            + String.join(", ", values.stream().map(v -> "{\"value\": " + quote(v) + "}").toList()) + "]}");
      }
    }
    return "{\n  \"groups\": [\n    {\"name\": \"colseal\", \"description\": "
        + quote("colseal column encryption: KEK provider, key table, data keys.")
        + ", \"sourceType\": \"io.colseal.ColsealSettings\"}\n  ],\n  \"properties\": [\n"
        + String.join(",\n", properties) + "\n  ],\n  \"hints\": [\n" + String.join(",\n", hints) + "\n  ]\n}\n";
  }

  private static List<String> choices(Setting<?> s) {
    List<String> out = new ArrayList<>();
    if (s.type().isEnum()) {
      for (Object c : s.type().getEnumConstants()) {
        if (s == ColsealSettings.DEFAULT_ALGORITHM && c == io.colseal.ColumnAlgorithm.DEFAULT) {
          continue; // the annotation's "follow the setting", not a value of the setting
        }
        out.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'));
      }
    } else if (s == ColsealSettings.KMS_PROVIDER) {
      ServiceLoader.load(KmsProviderFactory.class).forEach(f -> out.add(f.name()));
      out.sort(null);
    }
    return out;
  }

  private static String defaultValue(Object v) {
    if (v instanceof Boolean || v instanceof Long) {
      return v.toString();
    }
    if (v instanceof Enum<?> e) {
      return quote(e.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    if (v instanceof Duration d) {
      return quote(d.toString());
    }
    return quote(v.toString());
  }

  /** The first paragraph after the page's title, joined into one line, with Markdown code marks removed. */
  static String description(Path pages, String name) {
    Path page = pages.resolve(name + ".md");
    List<String> lines;
    try {
      lines = Files.readAllLines(page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("no configuration page for " + name + ": " + page, e);
    }
    StringBuilder b = new StringBuilder();
    for (String line : lines.subList(1, lines.size())) {
      if (line.isBlank()) {
        if (b.length() > 0) {
          break;
        }
        continue;
      }
      b.append(b.length() > 0 ? " " : "").append(line.trim());
    }
    return b.toString().replace("`", "").replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1");
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
