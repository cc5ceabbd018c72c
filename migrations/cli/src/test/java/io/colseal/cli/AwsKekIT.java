package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.cli.testing.App;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.cli.testing.DocContract;
import io.colseal.kms.aws.AwsKmsProvider;
import io.colseal.kms.aws.testing.KmsEndpoint;
import io.colseal.kms.aws.testing.KmsEndpointExtension;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeyMetadata;

/**
 * {@code kek create --provider aws-kms} and {@code keys rewrap} through colseal.jar against a real
 * KMS protocol server (moto_server): the created keys are checked with the SDK, and after the rewrap
 * the first KEK is disabled and every row must still decrypt.
 */
@Tag("jar")
@ExtendWith(KmsEndpointExtension.class)
@OneDatabase(because = "AWS KMS commands through the jar; the database only holds the key table (the other CLI tests run on every database)")
class AwsKekIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void createRewrapDisable_throughTheJar_rowsStillDecrypt(KmsEndpoint kms) throws Exception {
    Path policyFile = dir.resolve("kek-policy.json");
    try (InputStream in = AwsKekIT.class.getResourceAsStream("/kek-policy.json")) {
      Files.copy(in, policyFile);
    }
    String policy = Files.readString(policyFile);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String alias1 = "alias/colseal-kek1-" + suffix;
    String alias2 = "alias/colseal-kek2-" + suffix;

    try (CliDatabase db = CliDatabase.create(TestDatabase.Kind.H2, dir); KmsClient sdk = kms.client()) {
      Cli cli = new Cli(dir).env(kms.childEnvironment()).env(Map.of(
          "COLSEAL_KMS_AWS_ENDPOINT", kms.uri().toString(),
          "COLSEAL_JDBC_URL", db.url(),
          "COLSEAL_JDBC_USER", db.user(),
          "COLSEAL_JDBC_PASSWORD", db.childPassword(),
          "COLSEAL_KMS_PROVIDER", "aws-kms"));

      JsonNode kek1 = cli.run("kek", "create", "--provider", "aws-kms", "--alias", alias1, "--policy-file",
          policyFile.toString(), "--description", "colseal KEK 1", "--tag", "team=payments", "--json").ok().json();
      DocContract.assertMatchesExample("kek-create.md", kek1);
      String keyId1 = kek1.get("keyId").asText();
      KeyMetadata meta = sdk.describeKey(r -> r.keyId(alias1)).keyMetadata();
      assertEquals(keyId1, meta.keyId());
      assertEquals(kek1.get("arn").asText(), meta.arn());
      assertEquals("colseal KEK 1", meta.description());
      assertEquals("SYMMETRIC_DEFAULT", meta.keySpecAsString());
      assertEquals("ENCRYPT_DECRYPT", meta.keyUsageAsString());
      List<software.amazon.awssdk.services.kms.model.Tag> tags = sdk.listResourceTags(r -> r.keyId(keyId1)).tags();
      assertTrue(tags.stream().anyMatch(t -> t.tagKey().equals("team") && t.tagValue().equals("payments")), tags.toString());
      List<AliasListEntry> aliases = sdk.listAliases(r -> r.keyId(keyId1)).aliases();
      assertTrue(aliases.stream().anyMatch(a -> a.aliasName().equals(alias1)), aliases.toString());
      String storedPolicy = sdk.getKeyPolicy(r -> r.keyId(keyId1).policyName("default")).policy();
      assertEquals(JSON.readTree(policy), JSON.readTree(storedPolicy));

      // An alias in use is refused before any key is made.
      int keysBefore = sdk.listKeys().keys().size();
      cli.run("kek", "create", "--provider", "aws-kms", "--alias", alias1).failed("KMS_REJECTED");
      assertEquals(keysBefore, sdk.listKeys().keys().size());

      String arn2 = cli.run("kek", "create", "--provider", "aws-kms", "--alias", alias2, "--policy-file",
          policyFile.toString(), "--json").ok().json().get("arn").asText();

      App.createTables(db);
      try (Colseal app = Colseal.start(db.connections(), awsConfig(kms, alias1))) {
        app.register(App.COLUMNS);
        App.insertCustomers(app, db, 3);
      }

      JsonNode rewrapped = cli.run("keys", "rewrap", "--to-kek", alias2, "--table", "customers", "--json").ok().json();
      // The key table records the key ARN that KMS reports.
      assertEquals(kek1.get("arn").asText(), rewrapped.at("/versions/0/fromKek").asText());
      assertEquals(arn2, rewrapped.at("/versions/0/toKek").asText());

      sdk.disableKey(r -> r.keyId(keyId1));

      try (Colseal fresh = Colseal.start(db.connections(), awsConfig(kms, alias2))) {
        assertEquals(List.of(App.plainEmail(1), App.plainEmail(2), App.plainEmail(3)), App.decryptedEmails(fresh, db));
      }
      JsonNode list = cli.run("keys", "list", "--table", "customers", "--json").ok().json();
      assertEquals(arn2, list.at("/tables/0/versions/0/kekId").asText());
    }
  }

  private static ColsealConfig awsConfig(KmsEndpoint kms, String kekAlias) {
    return ColsealConfig.builder().kmsProvider(AwsKmsProvider.using(kms.client(), kekAlias)).build();
  }
}
