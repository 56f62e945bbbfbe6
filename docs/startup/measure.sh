#!/usr/bin/env bash
# Start-up, measured side by side: the plain jar, the extracted layout, and the extracted layout with a CDS archive
# made by a training run (the same steps as the Dockerfile, which follows Spring Boot's "Class Data Sharing" page),
# with the image's options (Spring AOT's build-time bean definitions included) and without AOT; for describe, score
# and validate also with the commands' own archive, which the image maps for them.
#
#   docs/startup/measure.sh [RUNS]          (from the project root; builds the jar if it is missing)
#
# For each of describe, score and validate: the median wall time and CPU time (user + sys) of RUNS runs.
# For the bot: the time until it is ready (the web server answers and the gateway login has started), against an
# unreachable Discord (every HTTPS connection goes to a local port where nothing listens), the CPU time used by
# then, and the resident memory (RSS) after IDLE_SECONDS of idling (still retrying Discord). Each bot run uses a
# new H2 file, so it includes the migrations ("bot ready, new database"); it is then stopped and started again on
# that file, whose schema is up to date ("bot ready, restart"), as after an upgrade or a reboot.
#
# Every run (the training run too) uses the JVM options of the Dockerfile's `ENV JAVA_OPTS` line, read from the
# Dockerfile, so the figures are those of what the image runs. Environment: RUNS (5), BOT_RUNS (3; 0 measures the
# commands only), IDLE_SECONDS (10), JAVA_OPTS (instead of the Dockerfile's options; JAVA_OPTS= measures the JVM's
# defaults), JAR (another jar), MODES (the columns: jar extracted cds cds-no-aot; the commands' rows add commands).
set -euo pipefail

RUNS=${1:-${RUNS:-5}}
BOT_RUNS=${BOT_RUNS:-3}
IDLE_SECONDS=${IDLE_SECONDS:-10}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
IMAGE_OPTS=$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' "$ROOT/Dockerfile")
JAVA_OPTS=${JAVA_OPTS-$IMAGE_OPTS}
JAR=${JAR:-$ROOT/target/discovery-triage.jar}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/triage-startup.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -DskipTests package)

# Without Spring AOT's build-time bean definitions: the image's options less -Dspring.aot.enabled=true
NO_AOT_OPTS=$(echo "$JAVA_OPTS" | sed 's/ *-Dspring\.aot\.enabled=true//')

# 1. the extracted layout and its CDS archive, exactly as in the Dockerfile (and once more without AOT)
java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/application" >/dev/null
mv "$WORK/application/$(basename "$JAR")" "$WORK/application/discovery-triage.jar" 2>/dev/null || true
train() { # options archive
  (cd "$WORK/application" && DISCORD_TOKEN=training-run-only java $1 -XX:ArchiveClassesAtExit="$2" \
      -Dspring.context.exit=onRefresh -Xlog:cds=off -Xlog:cds+dynamic=off -jar discovery-triage.jar \
      --spring.datasource.url=jdbc:h2:mem:training --server.port=0 --management.server.port=0 >"$WORK/$2.log" 2>&1) \
    || { echo "training run for $2 failed:"; tail -20 "$WORK/$2.log"; exit 1; }
}
train "$JAVA_OPTS" application.jsa
train "$NO_AOT_OPTS" application-no-aot.jsa
# the commands' archive: the classes validate, describe and describe --json loaded, with the JDK's, in one static
# archive (the Dockerfile's steps)
(cd "$WORK/application" && i=0 && for command in validate describe "describe --json"; do i=$((i + 1)); \
    java $JAVA_OPTS -XX:DumpLoadedClassList=$WORK/commands.$i.classlist -jar discovery-triage.jar $command >/dev/null \
      || exit 1; done \
  && cat $WORK/commands.*.classlist >$WORK/commands.classlist \
  && java $JAVA_OPTS -Xshare:dump -XX:SharedClassListFile=$WORK/commands.classlist -XX:SharedArchiveFile=commands.jsa \
    -Xlog:cds=off -jar discovery-triage.jar >"$WORK/commands.log" 2>&1) \
  || { echo "the commands' archive failed:"; tail -20 "$WORK/commands.log"; exit 1; }

