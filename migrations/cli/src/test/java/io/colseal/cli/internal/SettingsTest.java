package io.colseal.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  private static final String CANARY = "canary-Pa55w0rd-7f3e";
  private static final Map<String, String> FLAGS = Map.of("colseal.jdbc.url", "--jdbc-url", "colseal.kms.kek-id", "--kek-id");

  @TempDir Path dir;

  private Path file(String... lines) throws Exception {
    Path p = dir.resolve("colseal.properties");
    Files.writeString(p, String.join("\n", lines));
    return p;
  }

  @Test
  void resolve_flagEnvAndFile_flagWins() throws Exception {
    Settings s = Settings.resolve(Map.of("colseal.kms.kek-id", "flag"), FLAGS,
        Map.of("COLSEAL_KMS_KEK_ID", "env"), file("colseal.kms.kek-id=file"));

    assertEquals("flag", s.get("colseal.kms.kek-id").orElseThrow());
    assertEquals(Settings.Origin.FLAG, s.origin("colseal.kms.kek-id").orElseThrow());
  }

  @Test
  void resolve_envAndFile_envWins() throws Exception {
    Settings s = Settings.resolve(Map.of(), FLAGS, Map.of("COLSEAL_JDBC_URL", "jdbc:h2:mem:env"),
        file("colseal.jdbc.url=jdbc:h2:mem:file"));

    assertEquals("jdbc:h2:mem:env", s.get("colseal.jdbc.url").orElseThrow());
    assertEquals(Settings.Origin.ENVIRONMENT, s.origin("colseal.jdbc.url").orElseThrow());
  }

  @Test
  void resolve_fileOnly_fileIsUsed() throws Exception {
    Settings s = Settings.resolve(Map.of(), FLAGS, Map.of(), file("colseal.kms.aws.region=eu-west-1"));

    assertEquals("eu-west-1", s.get("colseal.kms.aws.region").orElseThrow());
    assertEquals(Settings.Origin.FILE, s.origin("colseal.kms.aws.region").orElseThrow());
  }

  @Test
  void resolve_eachSettingSeparately_winnerPerSetting() throws Exception {
    Settings s = Settings.resolve(Map.of("colseal.kms.kek-id", "flag-kek"), FLAGS,
        Map.of("COLSEAL_JDBC_USER", "env-user", "COLSEAL_KMS_KEK_ID", "env-kek"),
        file("colseal.jdbc.url=jdbc:h2:mem:file", "colseal.jdbc.user=file-user", "colseal.kms.kek-id=file-kek"));

    assertEquals("flag-kek", s.get("colseal.kms.kek-id").orElseThrow());
    assertEquals("env-user", s.get("colseal.jdbc.user").orElseThrow());
    assertEquals("jdbc:h2:mem:file", s.get("colseal.jdbc.url").orElseThrow());
  }

  @Test
  void resolve_configFromEnvironmentVariable_isRead() throws Exception {
    Path p = file("colseal.kms.provider=local");

    Settings s = Settings.resolve(Map.of(), FLAGS, Map.of("COLSEAL_CONFIG", p.toString()), null);

    assertEquals("local", s.get("colseal.kms.provider").orElseThrow());
  }

  @Test
  void resolve_unknownSettingInEnvironment_isReadWhenNamedElsewhere() throws Exception {
    Settings s = Settings.resolve(Map.of(), FLAGS, Map.of("COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", CANARY,
        "COLSEAL_KEYS_USAGE_CAP", "1000"), null);

    assertEquals(CANARY, s.get("colseal.kms.local.keystore-password").orElseThrow());
    assertEquals("1000", s.get("colseal.keys.usage-cap").orElseThrow());
  }

  @Test
  void resolve_missingConfigFile_failsWithConfigInvalid() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> Settings.resolve(Map.of(), FLAGS, Map.of(), dir.resolve("missing.properties")));

    assertEquals(ErrorCode.CONFIG_INVALID, e.code());
  }

  @Test
  void require_missing_namesFlagEnvironmentAndProperty() {
    Settings s = Settings.resolve(Map.of(), FLAGS, Map.of(), null);

    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> s.require("colseal.jdbc.url"));

    assertEquals(ErrorCode.CONFIG_INVALID, e.code());
    assertTrue(e.getMessage().contains("--jdbc-url"), e.getMessage());
    assertTrue(e.getMessage().contains("COLSEAL_JDBC_URL"), e.getMessage());
    assertTrue(e.getMessage().contains("colseal.jdbc.url"), e.getMessage());
  }

  @Test
  void toStringAndDescribe_secrets_neverShown() {
    Settings s = Settings.resolve(Map.of("colseal.jdbc.password", CANARY,
        "colseal.jdbc.url", "jdbc:postgresql://db/x?password=" + CANARY), FLAGS,
        Map.of("COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD", CANARY), null);

    assertFalse(s.toString().contains(CANARY), s.toString());
    assertFalse(String.join("\n", s.describe()).contains(CANARY), s.describe().toString());
    assertTrue(s.describe().contains("colseal.jdbc.password = **** (command line)"), s.describe().toString());
  }

  @Test
  void librarySettings_jdbcSettings_leftOut() {
    Settings s = Settings.resolve(Map.of("colseal.jdbc.url", "jdbc:h2:mem:x", "colseal.kms.kek-id", "k"), FLAGS,
        Map.of(), null);

    assertEquals(Map.of("colseal.kms.kek-id", "k"), s.librarySettings());
  }
}
