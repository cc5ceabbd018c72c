package io.colseal.kms.aws.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records the requests a KMS client sends and the responses it returns, as the SDK sees them after
 * marshalling and unmarshalling. Add it with {@link KmsEndpoint#client}. Thread safe.
 */
public final class KmsCallRecorder implements ExecutionInterceptor {
  private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();
  private final List<SdkResponse> responses = new CopyOnWriteArrayList<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    requests.add(context.request());
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    responses.add(context.response());
  }

  /** Requests of {@code type}, in the order they were made. */
  public <T extends SdkRequest> List<T> requests(Class<T> type) {
    return requests.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Every request, in the order made. */
  public List<SdkRequest> requests() {
    return List.copyOf(requests);
  }

  /** Responses of {@code type}, in the order they arrived; the objects the client returned. */
  public <T extends SdkResponse> List<T> responses(Class<T> type) {
    return responses.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
