package io.colseal.testing;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/** The provider behind {@link EachDatabase}: one invocation per {@link TestDatabase.Kind}. */
final class EachDatabaseExtension implements TestTemplateInvocationContextProvider {
  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, EachDatabase.class)).isPresent();
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    EachDatabase each = AnnotationSupport.findAnnotation(method, EachDatabase.class).orElseThrow();
    Set<TestDatabase.Kind> excluded = Set.copyOf(Arrays.asList(each.except()));
    if (!excluded.isEmpty() && each.because().isBlank()) {
      throw new ExtensionConfigurationException(method + " leaves out " + excluded
          + " without saying why: @EachDatabase(except = ..., because = \"...\")");
    }
    if (excluded.size() == TestDatabase.Kind.values().length) {
      throw new ExtensionConfigurationException(method + " excludes every database");
    }
    return Arrays.stream(TestDatabase.Kind.values()).map(kind -> new Invocation(kind,
        excluded.contains(kind) ? each.because() : TestDatabase.skipReason(kind)));
  }

  private record Invocation(TestDatabase.Kind kind, String skipReason) implements TestTemplateInvocationContext {
    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + kind + "]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new Resolver(kind), (ExecutionCondition) c -> skipReason == null
          ? ConditionEvaluationResult.enabled("runs on " + kind)
          : ConditionEvaluationResult.disabled("not on " + kind + ": " + skipReason));
    }
  }

  /** Supplies the run's {@code Kind}, or a fresh {@code TestDatabase} of it that is closed after the run. */
  private record Resolver(TestDatabase.Kind kind) implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
      Class<?> type = p.getParameter().getType();
      return type == TestDatabase.Kind.class || type == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
      if (p.getParameter().getType() == TestDatabase.Kind.class) {
        return kind;
      }
      ExtensionContext.Store store = e.getStore(ExtensionContext.Namespace.create(EachDatabaseExtension.class,
          e.getUniqueId()));
      // The store closes an AutoCloseable value when the run ends.
      return store.getOrComputeIfAbsent("db", k -> TestDatabase.create(kind), TestDatabase.class);
    }
  }
}
