package io.colseal.spring.internal;

import io.colseal.ColsealConfig;
import io.colseal.ColsealSettings;
import io.colseal.config.Setting;
import io.colseal.exception.ColsealConfigException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The {@code colseal.*} settings as Spring Boot sees them: every known setting ({@link
 * ColsealSettings#all()}, KEK providers' included) bound through
 * Boot's {@link Binder}, so application.yml, application.properties, profiles, system properties
 * and relaxed environment variables ({@code COLSEAL_KMS_PROVIDER}) all work. Durations, flags and
 * numbers are bound by Boot first (so {@code 5m} works beside {@code PT5M}), then checked by the
 * setting itself.
 *
 * <p>A {@code colseal.*} name that no setting has, in any source but the process environment
 * (which other programs share), fails with {@link ColsealConfigException} naming the name and the
 * nearest setting.
 */
public final class BootSettings {
  private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("colseal");

  private final Map<String, Object> colseal;

  private BootSettings(Map<String, Object> colseal) {
    this.colseal = Collections.unmodifiableMap(colseal);
  }

  /**
   * Binds and checks every {@code colseal.*} setting of {@code environment}.
   *
   * @throws ColsealConfigException for an unknown name or an invalid value, naming the setting
   */
  public static BootSettings bind(Environment environment) {
    Binder binder = Binder.get(environment);
    Map<String, Object> colseal = new LinkedHashMap<>();
    for (Setting<?> s : ColsealSettings.all().values()) {
      bindOne(binder, s, colseal);
    }
    rejectUnknown(environment);
    // The values are checked now, so a bad one fails the start naming the setting, before Hibernate starts.
    ColsealConfig.Builder check = ColsealConfig.builder();
    colseal.forEach(check::setting);
    return new BootSettings(colseal);
  }

  private static void bindOne(Binder binder, Setting<?> s, Map<String, Object> into) {
    Class<?> type = s.type();
    Bindable<?> target = type == Duration.class || type == Boolean.class || type == Long.class
        ? Bindable.of(type) : Bindable.of(String.class);
    Object value;
    try {
      value = binder.bind(s.name(), target).orElse(null);
    } catch (RuntimeException e) {
      // Boot's conversion failed ("5 minutes"): the setting's own parser says what it accepts.
      value = binder.bind(s.name(), Bindable.of(String.class)).orElse(null);
    }
    if (value != null) {
      Object parsed = s.parse(value);
      // Text settings keep the text; typed ones go to Hibernate as text, as a properties file has them.
      into.put(s.name(), parsed instanceof String ? parsed : value.toString());
    }
  }

  private static void rejectUnknown(Environment environment) {
    if (!(environment instanceof ConfigurableEnvironment)) {
      return;
    }
    Set<ConfigurationPropertyName> known = new LinkedHashSet<>();
    ColsealSettings.all().keySet().forEach(n -> known.add(ConfigurationPropertyName.of(n)));
    for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
      if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource
          || !(source instanceof IterableConfigurationPropertySource iterable)) {
        continue;
      }
      List<ConfigurationPropertyName> names = iterable.stream().filter(ROOT::isAncestorOf).toList();
      for (ConfigurationPropertyName name : names) {
        if (!known.contains(name)) {
          throw unknown(name.toString());
        }
      }
    }
  }

  /** The "unknown setting" error colseal gives anywhere, with the nearest known name. */
  private static ColsealConfigException unknown(String name) {
    try {
      ColsealConfig.builder().setting(name, "");
    } catch (ColsealConfigException e) {
      return e;
    }
    throw new IllegalStateException(name + " is a known setting");
  }

  /** colseal's settings, by name, as text: what Hibernate and {@code ColsealConfig.fromProperties} read. */
  public Map<String, Object> colsealProperties() {
    return colseal;
  }

  /** The value of text setting {@code setting}, if set. */
  public @org.jspecify.annotations.Nullable String text(Setting<String> setting) {
    Object v = colseal.get(setting.name());
    return v == null ? null : v.toString();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("BootSettings{");
    colseal.forEach((k, v) -> b.append(k).append('=').append(ColsealSettings.isSecret(k) ? "****" : "set").append(", "));
    return b.append('}').toString();
  }
}
