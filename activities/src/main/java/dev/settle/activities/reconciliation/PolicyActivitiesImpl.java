package dev.settle.activities.reconciliation;

import dev.settle.activities.callback.CallbackProperties;
import dev.settle.workflows.callback.CallbackPolicy;
import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = SettleNames.TASK_QUEUE)
public class PolicyActivitiesImpl implements PolicyActivities {
  private final ReconciliationProperties properties;
  private final CallbackProperties callbacks;

  public PolicyActivitiesImpl(ReconciliationProperties properties, CallbackProperties callbacks) {
    this.properties = properties;
    this.callbacks = callbacks;
  }

  @Override
  public ReconciliationPolicy reconciliationPolicy(PolicyRequest request) {
    return properties.toPolicy();
  }

  @Override
  public CallbackPolicy callbackPolicy(PolicyRequest request) {
    return callbacks.toPolicy();
  }
}
