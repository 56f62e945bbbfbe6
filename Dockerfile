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
# The extracted layout (application jar + lib/), which starts faster than the nested jar and suits CDS.
RUN java -Djarmode=tools -jar target/discovery-triage.jar extract --layers --destination /extracted

# ---- run: a JRE, a non-root user, the data on a volume ----
FROM eclipse-temurin:17-jre
RUN groupadd --system triage && useradd --system --gid triage --home-dir /app --shell /usr/sbin/nologin triage
WORKDIR /app
# one layer per Spring Boot layer: a code change rebuilds only the last one
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# The JVM options of every start (and of the training run below, so that the archive matches them). For a small,
# I/O-bound bot: C1 only (-XX:TieredStopAtLevel=1: C2's compilations would compete with the start-up for the cores and
# buy nothing a bot waiting on Discord and the database would notice), the Serial collector (one thread, no
# concurrent work; the live heap is about 30 MB), and a heap that starts small (-Xms32m: the idle footprint is what
# the bot uses, not a 64th of the host's memory) and is bounded (-Xmx256m); one C1 thread (-XX:CICompilerCount=1:
# a second one competed with the start-up for the 2 cores). -Dspring.aot.enabled=true starts the bot with the bean
# definitions Spring AOT generated at build time (the jar holds them) instead of parsing the configuration classes
# and their conditions at every start; the settings that choose beans are then fixed (README "Start-up"), and a
# start that changes one stops with the fix. docs/startup/measure.sh reads this line, so the README's start-up
# figures are measured with exactly these options. Replace them at run time with -e JAVA_OPTS="..." (e.g. a larger
# -Xmx, or without -Dspring.aot.enabled=true to choose the beans at start-up).
ENV JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:+UseSerialGC -Xms32m -Xmx256m -Dspring.aot.enabled=true"
# Class Data Sharing (Spring Boot reference, "Class Data Sharing"): a training run on this JRE and this classpath
# starts the application up to a refreshed context and exits (-Dspring.context.exit=onRefresh), and the JVM writes
# the classes it loaded to application.jsa. The token is a placeholder (the bot never connects: its lifecycle is not
# started) and the database is in memory, so nothing of the run is left but the archive.
RUN DISCORD_TOKEN=training-run-only java $JAVA_OPTS -XX:ArchiveClassesAtExit=application.jsa \
        -Dspring.context.exit=onRefresh -Xlog:cds=off -Xlog:cds+dynamic=off -jar discovery-triage.jar \
        --spring.datasource.url=jdbc:h2:mem:training --server.port=0 \
    && mkdir -p /app/data && chown -R triage:triage /app/data
# describe, score and validate load a tenth of those classes and finish in a fraction of a second, and the JVM maps
# an archive at a random address and relocates it, at a cost that grows with its size (the bot's, above, about 60 MB:
# a fifth to a quarter of such a run). They get their own, smaller archive: the classes these commands loaded in a run each
# (-XX:DumpLoadedClassList), dumped together with the JDK's (-Xshare:dump). The entrypoint picks it for them.
RUN i=0; for command in validate describe "describe --json"; do i=$((i + 1)); \
        java $JAVA_OPTS -XX:DumpLoadedClassList=/tmp/commands.$i.classlist -jar discovery-triage.jar $command \
            >/dev/null || exit 1; \
    done \
    && cat /tmp/commands.*.classlist >/tmp/commands.classlist \
    && java $JAVA_OPTS -Xshare:dump -XX:SharedClassListFile=/tmp/commands.classlist -XX:SharedArchiveFile=commands.jsa \
        -Xlog:cds=off -jar discovery-triage.jar \
    && rm /tmp/commands.*classlist
USER triage
# The embedded H2 database lives in ./data (jdbc:h2:file:./data/triage): keep it on a volume.
# Set SPRING_DATASOURCE_URL (and _USERNAME, _PASSWORD) to use PostgreSQL instead.
VOLUME ["/app/data"]
# DISCORD_TOKEN (and TRIAGE_BOOKING_URL, ...) come from the environment at run time; never bake them in.
# Liveness only: a bot waiting for Discord is not ready, but restarting it would not help. The management port
# (8081) answers on 127.0.0.1 inside the container; publish it only with MANAGEMENT_ADDRESS=0.0.0.0 on a private network.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8081/actuator/health/liveness || exit 1
# -Xlog:cds=off: an archive that cannot be used (another JVM) is skipped quietly; the application starts anyway.
# sh -c to expand $JAVA_OPTS and to pick the archive (commands.jsa for describe, score and validate, which start no
# Spring context; application.jsa for the bot and the other commands); exec makes java the container's PID 1 (it
# gets SIGTERM), and "$@" passes a command (validate, describe, ...) through.
ENTRYPOINT ["sh","-c","case \"$1\" in describe|score|validate) archive=commands.jsa;; *) archive=application.jsa;; esac; exec java $JAVA_OPTS -XX:SharedArchiveFile=$archive -Xlog:cds=off -jar discovery-triage.jar \"$@\"","discovery-triage"]
