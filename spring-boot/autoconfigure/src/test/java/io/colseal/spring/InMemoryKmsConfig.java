package io.colseal.spring;

import io.colseal.testing.InMemoryKms;
import org.springframework.boot.autoconfigure.orm.jpa.HibernatePropertiesCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hands Hibernate a KEK provider object, {@link InMemoryKms}, whose availability a test switches;
 * with no key cache, every value written calls it.
 */
@Configuration(proxyBeanMethods = false)
class InMemoryKmsConfig {
  @Bean
  InMemoryKms inMemoryKms() {
    return new InMemoryKms("switchable-kek");
  }

  @Bean
  HibernatePropertiesCustomizer colsealKmsObject(InMemoryKms kms) {
    return properties -> {
      properties.put("colseal.kms.provider", kms);
      properties.put("colseal.keys.cache-ttl", "PT0S");
    };
  }
}
