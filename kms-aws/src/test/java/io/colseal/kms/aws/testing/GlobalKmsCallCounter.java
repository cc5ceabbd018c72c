package io.colseal.kms.aws.testing;

import io.colseal.kms.KeyContext;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.GenerateDataKeyRequest;

/**
 * Counts every API call of every SDK client in the JVM, by operation name and the colseal table in
 * its encryption context ({@code Decrypt/orders}). The SDK installs it in every client it builds
 * when a classpath resource {@value #RESOURCE} names it; {@code KmsCallCountIT} puts that resource
 * only on its child JVMs' classpath. One count per API call, however many HTTP attempts it took.
 */
public final class GlobalKmsCallCounter implements ExecutionInterceptor {
  public static final String RESOURCE = "software/amazon/awssdk/global/handlers/execution.interceptors";
  private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

  /** Called by the SDK. */
  public GlobalKmsCallCounter() {}

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    COUNTS.computeIfAbsent(operation + "/" + tableOf(context.request()), k -> new LongAdder()).increment();
  }

  private static String tableOf(SdkRequest request) {
    Map<String, String> context = Map.of();
    if (request instanceof GenerateDataKeyRequest g) {
      context = g.encryptionContext();
    } else if (request instanceof DecryptRequest d) {
      context = d.encryptionContext();
    }
    return context.getOrDefault(KeyContext.TABLE_KEY, "-");
  }

  /** Calls so far, sorted by key. */
  public static Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    COUNTS.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
