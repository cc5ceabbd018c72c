package io.colseal.spring.mybatis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.colseal.spring.internal.ColsealAutoConfiguration;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mybatis.spring.annotation.MapperScan;
import org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * With mybatis-spring-boot-starter and {@code colseal.mybatis.type-handlers-package}, the starter
 * binds the handlers to the Colseal bean before the mappers load: a mapper writes ciphertext and
 * reads plaintext with no set-up code.
 */
class MyBatisIT {
  @TempDir Path dir;

  @Configuration(proxyBeanMethods = false)
  @MapperScan(basePackageClasses = NoteMapper.class)
  static class MapperApp {}

  @Test
  void typeHandlersPackage_bindsHandlers_mapperRoundTrips() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, ColsealAutoConfiguration.class, MybatisAutoConfiguration.class))
        .withUserConfiguration(MapperApp.class)
        .withPropertyValues("spring.datasource.url=jdbc:h2:mem:mybatis_" + UUID.randomUUID().toString()
                .replace("-", "") + ";DB_CLOSE_DELAY=-1",
            "colseal.mybatis.type-handlers-package=io.colseal.spring.mybatis",
            "colseal.kms.provider=local", "colseal.kms.kek-id=mybatis-kek",
            "colseal.kms.local.keystore=" + dir.resolve("kek.p12"),
            "colseal.kms.local.keystore-password=mybatis-keystore-password", "colseal.kms.local.create-if-missing=true")
        .run(context -> {
          JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
          jdbc.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(1000))");
          NoteMapper mapper = context.getBean(NoteMapper.class);
          mapper.insert(1, "meet at noon");

          assertNotEquals("meet at noon", jdbc.queryForObject("SELECT body FROM notes WHERE id = 1", String.class));
          assertEquals("meet at noon", mapper.find(1).body);
        });
  }
}
