# Settle upstream-sim image. Build the jar first, then the image from the repository root:
#   ./mvnw -B -DskipTests package -pl upstream-sim -am
#   docker build -f deploy/docker/upstream-sim.Dockerfile -t settle/upstream-sim:0.1.0 .
# Only the jar is sent to the builder (upstream-sim.Dockerfile.dockerignore). The jar is split into Spring Boot's
# layers so that a code change rebuilds only the small top layer.

FROM eclipse-temurin:17.0.20_8-jre-noble AS layers
WORKDIR /build
COPY upstream-sim/target/upstream-sim.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17.0.20_8-jre-noble
RUN groupadd --system --gid 10001 settle \
 && useradd --system --uid 10001 --gid settle --home-dir /app --no-create-home --shell /usr/sbin/nologin settle
WORKDIR /app
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
# The apps bind to 127.0.0.1 unless told otherwise; in a container they must listen on every interface.
ENV SETTLE_BIND=0.0.0.0 \
    SETTLE_UPSTREAM_PORT=8089
USER 10001:10001
EXPOSE 8089
HEALTHCHECK --interval=10s --timeout=3s --start-period=90s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SETTLE_UPSTREAM_PORT}/actuator/health" || exit 1
# The base image's entrypoint stays: with USE_SYSTEM_CA_CERTS=1 it adds the CA certificates mounted under
# /certificates to the JVM's trust store (docs/deploy.md, "A secured Temporal").
CMD ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
