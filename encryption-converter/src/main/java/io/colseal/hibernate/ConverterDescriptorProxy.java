package io.colseal.hibernate;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.hibernate.boot.model.convert.spi.AutoApplicableConverterDescriptor;
import org.hibernate.boot.model.convert.spi.ConverterDescriptor;
import org.hibernate.boot.model.convert.spi.JpaAttributeConverterCreationContext;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ConverterDescriptor} (and, for an auto-applied converter, {@link
 * AutoApplicableConverterDescriptor}) of the running Hibernate, answering as a {@link ConverterSpec}
 * says. A proxy of the interfaces as the running line declares them, so the same colseal jar
 * implements the 6.6, 7.2 and 7.4 forms of these methods; {@link HibernateLine} supplies the
 * answers whose types differ. A method the supported lines do not declare fails loudly. Equality
 * is identity, so Hibernate never merges the converters of two columns.
 */
final class ConverterDescriptorProxy implements InvocationHandler {
  private final HibernateLine line;
  private final ConverterSpec spec;
  private final ConverterSpec.@Nullable AutoApply autoApply;

  private ConverterDescriptorProxy(HibernateLine line, ConverterSpec spec) {
    this.line = line;
    this.spec = spec;
    this.autoApply = spec.autoApply();
  }

  static ConverterDescriptor<?, ?> create(HibernateLine line, ConverterSpec spec) {
    ConverterDescriptorProxy handler = new ConverterDescriptorProxy(line, spec);
    Class<?>[] interfaces = handler.autoApply == null
        ? new Class<?>[] {ConverterDescriptor.class}
        : new Class<?>[] {ConverterDescriptor.class, AutoApplicableConverterDescriptor.class};
    return (ConverterDescriptor<?, ?>) Proxy.newProxyInstance(ConverterDescriptor.class.getClassLoader(), interfaces,
        handler);
  }

  @Override
  public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
    Object arg = args != null && args.length > 0 ? args[0] : null;
    switch (method.getName()) {
      case "getAttributeConverterClass":
        return spec.converterClass();
      case "getDomainValueResolvedType":
        return line.resolvedType(spec.domainType());
      case "getRelationalValueResolvedType":
        return line.resolvedType(spec.relationalType());
      case "createJpaAttributeConverter":
        return spec.create((JpaAttributeConverterCreationContext) arg);
      case "getAutoApplyDescriptor":
        return autoApply != null ? proxy : NotAutoApplied.PROXY;
      case "isAutoApplicable":
        return autoApply != null;
      case "getAutoAppliedConverterDescriptorForAttribute":
        return applies(arg, false) ? proxy : null;
      case "getAutoAppliedConverterDescriptorForCollectionElement":
        return applies(arg, true) ? proxy : null;
      case "getAutoAppliedConverterDescriptorForMapKey":
        return null;
      case "equals":
        return proxy == arg;
      case "hashCode":
        return System.identityHashCode(proxy);
      case "toString":
        return spec.toString();
      default:
        if (method.isDefault()) {
          return InvocationHandler.invokeDefault(proxy, method, args);
        }
        throw new UnsupportedOperationException("colseal's converter descriptor does not implement " + method
            + " of Hibernate ORM " + line.version());
    }
  }

  private boolean applies(@Nullable Object attribute, boolean element) {
    ConverterSpec.AutoApply a = autoApply;
    if (a == null || attribute == null) {
      return false;
    }
    Member member = line.javaMember(attribute);
    return member != null && (element ? a.toCollectionElement(member) : a.toAttribute(member));
  }

  /** The "not auto-applied" answer of the per-column descriptors, without Hibernate's internal singleton. */
  private static final class NotAutoApplied implements InvocationHandler {
    static final AutoApplicableConverterDescriptor PROXY = (AutoApplicableConverterDescriptor) Proxy.newProxyInstance(
        ConverterDescriptor.class.getClassLoader(), new Class<?>[] {AutoApplicableConverterDescriptor.class},
        new NotAutoApplied());

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] args) throws Throwable {
      switch (method.getName()) {
        case "isAutoApplicable":
          return false;
        case "equals":
          return args != null && proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "NotAutoApplied";
        default:
          if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
          }
          return null; // getAutoAppliedConverterDescriptorFor*: never applied
      }
    }
  }
}
