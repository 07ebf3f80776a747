#!/usr/bin/env bash
# Right to delete at scale: approval → receipt for consumers with 10,000 activity rows, and 1,000
# deletion cases back to back.
# Usage: bash bench/delete.sh [cases]   (default 1000; needs PostgreSQL on 127.0.0.1:5432, trust auth)
# Seeds database pcm_bench_delete anew each run with bench/delete-seed.sql (deletions change it).
set -euo pipefail
cd "$(dirname "$0")/.."
CASES="${1:-1000}"
DB=pcm_bench_delete
RECEIVER_PORT="${PCM_BENCH_RECEIVER_PORT:-18092}"
WORK="$(mktemp -d)"
pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
psql -h 127.0.0.1 -U postgres -d test -qc "drop database if exists $DB with (force)"
psql -h 127.0.0.1 -U postgres -d test -qc "create database $DB"
start=$(date +%s)
psql -h 127.0.0.1 -U postgres -d "$DB" -q -f bench/delete-seed.sql
PGOPTIONS="--client-min-messages=warning" psql -h 127.0.0.1 -U postgres -d "$DB" -q -f bench/financing-seed.sql
echo "seeded $DB in $(( $(date +%s) - start )) s"
psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "select 'customers: ' || (select count(*) from customers) || ', activity rows: ' || (select count(*) from activity_log) || ', of customer 1: ' || (select count(*) from activity_log where customer_id = 1)"
# the demo recipients, in a process of their own so the measured JVM serves only the product
python3 bench/receiver.py "$RECEIVER_PORT" "$WORK/receiver.counts" \
  demo-ad-network=demo-only-webhook-secret-0001 demo-analytics=demo-only-webhook-secret-0002 &
RECEIVER_PID=$!
trap 'kill "$RECEIVER_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$RECEIVER_PORT/" >/dev/null 2>&1 && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$RECEIVER_PORT/" >/dev/null || { echo "bench/receiver.py did not start on port $RECEIVER_PORT"; exit 1; }
mvn -B -q test-compile surefire:test -Dtest=DeletionBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.delete.db="$DB" \
  -Dbench.delete.cases="$CASES" \
  -Dbench.delete.recipients="http://127.0.0.1:$RECEIVER_PORT" -DargLine="${PCM_BENCH_JAVA_OPTS:--Xmx1g}" 2>&1 \
  | grep -E '^\| (measurement|approval|[0-9]+ deletion|one case)|^\|---' || { echo "bench failed; see target/surefire-reports/*DeletionBench*"; exit 1; }
kill "$RECEIVER_PID" && wait "$RECEIVER_PID" 2>/dev/null || true
read -r ACCEPTED REFUSED < "$WORK/receiver.counts"
echo
echo "the demo recipients (bench/receiver.py, a process of its own) accepted $ACCEPTED signed notices and refused $REFUSED"
