#!/usr/bin/env bash
# Start-up cost of colseal in a Spring Boot application (docs/performance.md#start-up-cost).
#
#   benchmarks/startup/run.sh                  build both fat jars, 10 timed starts of each, interleaved
#   benchmarks/startup/run.sh --runs 20        20 of each
#   benchmarks/startup/run.sh --no-build       time the jars already in */target
#   benchmarks/startup/run.sh --classes        also count the classes each application loads, by origin
#   benchmarks/startup/run.sh --compare JAR    also time JAR (a colseal-app jar of another commit, copied
#                                              aside) in the same rotation, as "colseal-compared"
#
# Two Spring Boot 4.1.2 applications (Boot's parent, no version overrides) with the same entity, the
# same data and the same runner: plain-app, and colseal-app with two @Encrypted fields (one
# deterministic), a local KEK and Boot's embedded H2. Each start opens the context, writes one row,
# reads it back by id and by e-mail (a searchable query), and exits. Every start is a new JVM and a
# new in-memory database, so colseal creates its key table and a data key each time: the first
# start of an application, its most expensive one.
#
# Timed: wall time and the process's CPU time (user + sys, /usr/bin/time). One untimed start of each
# comes first (it also creates the local keystore). The order rotates every round (plain, colseal;
# colseal, plain; ...) so that load from other processes falls on all alike. On a shared machine
# compare the CPU-time ratio of one run, not wall times or figures of different runs.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs=10
build=true
classes=false
compare=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    --classes) classes=true; shift ;;
    --compare) compare="$2"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "--runs needs a positive number, got $runs" >&2; exit 2; }

if $build; then
  # colseal's modules are built in this reactor, from this work tree; nothing is installed.
  (cd "$root" && ./mvnw -q -B -ntp -f benchmarks/startup/pom.xml package -DskipTests -Dmaven.javadoc.skip=true)
fi
plain_jar="$here/plain-app/target/startup-plain-app.jar"
colseal_jar="$here/colseal-app/target/startup-colseal-app.jar"
apps=(plain colseal)
jars=("$plain_jar" "$colseal_jar")
if [[ -n "$compare" ]]; then
  apps+=(colseal-compared)
  jars+=("$(cd "$(dirname "$compare")" && pwd)/$(basename "$compare")")