# The extracted modes run from the application folder with the jar's relative name, as the image does (WORKDIR
# /app): Java 17 refuses a dynamic archive whose recorded class path differs ("the top archive failed to load"), and
# -Xshare:on makes that an error here instead of a silent fall-back to the JDK's base archive.
declare -A LAUNCH=(
  [jar]="java $JAVA_OPTS -jar $JAR"
  [extracted]="java $JAVA_OPTS -jar discovery-triage.jar"
  [cds]="java $JAVA_OPTS -Xshare:on -XX:SharedArchiveFile=application.jsa -Xlog:cds=off -jar discovery-triage.jar"
  [cds-no-aot]="java $NO_AOT_OPTS -Xshare:on -XX:SharedArchiveFile=application-no-aot.jsa -Xlog:cds=off -jar discovery-triage.jar"
  [commands]="java $JAVA_OPTS -Xshare:on -XX:SharedArchiveFile=commands.jsa -Xlog:cds=off -jar discovery-triage.jar"
)
declare -A TITLE=([jar]="jar" [extracted]="extracted" [cds]="extracted + CDS" [cds-no-aot]="extracted + CDS, no AOT"
  [commands]="extracted + the commands' CDS archive")
# MODES="cds cds-no-aot" measures only those columns; the commands' rows add the commands' archive
read -r -a MODES <<<"${MODES:-jar extracted cds cds-no-aot}"
CLI_MODES=("${MODES[@]}" commands)

