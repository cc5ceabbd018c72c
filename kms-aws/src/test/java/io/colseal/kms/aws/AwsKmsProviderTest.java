package io.colseal.kms.aws;

import static io.colseal.kms.aws.testing.KeyBytes.CANARY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.ColsealConfig;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.InsecureKeyAccess;
import io.colseal.kms.KeyContext;
import io.colseal.kms.SecretKeyMaterial;
import io.colseal.kms.WrappedKey;
import io.colseal.kms.aws.testing.KeyBytes;
import io.colseal.kms.aws.testing.KmsCallRecorder;
import io.colseal.kms.aws.testing.StubKmsServer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyResponse;

/** AwsKmsProvider against a stub KMS that returns known bytes (the canary), through the real SDK. */
class AwsKmsProviderTest {
  private static final byte[] BLOB = "wrapped-by-the-stub".getBytes(StandardCharsets.US_ASCII);
  private static final KeyContext ORDERS_V3 = new KeyContext("orders", 3);

  private StubKmsServer stub;
  private final KmsCallRecorder recorder = new KmsCallRecorder();
  private KmsClient client;

  @BeforeEach
  void startStub() throws Exception {
    stub = StubKmsServer.start()
        .answer("GenerateDataKey", 200, StubKmsServer.dataKey(CANARY, BLOB, StubKmsServer.KEY_ARN))
        .answer("Decrypt", 200, StubKmsServer.decrypted(CANARY, StubKmsServer.KEY_ARN));
    client = stub.client(recorder);
  }

  @AfterEach
  void stopStub() {
    client.close();
    stub.close();
  }

  @Test
  void generateDataKey_aliasKek_wrapsUnderKeyArnKmsReturned() {
    AwsKmsProvider kms = AwsKmsProvider.using(client, "alias/colseal");
    try (GeneratedDataKey generated = kms.generateDataKey(ORDERS_V3)) {
      WrappedKey wrapped = generated.wrapped();
      assertEquals("aws-kms", wrapped.provider());
      assertEquals(StubKmsServer.KEY_ARN, wrapped.kekId());
      assertArrayEquals(BLOB, wrapped.ciphertext());
    }
  }