fi
for jar in "${jars[@]}"; do
  [[ -f "$jar" ]] || { echo "missing $jar: run without --no-build" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export COLSEAL_BENCH_KEYSTORE="$work/startup-kek.p12"
export COLSEAL_KMS_LOCAL_KEYSTORE_PASSWORD="startup-benchmark-only"

# start APP JAR: one start, timed; appends "wall user sys" to $work/APP.times.
start() {
  local app="$1" jar="$2" log="$work/$1.log"
  if ! /usr/bin/time -f '%e %U %S' -o "$work/last.time" java -jar "$jar" >"$log" 2>&1; then
    echo "$app failed to start; its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  grep -q 'startup-benchmark: wrote and read' "$log" || { echo "$app did not write and read its row" >&2; cat "$log" >&2; exit 1; }
  cat "$work/last.time" >>"$work/$app.times"
}

echo "warm-up: one untimed start of each"
for ((a = 0; a < ${#apps[@]}; a++)); do start "${apps[a]}" "${jars[a]}"; done
rm -f "$work"/*.times
# Round i starts the applications in an order rotated by i, so none is always first or last.
for ((i = 1; i <= runs; i++)); do
  for ((k = 0; k < ${#apps[@]}; k++)); do
    a=$(( (i + k) % ${#apps[@]} ))
    start "${apps[a]}" "${jars[a]}"
  done
  printf '\rtimed starts: %d of %d each' "$i" "$runs"
done
echo

# stats FILE FIELD: median, first and third quartile (linear interpolation) of one column.
stats() {
  awk -v f="$2" '{ print ($f) }' "$1" | sort -g | awk '
    { v[NR] = $1 }
    function q(p,  h, l) { h = (NR - 1) * p + 1; l = int(h); return v[l] + (h - l) * (v[l + 1 < NR ? l + 1 : NR] - v[l]) }
    END { printf "%.2f %.2f %.2f", q(0.5), q(0.25), q(0.75) }'
}
echo
echo "Boot 4.1.2, $runs interleaved starts each, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
echo
echo "| app | wall median (IQR) s | CPU user+sys median (IQR) s |"
echo "|---|---|---|"
for app in "${apps[@]}"; do
  awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/$app.times" >"$work/$app.wallcpu"
  read -r w w1 w3 <<<"$(stats "$work/$app.wallcpu" 1)"
  read -r c c1 c3 <<<"$(stats "$work/$app.wallcpu" 2)"
  printf '| %s | %s (%s–%s) | %s (%s–%s) |\n' "$app" "$w" "$w1" "$w3" "$c" "$c1" "$c3"
  echo "$w $c" >"$work/$app.median"
done
read -r pw pc <"$work/plain.median"
for app in "${apps[@]:1}"; do
  read -r cw cc <"$work/$app.median"
  awk -v app="$app" -v pw="$pw" -v cw="$cw" -v pc="$pc" -v cc="$cc" 'BEGIN {
    printf "| %s / plain | %.3f (%+.1f %%) | %.3f (%+.1f %%) |\n", app, cw / pw, (cw / pw - 1) * 100, cc / pc, (cc / pc - 1) * 100 }'
done

# jars APP: "name size" of every library in the fat jar, sorted by name.
jars() { unzip -l "$1" 'BOOT-INF/lib/*' | awk '$4 ~ /^BOOT-INF\/lib\/./ { sub("BOOT-INF/lib/", "", $4); print $4, $1 }' | sort; }
jars "$plain_jar" >"$work/plain.jars"
jars "$colseal_jar" >"$work/colseal.jars"
echo
awk -v p="$(stat -c %s "$plain_jar")" -v c="$(stat -c %s "$colseal_jar")" \
    -v pn="$(wc -l <"$work/plain.jars")" -v cn="$(wc -l <"$work/colseal.jars")" 'BEGIN {
  printf "fat jar: plain %.2f MiB, %d jars; colseal %.2f MiB, %d jars; added %.2f MiB, %+d jars\n",
    p / 1048576, pn, c / 1048576, cn, (c - p) / 1048576, cn - pn }'
echo "jars only in the colseal app:"
join -v2 "$work/plain.jars" "$work/colseal.jars" | awk '{ printf "  %-45s %8.2f MiB\n", $1, $2 / 1048576 }'
if [[ -n "$(join -v1 "$work/plain.jars" "$work/colseal.jars")" ]]; then
  echo "jars only in the plain app (a version changed):"
  join -v1 "$work/plain.jars" "$work/colseal.jars" | awk '{ printf "  %-45s %8.2f MiB\n", $1, $2 / 1048576 }'
fi

if $classes; then
  echo
  echo "classes loaded by one start, by origin (-Xlog:class+load):"
  for app in plain colseal; do
    jar="$plain_jar"; [[ $app == colseal ]] && jar="$colseal_jar"
    java -Xlog:class+load=info:file="$work/$app.classes" -jar "$jar" >/dev/null 2>&1
    awk '{ n++; if ($0 ~ /source: jrt:|shared objects file/) jdk++; else if ($0 ~ /bouncycastle/) bc++;
           else if ($0 ~ / io\.colseal\./ && $0 !~ / io\.colseal\.benchmarks\./) cs++; }
         END { printf "  %-8s %6d classes: %d from the JDK, %d colseal, %d BouncyCastle, %d other\n",
               app, n, jdk, cs, bc, n - jdk - cs - bc }' app="$app" "$work/$app.classes"
  done
fi
