package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.testing.ModuleRules;
import java.io.File;
import java.lang.invoke.MethodHandles;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * colseal-core as a named module, the way a modular application runs it: its compiled classes and
 * those of its dependencies on a module path, in a module layer of their own. colseal starts there
 * (the local KEK provider found through {@code provides}, the key-table scripts read from the
 * module, BouncyCastle as a module), and the code outside the module cannot reach its internals, not
 * even by reflection.
 */
class ModulePathIT {
  private static final String CORE = "io.colseal.core";

  private static ModuleLayer layer() {
    List<Path> path = new ArrayList<>(List.of(ModuleRules.classesOf(Colseal.class)));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("bcprov-jdk18on") || name.startsWith("slf4j-api") || name.startsWith("jspecify")
          || name.startsWith("h2-")) {
        path.add(Path.of(entry));
      }
    }
    ModuleFinder finder = ModuleFinder.of(path.toArray(Path[]::new));
    Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(finder, ModuleFinder.of(),
        Set.of(CORE, "com.h2database"));
    return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void namedModule_startsEncryptsAndKeepsItsInternals(@TempDir Path dir) throws Exception {
    ModuleLayer layer = layer();
    Module core = layer.findModule(CORE).orElseThrow();
    ClassLoader loader = core.getClassLoader();
    assertEquals(Set.of("io.colseal", "io.colseal.config", "io.colseal.exception", "io.colseal.jdbc",
        "io.colseal.keys", "io.colseal.kms", "io.colseal.kms.local"), Set.copyOf(exported(core)));

    Class<?> configClass = loader.loadClass("io.colseal.ColsealConfig");
    assertEquals(core, configClass.getModule(), "loaded from the module, not the class path");
    Object config = configClass.getMethod("fromProperties", Map.class).invoke(null, Map.of(
        "colseal.kms.provider", "local", "colseal.kms.kek-id", "module-kek",
        "colseal.kms.local.keystore", dir.resolve("kek.p12").toString(),
        "colseal.kms.local.keystore-password", "module-path-test", "colseal.kms.local.create-if-missing", "true"));
    Class<?> h2 = layer.findLoader("com.h2database").loadClass("org.h2.jdbcx.JdbcDataSource");
    DataSource ds = (DataSource) h2.getConstructor().newInstance();
    h2.getMethod("setURL", String.class).invoke(ds, "jdbc:h2:" + dir.resolve("db") + ";DB_CLOSE_DELAY=-1");

    Class<?> colsealClass = loader.loadClass("io.colseal.Colseal");
    try (AutoCloseable colseal = (AutoCloseable) colsealClass.getMethod("start", DataSource.class, configClass)
        .invoke(null, ds, config)) {
      Object cipher = colsealClass.getMethod("textColumn", String.class, String.class, Class.class)
          .invoke(colseal, "customers", "email", String.class);
      String stored = (String) loader.loadClass("io.colseal.ColumnCipher").getMethod("encrypt", Object.class)
          .invoke(cipher, "customer1@example.com");
      assertTrue(stored.startsWith("cs1:01:0000000001:"), stored);
      assertEquals("customer1@example.com", loader.loadClass("io.colseal.ColumnCipher").getMethod("decrypt", Object.class)
          .invoke(cipher, stored));

      Object ring = colsealClass.getMethod("keyRing").invoke(colseal);
      String ringPackage = ring.getClass().getPackageName();
      assertEquals("io.colseal.internal.keyring", ringPackage);
      assertFalse(core.isExported(ringPackage));
      assertFalse(core.isOpen(ringPackage));
      for (Field f : ring.getClass().getDeclaredFields()) {
        assertThrows(InaccessibleObjectException.class, () -> f.setAccessible(true), f.toString());
      }
      Class<?> dataKeys = loader.loadClass("io.colseal.internal.keyring.DataKeys");
      Method encryptionKey = dataKeys.getMethod("encryptionKey",
          loader.loadClass("io.colseal.internal.keyring.TableCounters"));
      assertThrows(IllegalAccessException.class, () -> MethodHandles.publicLookup().unreflect(encryptionKey));
      assertThrows(InaccessibleObjectException.class, () -> encryptionKey.setAccessible(true));
    }
  }

  private static List<String> exported(Module m) {
    return m.getDescriptor().exports().stream().map(e -> e.source()).toList();
  }
}
