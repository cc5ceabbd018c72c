package io.colseal.spring.internal;

import io.colseal.Colseal;
import io.colseal.spring.ColsealExceptionTranslator;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * colseal's auto-configuration, for Spring Boot 3.5, 4.0 and 4.1 from one jar. Each type that
 * moved between Boot lines (health, Flyway) is used only from a configuration guarded by its class
 * name, so that a line without it never loads it.
 *
 * <ul>
 *   <li>{@code colseal.*} settings, bound by Boot ({@link BootSettings}) and handed to every JPA
 *       EntityManagerFactory ({@link JpaSettingsPostProcessor});
 *   <li>the {@link Colseal} bean: the SessionFactory's own instance, or, without JPA, one started
 *       on the {@code DataSource} and closed at shutdown;
 *   <li>exception translation ({@link ColsealExceptionTranslator}, {@link ColsealJpaDialect});
 *   <li>the {@code colseal} health indicator, Micrometer meters, Flyway locations, MyBatis handlers.
 * </ul>
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
    "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
    "org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration",
    "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration"},
    beforeName = {
        "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration",
        "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
        "org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration"})
public class ColsealAutoConfiguration {
  private static final boolean JPA = ClassUtils.isPresent("io.colseal.hibernate.ColsealHibernate", null)
      && ClassUtils.isPresent("jakarta.persistence.EntityManagerFactory", null);

  /** The bound settings; a bad or unknown {@code colseal.*} name fails the start here. */
  @Bean
  @ConditionalOnMissingBean
  BootSettings colsealBootSettings(Environment environment) {
    return BootSettings.bind(environment);
  }

  @Bean
  ColsealHandle colsealHandle(ListableBeanFactory beans, ObjectProvider<DataSource> dataSource,
      BootSettings settings) {
    if (JPA) {
      ColsealHandle jpa = JpaColseal.find(beans);
      if (jpa != null) {
        return jpa;
      }
    }
    DataSource ds = dataSource.getIfUnique();
    if (ds == null) {
      throw new io.colseal.exception.ColsealConfigException("colseal needs a DataSource for its key table: the"
          + " application has none, or several and none is @Primary");
    }
    return ColsealHandle.start(ds, settings);
  }

  /** The application's colseal instance; its owner closes it ({@link ColsealHandle}). */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  Colseal colseal(ColsealHandle handle) {
    return handle.colseal();
  }

  /** Ahead of every other translator, for repositories and {@code @Repository} beans. */
  @Bean
  @ConditionalOnClass(name = "org.springframework.dao.support.PersistenceExceptionTranslator")
  static ColsealExceptionTranslator colsealExceptionTranslator() {
    return new ColsealExceptionTranslator();
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean")
  static class Jpa {
    @Bean
    static JpaSettingsPostProcessor colsealJpaSettingsPostProcessor() {
      return new JpaSettingsPostProcessor();
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnProperty(prefix = "management.health.colseal", name = "enabled", matchIfMissing = true)
  static class Boot3Health {
    @Bean
    @ConditionalOnMissingBean(name = "colsealHealthIndicator")
    Boot3HealthIndicator colsealHealthIndicator(ColsealHandle handle) {
      return new Boot3HealthIndicator(new ColsealHealthCheck(handle.colseal()));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnProperty(prefix = "management.health.colseal", name = "enabled", matchIfMissing = true)
  static class Boot4Health {
    @Bean
    @ConditionalOnMissingBean(name = "colsealHealthIndicator")
    Boot4HealthIndicator colsealHealthIndicator(ColsealHandle handle) {
      return new Boot4HealthIndicator(new ColsealHealthCheck(handle.colseal()));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    ColsealMeters colsealMeters(ColsealHandle handle) {
      return new ColsealMeters(handle.colseal().stats(), JPA ? JpaColseal.rejections(handle) : null);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.flywaydb.core.Flyway",
      "org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer"})
  static class Boot3Flyway {
    @Bean
    Boot3FlywayCustomizer colsealFlywayCustomizer(BootSettings settings) {
      return new Boot3FlywayCustomizer(new FlywayLocations(settings));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.flywaydb.core.Flyway",
      "org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer"})
  static class Boot4Flyway {
    @Bean
    Boot4FlywayCustomizer colsealFlywayCustomizer(BootSettings settings) {
      return new Boot4FlywayCustomizer(new FlywayLocations(settings));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer",
      "io.colseal.mybatis.ColsealMyBatis"})
  @ConditionalOnProperty(prefix = "colseal.mybatis", name = "type-handlers-package")
  static class MyBatis {
    @Bean
    MyBatisHandlers colsealMyBatisHandlers(ObjectProvider<Colseal> colseal, BootSettings settings) {
      return new MyBatisHandlers(colseal, settings.text(io.colseal.ColsealSettings.MYBATIS_TYPE_HANDLERS_PACKAGE));
    }
  }
}
