package io.colseal.spring.internal;

import java.util.Map;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.JpaDialect;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * Hands the {@code colseal.*} settings to every {@link LocalContainerEntityManagerFactoryBean}
 * before it builds its EntityManagerFactory, and gives it colseal's {@link ColsealJpaDialect}. A
 * post-processor rather than a {@code HibernatePropertiesCustomizer}, whose package differs between
 * Boot 3 and 4, and so that factory beans an application declares itself get the settings too.
 *
 * <p>A setting also given as {@code spring.jpa.properties.colseal.*} (or in the bean's own
 * property map) keeps that value: the more specific place wins.
 */
final class JpaSettingsPostProcessor implements BeanPostProcessor, EnvironmentAware {
  private Environment environment;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof LocalContainerEntityManagerFactoryBean factory) {
      Map<String, Object> jpa = factory.getJpaPropertyMap();
      BootSettings.bind(environment).colsealProperties().forEach(jpa::putIfAbsent);
      // Before initialisation the bean has no dialect yet unless one was set; it would take its vendor adapter's.
      JpaDialect dialect = factory.getJpaDialect();
      if (dialect == null && factory.getJpaVendorAdapter() != null) {
        dialect = factory.getJpaVendorAdapter().getJpaDialect();
      }
      if (!(dialect instanceof ColsealJpaDialect)) {
        factory.setJpaDialect(new ColsealJpaDialect(dialect));
      }
    }
    return bean;
  }
}
