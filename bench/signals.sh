#!/usr/bin/env bash
# Opt-out preference signals at browser scale, on PostgreSQL; prints a markdown table.
# Usage: bench/signals.sh [seconds per measurement]   (default 15)
# Needs: PostgreSQL on 127.0.0.1:5432 (trust auth), wrk (installed with apt-get when missing), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-15}"
THREADS="${PCM_BENCH_THREADS:-2}"
CONNECTIONS="${PCM_BENCH_CONNECTIONS:-16}"
WARMUP="${PCM_BENCH_WARMUP:-20}"
DEVICES="${PCM_BENCH_DEVICES:-1000000}"
BATCH="${PCM_BENCH_BATCH:-100000}"
PORT="${PCM_BENCH_PORT:-18080}"
RECEIVER_PORT="${PCM_BENCH_RECEIVER_PORT:-18092}"
DB="pcm_bench_signals_$(date +%s)"
WORK="$(mktemp -d)"
SECRET="bench-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
ADMIN_PASSWORD="bench-admin-$RANDOM$RANDOM"
CHECK_PASSWORD="bench-check-$RANDOM$RANDOM"
EDGE_PASSWORD="bench-edge-$RANDOM$RANDOM"
BASE="http://127.0.0.1:$PORT"
export PCM_BENCH_DEVICES="$DEVICES"

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
# always package: a jar left from an earlier checkout would measure old code
mvn -B -q -Dstyle.color=never -DskipTests package

psql -h 127.0.0.1 -U postgres -d test -qc "create database $DB"
APP_PID=""
RECEIVER_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null && wait "$RECEIVER_PID" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -d test -qc "drop database if exists $DB with (force)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "$1"; }

# the demo recipients in a process of their own, verifying every signature
python3 bench/receiver.py "$RECEIVER_PORT" "$WORK/receiver.counts" \
  demo-ad-network=demo-only-webhook-secret-0001 demo-analytics=demo-only-webhook-secret-0002 &
RECEIVER_PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$RECEIVER_PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$RECEIVER_PORT/" >/dev/null || { echo "bench/receiver.py did not start on port $RECEIVER_PORT"; exit 1; }

# batches of up to $BATCH signals, looked for every second
PCM_DEMO_BUSINESS=true SPRING_PROFILES_ACTIVE=postgres PCM_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" PCM_DB_USER=postgres \
PCM_ADMIN_USER=benchadmin PCM_ADMIN_PASSWORD="$ADMIN_PASSWORD" PCM_SECRET="$SECRET" PCM_PUBLIC_BASE_URL="$BASE" \
java ${PCM_BENCH_JAVA_OPTS:--XX:MaxGCPauseMillis=10} -jar target/privacy-case-manager-*.jar --server.port="$PORT" \
  --privacy.staff.users[0].id=benchcheck --privacy.staff.users[0].password="$CHECK_PASSWORD" \
  --privacy.staff.users[0].groups[0]=preference-api \
  --privacy.staff.users[1].id=benchedge --privacy.staff.users[1].password="$EDGE_PASSWORD" \
  --privacy.staff.users[1].groups[0]=signal-api \
  --privacy.intake.rate-limit.requests-per-minute=1000000000 --privacy.intake.rate-limit.burst=1000000000 \
  --privacy.signals.batch.max-signals="$BATCH" --privacy.signals.batch.poll=PT1S \
  --privacy.demo-business.recipient-base-url="http://127.0.0.1:$RECEIVER_PORT" \
  --privacy.mail.outbox-dir="$WORK/outbox" --logging.level.root=WARN > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -sf "$BASE/actuator/health" >/dev/null 2>&1 && break
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 1
done
CHECK_AUTH=$(printf 'benchcheck:%s' "$CHECK_PASSWORD" | base64 -w0)
EDGE_AUTH=$(printf 'benchedge:%s' "$EDGE_PASSWORD" | base64 -w0)

