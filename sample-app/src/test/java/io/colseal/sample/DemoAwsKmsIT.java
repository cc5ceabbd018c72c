package io.colseal.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.kms.aws.testing.KmsEndpoint;
import io.colseal.kms.aws.testing.KmsEndpointExtension;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo with {@code colseal.kms.provider=aws-kms} against a KMS protocol server: selected by
 * configuration alone, data keys come from KMS, and a second run unwraps them once each.
 */
@ExtendWith(KmsEndpointExtension.class)
@OneDatabase(because = "the demo with AWS KMS; DemoDatabasesIT runs the demo on every database with a local KEK")
class DemoAwsKmsIT {
  private static final int CUSTOMERS = 60;
  private static final List<String> CREDENTIAL_PROPERTIES = List.of("aws.accessKeyId", "aws.secretAccessKey");

  @TempDir Path dir;

  @BeforeAll
  static void credentials() {
    // The provider is built by the factory from the SDK's default chains, as in production.
    System.setProperty("aws.accessKeyId", KmsEndpoint.ACCESS_KEY_ID);
    System.setProperty("aws.secretAccessKey", KmsEndpoint.SECRET_ACCESS_KEY);
  }

  @AfterAll
  static void clearCredentials() {
    CREDENTIAL_PROPERTIES.forEach(System::clearProperty);
  }

  @Test
  void run_awsKmsByConfiguration_keysFromKmsAndOneUnwrapPerTableOnRerun(KmsEndpoint kms) throws Exception {
    String kekArn = kms.createKey("colseal sample demo");
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL)) {
      DemoSettings settings = DemoSettings.resolve(
          Map.of(
              DemoSettings.CUSTOMERS, Integer.toString(CUSTOMERS),
              DemoSettings.DATA_DIR, dir.toString(),
              DemoSettings.JDBC_URL, db.url(),
              DemoSettings.JDBC_USER, db.user(),
              DemoSettings.JDBC_PASSWORD, db.password(),
              "colseal.kms.provider", "aws-kms",
              "colseal.kms.kek-id", kekArn,
              "colseal.kms.aws.region", KmsEndpoint.REGION,
              "colseal.kms.aws.endpoint", kms.uri().toString()),
          Map.of(),
          Map.of());

      DemoResult first = Demo.run(settings, Clock.systemUTC());
      assertTrue(first.ok(), () -> "mismatches: " + first.mismatches());
      assertEquals(3, first.keyStats().kmsGenerateCalls());
      assertEquals(List.of("aws-kms", "aws-kms", "aws-kms"), Raw.values(db, "colseal_data_key", "kek_provider", "1 = 1"));
      assertEquals(List.of(kekArn, kekArn, kekArn), Raw.values(db, "colseal_data_key", "kek_id", "1 = 1"));

      DemoResult second = Demo.run(settings, Clock.systemUTC());
      assertTrue(second.ok(), () -> "mismatches: " + second.mismatches());
      assertEquals(0, second.keyStats().kmsGenerateCalls());
      assertEquals(3, second.keyStats().kmsUnwrapCalls());
      assertEquals(3L * CUSTOMERS, second.rowsRead());
    }
  }
}
