package io.colseal.boot.app;

import java.util.Map;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;

/** Boot 4.0 and 4.1: {@code TestRestTemplate} in {@code spring-boot-resttestclient}, Jackson 3. */
final class LineApi {
  private LineApi() {}

  static String jacksonVersion() {
    return tools.jackson.databind.cfg.PackageVersion.VERSION.toString();
  }

  /** GET {@code path} from the running application's web server with Boot's test client. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static Json getJson(Environment environment, String path) {
    String root = "http://localhost:" + environment.getRequiredProperty("local.server.port");
    ResponseEntity<Map> response = new TestRestTemplate().getForEntity(root + path, Map.class);
    return new Json(response.getStatusCode().value(), response.getBody());
  }
}
