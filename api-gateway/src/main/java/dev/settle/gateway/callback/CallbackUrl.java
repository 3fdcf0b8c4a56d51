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
  String message() default
      "must be an absolute https URL without credentials or fragment, at most 2048 characters"
          + " (http only to a loopback host, and only where settle.gateway.callbacks.allow-http-loopback is set)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};
}
