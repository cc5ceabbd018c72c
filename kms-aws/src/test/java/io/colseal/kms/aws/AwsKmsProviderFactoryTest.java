package io.colseal.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.ColsealConfig;
import io.colseal.exception.ColsealConfigException;
import io.colseal.ColsealSettings;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsProvider;
import io.colseal.KmsProviders;
import io.colseal.kms.aws.testing.KeyBytes;
import io.colseal.kms.aws.testing.StubKmsServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
        .setting(ColsealSettings.AWS_REGION, "us-east-1")
        .setting(ColsealSettings.AWS_ENDPOINT, "http://127.0.0.1:1");
  }

  @Test
  void name_isAwsKms() {
    assertEquals("aws-kms", new AwsKmsProviderFactory().name());
  }

  @Test
  void kmsProviders_awsKmsSetting_findsThisFactoryThroughServiceLoader() {
    try (KmsProvider kms = KmsProviders.create(awsConfig().build())) {
      assertInstanceOf(AwsKmsProvider.class, kms);
      assertEquals("alias/colseal", kms.kekId());
    }
  }

  @Test
  void create_withoutKekId_throwsConfigExceptionNamingSetting() {
    ColsealConfig config = ColsealConfig.builder().kmsProvider("aws-kms").setting(ColsealSettings.AWS_REGION, "us-east-1").build();
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> new AwsKmsProviderFactory().create(config));
    assertTrue(e.getMessage().contains(ColsealSettings.KEK_ID), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "US East 1", "us-east-1/x"})
  void create_badRegion_throwsConfigExceptionNamingSetting(String region) {
    ColsealConfig config = awsConfig().setting(ColsealSettings.AWS_REGION, region).build();
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> new AwsKmsProviderFactory().create(config));
    assertTrue(e.getMessage().contains(ColsealSettings.AWS_REGION), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "kms.local", "ftp://kms.local", "http://", "http://bad host/"})
  void create_badEndpoint_throwsConfigExceptionNamingSetting(String endpoint) {
    ColsealConfig config = awsConfig().setting(ColsealSettings.AWS_ENDPOINT, endpoint).build();
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> new AwsKmsProviderFactory().create(config));
    assertTrue(e.getMessage().contains(ColsealSettings.AWS_ENDPOINT), e.getMessage());
  }

  @Test
  void create_endpointWithCredentials_rejectedWithoutPrintingThem() {
    ColsealConfig config = awsConfig().setting(ColsealSettings.AWS_ENDPOINT, "https://user:s3cr3t-pw@kms.local").build();
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> new AwsKmsProviderFactory().create(config));
    assertFalse(e.getMessage().contains("s3cr3t-pw"), e.getMessage());
  }

  @Test
  void create_endpointSetting_sendsCallsToThatEndpoint() throws Exception {
    try (StubKmsServer stub = StubKmsServer.start()) {
      stub.answer("GenerateDataKey", 200, StubKmsServer.dataKey(KeyBytes.CANARY, new byte[] {1, 2, 3}, StubKmsServer.KEY_ARN));
      ColsealConfig config = awsConfig().setting(ColsealSettings.AWS_ENDPOINT, stub.uri().toString()).build();
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
      ColsealConfig config = awsConfig().setting(ColsealSettings.AWS_ENDPOINT, stub.uri().toString())
          .setting(ColsealSettings.AWS_CALL_TIMEOUT, "PT1S").build();
      try (KmsProvider kms = new AwsKmsProviderFactory().create(config)) {
        KmsException e = assertThrows(KmsException.class, () -> kms.generateDataKey(new KeyContext("orders", 1)));
        assertEquals(ErrorCode.KMS_UNAVAILABLE, e.code());
        assertTrue(e.isRetryable());
      }
    }
  }

  @Test
  void callTimeout_defaultsToTenSeconds_andTakesAnIsoDuration() {
    assertEquals(Duration.ofSeconds(10), AwsKmsProviderFactory.callTimeout(awsConfig().build()));
    assertEquals(Duration.ofSeconds(3),
        AwsKmsProviderFactory.callTimeout(awsConfig().setting(ColsealSettings.AWS_CALL_TIMEOUT, "PT3S").build()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "PT0S", "PT0.5S", "PT6M", "-PT5S"})
  void create_badCallTimeout_throwsConfigExceptionNamingSetting(String timeout) {
    ColsealConfig config = awsConfig().setting(ColsealSettings.AWS_CALL_TIMEOUT, timeout).build();
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> new AwsKmsProviderFactory().create(config));
    assertTrue(e.getMessage().contains(ColsealSettings.AWS_CALL_TIMEOUT), e.getMessage());
  }

  @Test
  void toString_ofFactoryProvider_showsKekOnly() {
    try (KmsProvider kms = new AwsKmsProviderFactory().create(awsConfig().build())) {
      assertEquals("AwsKmsProvider[aws-kms, kek=alias/colseal]", kms.toString());
    }
  }
}
