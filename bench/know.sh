#!/usr/bin/env bash
# Right to know at scale: release → package ready, and memory for the largest package.
# Usage: bash bench/know.sh [samples]   (default 300; needs PostgreSQL on 127.0.0.1:5432, trust auth)
# Seeds (once, kept between runs) database pcm_bench_know with bench/know-seed.sql: 1,000,000
# customers, 10,000,000 activity rows; PCM_BENCH_RESEED=1 drops and seeds it again.
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES="${1:-300}"
DB=pcm_bench_know
pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
if [ "${PCM_BENCH_RESEED:-0}" = 1 ]; then
  psql -h 127.0.0.1 -U postgres -d test -qc "drop database if exists $DB with (force)"
fi
if ! psql -h 127.0.0.1 -U postgres -d test -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -d test -qc "create database $DB"
  start=$(date +%s)
  psql -h 127.0.0.1 -U postgres -d "$DB" -q -f bench/know-seed.sql
  echo "seeded $DB in $(( $(date +%s) - start )) s"
else
  # drop what earlier runs left (the app's own tables), keep the seeded business tables
  PGOPTIONS="--client-min-messages=warning" psql -h 127.0.0.1 -U postgres -d "$DB" -qc "do \$\$ declare t text; begin
    for t in select tablename from pg_tables where schemaname = 'public'
      and tablename not in ('customers','orders','order_items','activity_log','device_locations','subscribers','email_events','financing_decisions','credit_line_reviews')
    loop execute 'drop table if exists ' || quote_ident(t) || ' cascade'; end loop; end \$\$;"
fi
PGOPTIONS="--client-min-messages=warning" psql -h 127.0.0.1 -U postgres -d "$DB" -q -f bench/financing-seed.sql
psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "select 'customers: ' || (select count(*) from customers) || ', activity rows: ' || (select count(*) from activity_log)"
# surefire:test on its own runs the harness once (the postgres-tests execution would run it again)
mvn -B -q test-compile surefire:test -Dtest=KnowPackageBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.know.db="$DB" \
  -Dbench.know.samples="$SAMPLES" -DargLine="${PCM_BENCH_JAVA_OPTS:--Xmx1g}" 2>&1 \
  | grep -E '^\| (measurement|release|largest|process)|^\|---' || { echo "bench failed; see target/surefire-reports/*KnowPackageBench*"; exit 1; }
