package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColsealConfigTest {
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
  void fromSources_propertyBeatsSystemPropertyBeatsEnvironment() {
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
