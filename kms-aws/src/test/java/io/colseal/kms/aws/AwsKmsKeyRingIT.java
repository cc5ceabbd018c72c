package io.colseal.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.hibernate.testing.TestSessionFactories;
import io.colseal.kms.KeyContext;
import io.colseal.kms.aws.model.ClinicalNote;
import io.colseal.kms.aws.model.Invoice;
import io.colseal.kms.aws.model.Patient;
import io.colseal.kms.aws.testing.KeyBytes;
import io.colseal.kms.aws.testing.KmsCallRecorder;
import io.colseal.kms.aws.testing.KmsEndpoint;
import io.colseal.kms.aws.testing.KmsEndpointExtension;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * The aws-kms provider inside colseal, against moto_server and a real database: what colseal asks
 * KMS for, what it stores in {@code colseal_data_key}, and what a moved wrapped key does.
 */
@ExtendWith(KmsEndpointExtension.class)
class AwsKmsKeyRingIT {
  private static KmsEndpoint endpoint;
  private static String kekAlias;
  private static String kekArn;

  private final KmsCallRecorder recorder = new KmsCallRecorder();
  private KmsClient client;

  @BeforeAll
  static void createKek(KmsEndpoint kms) {
    endpoint = kms;
    kekAlias = kms.createAliasedKey("colseal-keyring-it");
    try (KmsClient c = kms.client()) {
      kekArn = c.describeKey(r -> r.keyId(kekAlias)).keyMetadata().arn();
    }
  }

  @BeforeEach
  void openClient() {
    client = endpoint.client(recorder);
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  private AwsKmsProvider provider() {
    return AwsKmsProvider.using(client, kekAlias);
  }

  @EachDatabase
  void sessionFactoryStart_generatesDataKeysWithTableAndVersionContext(TestDatabase.Kind kind) {
    try (TestDatabase db = TestDatabase.create(kind)) {
      // Starting the SessionFactory creates the data keys of its encrypted tables.
      TestSessionFactories.build(db, provider(), Patient.class, Invoice.class, ClinicalNote.class).close();
      List<GenerateDataKeyRequest> sent = recorder.requests(GenerateDataKeyRequest.class);
      Set<Map<String, String>> contexts = sent.stream().map(GenerateDataKeyRequest::encryptionContext).collect(Collectors.toSet());
      assertEquals(
          Set.of(
              Map.of("colseal:table", "clinical_note", "colseal:key-version", "1"),
              Map.of("colseal:table", "invoice", "colseal:key-version", "1"),
              Map.of("colseal:table", "patient", "colseal:key-version", "1")),
          contexts);
      assertEquals(3, sent.size());
    }
  }

  @EachDatabase
  void sessionFactoryStart_asksForAes256UnderConfiguredKek(TestDatabase.Kind kind) {
    try (TestDatabase db = TestDatabase.create(kind)) {
      TestSessionFactories.build(db, provider(), Patient.class).close();
      GenerateDataKeyRequest sent = recorder.requests(GenerateDataKeyRequest.class).get(0);
      assertEquals("AES_256", sent.keySpecAsString());
      assertEquals(kekAlias, sent.keyId());
    }
  }

  @EachDatabase
  void hibernateWriteAndRead_afterStart_makesNoFurtherKmsCall(TestDatabase.Kind kind) {
    try (TestDatabase db = TestDatabase.create(kind);
        SessionFactory sf = TestSessionFactories.build(db, provider(), Patient.class)) {
      int afterStart = recorder.requests().size();
      sf.inTransaction(s -> {
        for (long id = 1; id <= 20; id++) {
          s.persist(Patient.of(id));
        }
      });
      List<Patient> read = sf.fromTransaction(s -> s.createSelectionQuery("from Patient", Patient.class).getResultList());
      assertEquals(20, read.size());
      assertTrue(read.stream().allMatch(Patient::matchesId));
      assertEquals(afterStart, recorder.requests().size());
    }
  }

  @EachDatabase
  void keyTableRow_namesProviderAndKeyArnNotAlias(TestDatabase.Kind kind) throws SQLException {
    try (TestDatabase db = TestDatabase.create(kind);
        Colseal colseal = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(provider()).build())) {
      colseal.textColumn("patient", "name", String.class).encrypt("Ada");
      KeyRowData row = keyRow(db, "patient");
      assertEquals("aws-kms", row.provider);
      assertEquals(kekArn, row.kekId);
    }
  }

  @EachDatabase
  void storedWrappedKey_kmsDecryptUnderItsContext_returnsDataKey(TestDatabase.Kind kind) throws SQLException {
    try (TestDatabase db = TestDatabase.create(kind)) {
      KeyRowData row = writePatientAndReadKeyRow(db);
      DecryptResponse decrypted = client.decrypt(decrypt(row, new KeyContext("patient", 1).asEncryptionContext()));
      assertEquals(32, decrypted.plaintext().asByteArrayUnsafe().length);
      assertEquals(kekArn, decrypted.keyId());
    }
  }

  @EachDatabase
  void storedWrappedKey_kmsDecryptWithoutContext_fails(TestDatabase.Kind kind) throws SQLException {
    try (TestDatabase db = TestDatabase.create(kind)) {
      KeyRowData row = writePatientAndReadKeyRow(db);
      assertThrows(InvalidCiphertextException.class, () -> client.decrypt(decrypt(row, Map.of())));
    }
  }

