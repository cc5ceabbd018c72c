package io.colseal.boot.app;

import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;

/**
 * What differs on Spring Boot 3.5 for the common tests: the versions it manages, and the classes
 * that later lines moved.
 */
final class BootLine {
  static final String MODULE = "spring-boot/tests/boot-3.5";
  static final String BOOT = "3.5.7";
  static final String HIBERNATE = "6.6.33.Final";
  static final String FLYWAY = "11.7.2";
  static final String H2 = "2.3.232";
  static final String JACKSON = "2.19.2";
  static final int JAVA = 17;

  private BootLine() {}

  static String jacksonVersion() {
    return com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
  }

  /** A JSON response of the running application's web server. */
  record Json(int status, Map<String, Object> body) {}

  /** GET {@code path} from the application's web server with Boot's test client. */
  @SuppressWarnings("unchecked")
  static Json getJson(Environment environment, String path) {
    String root = "http://localhost:" + environment.getRequiredProperty("local.server.port");
    ResponseEntity<Map> response = new TestRestTemplate().getForEntity(root + path, Map.class);
    return new Json(response.getStatusCode().value(), response.getBody());
  }
}
