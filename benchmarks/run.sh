#!/usr/bin/env bash
# Runs colseal's benchmark suite and writes its tables into docs/performance.md.
#
#   benchmarks/run.sh                 full suite (about eighteen minutes on 2 cores, eight of them the paired
#                                     Hibernate benchmarks)
#   benchmarks/run.sh --smoke         every benchmark once, in seconds; writes nothing
#   benchmarks/run.sh --no-hibernate  without the PostgreSQL benchmarks
#   benchmarks/run.sh --no-kms        without the KMS call harness (moto_server)
#   benchmarks/run.sh --reencrypt     only the batch re-encryption harness: 1,000,000 rows, colseal reencrypt
#                                     with 1 and 2 workers against plain JDBC (several minutes on 2 cores);
#                                     updates its section of docs/performance.md
#   benchmarks/run.sh --reencrypt --rows 100000   the same with harness options; prints, writes nothing
#   benchmarks/run.sh --audit         only the compliance audit report harness: 1,000,000 rows, the full report
#                                     in process and through the operator CLI (colseal.jar, JVM start
#                                     included) against the plain GROUP BY it needs (a few minutes on 2 cores);
#                                     updates its section of docs/performance.md
#   benchmarks/run.sh --audit --rows 100000       the same with harness options; prints, writes nothing
#   benchmarks/run.sh --fields        only the paired per-field harness (encrypt/decrypt against the JCE floors,
#                                     searchable forms, column keys against algorithm 01; about 5 minutes);
#                                     updates its section of docs/performance.md
#   benchmarks/run.sh --fields --forks 1          the same with harness options; prints, writes nothing
#   benchmarks/run.sh --aria          only the ARIA-256-GCM groups of the paired per-field harness (colseal 01
#                                     and 03 envelopes, raw ARIA-GCM three ways, against the AES floor; about
#                                     3 minutes); updates its section of docs/performance.md
#
# The harnesses print their options with --help, e.g.
#   java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.reencrypt.ReencryptHarness --help
#
# PostgreSQL: COLSEAL_BENCH_POSTGRES_URL (default jdbc:postgresql://127.0.0.1:5432/test, user postgres).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl benchmarks -am package -DskipTests
if [[ "${1:-}" == "--reencrypt" ]]; then
  shift
  harness=(java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.reencrypt.ReencryptHarness)
  if [[ $# -eq 0 ]]; then
    exec "${harness[@]}" --docs docs/performance.md
  fi
  exec "${harness[@]}" "$@"
fi
if [[ "${1:-}" == "--audit" ]]; then
  shift
  harness=(java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.audit.AuditHarness)
  if [[ $# -eq 0 ]]; then
    # The operator CLI too: colseal audit in a new JVM each time, as an operator runs it.
    ./mvnw -q -pl migrations/cli -am package -DskipTests
    exec "${harness[@]}" --cli migrations/cli/target/colseal.jar --docs docs/performance.md
  fi
  exec "${harness[@]}" "$@"
fi
fields=(java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.PairedFieldHarness)
if [[ "${1:-}" == "--aria" ]]; then
  shift
  if [[ $# -eq 0 ]]; then
    exec "${fields[@]}" --groups aria --docs docs/performance.md
  fi
  exec "${fields[@]}" --groups aria "$@"
fi
if [[ "${1:-}" == "--fields" ]]; then
  shift
  if [[ $# -eq 0 ]]; then
    exec "${fields[@]}" --docs docs/performance.md
  fi
  exec "${fields[@]}" "$@"
fi
args=("$@")
if [[ " $* " != *" --smoke "* ]]; then
  args+=(--docs docs/performance.md)
fi
java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.Suite "${args[@]}"
if [[ " $* " == *" --smoke "* ]]; then
  exec "${fields[@]}" --forks 1 --rounds 4 --warmup 1 --block-ms 1 --sizes 64
fi
exec "${fields[@]}" --docs docs/performance.md