measure() { # name lua auth [env] -> "rps p50 p99 non2xx"
  local out
  out=$(env PCM_BENCH_AUTH="$3" ${4:-} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "bench/$2" "$BASE" 2>&1)
  echo "$out" > "$WORK/$1.wrk"
  local rps p50 p99 bad
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  bad=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${bad:-0}"
}
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) printf "%.2f", v/1000; else if (v ~ /ms$/) printf "%.2f", v+0; else if (v ~ /s$/) printf "%.2f", v*1000; else print v }'; }
warm() { env PCM_BENCH_AUTH="$2" ${3:-} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "bench/$1" "$BASE" >/dev/null 2>&1; }

# sanity: a forwarded signal opts its browser out, and the check says so
curl -sf -u "benchedge:$EDGE_PASSWORD" -H 'Content-Type: application/json' \
  -d '{"signals":[{"deviceId":"bench-sanity-0001"}]}' "$BASE/api/signals" | grep -q '"newBrowsers":1'
curl -sf -u "benchcheck:$CHECK_PASSWORD" "$BASE/api/preferences/check?deviceId=bench-sanity-0001" | grep -q '"saleAllowed":false'

# 1. A batch of $BATCH browsers: their signals arrive (written as the API writes them, dated 16 minutes
#    ago so the batch is due), the next poll seals them into one case, the job executor delivers one
#    signed webhook per recipient carrying all of them. Measured: arrival -> each recipient's 2xx.
sql "insert into opt_out_signal (device_id, account_id, received_at, source)
     select 'bench-batch-' || g, '', now() - interval '16 minutes', 'EDGE' from generate_series(1, $BATCH) g" >/dev/null
