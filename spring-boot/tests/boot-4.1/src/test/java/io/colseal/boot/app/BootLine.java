package io.colseal.boot.app;

import java.util.Map;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;

/**
 * What differs on Spring Boot 4.1 for the common tests: the versions it manages, and the classes
 * that moved in Boot 4 ({@code TestRestTemplate} to {@code spring-boot-resttestclient}, Jackson 3).
 */
final class BootLine {
  static final String MODULE = "spring-boot/tests/boot-4.1";
  static final String BOOT = "4.1.2";
  static final String HIBERNATE = "7.4.13.Final";
  static final String FLYWAY = "12.4.0";
  static final String H2 = "2.4.240";
  static final String JACKSON = "3.1.7";
  static final int JAVA = 17;

  private BootLine() {}

  static String jacksonVersion() {
    return tools.jackson.databind.cfg.PackageVersion.VERSION.toString();
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
