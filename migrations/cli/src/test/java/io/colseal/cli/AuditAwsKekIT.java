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
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * {@code colseal audit} through the jar with an AWS KMS KEK on moto_server (H2): the KEK's state comes
 * from DescribeKey, so disabling it and then scheduling its deletion each raise their finding while
 * data key versions depend on it. The KEK register shows what KMS knows (creation date, description,
 * aliases, tags, rotation, strength); moto's {@code http://} endpoint is reported as a protocol and is
 * a finding unless {@code colseal.environment} is {@code test}; an RSA-2048 key named by a key row is
 * weaker than the data keys it wraps.
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
          "COLSEAL_KMS_PROVIDER", "aws-kms",
          "COLSEAL_ENVIRONMENT", "test"));
      String alias = "alias/colseal-audit-it-" + keyId.substring(0, 8);
      sdk.createAlias(r -> r.aliasName(alias).targetKeyId(keyId));
      sdk.tagResource(r -> r.keyId(keyId).tags(List.of(software.amazon.awssdk.services.kms.model.Tag.builder()
          .tagKey("owner").tagValue("payments").build())));
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
      // The KEK register: what KMS knows of the key.
      assertEquals("colseal-audit-it", enabled.at("/keks/0/description").asText());
      assertEquals("[\"" + alias + "\"]", enabled.at("/keks/0/aliases").toString());
      assertEquals("[\"owner=payments\"]", enabled.at("/keks/0/tags").toString());
      assertFalse(enabled.at("/keks/0/createdAt").isNull());
      assertEquals(0, enabled.at("/keks/0/ageDays").asLong());
      assertEquals(256, enabled.at("/keks/0/strengthBits").asInt());
      assertFalse(enabled.at("/keks/0/rotationEnabled").asBoolean(true));
      assertEquals("KMS|HTTP|false|" + kms.uri(), enabled.at("/protocols/0/channel").asText() + "|"
          + enabled.at("/protocols/0/protocol").asText() + "|" + enabled.at("/protocols/0/encrypted").asText() + "|"
          + enabled.at("/protocols/0/endpoint").asText());
      // Outside tests, a KMS reached over plain HTTP is a finding.
      AuditIT.assertFindings(Map.of("INSECURE_KMS_ENDPOINT|HIGH|" + kms.uri(), "the KMS is reached over HTTP without"
          + " TLS at " + kms.uri() + " (colseal.environment is prod, not test)"),
          cli.run("audit", "--json", "--set", "colseal.environment=prod").ok().json());
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

      // A key row naming an RSA-2048 key: weaker than the 256-bit data key it is said to wrap.
      String rsa = sdk.createKey(r -> r.keySpec(KeySpec.RSA_2048).keyUsage(KeyUsageType.ENCRYPT_DECRYPT))
          .keyMetadata().arn();
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        assertEquals(1, st.executeUpdate("UPDATE colseal_data_key SET kek_id = '" + rsa + "'"));
      }
      JsonNode weak = cli.run("audit", "--json").ok().json();
      AuditIT.assertFindings(Map.of("WEAK_ALGORITHM|HIGH|" + rsa,
          "(RSA_2048) has 112-bit security strength, less than the 256-bit data keys it wraps"), weak);

      String out = pending.toString() + cli.run("audit").ok().out();
      for (String p : plaintexts) {
        assertFalse(out.contains(p), "output contains a plaintext value");
      }
    }
  }
}
