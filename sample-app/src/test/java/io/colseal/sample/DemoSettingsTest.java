package io.colseal.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.ColsealSettings;
import io.colseal.kms.local.LocalKmsProviderFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSettingsTest {
  private static final Map<String, String> NONE = Map.of();

  private static DemoSettings resolve(Map<String, String> given, Map<Object, Object> system, Map<String, String> env) {
    return DemoSettings.resolve(given, system, env);
  }

  @Test
  void resolve_nothingSet_usesZeroSetupDefaults() {
    DemoSettings s = resolve(NONE, Map.of(), NONE);
    Path data = Path.of("target", "demo-data").toAbsolutePath().normalize();
    assertEquals(1000, s.customers());
    assertEquals(50, s.batchSize());
    assertEquals(data, s.dataDir());
    assertEquals("jdbc:h2:file:" + data.resolve("colseal-demo"), s.jdbcUrl());
    assertEquals("sa", s.jdbcUser());
    assertEquals("", s.jdbcPassword());
    assertEquals(Map.of(
        ColsealSettings.KMS_PROVIDER.name(), "local",
        ColsealSettings.KEK_ID.name(), "demo-kek",
        LocalKmsProviderFactory.KEYSTORE.name(), data.resolve("demo-kek.p12").toString(),
        LocalKmsProviderFactory.KEYSTORE_PASSWORD.name(), DemoSettings.DEMO_KEYSTORE_PASSWORD,
        LocalKmsProviderFactory.CREATE_IF_MISSING.name(), "true"), s.colsealSettings());
  }

  @Test
  void resolve_givenValue_beatsSystemPropertyAndEnvironment() {
    DemoSettings s = resolve(Map.of("demo.customers", "5"), Map.of("demo.customers", "6"), Map.of("DEMO_CUSTOMERS", "7"));
    assertEquals(5, s.customers());
  }

  @Test
  void resolve_systemProperty_beatsEnvironment() {
    DemoSettings s = resolve(NONE, Map.of("demo.customers", "6"), Map.of("DEMO_CUSTOMERS", "7"));
    assertEquals(6, s.customers());
  }

  @Test
  void resolve_environmentOnly_isUsed() {
    DemoSettings s = resolve(NONE, Map.of(), Map.of("DEMO_CUSTOMERS", "7", "DEMO_BATCH_SIZE", "20"));
    assertEquals(7, s.customers());
    assertEquals(20, s.batchSize());
  }

  @Test
  void resolve_postgresUrlWithoutUser_defaultsToPostgres() {
    DemoSettings s = resolve(NONE, Map.of(), Map.of("DEMO_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
    assertEquals("postgres", s.jdbcUser());
  }

  @Test
  void resolve_mariadbUrlWithoutUser_defaultsToRoot() {
    DemoSettings s = resolve(NONE, Map.of(), Map.of("DEMO_JDBC_URL", "jdbc:mariadb://127.0.0.1:3306/test"));
    assertEquals("root", s.jdbcUser());
  }

  @Test
  void resolve_dataDirSet_movesDatabaseAndKeystore() {
    DemoSettings s = resolve(Map.of("demo.data-dir", "/tmp/x"), Map.of(), NONE);
    assertEquals("jdbc:h2:file:" + Path.of("/tmp/x", "colseal-demo"), s.jdbcUrl());
    assertEquals(Path.of("/tmp/x", "demo-kek.p12").toString(), s.colsealSettings().get(LocalKmsProviderFactory.KEYSTORE.name()));
  }

  @Test
  void resolve_colsealSettingsFromEnvironment_overrideDemoDefaults() {
    DemoSettings s = resolve(NONE, Map.of(), Map.of("COLSEAL_KMS_KEK_ID", "other-kek",
        "COLSEAL_KMS_LOCAL_CREATE_IF_MISSING", "false"));
    assertEquals("other-kek", s.colsealSettings().get(ColsealSettings.KEK_ID.name()));
    assertEquals("false", s.colsealSettings().get(LocalKmsProviderFactory.CREATE_IF_MISSING.name()));
  }

  @Test
  void resolve_awsKmsProvider_appliesNoLocalDefaults() {
    DemoSettings s = resolve(NONE, Map.of(ColsealSettings.KMS_PROVIDER.name(), "aws-kms"),
        Map.of("COLSEAL_KMS_KEK_ID", "alias/colseal-demo"));
    assertEquals(Map.of(ColsealSettings.KMS_PROVIDER.name(), "aws-kms", ColsealSettings.KEK_ID.name(), "alias/colseal-demo"),
        s.colsealSettings());
    assertEquals("aws-kms", s.kmsProvider());
  }

  @Test
  void resolve_givenColsealSetting_reachesThePersistenceUnit() {
    DemoSettings s = resolve(Map.of(ColsealSettings.KEY_CACHE_TTL.name(), "PT1M"), Map.of(), NONE);
    assertEquals("PT1M", s.colsealSettings().get(ColsealSettings.KEY_CACHE_TTL.name()));
  }

  @Test
  void resolve_customersNotANumber_throwsNamingTheSetting() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> resolve(Map.of("demo.customers", "many"), Map.of(), NONE));
    assertTrue(e.getMessage().contains("demo.customers"), e.getMessage());
    assertTrue(e.getMessage().contains("DEMO_CUSTOMERS"), e.getMessage());
  }

  @Test
  void resolve_customersZero_throwsIllegalArgumentException() {
    assertThrows(IllegalArgumentException.class, () -> resolve(Map.of("demo.customers", "0"), Map.of(), NONE));
  }

  @Test
  void resolve_customersWithSeparators_accepted() {
    assertEquals(10_000, resolve(Map.of("demo.customers", "10,000"), Map.of(), NONE).customers());
  }

  @Test
  void describe_neverShowsPasswordsOrUrlCredentials() {
    Map<String, String> env = new HashMap<>();
    env.put("DEMO_JDBC_URL", "jdbc:postgresql://alice:url-secret@db.example.com/app?password=param-secret");
    env.put("DEMO_JDBC_PASSWORD", "jdbc-secret");
    env.put("COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", "keystore-secret");
    DemoSettings s = resolve(NONE, Map.of(), env);
    String shown = String.join("\n", s.describe()) + s;
    for (String secret : new String[] {"url-secret", "param-secret", "jdbc-secret", "keystore-secret", "alice"}) {
      assertFalse(shown.contains(secret), secret);
    }
    assertTrue(shown.contains("demo.jdbc.password = ****"), shown);
  }

  @Test
  void describe_defaultKeystorePassword_masked() {
    String shown = String.join("\n", resolve(NONE, Map.of(), NONE).describe());
    assertFalse(shown.contains(DemoSettings.DEMO_KEYSTORE_PASSWORD), shown);
  }
}
