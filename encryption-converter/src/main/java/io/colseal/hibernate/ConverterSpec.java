package io.colseal.hibernate;

import java.lang.reflect.Member;
import org.hibernate.boot.model.convert.spi.JpaAttributeConverterCreationContext;
import org.hibernate.type.descriptor.converter.spi.JpaAttributeConverter;
import org.jspecify.annotations.Nullable;

/**
 * What one of colseal's converter descriptors tells Hibernate, in terms that are the same on every
 * supported Hibernate line. {@link HibernateLine#descriptor} turns it into a {@code
 * ConverterDescriptor} of the running line, whose method signatures differ from line to line.
 */
interface ConverterSpec {
  /** The converter's class; Hibernate keys registered converters by it. */
  Class<?> converterClass();

  /** The attribute's Java type. */
  Class<?> domainType();

  /** The type stored in the column. */
  Class<?> relationalType();

  /** The converter Hibernate installs on a value; called once per value it resolves. */
  JpaAttributeConverter<?, ?> create(JpaAttributeConverterCreationContext context);

  /** For a converter Hibernate applies by itself, which members it applies to; null if it never does. */
  default @Nullable AutoApply autoApply() {
    return null;
  }

  /** Which members an auto-applied converter applies to. */
  interface AutoApply {
    /** Whether it applies to the basic attribute declared by {@code member}. */
    boolean toAttribute(Member member);

    /** Whether it applies to the elements of the collection declared by {@code member}. */
    boolean toCollectionElement(Member member);
  }
}
