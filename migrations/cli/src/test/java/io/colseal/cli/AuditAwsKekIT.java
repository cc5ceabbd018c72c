package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.colseal.Classification;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.EncryptedColumn;
import io.colseal.Storage;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.kms.aws.AwsKmsProvider;
import io.colseal.kms.aws.testing.KmsEndpoint;
import io.colseal.kms.aws.testing.KmsEndpointExtension;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * {@code colseal audit} through the jar with an AWS KMS KEK on moto_server (H2): the KEK's state comes
 * from DescribeKey, so disabling it and then scheduling its deletion each raise their finding while
 * data key versions depend on it.
 */
@Tag("jar")
@ExtendWith(KmsEndpointExtension.class)
@OneDatabase(because = "AWS KMS key states in the audit; the database only holds the key table (AuditIT runs on every database)")
class AuditAwsKekIT {
  static final EncryptedColumn EMAIL = new EncryptedColumn("Customer", "email", "customers", "email",
      String.class, Storage.TEXT, Classification.OTHER_PERSONAL, "customers", "email");

  @TempDir Path dir;

  @Test
  void kekDisabled_thenPendingDeletion_areFindings(KmsEndpoint kms) throws Exception {
    String arn = kms.createKey("colseal-audit-it");
    String keyId = arn.substring(arn.lastIndexOf('/') + 1);
    try (CliDatabase db = CliDatabase.create(TestDatabase.Kind.H2, dir); KmsClient sdk = kms.client()) {
      Cli cli = new Cli(dir).env(kms.childEnvironment()).env(Map.of(
          "COLSEAL_KMS_AWS_ENDPOINT", kms.uri().toString(),
          "COLSEAL_JDBC_URL", db.url(),
          "COLSEAL_JDBC_USER", db.user(),
          "COLSEAL_JDBC_PASSWORD", db.childPassword(),
          "COLSEAL_KMS_PROVIDER", "aws-kms"));
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000))");
      }
      List<String> plaintexts = new ArrayList<>();
      ColsealConfig config = ColsealConfig.builder().kmsProvider(AwsKmsProvider.using(kms.client(), arn)).build();
      try (Colseal app = Colseal.start(db.connections(), config)) {
        app.register(List.of(EMAIL));
        AuditIT.insert(app, db, "customers", "email", 1, 2, i -> "canary-aws-" + i + "@example.com", true,
            plaintexts);
      }

      JsonNode enabled = cli.run("audit", "--json").ok().json();
      assertEquals(0, enabled.get("findings").size(), enabled.get("findings").toPrettyString());
      assertEquals("ENABLED", enabled.at("/keks/0/state").asText());
      assertEquals(arn, enabled.at("/keks/0/kekId").asText());
      assertEquals("SYMMETRIC_DEFAULT", enabled.at("/keks/0/keySpec").asText());
      assertEquals("aws-kms " + KmsEndpoint.REGION + " " + arn.split(":")[4], enabled.at("/keks/0/location").asText());
      assertEquals("UNKNOWN", cli.run("audit", "--json", "--no-kms").ok().json().at("/keks/0/state").asText());

      // moto answers DisableKey/ScheduleKeyDeletion by key id (it fails with 500 for an ARN).
      sdk.disableKey(r -> r.keyId(keyId));
      JsonNode disabled = cli.run("audit", "--json").ok().json();
      AuditIT.assertFindings(Map.of("KEK_DISABLED|HIGH|" + arn, "is DISABLED while 1 live data key versions"),
          disabled);

      sdk.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7));
      JsonNode pending = cli.run("audit", "--json").ok().json();
      AuditIT.assertFindings(Map.of("KEK_PENDING_DELETION|HIGH|" + arn, "is PENDING_DELETION (deletion on "),
          pending);
      assertFalse(pending.at("/keks/0/deletionDate").isNull());
      cli.run("audit", "--fail-on", "high").failed("AUDIT_FINDINGS");

      String out = pending.toString() + cli.run("audit").ok().out();
      for (String p : plaintexts) {
        assertFalse(out.contains(p), "output contains a plaintext value");
      }
    }
  }
}
