package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What colseal.jar holds (issue 12): it stays under the size limit, carries none of the forbidden
 * packages (Hibernate, ByteBuddy, JAXB, ANTLR, Flyway, BouncyCastle's post-quantum code), has the
 * service files {@link java.util.ServiceLoader} reads with every class they name, and runs. The
 * limit and the packages are in {@code colseal-jar.properties}, which .ci/run reads too.
 */
@Tag("jar")
class JarContentIT {
  private static final String VERSIONED = "META-INF/versions/";

  @TempDir Path dir;

  @Test
  void size_isUnderTheLimit() throws IOException {
    long limit = Long.parseLong(limits().getProperty("max-bytes"));

    long size = Files.size(Cli.jar());

    assertTrue(size < limit, Cli.jar() + " is " + size + " bytes, the limit is " + limit);
  }

  @Test
  void entries_noneUnderAForbiddenPrefix() {
    List<String> prefixes = Arrays.asList(limits().getProperty("forbidden-prefixes").split(","));
    Map<String, List<String>> found = new TreeMap<>();

    for (String name : entryNames()) {
      String path = unversioned(name);
      for (String prefix : prefixes) {
        if (path.startsWith(prefix)) {
          found.computeIfAbsent(prefix, p -> new ArrayList<>()).add(name);
        }
      }
    }

    StringBuilder report = new StringBuilder();
    found.forEach((prefix, names) -> report.append("\n  ").append(prefix).append(": ").append(names.size())
        .append(" entries, e.g. ").append(names.get(0)));
    assertTrue(found.isEmpty(), "forbidden entries in " + Cli.jar() + ":" + report);
  }

  @Test
  void serviceFiles_listColsealsProvidersAndTheThreeDrivers() {
    assertEquals(Set.of("io.colseal.kms.local.LocalKmsProviderFactory", "io.colseal.kms.aws.AwsKmsProviderFactory",
        "io.colseal.kms.pkcs11.Pkcs11KmsProviderFactory"), serviceClasses("io.colseal.kms.KmsProviderFactory"));
    assertEquals(Set.of("org.h2.Driver", "org.postgresql.Driver", "org.mariadb.jdbc.Driver"),
        serviceClasses("java.sql.Driver"));
  }

  @Test
  void serviceFiles_everyNamedClass_isInTheJar() {
    Set<String> entries = new TreeSet<>(entryNames());
    List<String> missing = new ArrayList<>();

    for (String name : entries) {
      if (name.startsWith("META-INF/services/") && !name.endsWith("/")) {
        String service = name.substring("META-INF/services/".length());
        for (String impl : serviceClasses(service)) {
          if (!entries.contains(impl.replace('.', '/') + ".class")) {
            missing.add(service + ": " + impl);
          }
        }
      }
    }

    assertTrue(missing.isEmpty(), "service files name classes the jar lacks: " + missing);
  }

  @Test
  void version_printsTheManifestVersion() throws IOException {
    String version;
    try (JarFile jar = new JarFile(Cli.jar().toFile())) {
      version = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
    }

    String out = new Cli(dir).run("--version").ok().out();

    assertEquals("colseal " + version, out.strip());
  }

  @OneDatabase(because = "a smoke run of the shaded jar; the CLI tests run on every database, and the jar's drivers are checked by its service files")

  @Test
  void keysList_freshH2WithLocalKek_listsTheKeyInitCreated() {
    try (CliDatabase db = CliDatabase.create(TestDatabase.Kind.H2, dir)) {
      Cli cli = new Cli(dir).env(Map.of(
          "COLSEAL_JDBC_URL", db.url(),
          "COLSEAL_JDBC_USER", db.user(),
          "COLSEAL_JDBC_PASSWORD", db.childPassword(),
          "COLSEAL_KMS_PROVIDER", "local",
          "COLSEAL_KMS_LOCAL_KEYSTORE", dir.resolve("kek.p12").toString(),
          "COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", Cli.CANARY,
          "COLSEAL_KMS_KEK_ID", "kek1"));
      cli.run("kek", "create", "--provider", "local", "--alias", "kek1").ok();
      cli.run("keys", "init", "--table", "customers").ok();

      JsonNode list = cli.run("keys", "list", "--json").ok().json();

      assertEquals(1, list.get("tables").size(), list.toPrettyString());
      JsonNode customers = list.at("/tables/0");
      assertEquals("customers", customers.get("table").asText());
      assertEquals("1 ACTIVE local kek1", customers.at("/versions/0/version").asInt() + " "
          + customers.at("/versions/0/state").asText() + " " + customers.at("/versions/0/kekProvider").asText()
          + " " + customers.at("/versions/0/kekId").asText());
    }
  }

  private static Properties limits() {
    Properties p = new Properties();
    try (InputStream in = JarContentIT.class.getResourceAsStream("/colseal-jar.properties")) {
      assertTrue(in != null, "colseal-jar.properties is not on the test classpath");
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  private static List<String> entryNames() {
    try (JarFile jar = new JarFile(Cli.jar().toFile())) {
      return jar.stream().map(ZipEntry::getName).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The classes a service file names, without comments and blank lines; empty if there is no such file. */
  private static Set<String> serviceClasses(String service) {
    try (JarFile jar = new JarFile(Cli.jar().toFile())) {
      ZipEntry e = jar.getEntry("META-INF/services/" + service);
      Set<String> out = new TreeSet<>();
      if (e == null) {
        return out;
      }
      String text;
      try (InputStream in = jar.getInputStream(e)) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      for (String line : text.split("\n")) {
        String impl = line.replaceFirst("#.*", "").strip();
        if (!impl.isEmpty()) {
          out.add(impl);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code META-INF/versions/17/org/x/Y.class} as {@code org/x/Y.class}; other names as they are. */
  private static String unversioned(String name) {
    if (name.startsWith(VERSIONED)) {
      int slash = name.indexOf('/', VERSIONED.length());
      if (slash > 0) {
        return name.substring(slash + 1);
      }
    }
    return name;
  }
}
