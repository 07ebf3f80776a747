#!/usr/bin/env bash
# Plays PostgreSQL's autovacuum for a bench database when the server runs with autovacuum off (as
# this development machine's does): without it the tables of a fresh database never get statistics,
# and the planner's guesses for an empty table make Camunda's variable lookups (`TASK_ID_ is null`)
# read every variable of every case.
# Usage: bench/vacuum.sh <database> [seconds between passes] &   (default 30; stops when killed)
# With autovacuum on it does nothing: the server takes care of it.
set -uo pipefail
DB="$1"
EVERY="${2:-${PCM_BENCH_VACUUM_EVERY:-30}}"
PSQL=(psql -h 127.0.0.1 -U postgres -d "$DB" -Atq)
[ "$("${PSQL[@]}" -c 'show autovacuum')" = "off" ] || exit 0
while sleep "$EVERY"; do
  "${PSQL[@]}" -c "vacuum analyze" 2>/dev/null || exit 0
done
