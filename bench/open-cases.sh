#!/usr/bin/env bash
# Seeds N open cases into a bench database, quickly: opens a few hundred requests to know through the
# real intake API (each then waits for the consumer's confirmation by email, the 21-day window
# running), lets the job executor send their mail, and copies them with SQL (bench/open-cases.sql)
# until N cases are open. Usage: PCM_BENCH_DB=... PCM_BENCH_BASE=http://... bench/open-cases.sh N
# Called by bench/run.sh and bench/profile-intake.sh (PCM_BENCH_OPEN_CASES).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-100000}"
TEMPLATES="${PCM_BENCH_TEMPLATES:-200}"
PSQL=(psql -h 127.0.0.1 -U postgres -d "$PCM_BENCH_DB" -Atq -v ON_ERROR_STOP=1)
COPIES=$(( (N + TEMPLATES - 1) / TEMPLATES - 1 ))
[ "$COPIES" -le 9999 ] || { echo "at most 9,999 copies of each template: raise PCM_BENCH_TEMPLATES"; exit 1; }
START=$(date +%s)
RUN="$(date +%s)$RANDOM"
"${PSQL[@]}" -c "create table if not exists bench_template (request_id varchar(22) primary key)"
for i in $(seq 1 "$TEMPLATES"); do
  curl -sf -H 'Content-Type: application/json' \
    -d "{\"type\":\"KNOW_CATEGORIES\",\"email\":\"open-$RUN-$i@example.com\"}" "$PCM_BENCH_BASE/api/privacy/requests"
  echo
done | sed -n 's/.*"requestId":"\([^"]*\)".*/\1/p' > /tmp/pcm-open-cases-$RUN.ids
"${PSQL[@]}" -c "\\copy bench_template (request_id) from '/tmp/pcm-open-cases-$RUN.ids'"
rm -f /tmp/pcm-open-cases-$RUN.ids
# every template waiting: no job of theirs left to run now (the mail sent), only timers
# (behind whatever the job executor still has to do for earlier cases)
for _ in $(seq 1 300); do
  LEFT=$("${PSQL[@]}" -c "select count(*) from act_ru_job j join act_ru_execution e on e.id_ = j.process_instance_id_
    join bench_template t on t.request_id = e.business_key_ where j.duedate_ is null or j.duedate_ <= now()")
  [ "$LEFT" = 0 ] && break
  sleep 1
done
[ "$LEFT" = 0 ] || { echo "the templates still have $LEFT jobs to run after 300 s: copies would run them too"; exit 1; }
"${PSQL[@]}" -v copies="$COPIES" -f bench/open-cases.sql
"${PSQL[@]}" -c "drop table bench_template" -c "analyze"
OPEN=$("${PSQL[@]}" -c "select count(*) from privacy_case where completed_at is null")
echo "open cases: $OPEN ($TEMPLATES through the intake, copied $COPIES times each) in $(( $(date +%s) - START )) s"
