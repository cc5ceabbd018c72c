package io.colseal.sample;

import io.colseal.Colseal;
import io.colseal.ColsealSettings;
import io.colseal.hibernate.ColsealHibernate;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Until colseal-spring-boot-starter is on the class path: passes every {@code colseal.*} setting
 * Spring Boot resolved to Hibernate, and exposes the {@link Colseal} instance Hibernate started as
 * a bean for JdbcTemplate code.
 */
@Configuration(proxyBeanMethods = false)
class ColsealBeans {
  @Bean
  HibernatePropertiesCustomizer colsealSettings(Environment environment) {
    return properties -> ColsealSettings.all().keySet().forEach(name -> {
      String value = environment.getProperty(name);
      if (value != null && !value.isBlank()) {
        properties.put(name, value);
      }
    });
  }

  /**
   * Owned by the SessionFactory, which closes it: no destroy method here. Unwrapped to {@code
   * SessionFactoryImplementor}: {@code unwrap(SessionFactory.class)} returns Spring's proxy, which
   * {@code ColsealHibernate} cannot use.
   */
  @Bean(destroyMethod = "")
  Colseal colseal(EntityManagerFactory entityManagerFactory) {
    return ColsealHibernate.colseal(entityManagerFactory.unwrap(SessionFactoryImplementor.class));
  }
}
