# syntax=docker/dockerfile:1

# ---- build: the Maven wrapper on a full JDK ----
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
# The cache mount keeps the Maven repository between builds (BuildKit); nothing of it ends up in an image.
RUN --mount=type=cache,target=/root/.m2 chmod +x mvnw && ./mvnw -B -DskipTests package

# ---- run: a JRE, a non-root user, the conversation files, the data on a volume ----
FROM eclipse-temurin:17-jre
RUN groupadd --system triage && useradd --system --gid triage --home-dir /app --shell /usr/sbin/nologin triage
WORKDIR /app
COPY --from=build /src/target/discovery-triage.jar /app/discovery-triage.jar
COPY conversations/ /app/conversations/
RUN mkdir -p /app/data && chown -R triage:triage /app/data
USER triage
# The embedded H2 database lives in ./data (jdbc:h2:file:./data/triage): keep it on a volume.
# Set SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD) to use PostgreSQL instead.
VOLUME ["/app/data"]
# DISCORD_TOKEN (and TRIAGE_BOOKING_URL, ...) come from the environment at run time; never bake them in.
# Liveness only: a bot waiting for Discord is not ready, but restarting it would not help. The management port
# (8081) answers on 127.0.0.1 inside the container; publish it only with MANAGEMENT_ADDRESS=0.0.0.0 on a private network.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8081/actuator/health/liveness || exit 1
ENTRYPOINT ["java","-jar","/app/discovery-triage.jar"]
