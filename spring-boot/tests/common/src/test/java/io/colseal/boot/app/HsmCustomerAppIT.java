package io.colseal.boot.app;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.ColsealConfig;
import io.colseal.kms.pkcs11.Pkcs11KmsProviderFactory;
import io.colseal.kms.pkcs11.testing.SoftHsm;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application with its KEK in an HSM (SoftHSM2), configured only through Boot properties as a
 * user would write them in {@code application.yml}: {@code colseal.kms.provider=pkcs11} and the
 * {@code colseal.kms.pkcs11.*} settings, the PIN in an environment variable. H2: the key table's
 * database is not what is under test.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class HsmCustomerAppIT {
  private static final String KEK = "boot-hsm-kek";

  @Autowired CustomerRepository customers;
  @Autowired JdbcTemplate jdbc;
  @Autowired Environment environment;

  @DynamicPropertySource
  static void kekInTheHsm(DynamicPropertyRegistry registry) {
    SoftHsm hsm = SoftHsm.get();
    Map<String, String> settings = hsm.settings(KEK);
    Pkcs11KmsProviderFactory.createKek(ColsealConfig.fromProperties(settings), KEK);
    settings.forEach((name, value) -> registry.add(name, () -> value));
  }

  @Test
  void customers_roundTripUnderAKekInTheHsm_andTheKeyTableRecordsIt() {
    Customer saved = customers.save(new Customer("Hana Park", "hana-hsm@example.kr", "010-7777-8888"));
    Customer read = customers.findById(saved.getId()).orElseThrow();
    Map<String, Object> row = jdbc.queryForMap("select name, phone from customer where id = ?", saved.getId());
    List<Map<String, Object>> keys = jdbc.queryForList(
        "select distinct kek_provider, kek_id from colseal_data_key where table_name = 'customer'");
    assertAll(
        () -> assertEquals("Hana Park", read.getName()),
        () -> assertEquals("010-7777-8888", read.getPhone()),
        () -> assertTrue(((String) row.get("name")).startsWith("cs1:"), row.toString()),
        () -> assertFalse(row.toString().contains("Hana") || row.toString().contains("7777"), row.toString()),
        () -> assertEquals(1, keys.size(), keys.toString()),
        () -> assertEquals("pkcs11", keys.get(0).get("kek_provider"), keys.toString()),
        () -> assertEquals(KEK, keys.get(0).get("kek_id"), keys.toString()));
  }

  @Test
  void health_showsThePkcs11Kek_andNeverThePin() {
    Json health = LineApi.getJson(environment, "/actuator/health/colseal");
    Map<?, ?> kek = (Map<?, ?>) ((Map<?, ?>) health.body().get("details")).get("kek");
    assertAll(
        () -> assertEquals(200, health.status(), health.toString()),
        () -> assertEquals("UP", health.body().get("status"), health.toString()),
        () -> assertEquals("pkcs11", kek.get("provider"), health.toString()),
        () -> assertFalse(health.toString().contains(SoftHsm.get().pin()), "the PIN is shown"));
  }
}
