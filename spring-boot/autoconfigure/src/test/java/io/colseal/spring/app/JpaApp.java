package io.colseal.spring.app;

import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** The test application: the entities and repositories of this package. */
@Configuration(proxyBeanMethods = false)
@EntityScan(basePackageClasses = JpaApp.class)
@EnableJpaRepositories(basePackageClasses = JpaApp.class)
@org.springframework.context.annotation.Import(Customers.class)
public class JpaApp {}
