package dev.settle.gateway.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses request bodies over the limit with 413 before anything reads them, whether the client
 * declared a Content-Length or streams the body chunked.
 */
@Component
public class BodySizeLimitFilter extends OncePerRequestFilter {
  public static final int LIMIT = 64 * 1024;

  /** A statement holds a day of an upstream's payments: far more than any request body. */
  public static final int STATEMENT_LIMIT = 8 * 1024 * 1024;

  public static final String STATEMENTS_PATH = "/v1/reconciliation/statements";

  private final HandlerExceptionResolver problems;

  public BodySizeLimitFilter(
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = STATEMENTS_PATH.equals(request.getRequestURI()) ? STATEMENT_LIMIT : LIMIT;
    if (request.getContentLengthLong() > limit) {
      problems.resolveException(request, response, null, ApiException.bodyTooLarge(limit));
      return;
    }
    chain.doFilter(new Limited(request, limit), response);
  }

  /** Counts what is read and fails past the limit; the advice turns that into a 413. */
  static final class Limited extends HttpServletRequestWrapper {
    private final long limit;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0) {
            count(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = in.read(buffer, offset, length);
          if (n > 0) {
            count(n);
          }
          return n;
        }

        private void count(int n) throws IOException {
          read += n;
          if (read > limit) {
            throw new BodyTooLargeException(limit);
          }
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }

  /** Thrown while reading a body that turned out to be over the limit. */
  static final class BodyTooLargeException extends IOException {
    final long limit;

    BodyTooLargeException(long limit) {
      super("request body over " + limit + " bytes", null);
      this.limit = limit;
    }
  }
}
