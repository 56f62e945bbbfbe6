#!/usr/bin/env bash
# Start-up, measured side by side: the plain jar, the extracted layout, and the extracted layout with a CDS archive
# made by a training run (the same steps as the Dockerfile, which follows Spring Boot's "Class Data Sharing" page).
#
#   docs/startup/measure.sh [RUNS]          (from the project root; builds the jar if it is missing)
#
# For each of describe, score and validate: the median wall time and CPU time (user + sys) of RUNS runs.
# For the bot: the time until it is ready (the web server answers and the gateway login has started), against an
# unreachable Discord (every HTTPS connection goes to a local port where nothing listens), the CPU time used by
# then, and the resident memory (RSS) after IDLE_SECONDS of idling (still retrying Discord). Each bot run uses a
# new H2 file, so it includes the migrations. Environment: RUNS (5), BOT_RUNS (3), IDLE_SECONDS (10),
# JAVA_OPTS (extra JVM options for every run, e.g. "-Xmx256m -XX:ActiveProcessorCount=1").
set -euo pipefail

RUNS=${1:-${RUNS:-5}}
BOT_RUNS=${BOT_RUNS:-3}
IDLE_SECONDS=${IDLE_SECONDS:-10}
JAVA_OPTS=${JAVA_OPTS:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$ROOT/target/discovery-triage.jar
WORK=$(mktemp -d "${TMPDIR:-/tmp}/triage-startup.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package)

# 1. the extracted layout and its CDS archive, exactly as in the Dockerfile
java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/application" >/dev/null
(cd "$WORK/application" && DISCORD_TOKEN=training-run-only java -XX:ArchiveClassesAtExit=application.jsa \
    -Dspring.context.exit=onRefresh -Xlog:cds=off -Xlog:cds+dynamic=off -jar discovery-triage.jar \
    --spring.datasource.url=jdbc:h2:mem:training --server.port=0 --management.server.port=0 >"$WORK/training.log" 2>&1) \
  || { echo "training run failed:"; tail -20 "$WORK/training.log"; exit 1; }

declare -A LAUNCH=(
  [jar]="java $JAVA_OPTS -jar $JAR"
  [extracted]="java $JAVA_OPTS -jar $WORK/application/discovery-triage.jar"
  [cds]="java $JAVA_OPTS -XX:SharedArchiveFile=$WORK/application/application.jsa -Xlog:cds=off -jar $WORK/application/discovery-triage.jar"
)
MODES=(jar extracted cds)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
closed_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 40000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
TICKS=$(getconf CLK_TCK)
cpu_ms() { awk -v t="$TICKS" '{print int(($14 + $15) * 1000 / t)}' "/proc/$1/stat"; }

# 2. the scripting commands (no Spring context, no database)
cli() {
  local mode=$1; shift
  local walls=() cpus=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(now_ms)
    /usr/bin/time -f "%U %S" -o "$WORK/time" ${LAUNCH[$mode]} "$@" >/dev/null 2>&1
    end=$(now_ms)
    walls+=($((end - start)))
    cpus+=("$(awk '{print int(($1 + $2) * 1000)}' "$WORK/time")")
  done
  echo "$(printf '%s\n' "${walls[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)"
}

# 3. the bot: ready = "connecting to Discord" logged (after the web server started) and the web port answering
bot() {
  local mode=$1 readies=() cpus=() rsss=()
  for run in $(seq "$BOT_RUNS"); do
    local port dead dir log pid start ready
    port=$(closed_port); dead=$(closed_port)
    dir="$WORK/bot-$mode-$run"; mkdir -p "$dir"; log="$dir/out.log"
    start=$(now_ms)
    DISCORD_TOKEN=measure-not-a-token ${LAUNCH[$mode]/java /java -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=$dead } \
      --spring.datasource.url="jdbc:h2:file:$dir/triage" --server.port="$port" --management.server.port=0 \
      --triage.discord.login-timeout=10m >"$log" 2>&1 &
    pid=$!
    until grep -qs "connecting to Discord" "$log" && curl -s -o /dev/null "http://127.0.0.1:$port/"; do
      kill -0 "$pid" 2>/dev/null || { echo "bot ($mode) exited:"; tail -20 "$log"; exit 1; }
      sleep 0.02
    done
    ready=$(now_ms)
    readies+=($((ready - start)))
    cpus+=("$(cpu_ms "$pid")")
    sleep "$IDLE_SECONDS"
    rsss+=("$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")")
    # SIGKILL: a bot still logging in does not stop on SIGTERM before login-timeout (the start-up holds the
    # context's lock that the shutdown hook waits for); the measurement needs nothing of a clean stop
    kill -KILL "$pid"; wait "$pid" 2>/dev/null || true
  done
  echo "$(printf '%s\n' "${readies[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median) $(printf '%s\n' "${rsss[@]}" | median)"
}

shared=$(cd "$WORK/application" && java -XX:SharedArchiveFile=application.jsa -Xlog:cds=off -Xlog:class+load \
  -jar discovery-triage.jar validate | awk '/\[class,load\]/ {n++} /shared objects file/ {s++} END {printf "%d of %d", s, n}')
echo "Java: $(java -version 2>&1 | head -1); $(nproc) processors; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JAVA_OPTS: ${JAVA_OPTS:-(none)}; CLI runs: $RUNS, bot runs: $BOT_RUNS (medians), idle: ${IDLE_SECONDS}s"
echo "CDS archive: $(du -m "$WORK/application/application.jsa" | cut -f1) MB; validate loads $shared classes from it"
echo
printf '%-34s %16s %16s %16s\n' "median (wall ms / CPU ms)" "${MODES[@]}"
for command in "describe" "score --diagnostic product-leadership --answers leader-gone=yes,ceo-covering=yes" "validate"; do
  row=()
  for mode in "${MODES[@]}"; do
    read -r wall cpu < <(cli "$mode" $command)
    row+=("$wall / $cpu")
  done
  printf '%-34s %16s %16s %16s\n' "${command%% *}" "${row[@]}"
done
ready_row=(); rss_row=()
for mode in "${MODES[@]}"; do
  read -r ready cpu rss < <(bot "$mode")
  ready_row+=("$ready / $cpu"); rss_row+=("$rss MB")
done
printf '%-34s %16s %16s %16s\n' "bot ready" "${ready_row[@]}"
printf '%-34s %16s %16s %16s\n' "bot idle RSS (after ${IDLE_SECONDS}s)" "${rss_row[@]}"
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
