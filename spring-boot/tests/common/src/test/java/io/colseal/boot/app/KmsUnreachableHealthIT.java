package io.colseal.boot.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application configured for AWS KMS whose endpoint refuses connections from the start, with
 * {@code colseal.kms.required-at-startup=false}: it still starts, and {@code
 * /actuator/health/colseal} is DOWN with a reason. H2 only: the key table's database is not what is
 * under test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class KmsUnreachableHealthIT {
  static {
    // The SDK's default credentials chain reads these; without credentials the call would fail
    // before it tried the endpoint.
    System.setProperty("aws.accessKeyId", "colseal-test");
    System.setProperty("aws.secretAccessKey", "colseal-test-secret");
  }

  @Autowired Environment environment;

  @DynamicPropertySource
  static void unreachableKms(DynamicPropertyRegistry registry) {
    registry.add("colseal.kms.provider", () -> "aws-kms");
    registry.add("colseal.kms.kek-id", () -> "alias/colseal-boot-test");
    registry.add("colseal.kms.aws.region", () -> "us-east-1");
    registry.add("colseal.kms.aws.endpoint", () -> "http://127.0.0.1:" + closedPort());
    registry.add("colseal.kms.aws.call-timeout", () -> "PT2S");
    registry.add("colseal.kms.required-at-startup", () -> "false");
  }

  /** A loopback port that was just free: nothing listens there, so connections are refused. */
  private static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<?, ?> kek(Json health) {
    return (Map<?, ?>) ((Map<?, ?>) health.body().get("details")).get("kek");
  }

  @Test
  void health_kmsEndpointRefusesConnections_downWithReason() {
    Json health = LineApi.getJson(environment, "/actuator/health/colseal");

    assertAll(
        () -> assertEquals(503, health.status(), health.toString()),
        () -> assertEquals("DOWN", health.body().get("status"), health.toString()),
        () -> assertNotNull(kek(health).get("reason"), health.toString()),
        () -> assertEquals("UNKNOWN", kek(health).get("state"), health.toString()),
        () -> assertFalse(health.toString().contains("colseal-test-secret"), health.toString()));
  }
}
