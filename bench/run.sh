#!/usr/bin/env bash
# Benchmarks on PostgreSQL; prints a markdown table. Usage: bench/run.sh [seconds per measurement]
# Needs: PostgreSQL on 127.0.0.1:5432 (trust auth), wrk (installed with apt-get when missing), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
THREADS="${PCM_BENCH_THREADS:-2}"
CONNECTIONS="${PCM_BENCH_CONNECTIONS:-16}"
WARMUP="${PCM_BENCH_WARMUP:-20}"
CONSUMERS="${PCM_BENCH_CONSUMERS:-10000}"
PORT="${PCM_BENCH_PORT:-18080}"
OPEN_CASES="${PCM_BENCH_OPEN_CASES:-100000}"
RECEIVER_PORT="${PCM_BENCH_RECEIVER_PORT:-18092}"
DB="pcm_bench_$(date +%s)"
WORK="$(mktemp -d)"
SECRET="bench-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ADMIN_PASSWORD="bench-admin-$RANDOM$RANDOM"
CHECK_PASSWORD="bench-check-$RANDOM$RANDOM"
BASE="http://127.0.0.1:$PORT"
export PCM_BENCH_CONSUMERS="$CONSUMERS"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
# always package: a jar left from an earlier checkout would measure old code (PCM_BENCH_JAR: measure
# that jar instead, such as one built from another commit for a before/after comparison)
if [ -n "${PCM_BENCH_JAR:-}" ]; then JAR="$PCM_BENCH_JAR"; else mvn -B -q -Dstyle.color=never -DskipTests package; JAR=$(ls target/privacy-case-manager-*.jar); fi

psql -h 127.0.0.1 -U postgres -d test -qc "create database $DB"
APP_PID=""
RECEIVER_PID=""
VACUUM_PID=""
cleanup() {
  [ -n "$VACUUM_PID" ] && kill "$VACUUM_PID" 2>/dev/null || true
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null && wait "$RECEIVER_PID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d test -qc "drop database if exists $DB with (force)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# The bundled data map describes the demo business: generate its tables in the bench database, and
# let a process of its own play the demo recipients, so the measured JVM serves only the product.
python3 bench/receiver.py "$RECEIVER_PORT" "$WORK/receiver.counts" \
  demo-ad-network=demo-only-webhook-secret-0001 demo-analytics=demo-only-webhook-secret-0002 &
RECEIVER_PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$RECEIVER_PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$RECEIVER_PORT/" >/dev/null || { echo "bench/receiver.py did not start on port $RECEIVER_PORT"; exit 1; }

PCM_DEMO_BUSINESS=true SPRING_PROFILES_ACTIVE=postgres PCM_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PCM_DB_USER=postgres \
PCM_ADMIN_USER=benchadmin PCM_ADMIN_PASSWORD="$ADMIN_PASSWORD" PCM_SECRET="$SECRET" PCM_PUBLIC_BASE_URL="$BASE" \
java ${PCM_BENCH_JAVA_OPTS:--XX:MaxGCPauseMillis=10} -jar "$JAR" --server.port="$PORT" \
  --privacy.staff.users[0].id=benchcheck --privacy.staff.users[0].password="$CHECK_PASSWORD" \
  --privacy.staff.users[0].groups[0]=preference-api \
  --privacy.intake.rate-limit.requests-per-minute=1000000000 --privacy.intake.rate-limit.burst=1000000000 \
  --privacy.demo-business.recipient-base-url="http://127.0.0.1:$RECEIVER_PORT" \
  --privacy.mail.outbox-dir="$WORK/outbox" --logging.level.root=WARN > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -sf "$BASE/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 1
done

AUTOVACUUM=$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "show autovacuum")
# the bare engine baseline: a start-to-end process deployed through engine-rest
curl -sf -u "benchadmin:$ADMIN_PASSWORD" -F deployment-name=bench -F enable-duplicate-filtering=true \
  -F "data=@bench/bench-trivial.bpmn" "$BASE/engine-rest/deployment/create" >/dev/null
