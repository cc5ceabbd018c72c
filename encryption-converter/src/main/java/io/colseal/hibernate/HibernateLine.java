package io.colseal.hibernate;

import io.colseal.SupportedType;
import io.colseal.exception.ColsealConfigException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.Map;
import org.hibernate.Version;
import org.hibernate.boot.model.convert.spi.AutoApplicableConverterDescriptor;
import org.hibernate.boot.model.convert.spi.ConverterDescriptor;
import org.hibernate.boot.registry.classloading.spi.ClassLoaderService;
import org.hibernate.boot.spi.MetadataBuildingContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.mapping.BasicValue;
import org.hibernate.mapping.Collection;
import org.hibernate.mapping.Property;
import org.hibernate.query.sqm.spi.SqmCreationContext;
import org.hibernate.sql.ast.spi.SqlAstCreationContext;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.descriptor.java.spi.JavaTypeRegistry;
import org.jspecify.annotations.Nullable;

/**
 * What differs between the Hibernate ORM lines colseal supports (6.6, 7.2 and 7.4), in one place.
 * colseal-hibernate is one jar compiled against 7.4; the rest of its code uses only API whose
 * binary form is the same on all three lines, and asks the running line's adapter for the rest:
 *
 * <ul>
 *   <li>{@link ConverterDescriptor}: its resolved types are classmate {@code ResolvedType}s on 6.6
 *       and 7.2 and {@link Type}s on 7.4, and {@link AutoApplicableConverterDescriptor} is given an
 *       {@code XProperty} on 6.6 and a {@code MemberDetails} on 7.x. colseal's descriptors are
 *       therefore {@linkplain Proxy proxies} of the interfaces the running Hibernate has ({@link
 *       ConverterSpec} says what they answer), and this class supplies the two line-specific
 *       answers: a resolved type, and the Java member behind the auto-apply argument.
 *   <li>The Java type of an attribute while it is bound: {@code BasicValue.impliedJavaType} is
 *       public on 7.2 and 7.4; on 6.6 it is private, and the type is read from the mapping instead
 *       (the property's declared class, or the element type of the collection's member).
 *   <li>The contexts the query translators take: the SessionFactory itself on 6.6, its {@code
 *       NodeBuilder} and {@code SqlTranslationEngine} on 7.x.
 * </ul>
 *
 * <p>Calls whose overloads differ between the lines use the form all three share ({@link #javaType};
 * {@code BlindIndexGenerator}'s one-argument constructor). {@code HibernateLinkageTest} checks, on
 * each line, that every Hibernate member the compiled classes use exists there.
 *
 * <p>The line is chosen once, from {@link Version#getVersionString()}, when colseal first runs in
 * a bootstrap (its {@code ServiceContributor}, before any mapping or key work). Any other line stops
 * that bootstrap with a {@link ColsealConfigException} naming the version found and the supported
 * lines: colseal's Hibernate integration is tested on those lines only, and a line whose SPI it has
 * not checked could store a value unencrypted. Thread-safe and stateless after construction.
 */
abstract class HibernateLine {
  /** The supported lines, as the error message and the docs name them. */
  static final String SUPPORTED = "6.6, 7.2 and 7.4";

  private static volatile @Nullable HibernateLine current;

  private final String version;

  private HibernateLine(String version) {
    this.version = version;
  }

  /** The running Hibernate's line; throws {@link ColsealConfigException} on an unsupported one. */
  static HibernateLine current() {
    HibernateLine line = current;
    if (line == null) {
      line = forVersion(Version.getVersionString());
      current = line;
    }
    return line;
  }

  /** The adapter for Hibernate {@code version} (as {@link Version#getVersionString()} gives it). */
  static HibernateLine forVersion(String version) {
    return switch (lineOf(version)) {
      case "6.6" -> new Line66(version);
      case "7.2" -> new Line72(version);
      default -> new Line74(version);
    };
  }

  /**
   * The supported line {@code version} belongs to ({@code 6.6}, {@code 7.2} or {@code 7.4});
   * throws {@link ColsealConfigException} naming {@code version} and the supported lines otherwise.
   */
  static String lineOf(String version) {
    String[] parts = version.split("\\.", 3);
    String line = parts.length >= 2 ? parts[0] + '.' + parts[1] : version;
    if (line.equals("6.6") || line.equals("7.2") || line.equals("7.4")) {
      return line;
    }
    throw new ColsealConfigException("colseal-hibernate does not support Hibernate ORM " + version + " (found on the"
        + " class path); it supports Hibernate ORM " + SUPPORTED + ". Use a Hibernate of one of these lines (Spring"
        + " Boot 3.5 manages 6.6, Boot 4.0 manages 7.2 and Boot 4.1 manages 7.4)");
  }

