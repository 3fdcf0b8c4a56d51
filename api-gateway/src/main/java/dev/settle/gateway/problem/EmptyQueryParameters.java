package dev.settle.gateway.problem;

import static java.nio.charset.StandardCharsets.UTF_8;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A query parameter sent empty ({@code ?limit=}) is refused with 400. Spring MVC would read it as
 * absent and apply the default, so a client whose template lost a value would get an answer to a
 * question it did not ask.
 */
@Configuration
class EmptyQueryParameters implements WebMvcConfigurer, HandlerInterceptor {
  /** After authentication (order 0): an unauthenticated request learns nothing of its query. */
  static final int ORDER = 1;

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/v1/**").order(ORDER);
  }

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    String query = request.getQueryString();
    if (query == null) {
      return true;
    }
    // The query string itself, not getParameterMap(): that would also read a form body.
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (!pair.isEmpty() && (equals < 0 || equals == pair.length() - 1)) {
        String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), UTF_8);
        throw ApiException.invalidParameter(name, "may not be empty; leave it out instead");
      }
    }
    return true;
  }
}
