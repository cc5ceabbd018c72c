package io.colseal.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** {@code demo.*} as Spring Boot binds it, and the settings the report shows. */
class DemoPropertiesTest {
  private static DemoProperties bind(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return bind(environment);
  }

  private static DemoProperties bind(StandardEnvironment environment) {
    return Binder.get(environment).bindOrCreate("demo", Bindable.of(DemoProperties.class));
  }

  @Test
  void bind_nothingSet_zeroSetupDefaults() {
    DemoProperties p = bind(Map.of());
    assertEquals(1000, p.customers());
    assertEquals(50, p.batchSize());
    assertEquals(Path.of("target/demo-data"), p.dataDir());
  }

  @Test
  void bind_environmentVariables_areRelaxedNames() {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
        Map.of("DEMO_CUSTOMERS", "7", "DEMO_BATCH_SIZE", "20", "DEMO_DATA_DIR", "/tmp/x")));
    ConfigurationPropertySources.attach(environment);
    DemoProperties p = bind(environment);
    assertEquals(7, p.customers());
    assertEquals(20, p.batchSize());
    assertEquals(Path.of("/tmp/x"), p.dataDir());
  }

  @Test
  void bind_customersNotANumber_throwsBindExceptionNamingTheSetting() {
    BindException e = assertThrows(BindException.class, () -> bind(Map.of("demo.customers", "many")));
    assertTrue(e.getMessage().contains("demo.customers"), e.getMessage());
  }

  @Test
  void bind_customersZero_throwsNamingSettingAndVariable() {
    BindException e = assertThrows(BindException.class, () -> bind(Map.of("demo.customers", "0")));
    String message = Demo.describe(e);
    assertTrue(message.contains("demo.customers (DEMO_CUSTOMERS) must be a whole number 1..1000000"), message);
  }

  @Test
  void bind_batchSizeTooLarge_throwsBindException() {
    assertThrows(BindException.class, () -> bind(Map.of("demo.batch-size", "1001")));
  }

  @Test
  void shownSettings_neverShowPasswordsOrUrlCredentials() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty("spring.datasource.url", "jdbc:postgresql://alice:url-secret@db.example.com/app?password=param-secret")
        .withProperty("spring.datasource.password", "jdbc-secret")
        .withProperty("colseal.kms.local.keystore-password", "keystore-secret")
        .withProperty("colseal.kms.kek-id", "demo-kek");
    List<String> shown = ShownSettings.describe(environment);
    String all = String.join("\n", shown);
    for (String secret : new String[] {"url-secret", "param-secret", "jdbc-secret", "keystore-secret", "alice"}) {
      assertFalse(all.contains(secret), secret);
    }
    assertTrue(shown.contains("spring.datasource.password = ****"), all);
    assertTrue(shown.contains("colseal.kms.local.keystore-password = ****"), all);
    assertTrue(shown.contains("colseal.kms.kek-id = demo-kek"), all);
  }
}
