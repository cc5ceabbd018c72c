package io.colseal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import io.colseal.internal.keyring.DataKeys;
import io.colseal.keys.KeyRing;
import io.colseal.kms.InsecureKeyAccess;
import io.colseal.testing.InMemoryKms;
import io.colseal.testing.ModuleRules;
import io.colseal.testing.OneDatabase;
import io.colseal.testing.TestDatabase;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.Key;
import java.security.spec.KeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** colseal-core's shape: what it exports, how its packages depend on each other, what it never uses. */
class ArchitectureTest {
  /** What applications and KEK providers may use; everything else is internal. */
  static final Set<String> API = Set.of("io.colseal", "io.colseal.config", "io.colseal.exception", "io.colseal.jdbc",
      "io.colseal.keys", "io.colseal.kms", "io.colseal.kms.local");

  /** Exported methods that return bytes which are not key material, and why. */
  private static final Set<String> NOT_SECRET = Set.of(
      "io.colseal.kms.WrappedKey.ciphertext", // the key as the KEK wrapped it: what the key table stores
      "io.colseal.kms.KeyContext.wrappingAad", // names and a version: associated data, documented and public
      "io.colseal.EnvelopeHeaders.binary", // a public envelope header
      "io.colseal.EnvelopeHeaders.binaryMagic",
      "io.colseal.kms.SigningKey.sign", // a signature: public by design
      "io.colseal.kms.SigningKey.publicKey", // the public half only; the private key never leaves
      "io.colseal.kms.local.LocalSigningKey.sign",
      "io.colseal.kms.local.LocalSigningKey.publicKey");

  @Test
  void moduleInfo_exportsTheApiPackagesOnly() {
    ModuleRules.assertExportsExactly(Colseal.class, API);
    ModuleDescriptor d = ModuleRules.descriptor(Colseal.class);
    assertTrue(d.opens().isEmpty(), "nothing is open to reflection: " + d.opens());
  }

  @Test
  void packages_areAcyclic() {
    ModuleRules.assertPackagesAcyclic(Colseal.class, "io.colseal");
  }

  @Test
  void internals_neverUseTheApplicationsEntryPoints() {
    Map<String, Set<String>> deps = ModuleRules.packageDependencies(ModuleRules.mainClasses(Colseal.class), "io.colseal");
    List<String> back = new ArrayList<>();
    deps.forEach((from, to) -> {
      if (from.startsWith("io.colseal.internal") && to.contains("io.colseal")) {
        back.add(from);
      }
    });
    assertTrue(back.isEmpty(), "internal packages that depend on io.colseal: " + back);
  }

  /**
   * Encrypting a value walks to the key row one way: DataKeys → UsageBudget → ActiveVersions →
   * SlotCache → KeyLoader → the key table. No class of the key ring uses one above it, and the key
   * table uses none of them.
   */
  @Test
  void keyRing_callsOneWay() {
    List<String> layers = List.of("DataKeys", "UsageBudget", "ActiveVersions", "SlotCache", "KeyLoader");
    List<String> backward = new ArrayList<>();
    for (JavaClass c : ModuleRules.mainClasses(Colseal.class)) {
      String from = topLevelName(c);
      int fromLayer = layers.indexOf(from);
      boolean keystore = c.getPackageName().equals("io.colseal.internal.keystore");
      if (fromLayer < 0 && !keystore) {
        continue;
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass();
        if (!target.getPackageName().equals("io.colseal.internal.keyring")) {
          continue;
        }
        int toLayer = layers.indexOf(topLevelName(target));
        if (keystore || (toLayer >= 0 && toLayer < fromLayer)) {
          backward.add(c.getName() + " -> " + target.getName());
        }
      }
    }
    assertTrue(backward.isEmpty(), "calls against the key ring's direction: " + new TreeSet<>(backward));
  }

  private static String topLevelName(JavaClass c) {
    String simple = c.getName().substring(c.getPackageName().length() + 1);
    int dollar = simple.indexOf('$');
    return dollar < 0 ? simple : simple.substring(0, dollar);
  }

  @Test
  void core_usesNoHibernateFlywayOrJpa() {
    ModuleRules.assertNoDependencyOn(Colseal.class, "org.hibernate.", "org.flywaydb.", "jakarta.persistence.",
        "liquibase.");
  }

  @Test
  void exportedTypes_handOutNoKeyBytes() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (String name : ModuleRules.mainClasses(Colseal.class).stream().map(c -> c.getName())
        .collect(Collectors.toCollection(TreeSet::new))) {
      Class<?> c = Class.forName(name, false, getClass().getClassLoader());
      if (!API.contains(c.getPackageName()) || !Modifier.isPublic(c.getModifiers())) {
        continue;
      }
      for (Method m : c.getMethods()) {
        if (m.getDeclaringClass() != c || !secretShaped(m.getReturnType())) {
          continue;
        }
        boolean tokenGuarded = List.of(m.getParameterTypes()).contains(InsecureKeyAccess.class);
        if (!tokenGuarded && !NOT_SECRET.contains(c.getName() + "." + m.getName())) {
          leaks.add(c.getName() + "." + m.getName());
        }
      }
      for (Field f : c.getFields()) {
        if (secretShaped(f.getType())) {
          leaks.add(c.getName() + "." + f.getName());
        }
      }
    }
    assertTrue(leaks.isEmpty(), "exported members that return bytes or keys: " + leaks);
  }

  private static boolean secretShaped(Class<?> type) {
    return type == byte[].class || type == char[].class || Key.class.isAssignableFrom(type)
        || KeySpec.class.isAssignableFrom(type);
  }

  @OneDatabase(because = "whether a cast opens the key ring view does not depend on the database")

  @Test
  void keyRing_isAViewThatNoCastOpens() {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2);
        Colseal colseal = Colseal.start(db.dataSource(), ColsealConfig.builder().kmsProvider(new InMemoryKms()).build())) {
      KeyRing ring = colseal.keyRing();
      assertFalse(DataKeys.class.isInstance(ring)); // DataKeys does not even implement KeyRing
      assertThrows(ClassCastException.class, () -> DataKeys.class.cast(ring));
      assertFalse(Modifier.isPublic(ring.getClass().getModifiers()), ring.getClass().getName());
      assertFalse(API.contains(ring.getClass().getPackageName()), ring.getClass().getName());
      assertEquals(List.of(), List.of(ring.getClass().getMethods()).stream()
          .filter(m -> m.getDeclaringClass() == ring.getClass() && secretShaped(m.getReturnType())).toList());
    }
  }
}