# the preference check reads real rows: 2 x CONSUMERS emails, every other one opted out
python3 bench/seed.py "$SECRET" "$CONSUMERS" > "$WORK/seed.tsv"
psql -h 127.0.0.1 -U postgres -d "$DB" -qc "\\copy preference_state (identifier_key, preference, allowed, last_event_id, updated_at) from '$WORK/seed.tsv'"
# autovacuum's work when the server has it off: once after the seeding, then every 30 s from the
# bare start on (bench/vacuum.sh); not during the check rows, which read memory, not the tables
[ "$AUTOVACUUM" = "off" ] && psql -h 127.0.0.1 -U postgres -d "$DB" -qc "vacuum analyze"

ADMIN_AUTH=$(printf 'benchadmin:%s' "$ADMIN_PASSWORD" | base64 -w0)
CHECK_AUTH=$(printf 'benchcheck:%s' "$CHECK_PASSWORD" | base64 -w0)

# sanity: each endpoint answers as expected before it is measured
curl -sf -u "benchcheck:$CHECK_PASSWORD" "$BASE/api/preferences/check?email=consumer-1@example.com" | grep -q '"saleAllowed":false'
curl -sf -u "benchcheck:$CHECK_PASSWORD" "$BASE/api/preferences/check?email=consumer-2@example.com" | grep -q '"saleAllowed":true'
curl -sf -u "benchcheck:$CHECK_PASSWORD" "$BASE/api/preferences/check?email=consumer-5@example.com" | grep -q '"admtAllowed":{"pay-later":false,'
curl -sf -u "benchcheck:$CHECK_PASSWORD" "$BASE/api/preferences/check?email=consumer-3@example.com" | grep -q '"admtAllowed":{"pay-later":true,'

measure() { # name lua auth -> "rps p50 p99 non2xx"
  local out
  out=$(PCM_BENCH_AUTH="$3" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "bench/$2" "$BASE" 2>&1)
  echo "$out" > "$WORK/$1.wrk"
  local rps p50 p99 bad
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${bad:-0}"
}
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v/1000; else if (v ~ /ms$/) printf "%.2f", v+0; else if (v ~ /s$/) printf "%.2f", v*1000; else print v }'; }
# waits until the job executor has run every job that is due (the warm-up's acknowledgements,
# deliveries and confirmations), at most 600 s; prints the seconds it waited
drain() {
  local start=$SECONDS
  while [ "$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "select count(*) from act_ru_job where retries_ > 0
      and (duedate_ is null or duedate_ <= now()) and handler_type_ <> 'history-cleanup'")" != 0 ] && [ $((SECONDS - start)) -lt 600 ]; do sleep 1; done
  echo $((SECONDS - start))
}
warm() { PCM_BENCH_AUTH="$2" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "bench/$1" "$BASE" >/dev/null 2>&1; }