median() { sort -n | awk '{a[NR]=$1} END {printf "%d\n", (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
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
cli() { # command... -> one "wall / cpu" cell per mode of CLI_MODES, tab-separated; the modes take turns, run after
         # run, so that a change in the machine's load falls on all of them alike
  local -A walls=() cpus=()
  for _ in $(seq "$RUNS"); do
    for mode in "${CLI_MODES[@]}"; do
      local start end
      start=$(now_ms)
      (cd "$WORK/application" && /usr/bin/time -f "%U %S" -o "$WORK/time" ${LAUNCH[$mode]} "$@" >/dev/null 2>&1) \
        || { echo "$mode $1 failed:" >&2; (cd "$WORK/application" && ${LAUNCH[$mode]} "$@" 2>&1 | tail -3) >&2; exit 1; }
      end=$(now_ms)
      walls[$mode]+="$((end - start)) "
      cpus[$mode]+="$(awk '{print int(($1 + $2) * 1000)}' "$WORK/time") "
    done
  done
  for mode in "${CLI_MODES[@]}"; do
    printf '%s / %s\t' "$(printf '%s\n' ${walls[$mode]} | median)" "$(printf '%s\n' ${cpus[$mode]} | median)"
  done
  echo
}

# 3. the bot: ready = "connecting to Discord" logged (after the web server started) and the web port answering
start_bot() { # mode dir -> sets pid, port; waits until ready, echoes "wall-ms cpu-ms"
  local mode=$1 dir=$2 dead start ready log=$2/out-$RANDOM.log
  port=$(closed_port); dead=$(closed_port)
  start=$(now_ms)
  (cd "$WORK/application" && DISCORD_TOKEN=measure-not-a-token exec \
    ${LAUNCH[$mode]/java /java -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=$dead } \
    --spring.datasource.url="jdbc:h2:file:$dir/triage" --server.port="$port" --management.server.port=0 \
    --triage.discord.login-timeout=10m >"$log" 2>&1) &
  pid=$!
  until grep -qs "connecting to Discord" "$log" && curl -s -o /dev/null "http://127.0.0.1:$port/"; do
    kill -0 "$pid" 2>/dev/null || { echo "bot ($mode) exited:" >&2; tail -20 "$log" >&2; exit 1; }
    sleep 0.02
  done
  ready=$(now_ms)
  echo "$((ready - start)) $(cpu_ms "$pid")"
}

# SIGKILL: a bot still logging in does not stop on SIGTERM before login-timeout (the start-up holds the context's
# lock that the shutdown hook waits for); the measurement needs nothing of a clean stop
stop_bot() { kill -KILL "$pid"; wait "$pid" 2>/dev/null || true; }

bot() {
  local mode=$1 readies=() cpus=() rsss=() again=() again_cpus=() wall cpu
  for run in $(seq "$BOT_RUNS"); do
    local dir="$WORK/bot-$mode-$run"; mkdir -p "$dir"
    start_bot "$mode" "$dir" >"$WORK/ready"; read -r wall cpu <"$WORK/ready"
    readies+=("$wall"); cpus+=("$cpu")
    sleep "$IDLE_SECONDS"
    rsss+=("$(awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")")
    stop_bot
    # the same database again: the schema is up to date, Flyway only validates
    start_bot "$mode" "$dir" >"$WORK/ready"; read -r wall cpu <"$WORK/ready"
    again+=("$wall"); again_cpus+=("$cpu")
    stop_bot
  done
  echo "$(printf '%s\n' "${readies[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median)" \
    "$(printf '%s\n' "${rsss[@]}" | median)" \
    "$(printf '%s\n' "${again[@]}" | median) $(printf '%s\n' "${again_cpus[@]}" | median)"
}

from_archive() { # archive -> "N of M": classes validate loads from it (and the JDK's under it), of all it loads
  (cd "$WORK/application" && java $JAVA_OPTS -XX:SharedArchiveFile="$1" -Xlog:cds=off -Xlog:class+load \
    -jar discovery-triage.jar validate | awk '/\[class,load\]/ {n++} /shared objects file/ {s++} END {printf "%d of %d", s, n}')
}
shared=$(from_archive application.jsa)
echo "Java: $(java -version 2>&1 | head -1); $(nproc) processors; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "JAVA_OPTS: ${JAVA_OPTS:-(none: the JVM defaults)}; CLI runs: $RUNS, bot runs: $BOT_RUNS (medians), idle: ${IDLE_SECONDS}s"
echo "CDS archive: $(du -m "$WORK/application/application.jsa" | cut -f1) MB; validate loads $shared classes from it"
echo "the commands' CDS archive: $(du -m "$WORK/application/commands.jsa" | cut -f1) MB; validate loads" \
  "$(from_archive commands.jsa) classes from it"
echo
row() { local cell line="|"; for cell in "$@"; do line+=" $cell |"; done; echo "$line"; }
titles=(); dashes=("---"); for mode in "${CLI_MODES[@]}"; do titles+=("${TITLE[$mode]}"); dashes+=("---"); done
row "median, wall ms / CPU ms" "${titles[@]}"
row "${dashes[@]}"
for command in "describe" "score --diagnostic product-leadership --answers leader-gone=yes,ceo-covering=yes" "validate"; do
  IFS=$'\t' read -r -a cells < <(cli $command)
  row "\`${command%% *}\`" "${cells[@]}"
done
if [ "$BOT_RUNS" -gt 0 ]; then
  ready_cells=(); rss_cells=(); again_cells=()
  for mode in "${MODES[@]}"; do
    read -r ready cpu rss again again_cpu < <(bot "$mode")
    ready_cells+=("$ready / $cpu"); rss_cells+=("$rss MB"); again_cells+=("$again / $again_cpu")
  done
  # the commands' archive is for the commands only: the bot maps application.jsa
  row "bot ready, new database" "${ready_cells[@]}" "–"
  row "bot ready, restart" "${again_cells[@]}" "–"
  row "bot idle RSS after ${IDLE_SECONDS} s" "${rss_cells[@]}" "–"
fi
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
