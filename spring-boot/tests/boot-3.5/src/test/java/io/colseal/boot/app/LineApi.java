package io.colseal.boot.app;

import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;

/** Boot 3.5's test client and Jackson 2 (Boot 4 moved {@code TestRestTemplate} and manages Jackson 3). */
final class LineApi {
  private LineApi() {}

  static String jacksonVersion() {
    return com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
  }

  /** GET {@code path} from the running application's web server with Boot's test client. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Json getJson(Environment environment, String path) {
    String root = "http://localhost:" + environment.getRequiredProperty("local.server.port");
    ResponseEntity<Map> response = new TestRestTemplate().getForEntity(root + path, Map.class);
    return new Json(response.getStatusCode().value(), response.getBody());
  }
}
