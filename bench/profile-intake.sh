#!/usr/bin/env bash
# Profiles the opt-out intake (POST /api/privacy/requests {"type":"OPT_OUT_ALL",...}) on PostgreSQL with
# JFR and prints where its time goes: CPU by thread, frame group, top frame and project method, allocation,
# PostgreSQL round trips and waits per intake, and the database's transaction and row counts per intake.
# Usage: bench/profile-intake.sh [seconds recorded]   (default 30)
# Needs what bench/run.sh needs. Knobs: PCM_BENCH_CONNECTIONS (16), PCM_BENCH_WARMUP (20),
# PCM_BENCH_OPEN_CASES (0: also seed that many open cases first, bench/open-cases.sql),
# PCM_BENCH_KEEP (a folder: the recording and the tables are kept there).
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-30}"
THREADS="${PCM_BENCH_THREADS:-2}"
CONNECTIONS="${PCM_BENCH_CONNECTIONS:-16}"
WARMUP="${PCM_BENCH_WARMUP:-20}"
OPEN_CASES="${PCM_BENCH_OPEN_CASES:-0}"
PORT="${PCM_BENCH_PORT:-18080}"
RECEIVER_PORT="${PCM_BENCH_RECEIVER_PORT:-18092}"
DB="pcm_profile_$(date +%s)"
WORK="$(mktemp -d)"
SECRET="bench-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ADMIN_PASSWORD="bench-admin-$RANDOM$RANDOM"
BASE="http://127.0.0.1:$PORT"
PSQL=(psql -h 127.0.0.1 -U postgres -d "$DB" -Atq)

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
[ -n "${PCM_BENCH_SKIP_BUILD:-}" ] || mvn -B -q -Dstyle.color=never -DskipTests package

psql -h 127.0.0.1 -U postgres -d test -qc "create database $DB"
APP_PID=""
RECEIVER_PID=""
VACUUM_PID=""
cleanup() {
  [ -n "$VACUUM_PID" ] && kill "$VACUUM_PID" 2>/dev/null || true
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null && wait "$RECEIVER_PID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d test -qc "drop database if exists $DB with (force)" || true
  if [ -n "${PCM_BENCH_KEEP:-}" ]; then mkdir -p "$PCM_BENCH_KEEP" && cp "$WORK"/*.jfr "$WORK"/*.md "$PCM_BENCH_KEEP"/ 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
bash bench/vacuum.sh "$DB" &   # autovacuum's work, when the server has it off
VACUUM_PID=$!

python3 bench/receiver.py "$RECEIVER_PORT" "$WORK/receiver.counts" \
  demo-ad-network=demo-only-webhook-secret-0001 demo-analytics=demo-only-webhook-secret-0002 &
RECEIVER_PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$RECEIVER_PORT/" >/dev/null 2>&1 && break; sleep 0.1; done

# JFR's profile settings, with every socket read and write recorded (the PostgreSQL round trips)
sed -e '/"jdk.Socket\(Read\|Write\)"/,/<\/event>/ s/<setting name="threshold"[^>]*>[^<]*</<setting name="threshold">0 ms</' \
  "$(dirname "$(readlink -f "$(command -v java)")")/../lib/jfr/profile.jfc" > "$WORK/intake.jfc"

PCM_DEMO_BUSINESS=true SPRING_PROFILES_ACTIVE=postgres PCM_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PCM_DB_USER=postgres \
PCM_ADMIN_USER=benchadmin PCM_ADMIN_PASSWORD="$ADMIN_PASSWORD" PCM_SECRET="$SECRET" PCM_PUBLIC_BASE_URL="$BASE" \
java ${PCM_BENCH_JAVA_OPTS:--XX:MaxGCPauseMillis=10} -jar target/privacy-case-manager-*.jar --server.port="$PORT" \
  --privacy.intake.rate-limit.requests-per-minute=1000000000 --privacy.intake.rate-limit.burst=1000000000 \
  --privacy.demo-business.recipient-base-url="http://127.0.0.1:$RECEIVER_PORT" \
  --privacy.mail.outbox-dir="$WORK/outbox" --logging.level.root=WARN > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -sf "$BASE/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 1
done

if [ "$OPEN_CASES" -gt 0 ]; then
  PCM_BENCH_DB="$DB" PCM_BENCH_BASE="$BASE" bash bench/open-cases.sh "$OPEN_CASES"
fi

wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s bench/intake.lua "$BASE" >/dev/null 2>&1

stats() {
  "${PSQL[@]}" -F' ' -c "select xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted, tup_fetched, tup_returned
    from pg_stat_database where datname = current_database()"
}
tables() {
  "${PSQL[@]}" -F' ' -c "select relname, n_tup_ins, n_tup_upd, n_tup_del, coalesce(seq_scan, 0), coalesce(idx_scan, 0),
      coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)
    from pg_stat_user_tables order by relname"
}
# CPU ticks (utime + stime, 1/100 s) of every process on the machine, summed by command name
cpu() {
  for f in /proc/[0-9]*/stat; do cat "$f" 2>/dev/null || true; echo; done \
    | awk 'NF { c = $0; sub(/^[0-9]+ \(/, "", c); sub(/\).*/, "", c); r = $0; sub(/^.*\) /, "", r); split(r, v, " "); t[c] += v[12] + v[13] }
           END { for (k in t) print k, t[k] }' | sort
}
cases() { "${PSQL[@]}" -c "select count(*) from privacy_case"; }

