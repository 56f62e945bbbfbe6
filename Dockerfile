# syntax=docker/dockerfile:1

# ---- build: the Maven wrapper on a full JDK ----
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
# the conversation files are built into the jar (the default set); triage.conversations-dir can name another
COPY conversations/ conversations/
# The cache mount keeps the Maven repository between builds (BuildKit); nothing of it ends up in an image.
RUN --mount=type=cache,target=/root/.m2 chmod +x mvnw && ./mvnw -B -DskipTests package

# ---- run: a JRE, a non-root user, the data on a volume ----
FROM eclipse-temurin:17-jre
RUN groupadd --system triage && useradd --system --gid triage --home-dir /app --shell /usr/sbin/nologin triage
WORKDIR /app
COPY --from=build /src/target/discovery-triage.jar /app/discovery-triage.jar
RUN mkdir -p /app/data && chown -R triage:triage /app/data
USER triage
# The embedded H2 database lives in ./data (jdbc:h2:file:./data/triage): keep it on a volume.
# Set SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD) to use PostgreSQL instead.
VOLUME ["/app/data"]
# DISCORD_TOKEN (and TRIAGE_BOOKING_URL, ...) come from the environment at run time; never bake them in.
ENTRYPOINT ["java","-jar","/app/discovery-triage.jar"]
