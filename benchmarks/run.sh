#!/usr/bin/env bash
# Runs colseal's benchmark suite and writes its tables into docs/performance.md.
#
#   benchmarks/run.sh                 full suite (about twelve minutes on 2 cores)
#   benchmarks/run.sh --smoke         every benchmark once, in seconds; writes nothing
#   benchmarks/run.sh --no-hibernate  without the PostgreSQL benchmarks
#   benchmarks/run.sh --no-kms        without the KMS call harness (moto_server)
#
# PostgreSQL: COLSEAL_BENCH_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/test, user postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl benchmarks -am package -DskipTests
args=("$@")
if [[ " $* " != *" --smoke "* ]]; then
  args+=(--docs docs/performance.md)
fi
exec java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.Suite "${args[@]}"
