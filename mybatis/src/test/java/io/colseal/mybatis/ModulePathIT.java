package io.colseal.mybatis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.colseal.Colseal;
import io.colseal.testing.ModuleRules;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;

/**
 * colseal-mybatis as a named module, the way a modular application resolves it: its classes,
 * colseal-core's, MyBatis's jar (the automatic module {@code org.mybatis} its descriptor requires)
 * and their dependencies on a module path, in a layer of their own.
 */
class ModulePathIT {
  private static final String MYBATIS = "io.colseal.mybatis";

  @Test
  void namedModule_resolvesAgainstMyBatisAutomaticModule_andExportsItsApiOnly() throws Exception {
    List<Path> path = new ArrayList<>(List.of(ModuleRules.classesOf(ColsealMyBatis.class),
        ModuleRules.classesOf(Colseal.class), ModuleRules.classesOf(SqlSessionFactory.class)));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("bcprov-jdk18on") || name.startsWith("slf4j-api") || name.startsWith("jspecify")) {
        path.add(Path.of(entry));
      }
    }
    Configuration cf = ModuleLayer.boot().configuration().resolveAndBind(ModuleFinder.of(path.toArray(Path[]::new)),
        ModuleFinder.of(), Set.of(MYBATIS));
    ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
    Module module = layer.findModule(MYBATIS).orElseThrow();
    assertEquals(Set.of(MYBATIS), Set.copyOf(module.getDescriptor().exports().stream().map(e -> e.source()).toList()));
    assertTrue(module.canRead(layer.findModule("org.mybatis").orElseThrow()), "reads MyBatis");
    assertTrue(module.canRead(layer.findModule("io.colseal.core").orElseThrow()), "reads colseal-core");
    Class<?> configure = module.getClassLoader().loadClass("io.colseal.mybatis.ColsealMyBatis");
    assertEquals(module, configure.getModule(), "loaded from the module, not the class path");
    Class<?> handler = module.getClassLoader().loadClass("io.colseal.mybatis.EncryptedTypeHandler");
    assertEquals(layer.findModule("org.mybatis").orElseThrow(), handler.getInterfaces()[0].getModule(),
        "EncryptedTypeHandler implements MyBatis's TypeHandler from the org.mybatis module");
  }
}
