package dev.settle.upstream.testsupport;

import dev.settle.stackkit.TestPostgres;
import java.io.IOException;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app on a random port over a real PostgreSQL. Subclasses share one server and, through
 * Spring's context cache, one application; the server stops when the JVM does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class PostgresBackedTest {

  private static final TestPostgres POSTGRES = new TestPostgres("upstream");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", POSTGRES::start);
    registry.add("spring.datasource.username", POSTGRES::username);
    registry.add("spring.datasource.password", () -> "");
  }

  @LocalServerPort private int port;

  protected UpstreamClient upstream;

  @BeforeEach
  void connectWithNoFaults() throws IOException, InterruptedException {
    upstream = new UpstreamClient(port);
    upstream.delete("/admin/faults");
  }

  protected int port() {
    return port;
  }
}
