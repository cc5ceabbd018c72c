package io.colseal.mybatis;

import static java.util.Objects.requireNonNull;

import io.colseal.Colseal;
import io.colseal.EncryptedColumn;
import io.colseal.RegisteredBlindIndex;
import io.colseal.exception.ErrorCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.ibatis.io.ResolverUtil;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.Discriminator;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.mapping.ParameterMapping;
import org.apache.ibatis.mapping.ResultMap;
import org.apache.ibatis.mapping.ResultMapping;
import org.apache.ibatis.scripting.defaults.RawSqlSource;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.TypeHandler;
import org.apache.ibatis.type.TypeHandlerRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Sets colseal up in one MyBatis {@link Configuration}, with one call before the mappers are
 * loaded:
 *
 * <pre>{@code
 * Configuration configuration = new Configuration(environment);
 * ColsealMyBatis.configure(configuration, colseal, CustomerColumns.class);
 * configuration.addMapper(CustomerMapper.class);
 * SqlSessionFactory factory = new SqlSessionFactoryBuilder().build(configuration);
 * }</pre>
 *
 * <p>It
 *
 * <ol>
 *   <li>creates one instance of each handler class ({@link EncryptedTypeHandler} or {@link
 *       BlindIndexTypeHandler} subclasses; a class given that is neither stands for the handlers
 *       nested in it) and binds it to {@code colseal};
 *   <li>registers each instance in the Configuration's {@link TypeHandlerRegistry} for no Java
 *       type, so that {@code typeHandler=...} in mapper XML and {@code @Result(typeHandler = ...)}
 *       find this instance, while {@code String} and the other types keep MyBatis's own handlers;
 *   <li>adds the plugin that searches deterministic columns across key versions ({@code WHERE
 *       email = #{email,typeHandler=CustomerEmail}} finds rows under every live key version);
 *   <li>records every column and blind index in colseal's column registry ({@link
 *       Colseal#register}, {@link Colseal#registerBlindIndexes}), which the {@code colseal} command
 *       and the audit report work from, creating blind-index keys as needed;
 *   <li>{@linkplain #verify checks} the statements already loaded.
 * </ol>
 *
 * <p>Nothing is global: the handlers of a Configuration hold its {@link Colseal}, so two
 * SqlSessionFactories with different Colseal instances (two databases) do not share state. This is
 * the call a Spring {@code ConfigurationCustomizer} makes with the application's {@code Colseal};
 * it uses no Spring type. Calling it again with the same Colseal is harmless; with another, for
 * handlers already bound, fails.
 */
public final class ColsealMyBatis {
  private final List<EncryptedTypeHandler<?>> columns;
  private final List<BlindIndexTypeHandler> indexes;

  private ColsealMyBatis(List<EncryptedTypeHandler<?>> columns, List<BlindIndexTypeHandler> indexes) {
    this.columns = List.copyOf(columns);
    this.indexes = List.copyOf(indexes);
  }

  /**
   * Sets colseal up in {@code configuration} with the given handler classes, or classes that
   * declare handlers as nested classes; see the class comment.
   *
   * @throws ColsealMyBatisException if a class is not a usable handler, a handler class is already
   *     bound to another Colseal in this Configuration, or a statement already loaded uses an
   *     unbound handler or compares a deterministic column in a form that cannot be searched
   */
  public static ColsealMyBatis configure(Configuration configuration, Colseal colseal, Class<?>... handlers) {
    return configure(configuration, colseal, Arrays.asList(handlers));
  }

  /** {@link #configure(Configuration, Colseal, Class[])} with a collection. */
  public static ColsealMyBatis configure(Configuration configuration, Colseal colseal,
      Collection<? extends Class<?>> handlers) {
    requireNonNull(configuration, "configuration");
    requireNonNull(colseal, "colseal");
    Set<Class<?>> classes = new LinkedHashSet<>();
    for (Class<?> c : handlers) {
      classes.addAll(handlerClasses(requireNonNull(c, "handler class")));
    }
    return install(configuration, colseal, classes);
  }

  /**
   * {@link #configure(Configuration, Colseal, Class[])} with every handler class in the given
   * packages and their subpackages, found by MyBatis's own scanner ({@link ResolverUtil}, through
   * the Configuration's VFS as {@code typeHandlersPackage} is).
   *
   * @throws ColsealMyBatisException if a package holds no handler class
   */
  public static ColsealMyBatis configurePackages(Configuration configuration, Colseal colseal,
      String... packageNames) {
    requireNonNull(configuration, "configuration");
    requireNonNull(colseal, "colseal");
    Set<Class<?>> classes = new LinkedHashSet<>();
    for (String p : packageNames) {
      ResolverUtil<Object> found = new ResolverUtil<>();
      found.find(new ResolverUtil.IsA(EncryptedTypeHandler.class), p);
      found.find(new ResolverUtil.IsA(BlindIndexTypeHandler.class), p);
      List<Class<?>> here = found.getClasses().stream().<Class<?>>map(c -> c).filter(ColsealMyBatis::isHandler)
          .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
      if (here.isEmpty()) {
        throw new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, "package " + p + " holds no"
            + " EncryptedTypeHandler or BlindIndexTypeHandler subclass");
      }
      classes.addAll(here);
    }
    return install(configuration, colseal, classes);
  }

  private static ColsealMyBatis install(Configuration configuration, Colseal colseal, Set<Class<?>> classes) {
    TypeHandlerRegistry registry = configuration.getTypeHandlerRegistry();
    List<EncryptedTypeHandler<?>> columns = new ArrayList<>();
    List<BlindIndexTypeHandler> indexes = new ArrayList<>();
    for (Class<?> c : classes) {
      TypeHandler<?> handler = registry.getMappingTypeHandler(typeHandlerClass(c));
      if (!(handler != null && bound(handler, colseal))) {
        if (handler != null && bound(handler, null)) {
          throw new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, "this Configuration's " + c.getName()
              + " is bound to another Colseal instance; one Configuration works with one Colseal");
        }
        handler = instantiate(c);
        if (handler instanceof EncryptedTypeHandler<?> e) {
          e.bind(colseal);
        } else {
          ((BlindIndexTypeHandler) handler).bind(colseal);
        }
        // For no Java type: found by its class (typeHandler=...), never the default handler of String.
        registry.register((Class<Object>) null, (JdbcType) null, handler);
      }
      if (handler instanceof EncryptedTypeHandler<?> e) {
        columns.add(e);
      } else {
        indexes.add((BlindIndexTypeHandler) handler);
      }
    }
    if (configuration.getInterceptors().stream().noneMatch(SearchInterceptor.class::isInstance)) {
      configuration.addInterceptor(new SearchInterceptor());
    }
    ColsealMyBatis result = new ColsealMyBatis(columns, indexes);
    colseal.register(result.columns());
    colseal.registerBlindIndexes(result.blindIndexes());
    verify(configuration);
    return result;
  }

  /**
   * Checks the statements and result maps loaded in {@code configuration}: every colseal handler
   * they name is bound (one MyBatis created itself, because its class was not passed to {@link
   * #configure} before the mapper was loaded, is not), and no statement with static SQL compares a
   * deterministic column in a form that cannot be searched across key versions. Dynamic SQL is
   * checked when it runs. Call it once the mappers are loaded to fail at start-up rather than at
   * the first use.
   *
   * @throws ColsealMyBatisException naming the statements or result maps and the handlers
   */
  public static void verify(Configuration configuration) {
    List<String> unbound = new ArrayList<>();
    for (Object o : configuration.getResultMaps()) {
      if (o instanceof ResultMap rm) {
        for (ResultMapping m : rm.getResultMappings()) {
          unbound(m.getTypeHandler(), "result map " + rm.getId() + " (" + m.getColumn() + ")", unbound);
        }
        Discriminator d = rm.getDiscriminator();
        if (d != null) {
          unbound(d.getResultMapping().getTypeHandler(), "result map " + rm.getId() + " discriminator", unbound);
        }
      }
    }
    for (Object o : configuration.getMappedStatements()) {
      if (o instanceof MappedStatement ms) {
        for (ParameterMapping pm : ms.getParameterMap().getParameterMappings()) {
          unbound(pm.getTypeHandler(), "statement " + ms.getId() + " (" + pm.getProperty() + ")", unbound);
        }
        if (ms.getSqlSource() instanceof RawSqlSource raw) {
          BoundSql bound = raw.getBoundSql(null);
          for (ParameterMapping pm : bound.getParameterMappings()) {
            unbound(pm.getTypeHandler(), "statement " + ms.getId() + " (" + pm.getProperty() + ")", unbound);
          }
          SearchableSql.check(ms.getId(), bound);
        }
      }
    }
    if (!unbound.isEmpty()) {
      List<String> shown = unbound.stream().distinct().limit(10).toList();
      throw new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, "mappers use colseal type handlers that are not"
          + " bound to a Colseal instance (MyBatis created them itself: pass their classes to ColsealMyBatis.configure"
          + " before the mappers are loaded): " + String.join("; ", shown)
          + (unbound.size() > shown.size() ? "; ..." : ""));
    }
  }

  private static void unbound(@Nullable TypeHandler<?> handler, String where, List<String> out) {
    if (handler != null && isColsealHandler(handler.getClass()) && !bound(handler, null)) {
      out.add(where + ": " + handler.getClass().getName());
    }
  }

  private static boolean bound(TypeHandler<?> handler, @Nullable Colseal colseal) {
    if (handler instanceof EncryptedTypeHandler<?> e) {
      return e.isBound(colseal);
    }
    return handler instanceof BlindIndexTypeHandler b && b.isBound(colseal);
  }

  private static boolean isColsealHandler(Class<?> c) {
    return EncryptedTypeHandler.class.isAssignableFrom(c) || BlindIndexTypeHandler.class.isAssignableFrom(c);
  }

  private static boolean isHandler(Class<?> c) {
    return isColsealHandler(c) && !Modifier.isAbstract(c.getModifiers()) && !c.isAnonymousClass() && !c.isInterface();
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends TypeHandler<?>> typeHandlerClass(Class<?> c) {
    return (Class<? extends TypeHandler<?>>) c;
  }

  /** {@code c} itself if it is a handler, else the handlers nested in it. */
  private static List<Class<?>> handlerClasses(Class<?> c) {
    if (isHandler(c)) {
      return List.of(c);
    }
    if (isColsealHandler(c)) {
      throw new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, c.getName() + " is abstract; pass its concrete"
          + " subclasses, one per column");
    }
    List<Class<?>> nested = Arrays.stream(c.getDeclaredClasses()).filter(ColsealMyBatis::isHandler)
        .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
    if (nested.isEmpty()) {
      throw new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, c.getName() + " is not an EncryptedTypeHandler or"
          + " BlindIndexTypeHandler subclass and declares none");
    }
    return nested;
  }

  private static TypeHandler<?> instantiate(Class<?> c) {
    try {
      return (TypeHandler<?>) c.getConstructor().newInstance();
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, "cannot create " + c.getName() + ": "
          + e.getCause());
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new ColsealMyBatisException(ErrorCode.MAPPING_INVALID, "cannot create " + c.getName() + ": a handler"
          + " class must be public with a public no-argument constructor, as MyBatis requires (" + e + ")");
    }
  }

  /** The columns of the handlers configured, as recorded in colseal's column registry. */
  public List<EncryptedColumn> columns() {
    return columns.stream().map(EncryptedTypeHandler::describe).toList();
  }

  /** The blind indexes of the handlers configured, as recorded in colseal's column registry. */
  public List<RegisteredBlindIndex> blindIndexes() {
    return indexes.stream().map(BlindIndexTypeHandler::describe).toList();
  }

  /** The bound handler instances registered in the Configuration, in the order configured. */
  public List<TypeHandler<?>> handlers() {
    List<TypeHandler<?>> all = new ArrayList<>(columns);
    all.addAll(indexes);
    return List.copyOf(all);
  }

  @Override
  public String toString() {
    return "ColsealMyBatis[" + columns.size() + " columns, " + indexes.size() + " blind indexes]";
  }
}