  @Test
  void generateDataKey_returnsPlaintextKmsReturned() {
    AwsKmsProvider kms = AwsKmsProvider.using(client, "alias/colseal");
    try (GeneratedDataKey generated = kms.generateDataKey(ORDERS_V3)) {
      byte[] bytes = generated.plaintext().exposeBytes(InsecureKeyAccess.get());
      try {
        assertTrue(MessageDigest.isEqual(CANARY, bytes));
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
  }

  @Test
  void generateDataKey_sendsAes256KekAndEncryptionContext() {
    AwsKmsProvider.using(client, "alias/colseal").generateDataKey(ORDERS_V3).close();
    GenerateDataKeyRequest sent = recorder.requests(GenerateDataKeyRequest.class).get(0);
    assertEquals("alias/colseal", sent.keyId());
    assertEquals("AES_256", sent.keySpecAsString());
    assertEquals(java.util.Map.of("colseal:table", "orders", "colseal:key-version", "3"), sent.encryptionContext());
  }

  @Test
  void generateDataKey_zeroesTheSdkPlaintextArray() {
    AwsKmsProvider kms = AwsKmsProvider.using(client, "alias/colseal");
    try (GeneratedDataKey generated = kms.generateDataKey(ORDERS_V3)) {
      GenerateDataKeyResponse response = recorder.responses(GenerateDataKeyResponse.class).get(0);
      assertArrayEquals(new byte[32], response.plaintext().asByteArrayUnsafe());
      assertFalse(generated.plaintext().isClosed());
    }
  }

  @Test
  void unwrap_sendsCiphertextKekArnAndEncryptionContext() {
    WrappedKey wrapped = new WrappedKey("aws-kms", StubKmsServer.KEY_ARN, BLOB);
    AwsKmsProvider.using(client, "alias/colseal").unwrap(wrapped, ORDERS_V3).close();
    DecryptRequest sent = recorder.requests(DecryptRequest.class).get(0);
    assertEquals(StubKmsServer.KEY_ARN, sent.keyId());
    assertArrayEquals(BLOB, sent.ciphertextBlob().asByteArray());
    assertEquals(ORDERS_V3.asEncryptionContext(), sent.encryptionContext());
  }

  @Test
  void unwrap_zeroesTheSdkPlaintextArray() {
    WrappedKey wrapped = new WrappedKey("aws-kms", StubKmsServer.KEY_ARN, BLOB);
    try (SecretKeyMaterial key = AwsKmsProvider.using(client, "alias/colseal").unwrap(wrapped, ORDERS_V3)) {
      DecryptResponse response = recorder.responses(DecryptResponse.class).get(0);
      assertArrayEquals(new byte[32], response.plaintext().asByteArrayUnsafe());
      assertFalse(key.isClosed());
    }
  }

  @Test
  void unwrap_keyOfAnotherProvider_throwsKmsRejectedWithoutCallingKms() {
    WrappedKey local = new WrappedKey("local", "colseal-kek", BLOB);
    AwsKmsProvider kms = AwsKmsProvider.using(client, "alias/colseal");
    KmsException e = assertThrows(KmsException.class, () -> kms.unwrap(local, ORDERS_V3));
    assertEquals(ErrorCode.KMS_REJECTED, e.code());
    assertEquals(0, stub.calls("Decrypt"));
  }

  @Test
  void unwrap_plaintextOfWrongLength_throwsKmsRejected() {
    stub.answer("Decrypt", 200, StubKmsServer.decrypted(Arrays.copyOf(CANARY, 31), StubKmsServer.KEY_ARN));
    WrappedKey wrapped = new WrappedKey("aws-kms", StubKmsServer.KEY_ARN, BLOB);
    AwsKmsProvider kms = AwsKmsProvider.using(client, "alias/colseal");
    KmsException e = assertThrows(KmsException.class, () -> kms.unwrap(wrapped, ORDERS_V3));
    assertEquals(ErrorCode.KMS_REJECTED, e.code());
  }

  @Test
  void unwrap_plaintextOfWrongLength_messageHasNoKeyBytes() {
    stub.answer("Decrypt", 200, StubKmsServer.decrypted(Arrays.copyOf(CANARY, 31), StubKmsServer.KEY_ARN));
    WrappedKey wrapped = new WrappedKey("aws-kms", StubKmsServer.KEY_ARN, BLOB);
    AwsKmsProvider kms = AwsKmsProvider.using(client, "alias/colseal");
    KmsException e = assertThrows(KmsException.class, () -> kms.unwrap(wrapped, ORDERS_V3));
    KeyBytes.assertAbsent(KeyBytes.printed(e), CANARY);
  }

  @Test
  void generateDataKey_kmsRefuses_messageNamesKekAndContextButNotKmsText() {
    stub.fail("GenerateDataKey", 400, "AccessDeniedException",
        "User: arn:aws:iam::111122223333:user/canary-principal is not authorized");
    AwsKmsProvider kms = AwsKmsProvider.using(client, "alias/colseal");
    KmsException e = assertThrows(KmsException.class, () -> kms.generateDataKey(ORDERS_V3));
    assertTrue(e.getMessage().contains("alias/colseal"), e.getMessage());
    assertTrue(e.getMessage().contains("orders v3"), e.getMessage());
    assertFalse(e.getMessage().contains("canary-principal"), e.getMessage());
  }

  @Test
  void toString_neverContainsKeyBytes() {
    AwsKmsProvider kms = AwsKmsProvider.using(client, "alias/colseal");
    try (GeneratedDataKey generated = kms.generateDataKey(ORDERS_V3);
        SecretKeyMaterial unwrapped = kms.unwrap(generated.wrapped(), ORDERS_V3)) {
      String printed = String.join("\n", kms.toString(), generated.toString(), generated.wrapped().toString(),
          generated.plaintext().toString(), unwrapped.toString());
      KeyBytes.assertAbsent(printed, CANARY);
    }
  }

  @Test
  void toString_showsProviderAndKekOnly() {
    assertEquals("AwsKmsProvider[aws-kms, kek=alias/colseal]", AwsKmsProvider.using(client, "alias/colseal").toString());
  }

  @Test
  void close_providerUsingCallerClient_leavesClientOpen() {
    CloseTrackingKmsClient tracked = new CloseTrackingKmsClient(client);
    AwsKmsProvider.using(tracked, "alias/colseal").close();
    assertFalse(tracked.closed);
  }

  @Test
  void close_providerOwningClient_closesClient() {
    CloseTrackingKmsClient tracked = new CloseTrackingKmsClient(client);
    AwsKmsProvider.owning(tracked, "alias/colseal").close();
    assertTrue(tracked.closed);
  }

  @Test
  void using_javadocExample_configuresProviderObject() {
    // The example in AwsKmsProvider's Javadoc; building a client makes no call.
    KmsClient client = KmsClient.builder().region(Region.EU_WEST_1).build();
    ColsealConfig config = ColsealConfig.builder()
        .kmsProvider(AwsKmsProvider.using(client, "alias/colseal"))
        .build();
    try {
      assertEquals("alias/colseal", config.kmsProvider().orElseThrow().kekId());
    } finally {
      client.close();
    }
  }

  /** A client that remembers whether it was closed; everything else goes to the real client. */
  private static final class CloseTrackingKmsClient implements KmsClient {
    private final KmsClient delegate;
    boolean closed;

    CloseTrackingKmsClient(KmsClient delegate) {
      this.delegate = delegate;
    }

    @Override
    public String serviceName() {
      return delegate.serviceName();
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