"${PSQL[@]}" -c "select pg_stat_force_next_flush()" >/dev/null 2>&1 || true
sleep 1
B_CASES=$(cases); B_STATS=$(stats); tables > "$WORK/tables.before"
jcmd "$APP_PID" JFR.start name=intake settings="$WORK/intake.jfc" >/dev/null
LOAD_BEFORE=$(uptime)
# CPU read right around wrk: JFR's start and its dump at the stop are not the intake's
cpu > "$WORK/cpu.before"; CPU_START=$(date +%s.%N)
OUT=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/intake.lua "$BASE" 2>&1)
CPU_SECONDS=$(awk -v s="$CPU_START" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }'); cpu > "$WORK/cpu.after"
LOAD_AFTER=$(uptime)
jcmd "$APP_PID" JFR.stop name=intake filename="$WORK/intake.jfr" >/dev/null
sleep 1
A_CASES=$(cases); A_STATS=$(stats); tables > "$WORK/tables.after"
INTAKES=$((A_CASES - B_CASES))

{
  echo "PostgreSQL, $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS ${DURATION}s after ${WARMUP}s warm-up, $OPEN_CASES open cases seeded first"
  [ "$("${PSQL[@]}" -c 'show autovacuum')" = "off" ] \
    && echo "autovacuum is off on this server: bench/vacuum.sh ran \`vacuum analyze\` every ${PCM_BENCH_VACUUM_EVERY:-30}s in its place"
  echo "load before: $LOAD_BEFORE"
  echo "load after:  $LOAD_AFTER"
  echo "intake: $(awk '/^Requests\/sec/ {print $2}' <<<"$OUT") req/s, p50 $(awk '$1=="50%" {print $2}' <<<"$OUT"), p99 $(awk '$1=="99%" {print $2}' <<<"$OUT"), $INTAKES cases opened while recorded (JFR on: slower than bench/run.sh)"
  echo
  echo "**The database, per intake (pg_stat_database deltas; the job executor's work on earlier cases included)**"
  echo
  echo "| commits | rollbacks | rows inserted | rows updated | rows deleted | rows fetched | rows returned |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  paste -d' ' <(tr ' ' '\n' <<<"$B_STATS") <(tr ' ' '\n' <<<"$A_STATS") \
    | awk -v n="$INTAKES" '{ printf "%s%.1f", (NR>1 ? " | " : "| "), ($2-$1)/n } END { print " |" }'
  echo
  echo "**CPU per intake, by process (utime + stime from /proc over the ${CPU_SECONDS} s of wrk; the job executor's work included)**"
  echo
  echo "| process | CPU ms per intake | share of the machine's $(nproc) cores |"
  echo "|---|---:|---:|"
  join -a2 -e0 -o 0,1.2,2.2 "$WORK/cpu.before" "$WORK/cpu.after" | awk -v n="$INTAKES" -v d="$CPU_SECONDS" -v c="$(nproc)" '{
      t = $3 - $2; if (t > 0) printf "| %s | %.2f | %.1f%% |\n", $1, t * 10 / n, t / (d * c) }' | sort -t'|' -k3 -nr | head -8
  echo
  echo "**Rows per intake, by table (pg_stat_user_tables deltas; tables with any; read = seq_tup_read + idx_tup_fetch)**"
  echo
  echo "| table | inserted | updated | deleted | seq scans | index scans | rows read |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  join "$WORK/tables.before" "$WORK/tables.after" | awk -v n="$INTAKES" '{
      i=($8-$2)/n; u=($9-$3)/n; d=($10-$4)/n; s=($11-$5)/n; x=($12-$6)/n; r=($13-$7)/n
      if (i+u+d+r > 0.01) printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.1f |\n", $1, i, u, d, s, x, r }' | sort -t'|' -k8 -nr
  java bench/JfrTop.java "$WORK/intake.jfr" "$INTAKES" "${PCM_BENCH_TOP:-20}"
} | tee "$WORK/profile.md"
