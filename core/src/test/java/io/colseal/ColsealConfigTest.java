package io.colseal;

import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.testing.InMemoryKms;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColsealConfigTest {
  @Test
  void fromSources_propertyBeatsSystemBeatsEnvironment() {
    ColsealConfig c = ColsealConfig.fromSources(
        Map.of("colseal.kms.kek-id", "from-property"),
        Map.of("colseal.kms.kek-id", "from-system", "colseal.keys.cache-ttl", "PT2M"),
        Map.of("COLSEAL_KMS_KEK_ID", "from-env", "COLSEAL_KEYS_CACHE_TTL", "PT3M", "COLSEAL_KMS_PROVIDER", "local"));
    assertEquals("from-property", c.setting(ColsealSettings.KEK_ID).orElseThrow());
    assertEquals(Duration.ofMinutes(2), c.keyCacheTtl());
    assertEquals("local", c.kmsProviderName().orElseThrow());
  }

  @Test
  void environment_fromEnvironmentVariable_trimmed_andValidated() {
    ColsealConfig c = ColsealConfig.fromSources(Map.of(), Map.of(), Map.of("COLSEAL_ENVIRONMENT", " prod "));
    assertEquals("prod", c.environment());
    assertEquals(null, ColsealConfig.fromSources(Map.of(), Map.of(), Map.of()).environment());
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> ColsealConfig.fromSources(Map.of("colseal.environment", "prod env"), Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("colseal.environment"), e.getMessage());
  }

  @Test
  void fromSources_defaults() {
    ColsealConfig c = ColsealConfig.fromSources(Map.of(), Map.of(), Map.of());
    assertEquals(SchemaManagement.MIGRATE, c.schemaManagement());
    assertTrue(c.autoCreateKeys());
    assertEquals(Duration.ofMinutes(5), c.keyCacheTtl());
    assertTrue(c.kmsProviderName().isEmpty());
  }

  @Test
  void fromSources_providerObject_isUsed() {
    InMemoryKms kms = new InMemoryKms();
    ColsealConfig c = ColsealConfig.fromSources(Map.of("colseal.kms.provider", kms), Map.of(), Map.of());
    assertSame(kms, c.kmsProvider().orElseThrow());
  }

  @Test
  void fromSources_badValues_nameTheSetting() {
    assertMessageNames("colseal.keys.cache-ttl", () -> ColsealConfig.fromSources(Map.of("colseal.keys.cache-ttl", "5 minutes"), Map.of(), Map.of()));
    assertMessageNames("colseal.keys.cache-ttl", () -> ColsealConfig.fromSources(Map.of("colseal.keys.cache-ttl", "PT2H"), Map.of(), Map.of()));
    assertMessageNames("colseal.keys.auto-create", () -> ColsealConfig.fromSources(Map.of("colseal.keys.auto-create", "yes"), Map.of(), Map.of()));
    assertMessageNames("colseal.key-table.schema-management", () -> ColsealConfig.fromSources(Map.of("colseal.key-table.schema-management", "create"), Map.of(), Map.of()));
    assertMessageNames("colseal.kms.provider", () -> ColsealConfig.fromSources(Map.of("colseal.kms.provider", 42), Map.of(), Map.of()));
  }

  private static void assertMessageNames(String setting, org.junit.jupiter.api.function.Executable e) {
    ColsealConfigException ex = assertThrows(ColsealConfigException.class, e);
    assertEquals(ErrorCode.CONFIG_INVALID, ex.code());
    assertTrue(ex.getMessage().contains(setting), ex.getMessage());
  }

  @Test
  void requireSetting_missing_namesSettingAndEnvironmentVariable() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> ColsealConfig.builder().build().requireSetting(ColsealSettings.KEK_ID, "the KEK"));
    assertTrue(e.getMessage().contains("colseal.kms.kek-id") && e.getMessage().contains("COLSEAL_KMS_KEK_ID"), e.getMessage());
  }

  @Test
  void toString_neverContainsPasswordsOrUrlCredentials() {
    String secret = "CANARY-pass-7f3a";
    ColsealConfig c = ColsealConfig.builder()
        .kmsProvider("local")
        .setting(ColsealSettings.LOCAL_KEYSTORE_PASSWORD, secret)
        .setting("colseal.kms.aws.endpoint", "https://user:" + secret + "@kms.local/?token=" + secret)
        .build();
    assertFalse(c.toString().contains(secret), c.toString());
    assertTrue(c.toString().contains("****"));
  }

  @Test
  void builder_settingOutsideNamespace_throws() {
    assertThrows(ColsealConfigException.class, () -> ColsealConfig.builder().setting("hibernate.x", "y"));
  }

  private static ColsealConfig from(Map<String, ?> properties, Map<Object, Object> system, Map<String, String> env) {
    return ColsealConfig.fromSources(properties, system, env);
  }

  @Test
  void fromSources_booleanCreateIfMissing_isApplied() {
    ColsealConfig c = from(Map.of(ColsealSettings.LOCAL_CREATE_IF_MISSING, Boolean.TRUE), Map.of(), Map.of());
    assertEquals(Optional.of("true"), c.setting(ColsealSettings.LOCAL_CREATE_IF_MISSING));
  }

  @Test
  void fromSources_pathKeystore_isApplied() {
    ColsealConfig c = from(Map.of(ColsealSettings.LOCAL_KEYSTORE, Path.of("/tmp/k.p12")), Map.of(), Map.of());
    assertEquals(Optional.of("/tmp/k.p12"), c.setting(ColsealSettings.LOCAL_KEYSTORE));
  }

  @Test
  void fromSources_unsupportedValueType_throwsConfigExceptionNamingTheSetting() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> from(Map.of(ColsealSettings.KEK_ID, new Object()), Map.of(), Map.of()));
    assertTrue(e.getMessage().contains(ColsealSettings.KEK_ID), e.getMessage());
  }

  @Test
  void fromSources_propertyBeatsSystemPropertyBeatsEnvironment_forEverySetting() {
    ColsealConfig c = from(
        Map.of(ColsealSettings.KEK_ID, "from-property"),
        Map.of(ColsealSettings.KEK_ID, "from-system", ColsealSettings.AWS_REGION, "eu-west-1",
            ColsealSettings.KEY_CACHE_TTL, "PT10M"),
        Map.of("COLSEAL_KMS_KEK_ID", "from-env", "COLSEAL_KMS_AWS_REGION", "us-east-1",
            "COLSEAL_KEYS_CACHE_TTL", "PT20M", "COLSEAL_KEYS_AUTO_CREATE", "false"));
    assertEquals(Optional.of("from-property"), c.setting(ColsealSettings.KEK_ID));
    assertEquals(Optional.of("eu-west-1"), c.setting(ColsealSettings.AWS_REGION));
    assertEquals(Duration.ofMinutes(10), c.keyCacheTtl());
    assertFalse(c.autoCreateKeys());
  }

  @Test
  void fromSources_durationAndBooleanObjects_areApplied() {
    ColsealConfig c = from(Map.of(ColsealSettings.KEY_CACHE_TTL, Duration.ofMinutes(1),
        ColsealSettings.AUTO_CREATE_KEYS, Boolean.FALSE), Map.of(), Map.of());
    assertEquals(Duration.ofMinutes(1), c.keyCacheTtl());
    assertFalse(c.autoCreateKeys());
  }
}
