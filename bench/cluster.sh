#!/usr/bin/env bash
# Two nodes on one PostgreSQL: opt-out intake on one node and on two, each node's share of the jobs, the jobs failed,
# and the database work and CPU per case.
# Usage: bash bench/cluster.sh [seconds per measurement]  (default 15)
# Needs: PostgreSQL on 127.0.0.1:5432 (trust auth), wrk (installed with apt-get when missing), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
CONNECTIONS="${PCM_BENCH_CONNECTIONS:-16}"
WARMUP="${PCM_BENCH_WARMUP:-180}"
WARMUP_MAX="${PCM_BENCH_WARMUP_MAX:-$WARMUP}"
JIT_QUIET="${PCM_BENCH_JIT_QUIET:-5}"
DRAIN="${PCM_BENCH_DRAIN:-300}"
RECEIVER_PORT="${PCM_BENCH_RECEIVER_PORT:-18092}"
# the two nodes share this machine's database and cores: each gets half the one node's job threads
# (max-pool-size = the cores, engine/JobThreadDefaults) and database connections (Hikari's 10), so
# both rows run as many threads and connections on the one database; PCM_BENCH_TWO_NODE_ARGS= (empty)
# keeps the full pools
HALF_THREADS=$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))
TWO_NODE_ARGS="${PCM_BENCH_TWO_NODE_ARGS---camunda.bpm.job-execution.max-pool-size=$HALF_THREADS --spring.datasource.hikari.maximum-pool-size=5}"
PORT_A="${PCM_BENCH_PORT:-18080}"
PORT_B=$((PORT_A + 1))
DB="pcm_cluster_$(date +%s)"
WORK="$(mktemp -d)"
SECRET="bench-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ADMIN_PASSWORD="bench-admin-$RANDOM$RANDOM"
PSQL=(psql -h 127.0.0.1 -U postgres -d "$DB" -Atq)

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
mvn -B -q -Dstyle.color=never -DskipTests package
psql -h 127.0.0.1 -U postgres -d test -qc "create database $DB"
PIDS=()
RECEIVER_PID=""
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null && wait "$RECEIVER_PID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d test -qc "drop database if exists $DB with (force)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
bash bench/vacuum.sh "$DB" &   # autovacuum's work, when the server has it off
PIDS+=("$!")

python3 bench/receiver.py "$RECEIVER_PORT" "$WORK/receiver.counts" \
  demo-ad-network=demo-only-webhook-secret-0001 demo-analytics=demo-only-webhook-secret-0002 &
RECEIVER_PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$RECEIVER_PORT/" >/dev/null 2>&1 && break; sleep 0.1; done

start_node() { # name port [application arguments] -> pid in NODE_PID; waits until healthy
  PCM_DEMO_BUSINESS=true SPRING_PROFILES_ACTIVE=postgres PCM_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PCM_DB_USER=postgres \
  PCM_ADMIN_USER=benchadmin PCM_ADMIN_PASSWORD="$ADMIN_PASSWORD" PCM_SECRET="$SECRET" PCM_PUBLIC_BASE_URL="http://127.0.0.1:$2" \
  java ${PCM_BENCH_JAVA_OPTS:--Xmx768m -XX:MaxGCPauseMillis=10} -jar target/privacy-case-manager-*.jar --server.port="$2" \
    --camunda.bpm.generic-properties.properties.hostname="$1" \
    --privacy.intake.rate-limit.requests-per-minute=1000000000 --privacy.intake.rate-limit.burst=1000000000 \
    --privacy.demo-business.recipient-base-url="http://127.0.0.1:$RECEIVER_PORT" \
    --privacy.mail.outbox-dir="$WORK/outbox" --logging.level.root=WARN ${PCM_BENCH_APP_ARGS:-} ${3:-} > "$WORK/$1.log" 2>&1 &
  NODE_PID=$!
  PIDS+=("$NODE_PID")
  for _ in $(seq 1 180); do
    curl -sf "http://127.0.0.1:$2/actuator/health" >/dev/null 2>&1 && return 0
    kill -0 "$NODE_PID" 2>/dev/null || { cat "$WORK/$1.log"; exit 1; }
    sleep 1
  done
  echo "$1 did not start"; exit 1
}
stop_node() { kill "$1" && wait "$1" 2>/dev/null || true; } # SIGTERM: the engine writes its metrics as it closes

