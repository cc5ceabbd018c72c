package io.colseal.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.ColsealConfig;
import io.colseal.ColsealSettings;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.KmsProviderFactory;
import io.colseal.kms.aws.testing.KeyBytes;
import io.colseal.kms.aws.testing.StubKmsServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsKmsProviderFactoryTest {
  private static final String[] CREDENTIAL_PROPERTIES = {"aws.accessKeyId", "aws.secretAccessKey"};
  private static final Map<String, String> savedProperties = new HashMap<>();

  /** The SDK's default chain reads system properties first; dummy ones keep it off real accounts. */
  @BeforeAll
  static void dummyCredentials() {
    for (String p : CREDENTIAL_PROPERTIES) {
      savedProperties.put(p, System.getProperty(p));
    }
    System.setProperty("aws.accessKeyId", "colseal-test");
    System.setProperty("aws.secretAccessKey", "colseal-test-secret");
  }

  @AfterAll
  static void restoreCredentials() {
    savedProperties.forEach((p, v) -> {
      if (v == null) {
        System.clearProperty(p);
      } else {
        System.setProperty(p, v);
      }
    });
  }

  private static ColsealConfig.Builder awsConfig() {
    return ColsealConfig.builder()
        .kmsProvider("aws-kms")
        .kekId("alias/colseal")
        .setting("colseal.kms.aws.region", "us-east-1")
        .setting("colseal.kms.aws.endpoint", "http://127.0.0.1:1");
  }

  @Test
  void name_isAwsKms() {
    assertEquals("aws-kms", new AwsKmsProviderFactory().name());
  }

  @Test
  void serviceLoader_findsThisFactory_andItsSettingsAreKnown() {
    assertTrue(ServiceLoader.load(KmsProviderFactory.class).stream()
        .anyMatch(p -> p.type() == AwsKmsProviderFactory.class));
    for (String name : new String[] {"colseal.kms.aws.region", "colseal.kms.aws.endpoint", "colseal.kms.aws.call-timeout"}) {
      assertTrue(ColsealSettings.find(name).isPresent(), name);
    }
    try (KmsProvider kms = new AwsKmsProviderFactory().create(awsConfig().build())) {
      assertInstanceOf(AwsKmsProvider.class, kms);
      assertEquals("alias/colseal", kms.kekId());
    }
  }

  @Test
  void create_withoutKekId_throwsConfigExceptionNamingSetting() {
    ColsealConfig config = ColsealConfig.builder().kmsProvider("aws-kms").setting("colseal.kms.aws.region", "us-east-1").build();
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> new AwsKmsProviderFactory().create(config));
    assertTrue(e.getMessage().contains(ColsealSettings.KEK_ID.name()), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "US East 1", "us-east-1/x"})
  void create_badRegion_throwsConfigExceptionNamingSetting(String region) {
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> awsConfig().setting("colseal.kms.aws.region", region).build());
    assertTrue(e.getMessage().contains("colseal.kms.aws.region"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "kms.local", "ftp://kms.local", "http://", "http://bad host/"})
  void create_badEndpoint_throwsConfigExceptionNamingSetting(String endpoint) {
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> awsConfig().setting("colseal.kms.aws.endpoint", endpoint).build());
    assertTrue(e.getMessage().contains("colseal.kms.aws.endpoint"), e.getMessage());
  }

  @Test
  void create_endpointWithCredentials_rejectedWithoutPrintingThem() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> awsConfig().setting("colseal.kms.aws.endpoint", "https://user:s3cr3t-pw@kms.local").build());
    assertFalse(e.getMessage().contains("s3cr3t-pw"), e.getMessage());
  }

  @Test
  void create_endpointSetting_sendsCallsToThatEndpoint() throws Exception {
    try (StubKmsServer stub = StubKmsServer.start()) {
      stub.answer("GenerateDataKey", 200, StubKmsServer.dataKey(KeyBytes.CANARY, new byte[] {1, 2, 3}, StubKmsServer.KEY_ARN));
      ColsealConfig config = awsConfig().setting("colseal.kms.aws.endpoint", stub.uri().toString()).build();
      try (KmsProvider kms = new AwsKmsProviderFactory().create(config)) {
        kms.generateDataKey(new KeyContext("orders", 1)).close();
      }
      assertEquals(1, stub.calls("GenerateDataKey"));
    }
  }

  @Test
  void create_callTimeoutSetting_endsAHangingCallWithRetryableUnavailable() throws Exception {
    try (StubKmsServer stub = StubKmsServer.start()) {
      stub.hang("GenerateDataKey");
      ColsealConfig config = awsConfig().setting("colseal.kms.aws.endpoint", stub.uri().toString())
          .setting("colseal.kms.aws.call-timeout", "PT1S").build();
      try (KmsProvider kms = new AwsKmsProviderFactory().create(config)) {
        KmsException e = assertThrows(KmsException.class, () -> kms.generateDataKey(new KeyContext("orders", 1)));
        assertEquals(ErrorCode.KMS_UNAVAILABLE, e.code());
        assertTrue(e.isRetryable());
      }
    }
  }

  @Test
  void callTimeout_defaultsToTenSeconds_andTakesAnIsoDuration() {
    assertEquals(Duration.ofSeconds(10), awsConfig().build().find(AwsKmsProviderFactory.CALL_TIMEOUT).orElseThrow());
    assertEquals(Duration.ofSeconds(3), awsConfig().setting("colseal.kms.aws.call-timeout", "PT3S").build()
        .find(AwsKmsProviderFactory.CALL_TIMEOUT).orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "PT0S", "PT0.5S", "PT6M", "-PT5S"})
  void create_badCallTimeout_throwsConfigExceptionNamingSetting(String timeout) {
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> awsConfig().setting("colseal.kms.aws.call-timeout", timeout).build());
    assertTrue(e.getMessage().contains("colseal.kms.aws.call-timeout"), e.getMessage());
  }

  @Test
  void toString_ofFactoryProvider_showsKekOnly() {
    try (KmsProvider kms = new AwsKmsProviderFactory().create(awsConfig().build())) {
      assertEquals("AwsKmsProvider[aws-kms, kek=alias/colseal]", kms.toString());
    }
  }
}
