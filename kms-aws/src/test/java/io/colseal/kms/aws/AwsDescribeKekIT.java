package io.colseal.kms.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.colseal.kms.KekStatus;
import io.colseal.kms.aws.testing.KmsEndpoint;
import io.colseal.kms.aws.testing.KmsEndpointExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * AwsKmsProvider.describeKek against moto_server: enabled, disabled, scheduled for deletion, unknown;
 * the KEK register's details (creation date, description, aliases, tags, strength); the endpoint.
 */
@ExtendWith(KmsEndpointExtension.class)
class AwsDescribeKekIT {

  @Test
  void describeKek_followsTheKeyThroughDisableAndScheduledDeletion(KmsEndpoint endpoint) {
    String arn = endpoint.createKey("colseal-describe-kek-it");
    try (KmsClient client = endpoint.client()) {
      AwsKmsProvider kms = AwsKmsProvider.using(client, arn);

      KekStatus enabled = kms.describeKek(arn);
      assertEquals(KekStatus.State.ENABLED, enabled.state());
      assertEquals("SYMMETRIC_DEFAULT", enabled.keySpec());
      assertEquals(Boolean.FALSE, enabled.rotationEnabled());
      assertNull(enabled.deletionDate());
      assertEquals("aws-kms " + KmsEndpoint.REGION + " " + arn.split(":")[4], enabled.location());

      // moto answers DisableKey/ScheduleKeyDeletion by key id (it fails with 500 for an ARN).
      String keyId = arn.substring(arn.lastIndexOf('/') + 1);
      client.disableKey(r -> r.keyId(keyId));
      assertEquals(KekStatus.State.DISABLED, kms.describeKek(arn).state());

      client.scheduleKeyDeletion(r -> r.keyId(keyId).pendingWindowInDays(7));
      KekStatus pending = kms.describeKek(arn);
      assertEquals(KekStatus.State.PENDING_DELETION, pending.state());
      assertNotNull(pending.deletionDate());
    }
  }

  @Test
  void describeKek_registerDetails_fromDescribeKeyListAliasesAndListResourceTags(KmsEndpoint endpoint) {
    String arn = endpoint.createKey("colseal register KEK");
    String keyId = arn.substring(arn.lastIndexOf('/') + 1);
    try (KmsClient client = endpoint.client()) {
      client.createAlias(r -> r.aliasName("alias/colseal-register-b-" + keyId.substring(0, 8)).targetKeyId(keyId));
      client.createAlias(r -> r.aliasName("alias/colseal-register-a-" + keyId.substring(0, 8)).targetKeyId(keyId));
      client.tagResource(r -> r.keyId(keyId).tags(java.util.List.of(
          software.amazon.awssdk.services.kms.model.Tag.builder().tagKey("owner").tagValue("payments").build(),
          software.amazon.awssdk.services.kms.model.Tag.builder().tagKey("cost-centre").tagValue("42").build())));
      java.time.Instant before = java.time.Instant.now().minusSeconds(60);
      KekStatus status = AwsKmsProvider.using(client, arn).describeKek(arn);
      assertEquals("colseal register KEK", status.description());
      assertEquals(java.util.List.of("alias/colseal-register-a-" + keyId.substring(0, 8),
          "alias/colseal-register-b-" + keyId.substring(0, 8)), status.aliases());
      assertEquals(java.util.Map.of("owner", "payments", "cost-centre", "42"), status.tags());
      assertNotNull(status.createdAt());
      org.junit.jupiter.api.Assertions.assertTrue(status.createdAt().isAfter(before), status.createdAt().toString());
      assertEquals(256, status.strengthBits());
      assertEquals(endpoint.uri(), AwsKmsProvider.using(client, arn).endpoint());
    }
  }

  @Test
  void describeKek_rsa2048Key_has112BitStrength(KmsEndpoint endpoint) {
    try (KmsClient client = endpoint.client()) {
      String rsa = client.createKey(r -> r.keySpec(software.amazon.awssdk.services.kms.model.KeySpec.RSA_2048)
          .keyUsage(software.amazon.awssdk.services.kms.model.KeyUsageType.ENCRYPT_DECRYPT)).keyMetadata().arn();
      KekStatus status = AwsKmsProvider.using(client, rsa).describeKek(rsa);
      assertEquals("RSA_2048", status.keySpec());
      assertEquals(112, status.strengthBits());
    }
  }

  @Test
  void strengthBits_ofKeySpecs() {
    assertEquals(256, AwsKmsProvider.strengthBits("SYMMETRIC_DEFAULT"));
    assertEquals(112, AwsKmsProvider.strengthBits("RSA_2048"));
    assertEquals(128, AwsKmsProvider.strengthBits("RSA_3072"));
    assertEquals(128, AwsKmsProvider.strengthBits("ECC_NIST_P256"));
    assertNull(AwsKmsProvider.strengthBits("SOMETHING_NEW"));
    assertNull(AwsKmsProvider.strengthBits(null));
  }

  @Test
  void describeKek_unknownKey_isNotFound(KmsEndpoint endpoint) {
    try (KmsClient client = endpoint.client()) {
      AwsKmsProvider kms = AwsKmsProvider.using(client, "alias/colseal-none");
      String missing = "arn:aws:kms:" + KmsEndpoint.REGION + ":123456789012:key/00000000-0000-0000-0000-000000000000";
      assertEquals(KekStatus.State.NOT_FOUND, kms.describeKek(missing).state());
    }
  }

  @Test
  void location_ofArnAndBareId() {
    assertEquals("aws-kms eu-west-1 111122223333",
        AwsKmsProvider.location("arn:aws:kms:eu-west-1:111122223333:key/abc"));
    assertEquals("aws-kms", AwsKmsProvider.location("alias/x"));
  }
}
