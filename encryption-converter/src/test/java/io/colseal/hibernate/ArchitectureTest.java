package io.colseal.hibernate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import io.colseal.testing.ModuleRules;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** colseal-hibernate's shape: it exports its one package and reaches colseal-core through core's API only. */
class ArchitectureTest {
  /**
   * The classes that use Hibernate's SPI or internal packages: the 19 of the module split, plus
   * IndexedParameter (a blind-index query parameter bound as its index, like VersionedParameter),
   * CheckingHqlTranslator and QueryCheck (queries checked where they are created and named queries
   * at start-up), and the Hibernate-line adapter: HibernateLine (what differs between 6.6, 7.2 and
   * 7.4), ConverterDescriptorProxy (the line's ConverterDescriptor) and ConverterSpec (what colseal's
   * three descriptors answer, line-neutral), and RowBoundAttributes (the pre-insert, pre-update and
   * pre-load events that give a bindToRow attribute its row). Every one of them runs on each supported line in the
   * hibernate-lines test modules. A new one is a decision, not an accident.
   */
  private static final Set<String> HIBERNATE_SPI_USERS = Set.of("AutoApplyEncryptedDescriptor",
      "BlindIndexAttributeBinder", "BlindIndexGenerator", "BlindIndexJpaConverter", "BlindIndexScan", "BlindIndexes",
      "CheckingHqlTranslator", "ColsealHibernate", "ColsealIntegrator", "ColsealJpaConverter",
      "ColsealMetadataBuilderInitializer", "ColsealServiceContributor", "ColsealSessionFactoryObserver",
      "ConverterDescriptorProxy", "ConverterSpec", "EncryptedAttributeBinder", "HibernateLine", "IndexedParameter",
      "PerAttributeConverterDescriptor", "QueryCheck", "RedactingJavaTypes", "RowBoundAttributes", "RuntimeModelCheck",
      "SearchableSqmTranslator", "SearchableSqmTranslatorFactory", "VersionedParameter");

  @Test
  void moduleInfo_exportsTheApiPackageOnly() {
    ModuleRules.assertExportsExactly(ColsealHibernate.class, Set.of("io.colseal.hibernate"));
  }

  @Test
  void usesNoInternalsOfTheCore() {
    ModuleRules.assertNoDependencyOn(ColsealHibernate.class, "io.colseal.internal.");
  }

  @Test
  void hibernateSpiAndInternals_areUsedByTheKnownClassesOnly() {
    Set<String> users = new TreeSet<>();
    for (JavaClass c : ModuleRules.mainClasses(ColsealHibernate.class)) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getPackageName();
        if (target.startsWith("org.hibernate.") && (target.contains(".spi") || target.contains(".internal"))) {
          users.add(c.getName().substring(c.getPackageName().length() + 1).replaceAll("\\$.*", ""));
        }
      }
    }
    Set<String> unexpected = new TreeSet<>(users);
    unexpected.removeAll(HIBERNATE_SPI_USERS);
    assertTrue(unexpected.isEmpty(), "classes newly using Hibernate SPI or internals: " + unexpected);
  }
}
