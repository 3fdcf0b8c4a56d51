package dev.settle.workflows.operation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.settle.workflows.callback.CallbackActivities;
import dev.settle.workflows.ledger.LedgerActivities;
import dev.settle.workflows.order.OrderActivities;
import dev.settle.workflows.payment.PaymentActivities;
import dev.settle.workflows.reconciliation.PolicyActivities;
import io.temporal.activity.ActivityMethod;
import io.temporal.common.metadata.POJOActivityInterfaceMetadata;
import io.temporal.common.metadata.POJOActivityMethodMetadata;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every activity type a worker registers is one of the pinned names, and each name is used. */
class ActivityNamesTest {
  static final List<Class<?>> INTERFACES =
      List.of(
          PaymentActivities.class,
          LedgerActivities.class,
          CallbackActivities.class,
          PolicyActivities.class,
          OrderActivities.class);

  @Test
  void theActivityTypesAreExactlyThePinnedNames() {
    List<String> registered =
        INTERFACES.stream()
            .flatMap(
                type ->
                    POJOActivityInterfaceMetadata.newInstance(type).getMethodsMetadata().stream())
            .map(POJOActivityMethodMetadata::getActivityTypeName)
            .toList();
    List<String> pinned =
        Stream.of(ActivityNames.class.getDeclaredFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
            .map(ActivityNamesTest::value)
            .toList();

    assertThat(registered).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(pinned);
    // What histories recorded before the names were pinned: the capitalised method names.
    for (Class<?> type : INTERFACES) {
      Arrays.stream(type.getDeclaredMethods())
          .filter(method -> method.isAnnotationPresent(ActivityMethod.class))
          .forEach(
              method -> {
                String name = method.getName();
                assertThat(registered)
                    .contains(Character.toUpperCase(name.charAt(0)) + name.substring(1));
              });
    }
  }

  private static String value(Field field) {
    try {
      return (String) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
