package io.colseal.benchmarks.kms;

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
 * Counts the calls a {@code KmsClient} makes, keyed by operation and the colseal table named in the
 * request's encryption context ({@code Decrypt/kms_t01}; {@code -} for a request without one).
 * {@link #apiCalls()} counts each API call once however many attempts it took; {@link
 * #httpRequests()} counts every HTTP request actually sent, retries included. Thread safe.
 */
final class KmsCallCounter implements ExecutionInterceptor {
  private final Map<String, LongAdder> apiCalls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> httpRequests = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    count(apiCalls, context.request(), attributes);
  }

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    count(httpRequests, context.request(), attributes);
  }

  private static void count(Map<String, LongAdder> counts, SdkRequest request, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    counts.computeIfAbsent(operation + "/" + tableOf(request), k -> new LongAdder()).increment();
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

  /** API calls so far, sorted by key. */
  Map<String, Long> apiCalls() {
    return snapshot(apiCalls);
  }

  /** HTTP requests sent so far, sorted by key. */
  Map<String, Long> httpRequests() {
    return snapshot(httpRequests);
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
