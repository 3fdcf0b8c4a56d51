package dev.settle.workflows.operation;

/**
 * The activity type names, pinned on the activity interfaces with {@code @ActivityMethod(name =
 * ...)}: they are in every recorded history and in the worker's per-type timeouts, so renaming a
 * Java method must not rename the type. Each is the name the SDK gave the method before it was
 * pinned (the method name, capitalised), which is what running workflows have recorded.
 */
public final class ActivityNames {
  private ActivityNames() {}

  public static final String CHARGE = "Charge";
  public static final String LOOKUP = "Lookup";

  public static final String POST = "Post";
  public static final String REVERSE = "Reverse";

  public static final String DELIVER = "Deliver";

  public static final String RECONCILIATION_POLICY = "ReconciliationPolicy";
  public static final String CALLBACK_POLICY = "CallbackPolicy";

  public static final String CREATE_ORDER = "CreateOrder";
  public static final String LOOKUP_ORDER = "LookupOrder";
  public static final String RESERVE_STOCK = "ReserveStock";
  public static final String LOOKUP_RESERVATION = "LookupReservation";
  public static final String CANCEL_ORDER = "CancelOrder";
  public static final String RELEASE_STOCK = "ReleaseStock";
  public static final String REFUND_PAYMENT = "RefundPayment";
}
