package dev.settle.gateway.auth;

import dev.settle.gateway.problem.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Operator endpoints act on every client's operations, so they take an operator key ({@code
 * settle.gateway.auth.operators}), never a client's.
 */
@Component
public class OperatorInterceptor implements HandlerInterceptor {
  static final String OPERATOR_ATTRIBUTE = OperatorInterceptor.class.getName() + ".operator";

  private final ApiKeyAuthenticator authenticator;

  public OperatorInterceptor(ApiKeyAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    String key = AuthInterceptor.bearer(request);
    String operator =
        authenticator
            .operatorFor(key)
            .orElseThrow(
                () ->
                    authenticator.clientFor(key).isPresent()
                        ? ApiException.forbidden(
                            "This endpoint is for operators: a client's key cannot use it.")
                        : ApiException.unauthenticated("This endpoint needs an operator key."));
    request.setAttribute(OPERATOR_ATTRIBUTE, operator);
    return true;
  }

  /** The operator {@link OperatorInterceptor} authenticated on this request. */
  public static String operatorOf(HttpServletRequest request) {
    return (String) request.getAttribute(OPERATOR_ATTRIBUTE);
  }
}
