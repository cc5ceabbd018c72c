package io.colseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.colseal.Colseal;
import io.colseal.ColsealConfig;
import io.colseal.cli.testing.Cli;
import io.colseal.cli.testing.CliDatabase;
import io.colseal.kms.aws.AwsKmsProvider;
import io.colseal.kms.aws.testing.KmsEndpoint;
import io.colseal.kms.aws.testing.KmsEndpointExtension;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * {@code colseal audit --sign-with} an AWS KMS asymmetric key on moto_server (KMS {@code
 * GetPublicKey}, {@code Sign}) and {@code colseal audit verify} with KMS {@code Verify}: moto
 * implements both for ECC_NIST_P256 (ECDSA_SHA_256) and RSA_2048 (RSASSA_PSS_SHA_256).
 */
@Tag("jar")
@ExtendWith(KmsEndpointExtension.class)
@OneDatabase(because = "KMS signing of the report; the database only holds the key table (AuditIT runs on every database)")
class AuditAwsSignIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"ECC_NIST_P256, ECDSA_SHA_256", "RSA_2048, RSASSA_PSS_SHA_256"})
  void signWithKmsKey_verifyWithKmsVerify_rejectsAChangedByte(String keySpec, String algorithm, KmsEndpoint kms)
      throws Exception {
    String kekArn = kms.createKey("colseal-audit-sign-kek");
    String signerArn;
    String alias = "alias/colseal-audit-signer-" + keySpec.toLowerCase(java.util.Locale.ROOT).replace('_', '-')
        + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    try (KmsClient sdk = kms.client()) {
      signerArn = sdk.createKey(r -> r.keySpec(KeySpec.fromValue(keySpec)).keyUsage(KeyUsageType.SIGN_VERIFY)
          .description("colseal audit reports")).keyMetadata().arn();
      sdk.createAlias(r -> r.aliasName(alias).targetKeyId(signerArn));
    }
    try (CliDatabase db = CliDatabase.create(TestDatabase.Kind.H2, dir)) {
      Cli cli = new Cli(dir).env(kms.childEnvironment()).env(Map.of(
          "COLSEAL_KMS_AWS_ENDPOINT", kms.uri().toString(),
          "COLSEAL_JDBC_URL", db.url(),
          "COLSEAL_JDBC_USER", db.user(),
          "COLSEAL_JDBC_PASSWORD", db.childPassword(),
          "COLSEAL_KMS_PROVIDER", "aws-kms"));
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(1000))");
      }
      ColsealConfig config = ColsealConfig.builder().kmsProvider(AwsKmsProvider.using(kms.client(), kekArn)).build();
      try (Colseal app = Colseal.start(db.connections(), config)) {
        app.register(List.of(AuditAwsKekIT.EMAIL));
        AuditIT.insert(app, db, "customers", "email", 1, 2, i -> "canary-kms-sign-" + i + "@example.com", true,
            new ArrayList<>());
      }

      Path json = dir.resolve("audit.json");
      Path html = dir.resolve("audit.html");
      cli.run("audit", "--format", "json", "--sign-with", alias, "--output", json.toString()).ok();
      cli.run("audit", "--format", "html", "--sign-with", signerArn, "--output", html.toString()).ok();
      JsonNode report = JSON.readTree(json.toFile());
      assertEquals("aws-kms", report.at("/signature/provider").asText());
      // AWS KMS names the key by its ARN; moto by its bare id. Either way not the alias given.
      String keyId = report.at("/signature/keyId").asText();
      assertTrue(signerArn.endsWith(keyId), keyId);
      assertEquals(algorithm, report.at("/signature/algorithm").asText());

      for (Path file : List.of(json, html)) {
        // The report's own key name is not trusted: the verifier names the key.
        cli.run("audit", "verify", file.toString()).failed("USAGE");
        JsonNode ok = cli.run("--json", "audit", "verify", file.toString(), "--key", signerArn).ok().json();
        assertEquals("VALID", ok.get("verdict").asText(), ok.toPrettyString());
        assertEquals("KMS Verify", ok.get("checkedWith").asText());
        byte[] bytes = Files.readAllBytes(file);
        // Inside the signature's value, and in the middle of the report.
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        int value = text.substring(0, text.lastIndexOf("\"value\": \"") + 12)
            .getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        for (int p : new int[] {value, bytes.length / 2}) {
          byte[] changed = bytes.clone();
          changed[p] ^= 0x01;
          Path tampered = dir.resolve("tampered-" + file.getFileName());
          Files.write(tampered, changed);
          cli.run("audit", "verify", tampered.toString(), "--key", signerArn).failed("REPORT_INVALID");
        }
      }

      // A symmetric KEK cannot sign.
      cli.run("audit", "--sign-with", kekArn).failed("CONFIG_INVALID");
    }
  }
}
