package dev.settle.gateway.auth;

import dev.settle.gateway.problem.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Every /v1 client request must carry {@code Authorization: Bearer <api key>} of a configured
 * client (webhooks are signed instead, operator endpoints take operator keys: see AuthConfig).
 */
@Component
public class AuthInterceptor implements HandlerInterceptor {
  static final String CLIENT_ATTRIBUTE = AuthInterceptor.class.getName() + ".client";
  static final String BEARER = "Bearer ";

  private final ApiKeyAuthenticator authenticator;

  public AuthInterceptor(ApiKeyAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    String key = bearer(request);
    String client =
        authenticator
            .clientFor(key)
            .orElseThrow(
                () ->
                    authenticator.operatorFor(key).isPresent()
                        ? ApiException.forbidden(
                            "An operator's key does not act as a client: use the client's key.")
                        : ApiException.unauthenticated("The API key is not valid."));
    request.setAttribute(CLIENT_ATTRIBUTE, client);
    return true;
  }

  static String bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw ApiException.unauthenticated("Send Authorization: Bearer <api key>.");
    }
    return header.substring(BEARER.length()).trim();
  }
}
