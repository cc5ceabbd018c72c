package io.colseal.kms.pkcs11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.exception.ColsealConfigException;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.GeneratedDataKey;
import io.colseal.kms.InsecureKeyAccess;
import io.colseal.kms.KekStatus;
import io.colseal.kms.KeyContext;
import io.colseal.kms.KmsProvider;
import io.colseal.kms.SecretKeyMaterial;
import io.colseal.kms.WrappedKey;
import io.colseal.kms.pkcs11.testing.SoftHsm;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code pkcs11} provider against a real SoftHSM2 token: what it creates, what it wraps, what
 * an independent PKCS#11 client (PyKCS11) sees of both, and how it fails.
 */
class Pkcs11KmsProviderIT {
  private static final String KEK = "colseal-kek-it";
  private static final String PIN_CANARY = "canary-pin-7d1f0a";
  private static SoftHsm hsm;

  @BeforeAll
  static void createKek() {
    hsm = SoftHsm.get();
    Pkcs11KmsProviderFactory.CreatedKek created = Pkcs11KmsProviderFactory.createKek(config(KEK), KEK);
    assertEquals("CKA_TOKEN=true, CKA_SENSITIVE=true, CKA_EXTRACTABLE=false", created.attributes());
    assertEquals(256, created.bits());
  }

  private static ColsealConfig config(String kek) {
    return ColsealConfig.fromProperties(hsm.settings(kek));
  }

  private static ColsealConfig config(String kek, Map<String, String> more) {
    Map<String, String> s = new HashMap<>(hsm.settings(kek));
    s.putAll(more);
    return ColsealConfig.fromProperties(s);
  }

  private static KmsProvider open(String kek) {
    return new Pkcs11KmsProviderFactory().create(config(kek));
  }

  @Test
  void createdKek_isAnAes256TokenObject_sensitiveAndNeverExtractable_asAnIndependentClientReadsIt() {
    String attrs = hsm.attributes(KEK);
    for (String expected : List.of("\"CKA_TOKEN\": true", "\"CKA_SENSITIVE\": true", "\"CKA_EXTRACTABLE\": false",
        "\"CKA_ALWAYS_SENSITIVE\": true", "\"CKA_NEVER_EXTRACTABLE\": true", "\"CKA_VALUE_LEN\": 32",
        "\"CKA_KEY_TYPE\": \"CKK_AES\"")) {
      assertTrue(attrs.contains(expected), expected + " in " + attrs);
    }
  }

