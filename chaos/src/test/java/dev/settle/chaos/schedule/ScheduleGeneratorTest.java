package dev.settle.chaos.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.settle.chaos.stack.OwnStack;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScheduleGeneratorTest {

  @Test
  void theSameSeedGivesTheSameSchedule() {
    assertThat(ScheduleGenerator.generate(7, "run", 500))
        .isEqualTo(ScheduleGenerator.generate(7, "run", 500));
  }

  @Test
  void anotherSeedGivesAnotherSchedule() {
    Schedule a = ScheduleGenerator.generate(7, "run", 500);
    Schedule b = ScheduleGenerator.generate(8, "run", 500);

    assertThat(a.operations()).isNotEqualTo(b.operations());
    assertThat(a.faultBatches()).isNotEqualTo(b.faultBatches());
  }

  @Test
  void theRunIdOnlyRenamesKeysAccountsAndSkus() {
    Schedule a = ScheduleGenerator.generate(7, "one", 200);
    Schedule b = ScheduleGenerator.generate(7, "two", 200);

    for (int i = 0; i < 200; i++) {
      PlannedOperation x = a.operations().get(i);
      PlannedOperation y = b.operations().get(i);
      assertThat(x.key()).isEqualTo("one-" + i);
      assertThat(y.key()).isEqualTo("two-" + i);
      assertThat(x.amount()).isEqualTo(y.amount());
      assertThat(x.copies()).isEqualTo(y.copies());
      assertThat(x.debitAccount().replace("one", "two")).isEqualTo(y.debitAccount());
    }
  }

  @Test
  void operationsAreValidPaymentsAndOrdersSentOneToFiveTimes() {
    Schedule schedule = ScheduleGenerator.generate(3, "r1", 2000);
    List<PlannedOperation> ops = schedule.operations();

    assertThat(new HashSet<>(ops.stream().map(PlannedOperation::key).toList())).hasSize(2000);
    assertThat(ops)
        .extracting(PlannedOperation::copies)
        .allMatch(c -> c >= 1 && c <= 5)
        .contains(1, 2, 3, 4, 5);
    assertThat(ops.stream().filter(o -> o.type() == PlannedOperation.Type.ORDER).count() / 2000.0)
        .isCloseTo(0.4, within(0.05));
    assertThat(ops.stream().filter(PlannedOperation::mismatch).count() / 2000.0)
        .isCloseTo(0.10, within(0.03));
    assertThat(ops)
        .allSatisfy(
            op -> {
              assertThat(op.debitAccount())
                  .matches("[A-Za-z0-9._:-]{1,64}")
                  .isNotEqualTo(op.creditAccount());
              assertThat(op.amount()).matches("[0-9]+\\.[0-9]{2}");
              assertThat(op.mismatchBody()).isNotEqualTo(op.body());
              assertThat(op.items())
                  .hasSize(op.type() == PlannedOperation.Type.ORDER ? op.items().size() : 0);
            });
    assertThat(schedule.initialStock()).containsKeys("r1-sku0", "r1-sku3");
  }

  @Test
  void faultsArePlannedAtTheirSharesOfTheOperations() {
    Schedule schedule = ScheduleGenerator.generate(11, "r", 10_000);
    Map<String, Integer> planned = new TreeMap<>();
    schedule
        .faultBatches()
        .forEach(b -> b.rules().forEach(r -> planned.merge(r.mode(), r.count(), Integer::sum)));

    assertThat(planned.get(FaultPlan.COMMIT_THEN_TIMEOUT) / 10_000.0)
        .isCloseTo(0.35, within(0.01))
        .isGreaterThan(0.30);
    assertThat(planned.get(FaultPlan.FAIL_BEFORE_COMMIT) / 10_000.0).isCloseTo(0.10, within(0.01));
    assertThat(planned.get(FaultPlan.COMMIT_THEN_RESET) / 10_000.0).isCloseTo(0.05, within(0.01));
    assertThat(planned.get(FaultPlan.TIMEOUT_BEFORE_COMMIT) / 10_000.0)
        .isCloseTo(0.05, within(0.01));
    assertThat(planned.get(FaultPlan.LATENCY) / 10_000.0).isCloseTo(0.10, within(0.01));
    assertThat(schedule.faultBatches()).hasSize(10_000 / ScheduleGenerator.BATCH);
  }

  @Test
  void statusWindowsStayFarShorterThanTheReconciliationHorizon() {
    Schedule schedule = ScheduleGenerator.generate(5, "r", 10_000);
    long horizon = Duration.parse("PT" + OwnStack.RECONCILE_HORIZON.toUpperCase()).toMillis();

    assertThat(schedule.statusWindows()).hasSizeGreaterThan(30);
    assertThat(schedule.statusWindows())
        .allSatisfy(w -> assertThat(w.durationMs()).isBetween(3000L, horizon / 10));
    assertThat(ScheduleGenerator.generate(5, "r", 200).statusWindows()).isNotEmpty();
  }

  @Test
  void everyProcessFaultHappensInsideTheRun() {
    for (int ops : List.of(50, 200, 10_000)) {
      Schedule schedule = ScheduleGenerator.generate(9, "r", ops);
      int each = ScheduleGenerator.processFaultsEach(ops);

      for (ProcessFault.Kind kind : ProcessFault.Kind.values()) {
        assertThat(schedule.processFaults()).filteredOn(f -> f.kind() == kind).hasSize(each);
      }
      assertThat(schedule.processFaults())
          .allSatisfy(
              f -> assertThat(f.atOperation()).isBetween((int) (ops * 0.1) - 1, (int) (ops * 0.9)));
    }
    assertThat(ScheduleGenerator.processFaultsEach(200)).isEqualTo(1);
    assertThat(ScheduleGenerator.processFaultsEach(10_000)).isEqualTo(2);
  }
}
