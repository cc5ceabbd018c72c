package io.colseal.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.ColumnCipher;
import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.kms.aws.testing.KmsEndpoint;
import io.colseal.kms.aws.testing.KmsEndpointExtension.MotoServer;
import io.colseal.testing.EachDatabase;
import io.colseal.testing.MutableClock;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase.Kind;
import io.colseal.testing.TestDatabase;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * A KMS outage against a real KMS protocol server: a moto_server of this test's own is stopped
 * mid-test ({@code SIGSTOP}: it answers nothing but keeps its keys, where a killed moto would lose
 * them) and continued later. Cached keys keep working, also past their cache TTL; creating a new
 * table's key fails with the retryable {@code KMS_UNAVAILABLE}; nothing is stored; once the server
 * answers again the same call succeeds.
 */
class KmsOutageIT {
  private static MotoServer startMoto() {
    try {
      return MotoServer.start();
    } catch (IOException e) {
      if ("true".equalsIgnoreCase(System.getenv("COLSEAL_TEST_REQUIRE_DATABASES"))) {
        throw new IllegalStateException("moto_server is required (COLSEAL_TEST_REQUIRE_DATABASES=true)", e);
      }
      Assumptions.abort("no moto_server on PATH: " + e.getMessage());
      throw new AssertionError("unreachable");
    }
  }

  /** A client that gives up after 3 s, so a stopped server shows as an error within the test. */
  private static KmsClient client(MotoServer moto) {
    return KmsClient.builder()
        .endpointOverride(moto.uri())
        .region(Region.of(KmsEndpoint.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(KmsEndpoint.ACCESS_KEY_ID, KmsEndpoint.SECRET_ACCESS_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder())
        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(3)).apiCallAttemptTimeout(Duration.ofSeconds(1)))
        .build();
  }

  @EachDatabase
  void motoStopped_cachedKeysWork_newKeyFailsRetryably_nothingStored_thenRecovers(Kind kind) throws Exception {
    try (MotoServer moto = startMoto();
        KmsClient client = client(moto);
        TestDatabase db = TestDatabase.create(kind)) {
      String kek = client.createKey(r -> r.description("colseal outage test")).keyMetadata().arn();
      Raw.update(db, "CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(500))");
      Raw.update(db, "CREATE TABLE orders (id INT PRIMARY KEY, card VARCHAR(500))");
      MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
      ColsealConfig config = ColsealConfig.builder().kmsProvider(AwsKmsProvider.using(client, kek)).clock(clock).build();
      try (Colseal app = Colseal.start(db.dataSource(), config)) {
        ColumnCipher<String, String> email = app.textColumn("customers", "email", String.class);
        ColumnCipher<String, String> card = app.textColumn("orders", "card", String.class);
        Raw.update(db, "INSERT INTO customers (id, email) VALUES (1, ?)", email.encrypt("before@example.com"));

        moto.stop();
        clock.advance(Duration.ofMinutes(6)); // past the 5-minute cache TTL: refreshed in the background, which fails
        Raw.update(db, "INSERT INTO customers (id, email) VALUES (2, ?)", email.encrypt("during@example.com"));
        assertEquals("before@example.com", email.decrypt((String) Raw.value(db, "customers", "email", "id = 1")));
        assertEquals("during@example.com", email.decrypt((String) Raw.value(db, "customers", "email", "id = 2")));

        KmsException e = assertThrows(KmsException.class,
            () -> Raw.update(db, "INSERT INTO orders (id, card) VALUES (1, ?)", card.encrypt("4111111111111111")));
        assertEquals(ErrorCode.KMS_UNAVAILABLE, e.code());
        assertTrue(e.isRetryable());
        assertTrue(e.getMessage().contains("KMS could not be reached or did not answer in time"), e.getMessage());
        assertFalse(e.getMessage().contains("4111111111111111"), e.getMessage());
        assertEquals(List.of(), Raw.values(db, "orders", "card", "1 = 1"), "nothing stored");
        assertEquals(List.of(), Raw.values(db, "colseal_data_key", "key_version", "table_name = 'orders'"));

        moto.resume();
        Raw.update(db, "INSERT INTO orders (id, card) VALUES (1, ?)", card.encrypt("4111111111111111"));
        assertEquals("4111111111111111", card.decrypt((String) Raw.value(db, "orders", "card", "id = 1")));
        String stored = (String) Raw.value(db, "orders", "card", "id = 1");
        assertTrue(stored.startsWith("cs1:01:0000000001:"), stored);
      }
    }
  }
}