# The check first (nothing else running); intake last, because each intake leaves async jobs
# (acknowledgement, propagation, confirmation) that the job executor works off afterwards.
warm check.lua "$CHECK_AUTH"; read -r C_RPS C_P50 C_P99 C_BAD <<<"$(measure check check.lua "$CHECK_AUTH")"
read -r A_RPS A_P50 A_P99 A_BAD <<<"$(measure check-admt check-admt.lua "$CHECK_AUTH")"
bash bench/vacuum.sh "$DB" &
VACUUM_PID=$!
warm start.lua "$ADMIN_AUTH"; read -r S_RPS S_P50 S_P99 S_BAD <<<"$(measure start start.lua "$ADMIN_AUTH")"
warm intake.lua ""; I_DRAIN=$(drain)
ROW_FROM=$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "select count(*) from privacy_case")
read -r I_RPS I_P50 I_P99 I_BAD <<<"$(measure intake intake.lua "")"
LOAD=$(uptime | sed 's/.*load average: //')
# the intake row's own jobs: how long the job executor needed after the row to finish them, and so
# how many cases per second this node takes in *and* works off (the row's cases over row + drain)
CASES=$(psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "select count(*) from privacy_case")
ROW_CASES=$(( CASES - ROW_FROM ))
I_AFTER=$(drain)
I_SUSTAINED=$(awk -v c="$ROW_CASES" -v d="$DURATION" -v a="$I_AFTER" 'BEGIN { printf "%.1f", c/(d+a) }')
[ "$I_AFTER" -ge 600 ] && I_SUSTAINED="< $I_SUSTAINED (jobs still due after 600 s)"
RATIO=$(awk -v i="$I_RPS" -v s="$S_RPS" 'BEGIN { printf "%.2f", i/s }')
# the intake again, with OPEN_CASES open cases in the database (copies of real ones, bench/open-cases.sh)
if [ "$OPEN_CASES" -gt 0 ]; then
  SEEDED=$(PCM_BENCH_DB="$DB" PCM_BENCH_BASE="$BASE" bash bench/open-cases.sh "$OPEN_CASES" | tail -1)
  warm intake.lua ""; O_DRAIN=$(drain); read -r O_RPS O_P50 O_P99 O_BAD <<<"$(measure intake-open intake.lua "")"
  O_LOAD=$(uptime | sed 's/.*load average: //')
  O_RATIO=$(awk -v o="$O_RPS" -v i="$I_RPS" 'BEGIN { printf "%.2f", o/i }')
fi
kill "$RECEIVER_PID" && wait "$RECEIVER_PID" 2>/dev/null || true
RECEIVER_PID=""
read -r ACCEPTED REFUSED < "$WORK/receiver.counts"

echo
echo "PostgreSQL, $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per row after a ${WARMUP}s warm-up; $CASES cases opened;"
echo "each intake row started once the jobs its warm-up left were done (waited ${I_DRAIN} s${O_DRAIN:+ and $O_DRAIN s}); it ran beside the jobs of its own intakes;"
echo "the demo recipients (bench/receiver.py, a process of its own) accepted $ACCEPTED signed notices and refused $REFUSED by then;"
if [ "$AUTOVACUUM" = "off" ]; then
  echo "autovacuum is off on this server: \`vacuum analyze\` ran after the seeding and, from the bare start on, every ${PCM_BENCH_VACUUM_EVERY:-30}s (bench/vacuum.sh);"
fi
echo "load average (1, 5, 15 min) right after the intake row: $LOAD${O_LOAD:+, after the row with open cases: $O_LOAD} (the machine may be shared)"
[ "$OPEN_CASES" -gt 0 ] && echo "$SEEDED"
echo
echo "| measurement | req/s | p50 ms | p99 ms | non-2xx | target |"
echo "|---|---:|---:|---:|---:|---|"
echo "| preference check \`GET /api/preferences/check\` (any seeded consumer) | $C_RPS | $C_P50 | $C_P99 | $C_BAD | >= 5000 req/s, p99 < 20 ms |"
echo "| the same check, consumers opted out of ADMT \`pay-later\` | $A_RPS | $A_P50 | $A_P99 | $A_BAD | as the row above |"
echo "| opt-out intake \`POST /api/privacy/requests\` | $I_RPS | $I_P50 | $I_P99 | $I_BAD | >= 0.7 x bare start |"
echo "| bare \`POST /engine-rest/.../bench-trivial/start\` | $S_RPS | $S_P50 | $S_P99 | $S_BAD | baseline |"
echo "| intake / bare start | $RATIO | | | | >= 0.70 |"
echo "| the intake row's $ROW_CASES cases with their jobs done: cases / (${DURATION} s + ${I_AFTER} s the jobs needed after the row) | $I_SUSTAINED | | | | (what the node sustains) |"
if [ "$OPEN_CASES" -gt 0 ]; then
  echo "| opt-out intake with $OPEN_CASES open cases in the database | $O_RPS | $O_P50 | $O_P99 | $O_BAD | >= 0.8 x intake |"
  echo "| intake with open cases / intake | $O_RATIO | | | | >= 0.80 |"
fi
