package io.colseal.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.colseal.exception.ErrorCode;
import io.colseal.exception.KmsException;
import io.colseal.spring.app.Customers;
import io.colseal.spring.app.JpaApp;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.health.HealthContributorAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The {@code colseal} health indicator (Boot 3's types): UP with a local KEK, DOWN with a reason
 * when the KMS endpoint cannot be reached at start-up, and details that hold no secret.
 */
class HealthIT {
  @TempDir Path dir;

  private ApplicationContextRunner withHealth(ApplicationContextRunner runner) {
    return runner.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
            HealthEndpointAutoConfiguration.class))
        .withPropertyValues("management.endpoint.health.show-details=always");
  }

  @Test
  void health_localKek_isUpWithKeyTableKekAndTables() {
    withHealth(BootContexts.jpa(dir)).withUserConfiguration(JpaApp.class).run(context -> {
      Health health = (Health) context.getBean(HealthEndpoint.class).healthForPath("colseal");
      assertEquals(Status.UP, health.getStatus());
      assertEquals("reachable", health.getDetails().get("keyTable"));
      assertEquals(Map.of("provider", "local", "state", "ENABLED"), health.getDetails().get("kek"));
      Map<?, ?> customers = (Map<?, ?>) ((Map<?, ?>) health.getDetails().get("tables")).get("customers");
      assertEquals(1, customers.get("activeVersion"));
      assertEquals(false, customers.get("overdue"));
    });
  }

  @Test
  void health_details_holdNoSecretNorKekLocation() {
    withHealth(BootContexts.jpa(dir)).withUserConfiguration(JpaApp.class).run(context -> {
      String shown = context.getBean(HealthEndpoint.class).healthForPath("colseal").toString();
      assertFalse(shown.contains(BootContexts.KEYSTORE_PASSWORD), shown);
      assertFalse(shown.contains("boot-kek"), shown);
      assertFalse(shown.contains(dir.toString()), shown);
    });
  }

  @Test
  void kmsUnreachableAtStartup_notRequired_appStarts_healthDownWithReason() throws IOException {
    withHealth(awsAt(BootContexts.jpa(dir), closedPort())).withUserConfiguration(JpaApp.class)
        .withPropertyValues("colseal.kms.required-at-startup=false").run(context -> {
          assertNotNull(context.getBean(Customers.class)); // started
          Health health = (Health) context.getBean(HealthEndpoint.class).healthForPath("colseal");
          assertEquals(Status.DOWN, health.getStatus());
          Map<?, ?> kek = (Map<?, ?>) health.getDetails().get("kek");
          assertEquals("UNKNOWN", kek.get("state"));
          assertEquals("the KEK provider could not be reached or did not describe the KEK", kek.get("reason"));
        });
  }

  @Test
  void kmsUnreachableAtStartup_notRequired_eachWriteFailsTransient() throws IOException {
    awsAt(BootContexts.jpa(dir), closedPort()).withUserConfiguration(JpaApp.class)
        .withPropertyValues("colseal.kms.required-at-startup=false").run(context -> {
          ColsealTransientDataAccessException e = assertThrows(ColsealTransientDataAccessException.class,
              () -> context.getBean(Customers.class).add("ada@example.com"));
          assertEquals(ErrorCode.KMS_UNAVAILABLE, e.getErrorCode());
        });
  }

  @Test
  void kmsUnreachableAtStartup_byDefault_failsTheStart() throws IOException {
    awsAt(BootContexts.jpa(dir), closedPort()).withUserConfiguration(JpaApp.class).run(context -> {
      KmsException e = SettingsBindingIT.findCause(context.getStartupFailure(), KmsException.class);
      assertEquals(ErrorCode.KMS_UNAVAILABLE, e.code());
    });
  }

  @Test
  void healthIndicator_isBoot3Type_namedColseal() {
    withHealth(BootContexts.jpa(dir)).withUserConfiguration(JpaApp.class).run(context -> assertInstanceOf(
        org.springframework.boot.actuate.health.HealthIndicator.class, context.getBean("colsealHealthIndicator")));
  }

  /** aws-kms at an endpoint where nothing listens, with test credentials. */
  private static ApplicationContextRunner awsAt(ApplicationContextRunner runner, int port) {
    return runner.withPropertyValues("colseal.kms.provider=aws-kms",
            "colseal.kms.kek-id=arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "colseal.kms.aws.region=us-east-1", "colseal.kms.aws.endpoint=http://127.0.0.1:" + port,
            "colseal.kms.aws.call-timeout=PT2S")
        .withSystemProperties("aws.accessKeyId=colseal-test", "aws.secretAccessKey=colseal-test");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
