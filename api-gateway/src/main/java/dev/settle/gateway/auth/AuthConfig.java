package dev.settle.gateway.auth;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
class AuthConfig implements WebMvcConfigurer {
  /** Signed by the upstream (HMAC), not by an API key: the controller verifies the signature. */
  public static final String WEBHOOKS = "/v1/webhooks/**";

  /** Operator endpoints, across clients: operator keys only. */
  public static final String OPERATOR = "/v1/reconciliation/**";

  /** An operator's verdict on a client's operation: who decides is the operator key's holder. */
  public static final String RESOLVE = "/v1/operations/*/resolve";

  private final AuthInterceptor interceptor;
  private final OperatorInterceptor operators;

  AuthConfig(AuthInterceptor interceptor, OperatorInterceptor operators) {
    this.interceptor = interceptor;
    this.operators = operators;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry
        .addInterceptor(interceptor)
        .addPathPatterns("/v1/**")
        .excludePathPatterns(WEBHOOKS, OPERATOR, RESOLVE);
    registry.addInterceptor(operators).addPathPatterns(OPERATOR, RESOLVE);
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(
        new HandlerMethodArgumentResolver() {
          @Override
          public boolean supportsParameter(MethodParameter parameter) {
            return parameter.hasParameterAnnotation(AuthenticatedClient.class)
                || parameter.hasParameterAnnotation(AuthenticatedOperator.class);
          }

          @Override
          public Object resolveArgument(
              MethodParameter parameter,
              ModelAndViewContainer mav,
              NativeWebRequest request,
              WebDataBinderFactory binders) {
            String attribute =
                parameter.hasParameterAnnotation(AuthenticatedClient.class)
                    ? AuthInterceptor.CLIENT_ATTRIBUTE
                    : OperatorInterceptor.OPERATOR_ATTRIBUTE;
            return request.getAttribute(attribute, RequestAttributes.SCOPE_REQUEST);
          }
        });
  }
}