  @EachDatabase
  void storedWrappedKey_kmsDecryptUnderAnotherTable_fails(TestDatabase.Kind kind) throws SQLException {
    try (TestDatabase db = TestDatabase.create(kind)) {
      KeyRowData row = writePatientAndReadKeyRow(db);
      Map<String, String> otherTable = new KeyContext("invoice", 1).asEncryptionContext();
      assertThrows(InvalidCiphertextException.class, () -> client.decrypt(decrypt(row, otherTable)));
    }
  }

  @EachDatabase
  void storedWrappedKey_kmsDecryptUnderAnotherVersion_fails(TestDatabase.Kind kind) throws SQLException {
    try (TestDatabase db = TestDatabase.create(kind)) {
      KeyRowData row = writePatientAndReadKeyRow(db);
      Map<String, String> otherVersion = new KeyContext("patient", 2).asEncryptionContext();
      assertThrows(InvalidCiphertextException.class, () -> client.decrypt(decrypt(row, otherVersion)));
    }
  }

  @EachDatabase
  void freshKeyRing_wrappedKeyCopiedFromAnotherTable_throwsKmsRejected(TestDatabase.Kind kind) throws SQLException {
    try (TestDatabase db = TestDatabase.create(kind)) {
      String storedIban = writeAndMoveKey(db);
      KmsException e = readInvoiceWithFreshKeyRing(db, storedIban);
      assertEquals(ErrorCode.KMS_REJECTED, e.code());
      assertFalse(e.isRetryable());
      // KMS itself refused (the encryption context differs), before colseal's key check value could.
      assertInstanceOf(InvalidCiphertextException.class, e.getCause());
    }
  }

  @EachDatabase
  void freshKeyRing_wrappedKeyCopiedFromAnotherTable_messageNamesTableAndVersion(TestDatabase.Kind kind)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(kind)) {
      String storedIban = writeAndMoveKey(db);
      KmsException e = readInvoiceWithFreshKeyRing(db, storedIban);
      assertTrue(e.getMessage().contains("invoice v1"), e.getMessage());
    }
  }

  @EachDatabase
  void freshKeyRing_wrappedKeyCopiedFromAnotherTable_errorHoldsNoPlaintext(TestDatabase.Kind kind)
      throws SQLException {
    try (TestDatabase db = TestDatabase.create(kind)) {
      String storedIban = writeAndMoveKey(db);
      // Both data keys now in play, as KMS itself returns them for their own contexts.
      byte[] patientKey = client.decrypt(decrypt(keyRow(db, "patient"), new KeyContext("patient", 1).asEncryptionContext()))
          .plaintext().asByteArray();
      KmsException e = readInvoiceWithFreshKeyRing(db, storedIban);
      String printed = KeyBytes.printed(e);
      KeyBytes.assertAbsent(printed, patientKey);
      assertFalse(printed.contains(Invoice.of(1).iban), printed);
      assertFalse(printed.contains(storedIban), printed);
    }
  }

  /**
   * Writes one patient name and one invoice IBAN (creating both data keys), then copies the
   * patient's wrapped key over the invoice's with plain SQL. Returns the stored invoice IBAN.
   */
  private String writeAndMoveKey(TestDatabase db) throws SQLException {
    String storedIban;
    try (Colseal colseal = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(provider()).build())) {
      colseal.textColumn("patient", "name", String.class).encrypt(Patient.of(1).name);
      storedIban = colseal.textColumn("invoice", "iban", String.class).encrypt(Invoice.of(1).iban);
    }
    try (Connection c = db.connect()) {
      byte[] patientWrapped;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT wrapped_key FROM colseal_data_key WHERE table_name = 'patient' AND key_version = 1");
          ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        patientWrapped = rs.getBytes(1);
      }
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE colseal_data_key SET wrapped_key = ? WHERE table_name = 'invoice' AND key_version = 1")) {
        ps.setBytes(1, patientWrapped);
        assertEquals(1, ps.executeUpdate());
      }
    }
    return storedIban;
  }

  private KmsException readInvoiceWithFreshKeyRing(TestDatabase db, String storedIban) {
    try (Colseal fresh = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(provider()).build())) {
      ColumnCipher<String, String> iban = fresh.textColumn("invoice", "iban", String.class);
      return assertThrows(KmsException.class, () -> iban.decrypt(storedIban));
    }
  }

  private KeyRowData writePatientAndReadKeyRow(TestDatabase db) throws SQLException {
    try (Colseal colseal = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(provider()).build())) {
      colseal.textColumn("patient", "name", String.class).encrypt("Ada");
    }
    return keyRow(db, "patient");
  }

  private static DecryptRequest decrypt(KeyRowData row, Map<String, String> context) {
    return DecryptRequest.builder()
        .ciphertextBlob(SdkBytes.fromByteArray(row.wrapped))
        .keyId(row.kekId)
        .encryptionContext(context)
        .build();
  }

  private record KeyRowData(String provider, String kekId, byte[] wrapped) {}

  private static KeyRowData keyRow(TestDatabase db, String table) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement(
            "SELECT kek_provider, kek_id, wrapped_key FROM colseal_data_key WHERE table_name = ? AND key_version = 1")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next(), "no key row for " + table);
        return new KeyRowData(rs.getString(1), rs.getString(2), rs.getBytes(3));
      }
    }
  }
}