  @Test
  void createKek_refusesALabelInUse_andMakesNothing() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> Pkcs11KmsProviderFactory.createKek(config(KEK), KEK));
    assertTrue(e.getMessage().contains("'" + KEK + "' already"), e.getMessage());
    assertTrue(e.getMessage().contains("No key was created"), e.getMessage());
  }

  @Test
  void wrappedDataKey_unwrapsWithAnIndependentPkcs11Client_underTheDocumentedLayoutAndAad() {
    KeyContext context = new KeyContext("patients", 3);
    try (KmsProvider kms = open(KEK); GeneratedDataKey made = kms.generateDataKey(context)) {
      byte[] w = made.wrapped().ciphertext();
      assertEquals(61, w.length);
      assertEquals(0x01, w[0]);
      assertEquals("pkcs11", made.wrapped().provider());
      assertEquals(KEK, made.wrapped().kekId());
      // The AAD as docs/reference/key-table.md gives it, built here by hand.
      byte[] scheme = "colseal pkcs11 kek v1".getBytes(StandardCharsets.US_ASCII);
      byte[] label = KEK.getBytes(StandardCharsets.UTF_8);
      byte[] table = "patients".getBytes(StandardCharsets.UTF_8);
      byte[] aad = ByteBuffer.allocate(scheme.length + 2 + label.length + 2 + table.length + 4).put(scheme)
          .putShort((short) label.length).put(label).putShort((short) table.length).put(table).putInt(3).array();
      byte[] dek = hsm.gcmDecrypt(KEK, Arrays.copyOfRange(w, 1, 13), aad, Arrays.copyOfRange(w, 13, 61));
      assertArrayEquals(made.plaintext().exposeBytes(InsecureKeyAccess.get()), dek);
      try (SecretKeyMaterial back = kms.unwrap(made.wrapped(), context)) {
        assertArrayEquals(dek, back.exposeBytes(InsecureKeyAccess.get()));
      }
    }
  }

  @Test
  void wrappedKey_unwrapsOnlyUnderItsOwnTableAndVersion() {
    try (KmsProvider kms = open(KEK); GeneratedDataKey made = kms.generateDataKey(new KeyContext("patients", 1))) {
      for (KeyContext other : List.of(new KeyContext("patients", 2), new KeyContext("invoices", 1))) {
        KmsException e = assertThrows(KmsException.class, () -> kms.unwrap(made.wrapped(), other));
        assertEquals(ErrorCode.KMS_REJECTED, e.code());
        assertTrue(e.getMessage().contains("copied from another table or version"), e.getMessage());
      }
      byte[] altered = made.wrapped().ciphertext();
      altered[30] ^= 1;
      KmsException e = assertThrows(KmsException.class,
          () -> kms.unwrap(new WrappedKey("pkcs11", KEK, altered), new KeyContext("patients", 1)));
      assertEquals(ErrorCode.KMS_REJECTED, e.code());
    }
  }

  @Test
  void extractableOrNonSensitiveKeyObjects_areRefusedAsKeks() {
    hsm.createKey("weak-extractable", true, true);
    hsm.createKey("weak-readable", false, false);
    ColsealConfigException extractable = assertThrows(ColsealConfigException.class, () -> open("weak-extractable"));
    assertTrue(extractable.getMessage().contains("'weak-extractable'"), extractable.getMessage());
    assertTrue(extractable.getMessage().contains("CKA_EXTRACTABLE=true"), extractable.getMessage());
    assertFalse(extractable.getMessage().contains("CKA_SENSITIVE=false"), extractable.getMessage());
    ColsealConfigException readable = assertThrows(ColsealConfigException.class, () -> open("weak-readable"));
    assertTrue(readable.getMessage().contains("CKA_SENSITIVE=false"), readable.getMessage());
    // Nor will a good provider wrap a data key under one of them.
    try (KmsProvider kms = open(KEK); GeneratedDataKey made = kms.generateDataKey(new KeyContext("patients", 1))) {
      KmsException e = assertThrows(KmsException.class,
          () -> kms.wrap(made.plaintext(), new KeyContext("patients", 1), "weak-extractable"));
      assertEquals(ErrorCode.KMS_REJECTED, e.code());
      assertTrue(e.getMessage().contains("CKA_EXTRACTABLE=true"), e.getMessage());
      assertEquals(KekStatus.State.DISABLED, kms.describeKek("weak-extractable").state());
    }
  }

  @Test
  void wrongPin_isAConfigErrorThatNeverQuotesThePin() {
    ColsealConfig wrong = config(KEK, Map.of("colseal.kms.pkcs11.pin-file",
        hsm.pinFile("wrong.pin", PIN_CANARY + "\n").toString()));
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> new Pkcs11KmsProviderFactory().create(wrong));
    assertTrue(e.getMessage().contains("the PIN is wrong"), e.getMessage());
    assertTrue(e.getMessage().contains("CKR_PIN_INCORRECT"), e.getMessage());
    assertNoCanary(e, PIN_CANARY);
  }

  @Test
  void pinFile_withTheRightPin_opens_andAWorldReadableOne_isRefused() throws Exception {
    ColsealConfig right = config(KEK, Map.of("colseal.kms.pkcs11.pin-file",
        hsm.pinFile("right.pin", hsm.pin() + "\n").toString()));
    try (KmsProvider kms = new Pkcs11KmsProviderFactory().create(right)) {
      assertEquals(KEK, kms.kekId());
    }
    java.nio.file.Path open = hsm.pinFile("open.pin", hsm.pin());
    java.nio.file.Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> new Pkcs11KmsProviderFactory().create(config(KEK, Map.of("colseal.kms.pkcs11.pin-file", open.toString()))));
    assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
  }

  @Test
  void pinVariableNotSet_namesTheVariable() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> new Pkcs11KmsProviderFactory()
        .create(config(KEK, Map.of("colseal.kms.pkcs11.pin-env", "COLSEAL_TEST_NO_SUCH_PIN"))));
    assertTrue(e.getMessage().contains("COLSEAL_TEST_NO_SUCH_PIN"), e.getMessage());
  }

  @Test
  void missingToken_isAConfigErrorNamingTheSlotAndLibrary() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class,
        () -> new Pkcs11KmsProviderFactory().create(config(KEK, Map.of("colseal.kms.pkcs11.slot", "4242"))));
    assertTrue(e.getMessage().contains("slot 4242"), e.getMessage());
    assertTrue(e.getMessage().contains(hsm.library().toString()), e.getMessage());
  }

  @Test
  void missingKekLabel_isAConfigErrorSayingHowToCreateIt() {
    ColsealConfigException e = assertThrows(ColsealConfigException.class, () -> open("no-such-kek"));
    assertTrue(e.getMessage().contains("no key object labelled 'no-such-kek'"), e.getMessage());
    assertTrue(e.getMessage().contains("colseal kek create --provider pkcs11"), e.getMessage());
  }

  @Test
  void keyObjectRemovedWhileInUse_failsThoseKeysWithKmsRejected_andLeavesOtherKeksWorking() {
    Pkcs11KmsProviderFactory.createKek(config("doomed"), "doomed");
    try (KmsProvider doomed = open("doomed"); KmsProvider kms = open(KEK);
        GeneratedDataKey underDoomed = doomed.generateDataKey(new KeyContext("orders", 1));
        GeneratedDataKey underKek = kms.generateDataKey(new KeyContext("patients", 1))) {
      doomed.unwrap(underDoomed.wrapped(), new KeyContext("orders", 1)).close();
      hsm.delete("doomed");
      KmsException e = assertThrows(KmsException.class,
          () -> doomed.unwrap(underDoomed.wrapped(), new KeyContext("orders", 1)));
      assertEquals(ErrorCode.KMS_REJECTED, e.code());
      assertTrue(e.getMessage().contains("'doomed'"), e.getMessage());
      KmsException generating = assertThrows(KmsException.class, () -> doomed.generateDataKey(new KeyContext("orders", 2)));
      assertEquals(ErrorCode.KMS_REJECTED, generating.code());
      assertEquals(KekStatus.State.NOT_FOUND, kms.describeKek("doomed").state());
      // The other KEK on the same token is untouched.
      try (SecretKeyMaterial back = kms.unwrap(underKek.wrapped(), new KeyContext("patients", 1))) {
        assertArrayEquals(underKek.plaintext().exposeBytes(InsecureKeyAccess.get()),
            back.exposeBytes(InsecureKeyAccess.get()));
      }
    }
  }

  @Test
  void eightThreads_neverRunMoreThanTheSessionLimitOnTheToken_andAllSucceed() throws Exception {
    int threads = 8;
    int each = 40;
    try (KmsProvider kms = new Pkcs11KmsProviderFactory().create(
        config(KEK, Map.of("colseal.kms.pkcs11.max-sessions", "2")))) {
      Pkcs11KmsProvider p11 = (Pkcs11KmsProvider) kms;
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger done = new AtomicInteger();
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < each; i++) {
            KeyContext context = new KeyContext("t" + thread, i + 1);
            try (GeneratedDataKey made = kms.generateDataKey(context);
                SecretKeyMaterial back = kms.unwrap(made.wrapped(), context)) {
              assertArrayEquals(made.plaintext().exposeBytes(InsecureKeyAccess.get()),
                  back.exposeBytes(InsecureKeyAccess.get()));
              done.incrementAndGet();
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();
      assertEquals(threads * each, done.get());
      Pkcs11KmsProvider.SessionUse use = p11.sessionUse();
      assertEquals(2, use.limit());
      assertEquals(0, use.inUse());
      assertTrue(use.peak() >= 1 && use.peak() <= 2, "peak " + use.peak());
    }
  }

  @Test
  void describeKek_showsSlotLibraryAndAttributes_forTheAuditRegister() {
    try (KmsProvider kms = open(KEK)) {
      KekStatus status = kms.describeKek(KEK);
      assertEquals(KekStatus.State.ENABLED, status.state());
      assertEquals("AES_256", status.keySpec());
      assertEquals(256, status.strengthBits());
      assertTrue(status.location().contains("slot " + hsm.slot()), status.location());
      assertTrue(status.location().contains(hsm.library().toString()), status.location());
      assertEquals("CKA_TOKEN=true, CKA_SENSITIVE=true, CKA_EXTRACTABLE=false", status.access());
      assertTrue(status.description().contains("'" + KEK + "'"), status.description());
    }
  }

  @EachDatabase
  void columnValues_roundTripUnderAKekInTheHsm_andTheKeyTableHoldsOnlyTheWrappedKey(TestDatabase db) throws Exception {
    ColsealConfig cfg = config(KEK, Map.of("colseal.keys.auto-create", "true"));
    try (Colseal colseal = Colseal.start(db.dataSource(), cfg)) {
      ColumnCipher<String, String> email = colseal.textColumn("hsm_customers", "email", String.class);
      String stored = email.encrypt("kim@example.kr");
      assertFalse(stored.contains("kim@"), stored);
      assertEquals("kim@example.kr", email.decrypt(stored));
      try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
          "SELECT kek_provider, kek_id, wrapped_key FROM colseal_data_key WHERE table_name = 'hsm_customers'");
          ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals("pkcs11", rs.getString(1));
        assertEquals(KEK, rs.getString(2));
        assertFalse(rs.next());
      }
    }
    // A second application instance, a fresh login, reads it.
    try (Colseal again = Colseal.start(db.dataSource(), cfg)) {
      ColumnCipher<String, String> email = again.textColumn("hsm_customers", "email", String.class);
      assertEquals("kim@example.kr", email.decrypt(email.encrypt("kim@example.kr")));
    }
  }

  private static void assertNoCanary(Throwable e, String canary) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(canary), "the PIN in " + t);
      assertFalse(t.toString().contains(canary), "the PIN in " + t);
    }
  }
}