T0=$(date +%s.%N)
DELIVERED=""
for _ in $(seq 1 1200); do
  DELIVERED=$(sql "select count(*) from recipient_delivery d join signal_batch b on b.request_id = d.request_id
                   where b.signals = $BATCH and d.status in ('DELIVERED', 'ACKNOWLEDGED')")
  [ "$DELIVERED" -ge 2 ] && break
  sleep 0.1
done
T1=$(date +%s.%N)
BATCH_S=$(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", b - a }')
SEAL_S=$(sql "select round(extract(epoch from (sealed_at - (select max(received_at) from opt_out_signal where device_id like 'bench-batch-%')))::numeric - 960, 1)
              from signal_batch where signals = $BATCH")
BATCH_ID=$(sql "select request_id from signal_batch where signals = $BATCH")
FIRST_S=$(sql "select round(extract(epoch from (min(d.acknowledged_at) - min(b.sealed_at)))::numeric, 1)
               from recipient_delivery d join signal_batch b on b.request_id = d.request_id where b.signals = $BATCH")

# the check before the million, on a quiet application: over the batch's browsers
warm check-device.lua "$CHECK_AUTH" "PCM_BENCH_DEVICES=$BATCH PCM_BENCH_DEVICE_PREFIX=bench-batch-"
read -r K_RPS K_P50 K_P99 K_BAD <<<"$(measure check-before check-device.lua "$CHECK_AUTH" "PCM_BENCH_DEVICES=$BATCH PCM_BENCH_DEVICE_PREFIX=bench-batch-")"
K_ROWS=$(sql "select count(*) from opt_out_signal")

# 2. A page visit from a new browser, without and with Sec-GPC: 1 (wrk keeps no cookies)
warm page.lua ""; read -r P_RPS P_P50 P_P99 P_BAD <<<"$(measure page page.lua "")"
warm page.lua "" PCM_BENCH_GPC=1; read -r G_RPS G_P50 G_P99 G_BAD <<<"$(measure page-gpc page.lua "" PCM_BENCH_GPC=1)"
PAGE_RATIO=$(awk -v g="$G_RPS" -v p="$P_RPS" 'BEGIN { printf "%.2f", g/p }')

# 3. The batch API: 1,000 new browsers per call
warm signals.lua "$EDGE_AUTH"; read -r B_RPS B_P50 B_P99 B_BAD <<<"$(measure signals signals.lua "$EDGE_AUTH")"
B_SPS=$(awk -v r="$B_RPS" 'BEGIN { printf "%.0f", r * 1000 }')

# the API's full batches are sealed and told before the check is measured again (at most 5
# minutes; the last, partial batch waits for its period and is not waited for)
for _ in $(seq 1 300); do
  [ "$(sql "select (select count(*) from opt_out_signal where batch_id is null) >= $BATCH
                 or exists (select 1 from recipient_delivery where status = 'PENDING')")" = f ] && break
  sleep 1
done

# 4. $DEVICES signalling browsers (already told, so no batch takes them here): the check, and the bytes per browser
sql "insert into opt_out_signal (device_id, account_id, received_at, source, batch_id)
     select 'bench-device-' || g, '', now() - interval '1 day', 'EDGE', 0 from generate_series(1, $DEVICES) g" >/dev/null
sql "vacuum analyze opt_out_signal" >/dev/null
sql "checkpoint" >/dev/null   # the million rows written out before the check is measured, not during it
ROWS=$(sql "select count(*) from opt_out_signal")
BYTES=$(sql "select pg_total_relation_size('opt_out_signal')")
PER_DEVICE=$(awk -v b="$BYTES" -v n="$ROWS" 'BEGIN { printf "%.0f", b/n }')
TABLE_MB=$(awk -v b="$BYTES" 'BEGIN { printf "%.0f", b/1048576 }')
curl -sf -u "benchcheck:$CHECK_PASSWORD" "$BASE/api/preferences/check?deviceId=bench-device-$DEVICES" | grep -q '"saleAllowed":false'
warm check-device.lua "$CHECK_AUTH"; read -r C_RPS C_P50 C_P99 C_BAD <<<"$(measure check-device check-device.lua "$CHECK_AUTH")"

CASES=$(sql "select count(*) from privacy_case")
BATCHES=$(sql "select count(*) from signal_batch")
kill "$RECEIVER_PID" && wait "$RECEIVER_PID" 2>/dev/null || true
RECEIVER_PID=""
read -r ACCEPTED REFUSED < "$WORK/receiver.counts"

echo
echo "PostgreSQL, $(nproc) cores, wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per row after a ${WARMUP}s warm-up; load before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$ROWS signalling browsers, $CASES cases in all ($BATCHES batches); the demo recipients accepted $ACCEPTED signed notices and refused $REFUSED"
echo
echo "| measurement | req/s | p50 ms | p99 ms | non-2xx | figure | target |"
echo "|---|---:|---:|---:|---:|---:|---|"
echo "| page \`GET /privacy/do-not-sell\`, new browser, no signal | $P_RPS | $P_P50 | $P_P99 | $P_BAD | | baseline |"
echo "| the same page, new browser, \`Sec-GPC: 1\` | $G_RPS | $G_P50 | $G_P99 | $G_BAD | $PAGE_RATIO x | >= 0.8 x |"
echo "| batch API \`POST /api/signals\`, 1,000 new browsers per call | $B_RPS | $B_P50 | $B_P99 | $B_BAD | $B_SPS signals/s | >= 5,000 signals/s |"
echo "| preference check \`?deviceId=\` over $K_ROWS signalling browsers | $K_RPS | $K_P50 | $K_P99 | $K_BAD | | baseline |"
echo "| preference check \`?deviceId=\` over $ROWS signalling browsers | $C_RPS | $C_P50 | $C_P99 | $C_BAD | | p99 < 20 ms |"
echo "| database per signalling browser (\`opt_out_signal\` with its indexes, $TABLE_MB MB) | | | | | $PER_DEVICE bytes | <= 300 bytes |"
echo "| batch of $BATCH browsers: arrival -> both webhook recipients answered 2xx | | | | | $BATCH_S s | < 60 s |"
echo "| of which: arrival -> sealed (poll every 1 s) / sealed -> first 2xx | | | | | ${SEAL_S} s / ${FIRST_S} s | |"
