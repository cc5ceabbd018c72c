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

/** AwsKmsProvider.describeKek against moto_server: enabled, disabled, scheduled for deletion, unknown. */
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
