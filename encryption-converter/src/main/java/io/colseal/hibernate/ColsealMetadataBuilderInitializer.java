package io.colseal.hibernate;

import io.colseal.Storage;
import org.hibernate.boot.MetadataBuilder;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.spi.MetadataBuilderInitializer;

/**
 * Registers the auto-apply safety net ({@link AutoApplyEncryptedDescriptor}) for every supported
 * (type, storage) pair. Found by Hibernate through {@link java.util.ServiceLoader}.
 */
public final class ColsealMetadataBuilderInitializer implements MetadataBuilderInitializer {
  /** Created by Hibernate, through {@link java.util.ServiceLoader}; applications never need to. */
  public ColsealMetadataBuilderInitializer() {}

  @Override
  public void contribute(MetadataBuilder metadataBuilder, StandardServiceRegistry serviceRegistry) {
    HibernateLine line = HibernateLine.current();
    for (Class<?> type : BuiltInConverters.types()) {
      for (Storage storage : BuiltInConverters.storages()) {
        metadataBuilder.applyAttributeConverter(line.descriptor(new AutoApplyEncryptedDescriptor<>(type, storage)));
      }
    }
  }
}