  /** The Hibernate version this adapter was chosen for, e.g. {@code 7.2.19.Final}. */
  final String version() {
    return version;
  }

  /** The line, e.g. {@code 7.2}. */
  abstract String line();

  /** A ConverterDescriptor of the running Hibernate that answers as {@code spec} says. */
  final ConverterDescriptor<?, ?> descriptor(ConverterSpec spec) {
    return ConverterDescriptorProxy.create(this, spec);
  }

  /** {@code type} as the running Hibernate's {@code ConverterDescriptor} returns resolved types. */
  abstract Object resolvedType(Class<?> type);

  /**
   * The Java field or method behind the argument Hibernate gives an auto-apply descriptor ({@code
   * XProperty} on 6.6, {@code MemberDetails} on 7.x), or null if it has none (a dynamic model).
   */
  abstract @Nullable Member javaMember(Object attribute);

  /**
   * The Java type of {@code basic} while Hibernate binds {@code property} (before the value is
   * resolved): the attribute's type, or the element type if {@code property} is an element
   * collection whose element is {@code basic}.
   */
  abstract Type attributeType(Property property, BasicValue basic, MetadataBuildingContext context);

  /** What {@code StandardHqlTranslator} takes to build queries in {@code sessionFactory}. */
  abstract SqmCreationContext sqmCreationContext(SessionFactoryImplementor sessionFactory);

  /** What an SQM translator takes to build SQL in {@code sessionFactory}. */
  abstract SqlAstCreationContext sqlAstCreationContext(SessionFactoryImplementor sessionFactory);

  @Override
  public String toString() {
    return "HibernateLine[" + line() + ", " + version + "]";
  }

  /** Hibernate 7.4: resolved types are plain Java types. */
  static final class Line74 extends Line7 {
    private Line74(String version) {
      super(version);
    }

    @Override
    String line() {
      return "7.4";
    }

    @Override
    Object resolvedType(Class<?> type) {
      return type;
    }
  }

  /** Hibernate 7.2: like 7.4, but resolved types are classmate's. */
  static final class Line72 extends Line7 {
    private final Classmate classmate;

    private Line72(String version) {
      super(version);
      classmate = new Classmate();
    }

    @Override
    String line() {
      return "7.2";
    }

    @Override
    Object resolvedType(Class<?> type) {
      return classmate.resolve(type);
    }
  }

  /** What 7.2 and 7.4 share: hibernate-models members, public {@code impliedJavaType}, 7.x query contexts. */
  abstract static class Line7 extends HibernateLine {
    private final MethodHandle toJavaMember;
    private final Class<?> memberDetails;

    private Line7(String version) {
      super(version);
      memberDetails = hibernateClass("org.hibernate.models.spi.MemberDetails");
      toJavaMember = publicMethod(memberDetails, "toJavaMember", MethodType.methodType(Member.class));
    }

    @Override
    @Nullable Member javaMember(Object attribute) {
      return memberDetails.isInstance(attribute) ? (Member) invoke(toJavaMember, attribute) : null;
    }

    @Override
    Type attributeType(Property property, BasicValue basic, MetadataBuildingContext context) {
      Type type = basic.impliedJavaType(context.getBootstrapContext().getTypeConfiguration());
      return type != null ? type : Object.class;
    }

    @Override
    SqmCreationContext sqmCreationContext(SessionFactoryImplementor sessionFactory) {
      return sessionFactory.getQueryEngine().getCriteriaBuilder();
    }

    @Override
    SqlAstCreationContext sqlAstCreationContext(SessionFactoryImplementor sessionFactory) {
      return sessionFactory.getSqlTranslationEngine();
    }
  }

  /**
   * Hibernate 6.6: classmate resolved types, commons-annotations {@code XProperty} members, and
   * the SessionFactory as its own query contexts. Its {@code BasicValue} keeps the implied Java
   * type private, so the attribute's type is read from the mapping.
   */
  static final class Line66 extends HibernateLine {
    private static final Map<String, Class<?>> PRIMITIVES = Map.of("boolean", boolean.class, "byte", byte.class,
        "short", short.class, "int", int.class, "long", long.class, "char", char.class, "float", float.class,
        "double", double.class);

    private final Classmate classmate;
    private final MethodHandle getMember;
    private final Class<?> javaXMember;

    private Line66(String version) {
      super(version);
      classmate = new Classmate();
      javaXMember = hibernateClass("org.hibernate.annotations.common.reflection.java.JavaXMember");
      getMember = publicMethod(javaXMember, "getMember", MethodType.methodType(Member.class));
    }

    @Override
    String line() {
      return "6.6";
    }

    @Override
    Object resolvedType(Class<?> type) {
      return classmate.resolve(type);
    }

