package dev.settle.gateway.callback;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** An optional client callback URL: absolute https (or http to loopback when allowed). */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = CallbackUrlValidator.class)
public @interface CallbackUrl {
  /** The field's OpenAPI description, the same on every request body that takes a callback. */
  String DESCRIPTION =
      "Optional https URL that receives a signed notification of the final status, at least"
          + " once (dedupe by the Settle-Delivery-Id header). Part of the request: the same key"
          + " with another callbackUrl gets 422.";

  String message() default
      "must be an absolute https URL without credentials or fragment, at most 2048 characters"
          + " (http only to a loopback host, and only where settle.gateway.callbacks.allow-http-loopback is set)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
