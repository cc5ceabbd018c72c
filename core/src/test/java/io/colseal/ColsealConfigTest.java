package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.local.LocalKmsProviderFactory;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.LogCapture;
import io.colseal.testing.ThirdPartyKmsFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColsealConfigTest {
  private static ColsealConfig from(Map<String, ?> properties, Map<Object, Object> system, Map<String, String> env) {
    return ColsealConfig.fromSources(properties, system, env);
  }

  private static void assertMessageNames(String text, org.junit.jupiter.api.function.Executable e) {
    ColsealConfigException ex = assertThrows(ColsealConfigException.class, e);
    assertEquals(ErrorCode.CONFIG_INVALID, ex.code());
    assertTrue(ex.getMessage().contains(text), ex.getMessage());
  }

  // ---------------------------------------------------------------- one source of truth

  @Test
  void builderSetting_byName_landsInTheTypedField() {
    assertEquals(Duration.ZERO, ColsealConfig.builder().setting("colseal.keys.cache-ttl", "PT0S").build().keyCacheTtl());
    assertEquals(7L, ColsealConfig.builder().setting("colseal.keys.usage-cap", "7").build().usageCap());
    assertFalse(ColsealConfig.builder().setting("colseal.keys.auto-create", false).build().autoCreateKeys());
    assertEquals(SchemaManagement.NONE,
        ColsealConfig.builder().setting("colseal.key-table.schema-management", "none").build().schemaManagement());
  }

  @Test
  void builderTypedSetter_andSettingByName_areTheSameValue() {
    ColsealConfig typed = ColsealConfig.builder().keyCacheTtl(Duration.ofSeconds(30)).build();
    ColsealConfig named = ColsealConfig.builder().setting("colseal.keys.cache-ttl", "PT30S").build();
    assertEquals(typed.keyCacheTtl(), named.keyCacheTtl());
    assertEquals(typed.find(ColsealSettings.KEY_CACHE_TTL), named.find(ColsealSettings.KEY_CACHE_TTL));
  }

  @Test
  void builderTypedSetter_outOfRange_failsLikeTheText() {
    assertMessageNames("colseal.keys.cache-ttl", () -> ColsealConfig.builder().keyCacheTtl(Duration.ofHours(2)));
    assertMessageNames("colseal.keys.cache-ttl", () -> ColsealConfig.builder().setting("colseal.keys.cache-ttl", "PT2H"));
  }

  @Test
  void builderSetting_misspelledName_failsWithTheNearestKnownName() {
    assertMessageNames("did you mean colseal.keys.cache-ttl?",
        () -> ColsealConfig.builder().setting("colseal.keys.cach-ttl", "PT0S"));
    assertMessageNames("did you mean colseal.kms.kek-id?", () -> ColsealConfig.builder().setting("colseal.kms.kekid", "k"));
  }

  @Test
  void fromSources_misspelledPropertyOrSystemProperty_fails() {
    assertMessageNames("did you mean colseal.keys.cache-ttl?",
        () -> from(Map.of("colseal.keys.cache-tl", "PT1M"), Map.of(), Map.of()));
    assertMessageNames("did you mean colseal.keys.refresh-interval?",
        () -> from(Map.of(), Map.of("colseal.keys.refresh-intervall", "PT1M"), Map.of()));
  }

  @Test
  void fromSources_settingOfAProviderNotOnTheClassPath_namesTheModule() {
    assertMessageNames("colseal-kms-aws", () -> from(Map.of("colseal.kms.aws.region", "eu-west-1"), Map.of(), Map.of()));
  }

  @Test
  void fromSources_unknownEnvironmentVariable_isIgnored_aNearMissIsLogged() {
    try (LogCapture log = new LogCapture(Map.of(ColsealConfig.class.getName(), Level.WARN))) {
      ColsealConfig c = from(Map.of(), Map.of(),
          Map.of("COLSEAL_JAVA_OPTS", "-Xmx1g", "COLSEAL_KEYS_CACHE_TL", "PT0S"));
      assertEquals(Duration.ofMinutes(5), c.keyCacheTtl());
      assertTrue(log.text().contains("COLSEAL_KEYS_CACHE_TL") && log.text().contains("COLSEAL_KEYS_CACHE_TTL"),
          log.text());
      assertFalse(log.text().contains("COLSEAL_JAVA_OPTS"), log.text());
    }
  }

  @Test
  void fromSources_propertyBeatsSystemPropertyBeatsEnvironment_forEverySetting() {
    ColsealConfig c = from(
        Map.of("colseal.kms.kek-id", "from-property"),
        Map.of("colseal.kms.kek-id", "from-system", "colseal.keys.cache-ttl", "PT10M",
            "colseal.kms.local.keystore", "/tmp/system.p12"),
        Map.of("COLSEAL_KMS_KEK_ID", "from-env", "COLSEAL_KMS_LOCAL_KEYSTORE", "/tmp/env.p12",
            "COLSEAL_KEYS_CACHE_TTL", "PT20M", "COLSEAL_KEYS_AUTO_CREATE", "false", "COLSEAL_KMS_PROVIDER", "local"));
    assertEquals(Optional.of("from-property"), c.find(ColsealSettings.KEK_ID));
    assertEquals(Optional.of(Path.of("/tmp/system.p12")), c.find(LocalKmsProviderFactory.KEYSTORE));
    assertEquals(Duration.ofMinutes(10), c.keyCacheTtl());
    assertFalse(c.autoCreateKeys());
    assertEquals("local", c.kmsProviderName().orElseThrow());
  }

  @Test
  void fromSources_typedObjects_areApplied() {
    ColsealConfig c = from(Map.of("colseal.keys.cache-ttl", Duration.ofMinutes(1), "colseal.keys.auto-create", Boolean.FALSE,
        "colseal.kms.local.create-if-missing", Boolean.TRUE, "colseal.kms.local.keystore", Path.of("/tmp/k.p12"),
        "colseal.keys.usage-block", 500), Map.of(), Map.of());
    assertEquals(Duration.ofMinutes(1), c.keyCacheTtl());
    assertFalse(c.autoCreateKeys());
    assertEquals(Optional.of(true), c.find(LocalKmsProviderFactory.CREATE_IF_MISSING));
    assertEquals(Optional.of(Path.of("/tmp/k.p12")), c.find(LocalKmsProviderFactory.KEYSTORE));
    assertEquals(500, c.usageBlock());
  }

  // ---------------------------------------------------------------- provider settings

  @Test
  void thirdPartyProvider_declaresItsSettings_theyAreReadParsedAndPassedTyped() {
    String token = "CANARY-acme-token-51c2";
    ColsealConfig c = from(Map.of("colseal.kms.provider", "acme-kms", "colseal.kms.kek-id", "acme-key",
        "colseal.kms.acme.endpoint", "https://kms.acme.example"), Map.of(),
        Map.of("COLSEAL_KMS_ACME_TOKEN", token, "COLSEAL_KMS_ACME_TIMEOUT", "PT5S"));
    try (KmsProvider kms = KmsProviders.create(c)) {
      assertInstanceOf(InMemoryKms.class, kms);
      assertEquals("acme-key", kms.kekId());
    }
    assertEquals(URI.create("https://kms.acme.example"), ThirdPartyKmsFactory.lastSettings.find(ThirdPartyKmsFactory.ENDPOINT).orElseThrow());
    assertEquals(Duration.ofSeconds(5), ThirdPartyKmsFactory.lastSettings.find(ThirdPartyKmsFactory.TIMEOUT).orElseThrow());
    assertFalse(c.toString().contains(token), c.toString());
    assertTrue(ColsealSettings.isSecret("colseal.kms.acme.token"));
  }

  @Test
  void thirdPartyProvider_badValue_failsNamingItsSetting() {
    assertMessageNames("colseal.kms.acme.endpoint must be an https URL",
        () -> from(Map.of("colseal.kms.acme.endpoint", "http://plain"), Map.of(), Map.of()));
    assertMessageNames("did you mean colseal.kms.acme.endpoint?",
        () -> from(Map.of("colseal.kms.acme.endpont", "https://x"), Map.of(), Map.of()));
  }

  @Test
  void kmsProviders_unknownProvider_listsTheKnownOnes() {
    assertMessageNames("local", () -> KmsProviders.create(ColsealConfig.builder().kmsProvider("vault").build()));
    assertMessageNames("colseal-kms-aws", () -> KmsProviders.create(ColsealConfig.builder().kmsProvider("aws-kms").build()));
  }

  @Test
  void require_missing_namesSettingReasonAndEnvironmentVariable() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> ColsealConfig.builder().build().require(ColsealSettings.KEK_ID, "the KEK"));
    assertTrue(e.getMessage().contains("colseal.kms.kek-id") && e.getMessage().contains("the KEK")
        && e.getMessage().contains("COLSEAL_KMS_KEK_ID"), e.getMessage());
  }

  // ---------------------------------------------------------------- values

  @Test
  void environment_fromEnvironmentVariable_trimmed_andValidated() {
    assertEquals("prod", from(Map.of(), Map.of(), Map.of("COLSEAL_ENVIRONMENT", " prod ")).environment());
    assertEquals(null, from(Map.of(), Map.of(), Map.of()).environment());
    assertMessageNames("colseal.environment", () -> from(Map.of("colseal.environment", "prod env"), Map.of(), Map.of()));
  }

  @Test
  void fromSources_defaults() {
    ColsealConfig c = from(Map.of(), Map.of(), Map.of());
    assertEquals(SchemaManagement.MIGRATE, c.schemaManagement());
    assertTrue(c.autoCreateKeys());
    assertEquals(Duration.ofMinutes(5), c.keyCacheTtl());
    assertTrue(c.kmsProviderName().isEmpty());
    assertFalse(c.isSet(ColsealSettings.KEY_CACHE_TTL));
  }

  @Test
  void fromSources_providerObject_isUsed() {
    InMemoryKms kms = new InMemoryKms();
    ColsealConfig c = from(Map.of("colseal.kms.provider", kms), Map.of(), Map.of());
    assertSame(kms, c.kmsProvider().orElseThrow());
    assertTrue(c.kmsProviderName().isEmpty());
  }

  @Test
  void fromSources_badValues_nameTheSetting() {
    assertMessageNames("colseal.keys.cache-ttl", () -> from(Map.of("colseal.keys.cache-ttl", "5 minutes"), Map.of(), Map.of()));
    assertMessageNames("colseal.keys.cache-ttl", () -> from(Map.of("colseal.keys.cache-ttl", "PT2H"), Map.of(), Map.of()));
    assertMessageNames("colseal.keys.auto-create", () -> from(Map.of("colseal.keys.auto-create", "yes"), Map.of(), Map.of()));
    assertMessageNames("colseal.key-table.schema-management",
        () -> from(Map.of("colseal.key-table.schema-management", "create"), Map.of(), Map.of()));
    assertMessageNames("colseal.kms.provider", () -> from(Map.of("colseal.kms.provider", 42), Map.of(), Map.of()));
    assertMessageNames("colseal.kms.kek-id", () -> from(Map.of("colseal.kms.kek-id", new Object()), Map.of(), Map.of()));
  }

  @Test
  void validityShorterThanOriginatorPeriod_fails() {
    assertMessageNames("colseal.keys.validity-period", () -> ColsealConfig.builder()
        .originatorPeriod(Duration.ofDays(30)).validityPeriod(Duration.ofDays(10)).build());
  }

  @Test
  void usageBlock_neverAboveTheCap() {
    assertEquals(100, ColsealConfig.builder().usageCap(100).usageBlock(10_000).build().usageBlock());
  }

  @Test
  void toString_neverContainsPasswordsOrUrlCredentials() {
    String secret = "CANARY-pass-7f3a";
    ColsealConfig c = ColsealConfig.builder()
        .kmsProvider("local")
        .setting("colseal.kms.local.keystore-password", secret)
        .setting("colseal.kms.acme.endpoint", "https://user:" + secret + "@kms.local/?token=" + secret)
        .build();
    assertFalse(c.toString().contains(secret), c.toString());
    assertTrue(c.toString().contains("****"));
  }

  @Test
  void badSecretValue_messageNeverQuotesIt() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> ColsealConfig.builder()
        .setting("colseal.kms.local.keystore-password", new Object()));
    assertFalse(e.getMessage().contains("java.lang.Object@"), e.getMessage());
  }

  @Test
  void builder_settingOutsideNamespace_throws() {
    assertThrows(ColsealConfigException.class, () -> ColsealConfig.builder().setting("hibernate.x", "y"));
  }
}