    @Override
    @Nullable Member javaMember(Object attribute) {
      return javaXMember.isInstance(attribute) ? (Member) invoke(getMember, attribute) : null;
    }

    /**
     * The property's declared class (Hibernate records its name, generics resolved and {@code
     * @Target} applied), or, for an element collection, the element type of the collection's field
     * or getter, found along the collection's role from its owning entity.
     */
    @Override
    Type attributeType(Property property, BasicValue basic, MetadataBuildingContext context) {
      ClassLoaderService classes = context.getBootstrapContext().getServiceRegistry()
          .requireService(ClassLoaderService.class);
      if (property.getValue() instanceof Collection collection && collection.getElement() == basic) {
        return elementType(collection);
      }
      String name = property.getReturnedClassName();
      if (name == null) {
        return Object.class;
      }
      Class<?> primitive = PRIMITIVES.get(name);
      return primitive != null ? SupportedType.box(primitive) : classes.classForName(name);
    }

    private static Type elementType(Collection collection) {
      Class<?> owner = BootModelScan.mappedClass(collection.getOwner());
      String prefix = collection.getOwnerEntityName() + '.';
      String role = collection.getRole();
      if (owner == null || !role.startsWith(prefix)) {
        return Object.class;
      }
      Type type = owner;
      for (String name : role.substring(prefix.length()).split("\\.")) {
        Member member = (Member) BootModelScan.member(rawType(type), name);
        if (member == null) {
          return Object.class;
        }
        type = member instanceof Field f ? f.getGenericType() : ((Method) member).getGenericReturnType();
      }
      if (type instanceof ParameterizedType p) {
        Type[] args = p.getActualTypeArguments();
        return args[args.length - 1]; // a Collection's element, a Map's value
      }
      return rawType(type).isArray() ? rawType(type).getComponentType() : Object.class;
    }

    @Override
    SqmCreationContext sqmCreationContext(SessionFactoryImplementor sessionFactory) {
      return (SqmCreationContext) (Object) sessionFactory; // 6.6's SessionFactoryImplementor is one
    }

    @Override
    SqlAstCreationContext sqlAstCreationContext(SessionFactoryImplementor sessionFactory) {
      return (SqlAstCreationContext) (Object) sessionFactory;
    }
  }

  /**
   * Hibernate's descriptor of {@code type}. {@code JavaTypeRegistry.resolveDescriptor(Class)} exists on
   * 7.x only; the {@code Type} overload has the same binary signature on 6.6, 7.2 and 7.4.
   */
  @SuppressWarnings("unchecked")
  static <T> JavaType<T> javaType(JavaTypeRegistry registry, Class<T> type) {
    return (JavaType<T>) registry.resolveDescriptor((Type) type);
  }

  /** Erases a generic type to its class; {@code Object} for type variables and wildcards. */
  static Class<?> rawType(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return Object.class;
  }

  /** classmate's TypeResolver, which Hibernate 6.6 and 7.2 bring and 7.4 does not. */
  private static final class Classmate {
    private final Object resolver;
    private final MethodHandle resolve;

    Classmate() {
      Class<?> resolverClass = hibernateClass("com.fasterxml.classmate.TypeResolver");
      Class<?> resolvedType = hibernateClass("com.fasterxml.classmate.ResolvedType");
      try {
        resolver = resolverClass.getConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw unavailable(resolverClass.getName(), e);
      }
      resolve = publicMethod(resolverClass, "resolve", MethodType.methodType(resolvedType, Type.class, Type[].class));
    }

    Object resolve(Class<?> type) {
      return invoke(resolve, resolver, type, new Type[0]);
    }
  }

  /** A class of the running Hibernate or its dependencies, from the loader that loaded Hibernate. */
  private static Class<?> hibernateClass(String name) {
    try {
      return Class.forName(name, false, ConverterDescriptor.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw unavailable(name, e);
    }
  }

  private static MethodHandle publicMethod(Class<?> owner, String name, MethodType type) {
    try {
      return MethodHandles.publicLookup().findVirtual(owner, name, type).asFixedArity();
    } catch (ReflectiveOperationException e) {
      throw unavailable(owner.getName() + '.' + name + type, e);
    }
  }

  private static Object invoke(MethodHandle handle, Object... args) {
    try {
      return handle.invokeWithArguments(args);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(handle + " failed", t);
    }
  }

  private static ColsealConfigException unavailable(String what, Throwable cause) {
    return new ColsealConfigException("colseal-hibernate cannot run on Hibernate ORM " + Version.getVersionString()
        + ": " + what + " is not on the class path (" + cause.getClass().getSimpleName() + "), although this"
        + " Hibernate brings it; check the build for an exclusion or a second Hibernate version", cause);
  }
}
