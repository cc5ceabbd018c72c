package io.colseal.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.KeyContext;
import io.colseal.kms.WrappedKey;
import io.colseal.kms.aws.testing.StubKmsServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * How SDK failures map to KmsException codes. Each answer goes over HTTP from a stub KMS and is
 * parsed by the real SDK, so a change in how the SDK classifies an answer shows here.
 */
class AwsKmsErrorsTest {
  private static final KeyContext CONTEXT = new KeyContext("orders", 2);
  private static final WrappedKey WRAPPED =
      new WrappedKey("aws-kms", StubKmsServer.KEY_ARN, "wrapped".getBytes(StandardCharsets.US_ASCII));

  private StubKmsServer stub;

  @BeforeEach
  void startStub() throws Exception {
    stub = StubKmsServer.start();
  }

  @AfterEach
  void stopStub() {
    stub.close();
  }

  @ParameterizedTest(name = "{0} HTTP {1} {2} -> {3}")
  @CsvSource({
    "GenerateDataKey, 500, KMSInternalException,          KMS_UNAVAILABLE",
    "Decrypt,         500, KMSInternalException,          KMS_UNAVAILABLE",
    "GenerateDataKey, 503, DependencyTimeoutException,    KMS_UNAVAILABLE",
    "Decrypt,         500, KeyUnavailableException,       KMS_UNAVAILABLE",
    "GenerateDataKey, 502, BadGateway,                    KMS_UNAVAILABLE",
    "GenerateDataKey, 400, ThrottlingException,           KMS_UNAVAILABLE",
    "Decrypt,         400, ThrottlingException,           KMS_UNAVAILABLE",
    "GenerateDataKey, 429, TooManyRequestsException,      KMS_UNAVAILABLE",
    "Decrypt,         400, InvalidCiphertextException,    KMS_REJECTED",
    "Decrypt,         400, AccessDeniedException,         KMS_REJECTED",
    "GenerateDataKey, 400, AccessDeniedException,         KMS_REJECTED",
    "GenerateDataKey, 400, DisabledException,             KMS_REJECTED",
    "Decrypt,         400, DisabledException,             KMS_REJECTED",
    "GenerateDataKey, 400, NotFoundException,             KMS_REJECTED",
    "Decrypt,         400, KMSInvalidStateException,      KMS_REJECTED",
    "Decrypt,         400, IncorrectKeyException,         KMS_REJECTED",
    "GenerateDataKey, 400, InvalidKeyUsageException,      KMS_REJECTED",
    "GenerateDataKey, 400, ValidationException,           KMS_REJECTED",
    "GenerateDataKey, 403, UnrecognizedClientException,   KMS_REJECTED",
    "Decrypt,         404, UnknownOperationException,     KMS_REJECTED",
  })
  void kmsAnswer_mapsToErrorCode(String operation, int status, String awsError, ErrorCode expected) {
    stub.fail(operation, status, awsError, "stubbed");
    try (KmsClient client = stub.client()) {
      KmsException e = assertThrows(KmsException.class, () -> call(AwsKmsProvider.using(client, "alias/app"), operation));
      assertEquals(expected, e.code(), e.getMessage());
      assertEquals(expected == ErrorCode.KMS_UNAVAILABLE, e.isRetryable());
      assertInstanceOf(SdkServiceException.class, e.getCause());
      assertTrue(e.getMessage().contains(awsError + ", HTTP " + status), e.getMessage());
    }
  }

  @Test
  void generateDataKey_unreachableEndpoint_throwsRetryableKmsUnavailable() throws Exception {
    try (KmsClient client = clientOf(closedLoopbackPort())) {
      AwsKmsProvider kms = AwsKmsProvider.using(client, "alias/app");
      KmsException e = assertThrows(KmsException.class, () -> kms.generateDataKey(CONTEXT));
      assertEquals(ErrorCode.KMS_UNAVAILABLE, e.code());
      assertTrue(e.isRetryable());
      assertInstanceOf(SdkClientException.class, e.getCause());
    }
  }

  @Test
  void unwrap_unreachableEndpoint_messageNamesKekAndContext() throws Exception {
    try (KmsClient client = clientOf(closedLoopbackPort())) {
      AwsKmsProvider kms = AwsKmsProvider.using(client, "alias/app");
      KmsException e = assertThrows(KmsException.class, () -> kms.unwrap(WRAPPED, CONTEXT));
      assertTrue(e.getMessage().contains(StubKmsServer.KEY_ARN), e.getMessage());
      assertTrue(e.getMessage().contains("orders v2"), e.getMessage());
    }
  }

  @Test
  void unwrap_kmsNeverAnswers_throwsRetryableKmsUnavailable() {
    stub.hang("Decrypt");
    try (KmsClient client = stub.client(Duration.ofMillis(500))) {
      AwsKmsProvider kms = AwsKmsProvider.using(client, "alias/app");
      KmsException e = assertThrows(KmsException.class, () -> kms.unwrap(WRAPPED, CONTEXT));
      assertEquals(ErrorCode.KMS_UNAVAILABLE, e.code());
      assertTrue(e.isRetryable());
    }
  }

  private static void call(AwsKmsProvider kms, String operation) {
    if (operation.equals("Decrypt")) {
      kms.unwrap(WRAPPED, CONTEXT).close();
    } else {
      kms.generateDataKey(CONTEXT).close();
    }
  }

  /** A loopback port that was just free: connecting to it is refused. */
  private static int closedLoopbackPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static KmsClient clientOf(int port) {
    return KmsClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("stub", "stub-secret")))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
        .build();
  }
}
