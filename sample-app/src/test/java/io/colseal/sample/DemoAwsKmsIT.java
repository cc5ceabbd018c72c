package io.colseal.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.kms.aws.testing.KmsEndpoint;
import io.colseal.kms.aws.testing.KmsEndpointExtension;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.Raw;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo with the {@code aws-kms} profile against a KMS protocol server: selected by
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
      // The aws-kms profile of application.yml, as a user selects it; the rest as environment variables would give it.
      Map<String, String> settings = Map.of(
          "spring.profiles.active", "aws-kms",
          "demo.customers", Integer.toString(CUSTOMERS),
          "demo.data-dir", dir.toString(),
          "spring.datasource.url", db.url(),
          "spring.datasource.username", db.user(),
          "spring.datasource.password", db.password(),
          "colseal.kms.kek-id", kekArn,
          "colseal.kms.aws.region", KmsEndpoint.REGION,
          "colseal.kms.aws.endpoint", kms.uri().toString());

      DemoResult first = Demo.runInProcess(settings);
      assertTrue(first.ok(), () -> "mismatches: " + first.mismatches());
      // One data key per table and the blind-index key customer#bidx.
      assertEquals(4, first.keyStats().kmsGenerateCalls());
      assertEquals(List.of("aws-kms", "aws-kms", "aws-kms", "aws-kms"),
          Raw.values(db, "colseal_data_key", "kek_provider", "1 = 1"));
      assertEquals(List.of(kekArn, kekArn, kekArn, kekArn), Raw.values(db, "colseal_data_key", "kek_id", "1 = 1"));

      DemoResult second = Demo.runInProcess(settings);
      assertTrue(second.ok(), () -> "mismatches: " + second.mismatches());
      assertEquals(0, second.keyStats().kmsGenerateCalls());
      assertEquals(4, second.keyStats().kmsUnwrapCalls());
      assertEquals(3L * CUSTOMERS, second.rowsRead());
    }
  }
}