to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v/1000; else if (v ~ /ms$/) printf "%.2f", v+0; else if (v ~ /s$/) printf "%.2f", v*1000; else print v }'; }
wrk_on() { # port connections seconds outfile
  wrk -t1 -c"$2" -d"$3s" --latency -s bench/intake.lua "http://127.0.0.1:$1" > "$4" 2>&1
}
summary() { # wrk outputs... -> "rps p50 p99 non2xx" (rps and non-2xx summed, latencies of the first)
  local rps=0 bad=0 p50 p99
  for f in "$@"; do
    rps=$(awk -v a="$rps" '/^Requests\/sec/ {printf "%.0f", a + $2}' "$f")
    bad=$(awk -v a="$bad" '/Non-2xx or 3xx responses/ {a += $5} END {print a + 0}' "$f")
  done
  p50=$(awk '$1=="50%" {print $2}' "$1"); p99=$(awk '$1=="99%" {print $2}' "$1")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") $bad"
}
# wait until no job is due (timers weeks ahead and the nightly cleanup do not count)
drain() {
  for _ in $(seq 1 "$DRAIN"); do
    [ "$("${PSQL[@]}" -c "select count(*) from act_ru_job where retries_ > 0 and (duedate_ is null or duedate_ <= now() + interval '1 minute') and handler_type_ <> 'history-cleanup'")" = 0 ] && return 0
    sleep 1
  done
  echo "jobs still due after $DRAIN s" >&2
}
stats() { sleep 2; "${PSQL[@]}" -F' ' -c "select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_returned + tup_fetched from pg_stat_database where datname = current_database()"; }
cases() { "${PSQL[@]}" -c "select count(*) from privacy_case"; }
# CPU snapshot to a file, in 1/100 s: "machine <busy> <total>" (/proc/stat), "jvm <utime+stime>" for each
# given JVM (/proc/<pid>/stat), "thread <tid> <group> <ticks>" for its threads (/proc/<pid>/task/*/stat;
# groups: jobs = Camunda's task executor, acq = its acquisition thread, http = Tomcat's, jit = C1/C2 compilers),
# "pg <ticks>" for every postgres process
cpu() {
  local out="$1" pid; shift
  {
    awk '$1 == "cpu" { print "machine", $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat
    for pid in "$@"; do
      awk '{ sub(/^.*\) /, ""); print "jvm", $12 + $13 }' "/proc/$pid/stat"
      for f in /proc/"$pid"/task/*/stat; do cat "$f" 2>/dev/null || true; echo; done | awk 'NF {
        id = $1; c = $0; sub(/^[0-9]+ \(/, "", c); sub(/\).*/, "", c); r = $0; sub(/^.*\) /, "", r); split(r, v, " ")
        g = c ~ /^camundaTaskExec/ ? "jobs" : c ~ /^JobExecutor/ ? "acq" : c ~ /^http-nio-/ ? "http" : c ~ /^C[12] CompilerThre/ ? "jit" : "other"
        print "thread", id, g, v[12] + v[13] }'
    done
    for f in /proc/[0-9]*/stat; do cat "$f" 2>/dev/null || true; echo; done \
      | awk '/^[0-9]+ \(postgres\)/ { sub(/^.*\) /, ""); split($0, v, " "); t += v[12] + v[13] } END { print "pg", t + 0 }'
  } > "$out"
}
# snapshots before wrk, after wrk, after the drain; cases -> the machine's busy share during wrk and, in ms
# per case over the intake and its jobs, "jvm jobs acquisition http jit other postgres" (jobs includes its acquisition thread). A thread's ticks count from
# the first snapshot it is in; threads that ended meanwhile (idle pool threads) fall into "other" by way
# of the JVM's total
cpu_per_case() {
  awk -v n="$4" '
    FILENAME == ARGV[1] { if ($1 == "machine") { b0 = $2; t0 = $3 } else if ($1 == "jvm") j0 += $2; else if ($1 == "thread") first[$2] = $4; else if ($1 == "pg") p0 = $2; next }
    FILENAME == ARGV[2] { if ($1 == "machine") { b1 = $2; t1 = $3 }; next }
    { if ($1 == "jvm") j2 += $2; else if ($1 == "thread") g[$3] += $4 - ($2 in first ? first[$2] : 0); else if ($1 == "pg") p2 = $2 }
    END {
      jvm = j2 - j0; known = g["jobs"] + g["acq"] + g["http"] + g["jit"]
      printf "%.0f%% %.1f %.1f %.1f %.1f %.1f %.1f %.1f", 100 * (b1 - b0) / (t1 - t0), 10 * jvm / n, 10 * (g["jobs"] + g["acq"]) / n, 10 * g["acq"] / n, 10 * g["http"] / n, 10 * g["jit"] / n, 10 * (jvm - known) / n, 10 * (p2 - p0) / n }' "$1" "$2" "$3"
}
now() { date +%s.%N; }
# jobs whose last run failed on a concurrent update (Camunda's OptimisticLockingException, ENGINE-03005)
# and that wait for their retry
ole() { "${PSQL[@]}" -c "select count(*) from act_ru_job where exception_msg_ like 'ENGINE-03005%'"; }
# CPU ticks of the JIT compiler threads of the given JVMs (from a cpu snapshot)
jit_ticks() { cpu "$WORK/jit" "$@"; awk '$1 == "thread" && $3 == "jit" { t += $4 } END { print t + 0 }' "$WORK/jit"; }
# warm-up "port..." "pid...": rounds of 15 s of wrk on every port (the connections split between them),
# each followed by the drain, for at least WARMUP seconds of wrk and until the JVMs' JIT compilers used
# less than JIT_QUIET % of a core per JVM over a round, or WARMUP_MAX seconds of wrk; prints the rounds
warm_up() {
  local ports=($1) pids=($2) done_s=0 round=15 j0 t0 share w port
  while :; do
    j0=$(jit_ticks "${pids[@]}"); t0=$(now); w=()
    for port in "${ports[@]}"; do wrk_on "$port" $((CONNECTIONS / ${#ports[@]})) "$round" /dev/null & w+=("$!"); done
    wait "${w[@]}"; drain; done_s=$((done_s + round))
    share=$(awk -v j="$(( $(jit_ticks "${pids[@]}") - j0 ))" -v t="$(awk -v a="$t0" -v b="$(now)" 'BEGIN { print b - a }')" -v n="${#pids[@]}" \
      'BEGIN { printf "%.1f", j / t / n }')
    echo "warm-up ${#pids[@]} node(s): ${done_s}s of wrk, JIT compilers ${share} % of a core per JVM over the round" >&2
    WARMED="${done_s}s of wrk, JIT at ${share} % of a core per JVM in the last round"
    [ "$done_s" -ge "$WARMUP" ] && awk -v s="$share" -v q="$JIT_QUIET" 'BEGIN { exit !(s < q) }' && return 0
    [ "$done_s" -ge "$WARMUP_MAX" ] && return 0
  done
}
# wrk start, wrk end, drained, cases after, cases before -> "cases-per-second-with-their-jobs drain-seconds"
done_rate() { awk -v a="$1" -v b="$2" -v c="$3" -v n="$(($4 - $5))" 'BEGIN { printf "%.0f %.0f", n / (c - a), c - b }'; }
per_case() { # before after cases -> "commits rollbacks inserted updated deleted read" per case
  awk -v n="$3" -v b="$1" -v a="$2" 'BEGIN { split(b, x, " "); split(a, y, " "); for (i = 1; i <= 6; i++) printf "%.1f ", (y[i] - x[i]) / n }'
}

# one node
start_node single "$PORT_A"; SINGLE=$NODE_PID
warm_up "$PORT_A" "$SINGLE"; ONE_WARMED=$WARMED
C0=$(cases); S0=$(stats); cpu "$WORK/u0" "$SINGLE"; T0=$(now)
wrk_on "$PORT_A" "$CONNECTIONS" "$DURATION" "$WORK/one.wrk"; cpu "$WORK/u1" "$SINGLE"; T1=$(now); drain; T2=$(now)
ONE_DONE=$(done_rate "$T0" "$T1" "$T2" "$(cases)" "$C0")
C1=$(cases); S1=$(stats); cpu "$WORK/u2" "$SINGLE"; ONE_OLE=$(ole)
ONE_CPU=$(cpu_per_case "$WORK/u0" "$WORK/u1" "$WORK/u2" $((C1 - C0)))
read -r ONE_RPS ONE_P50 ONE_P99 ONE_BAD <<<"$(summary "$WORK/one.wrk")"
ONE_PER=$(per_case "$S0" "$S1" $((C1 - C0)))
stop_node "$SINGLE"

# two nodes, each with half the connections
start_node node-a "$PORT_A" "$TWO_NODE_ARGS"; A=$NODE_PID
start_node node-b "$PORT_B" "$TWO_NODE_ARGS"; B=$NODE_PID
# each node warmed alone with all the connections, as the one node was: a JVM's JIT compiles what it
# has run often enough, and a node given half the requests would be measured less compiled
warm_up "$PORT_A" "$A"; TWO_WARMED="node A: $WARMED"
warm_up "$PORT_B" "$B"; TWO_WARMED="$TWO_WARMED; node B: $WARMED"
C2=$(cases); S2=$(stats); cpu "$WORK/u0" "$A" "$B"; T0=$(now)
wrk_on "$PORT_A" $((CONNECTIONS / 2)) "$DURATION" "$WORK/a.wrk" & W1=$!
wrk_on "$PORT_B" $((CONNECTIONS / 2)) "$DURATION" "$WORK/b.wrk" & W2=$!
wait "$W1" "$W2"; cpu "$WORK/u1" "$A" "$B"; T1=$(now)
drain; T2=$(now)
TWO_DONE=$(done_rate "$T0" "$T1" "$T2" "$(cases)" "$C2")
C3=$(cases); S3=$(stats); cpu "$WORK/u2" "$A" "$B"; TWO_OLE=$(ole)
TWO_CPU=$(cpu_per_case "$WORK/u0" "$WORK/u1" "$WORK/u2" $((C3 - C2)))
read -r TWO_RPS TWO_P50 TWO_P99 TWO_BAD <<<"$(summary "$WORK/a.wrk" "$WORK/b.wrk")"
TWO_PER=$(per_case "$S2" "$S3" $((C3 - C2)))
stop_node "$A"; stop_node "$B"

# Camunda's job metrics, written by each engine under its hostname (warm-up included)
meter() { # Camunda metric, reporter -> its sum (0 when the reporter wrote none)
  "${PSQL[@]}" -c "select coalesce(sum(value_), 0) from act_ru_meter_log where name_ = '$1' and reporter_ = '$2'"
}
JS=$(meter job-successful single); JA=$(meter job-successful node-a); JB=$(meter job-successful node-b)
FS=$(meter job-failed single); FA=$(meter job-failed node-a); FB=$(meter job-failed node-b)
# each node's acquisitions: "queries, jobs locked, jobs lost to another node, jobs its pool refused"
acquisitions() { echo "$(meter job-acquisition-attempt "$1") / $(meter job-acquired-success "$1") / $(meter job-acquired-failure "$1") / $(meter job-execution-rejected "$1")"; }
QS=$(acquisitions single); QA=$(acquisitions node-a); QB=$(acquisitions node-b)
SHARE=$(awk -v a="${JA:-0}" -v b="${JB:-0}" 'BEGIN { if (a + b == 0) print "n/a"; else printf "%.0f %% / %.0f %%", 100 * a / (a + b), 100 * b / (a + b) }')
kill "$RECEIVER_PID" && wait "$RECEIVER_PID" 2>/dev/null || true; RECEIVER_PID=""
read -r ACCEPTED REFUSED < "$WORK/receiver.counts"
RATIO=$(awk -v t="$TWO_RPS" -v o="$ONE_RPS" 'BEGIN { printf "%.2f", t / o }')

echo
echo "PostgreSQL on the same machine, $(nproc) cores; $(uptime | sed 's/^ *//')"
[ "$("${PSQL[@]}" -c 'show autovacuum')" = "off" ] \
  && echo "autovacuum is off on this server: bench/vacuum.sh ran \`vacuum analyze\` every ${PCM_BENCH_VACUUM_EVERY:-30}s in its place"
echo "wrk -c$CONNECTIONS (two nodes: -c$((CONNECTIONS / 2)) on each), ${DURATION}s per row after a warm-up in rounds of 15 s, each drained (at least ${WARMUP}s, then until the JIT compilers use < ${JIT_QUIET} % of a core per JVM, at most ${WARMUP_MAX}s):"
echo "one node warmed for $ONE_WARMED; two nodes for $TWO_WARMED;"
echo "each of the two nodes started with: ${TWO_NODE_ARGS:-(nothing added)};"
echo "per case: pg_stat_database deltas over the measured intake and the jobs it left, divided by the cases opened;"
echo "CPU: the machine's busy share while wrk ran (/proc/stat), and the nodes' JVMs and every postgres process per case over the intake and the jobs it left (/proc/<pid>/stat);"
echo "the demo recipients (bench/receiver.py) accepted $ACCEPTED signed notices and refused $REFUSED"
echo
echo "| nodes | opt-out intake req/s | p50 ms | p99 ms | non-2xx | cases | jobs run (Camunda metrics) | jobs failed (Camunda metrics; after the drain, jobs waiting to retry a concurrent update) | acquisitions / jobs locked / lost to the other node / refused by the pool | commits / case | rollbacks / case | rows inserted / case | updated / case | deleted / case | rows read / case | cases / s, jobs done (drain s) | machine busy during wrk | JVM CPU ms / case: all (job executor [its acquisition thread], HTTP, JIT, other) | PostgreSQL CPU ms / case |"
echo "|---|---:|---:|---:|---:|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
read -r c r i u d f <<<"$ONE_PER"; read -r busy jvm jobs acq http jit other pg <<<"$ONE_CPU"; read -r rate drained <<<"$ONE_DONE"
echo "| 1 | $ONE_RPS | $ONE_P50 | $ONE_P99 | $ONE_BAD | $((C1 - C0)) | single: ${JS:-0} | single: ${FS:-0} ($ONE_OLE) | $QS | $c | $r | $i | $u | $d | $f | $rate ($drained) | $busy | $jvm ($jobs [$acq], $http, $jit, $other) | $pg |"
read -r c r i u d f <<<"$TWO_PER"; read -r busy jvm jobs acq http jit other pg <<<"$TWO_CPU"; read -r rate drained <<<"$TWO_DONE"
echo "| 2 | $TWO_RPS | $TWO_P50 (node A) | $TWO_P99 (node A) | $TWO_BAD | $((C3 - C2)) | node-a: ${JA:-0}, node-b: ${JB:-0} ($SHARE) | node-a: ${FA:-0}, node-b: ${FB:-0} ($TWO_OLE) | node-a: $QA; node-b: $QB | $c | $r | $i | $u | $d | $f | $rate ($drained) | $busy | $jvm ($jobs [$acq], $http, $jit, $other) | $pg |"
echo "| 2 / 1 | $RATIO | | | | | target 40–60 % each | | | | | | | | | $(awk -v t="${TWO_DONE%% *}" -v o="${ONE_DONE%% *}" 'BEGIN { printf "%.2f", t / o }') (target ≥ 0.9) | | | |"
