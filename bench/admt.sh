#!/usr/bin/env bash
# The answer to a request to access ADMT for a consumer with 1,000 pay-later decisions.
# Usage: bash bench/admt.sh [samples]   (default 50; needs PostgreSQL on 127.0.0.1:5432, trust auth)
# Creates database pcm_bench_admt_<time> (the demo shop generated in it, with the bundled data map)
# and drops it afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
SAMPLES="${1:-50}"
DB="pcm_bench_admt_$(date +%s)"
pg_isready -h 127.0.0.1 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
psql -h 127.0.0.1 -U postgres -d test -qc "create database $DB"
trap 'psql -h 127.0.0.1 -U postgres -d test -qc "drop database if exists $DB with (force)" || true' EXIT
# surefire:test on its own runs the harness once (the postgres-tests execution would run it again)
mvn -B -q test-compile surefire:test -Dtest=AdmtAnswerBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.admt.db="$DB" \
  -Dbench.admt.samples="$SAMPLES" -DargLine="${PCM_BENCH_JAVA_OPTS:--Xmx1g}" 2>&1 \
  | grep -E '^PostgreSQL|^\| (measurement|build|release|answer)|^\|---' || { echo "bench failed; see target/surefire-reports/*AdmtAnswerBench*"; exit 1; }
