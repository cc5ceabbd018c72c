package io.colseal.spring.internal;

import io.colseal.config.Setting;
import java.util.List;

/**
 * The settings only the Spring Boot starter reads, declared as colseal declares its own ({@link
 * io.colseal.ColsealSettings}), so that they are bound, checked, documented and listed in the
 * configuration metadata the same way.
 */
public final class StarterSettings {
  /**
   * Packages (comma-separated) in which the starter finds colseal's MyBatis type handlers and binds
   * them to the {@code Colseal} bean, when mybatis-spring-boot-starter is present. No default: no
   * handler is bound.
   */
  public static final Setting<String> MYBATIS_TYPE_HANDLERS_PACKAGE = Setting.text(
      "colseal.mybatis.type-handlers-package", "Java package names, comma-separated");

  private static final List<Setting<?>> ALL = List.of(MYBATIS_TYPE_HANDLERS_PACKAGE);

  private StarterSettings() {}

  /** Every setting of the starter. */
  public static List<Setting<?>> all() {
    return ALL;
  }
}
