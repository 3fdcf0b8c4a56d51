package dev.settle.activities.reconciliation;

import dev.settle.workflows.operation.SettleNames;
import dev.settle.workflows.reconciliation.PolicyActivities;
import dev.settle.workflows.reconciliation.ReconciliationPolicy;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = SettleNames.TASK_QUEUE)
public class PolicyActivitiesImpl implements PolicyActivities {
  private final ReconciliationProperties properties;

  public PolicyActivitiesImpl(ReconciliationProperties properties) {
    this.properties = properties;
  }

  @Override
  public ReconciliationPolicy reconciliationPolicy(PolicyRequest request) {
    return properties.toPolicy();
  }
}
