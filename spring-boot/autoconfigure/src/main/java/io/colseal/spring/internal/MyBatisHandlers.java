package io.colseal.spring.internal;

import io.colseal.Colseal;
import io.colseal.mybatis.ColsealMyBatis;
import java.util.Arrays;
import org.apache.ibatis.session.Configuration;
import org.mybatis.spring.boot.autoconfigure.ConfigurationCustomizer;
import org.springframework.beans.factory.ObjectProvider;

/**
 * With mybatis-spring-boot-starter (3.0.x on Boot 3, 4.0.x on Boot 4; the customizer's package is
 * the same) and {@code colseal.mybatis.type-handlers-package} set: binds every colseal type handler
 * in those packages to the {@code Colseal} bean, before the mappers load ({@link
 * ColsealMyBatis#configurePackages}).
 */
final class MyBatisHandlers implements ConfigurationCustomizer {
  private final ObjectProvider<Colseal> colseal;
  private final String packages;

  MyBatisHandlers(ObjectProvider<Colseal> colseal, String packages) {
    this.colseal = colseal;
    this.packages = packages;
  }

  @Override
  public void customize(Configuration configuration) {
    String[] names = Arrays.stream(packages.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .toArray(String[]::new);
    ColsealMyBatis.configurePackages(configuration, colseal.getObject(), names);
  }
}
