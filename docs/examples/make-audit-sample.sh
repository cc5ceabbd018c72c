#!/usr/bin/env bash
# Writes the sample compliance audit report (docs/examples/audit-report-sample.{html,md,json},
# audit-report-sample-ko.html) from the hand-built report in
# benchmarks/src/main/java/io/colseal/benchmarks/audit/SampleReport.java, and screenshots both
# languages into docs/images/audit-report-{en,ko}.png with headless Chromium.
#
#   docs/examples/make-audit-sample.sh            build, write the samples, take the screenshots
#   CHROMIUM=/path/to/chrome docs/examples/make-audit-sample.sh
#
# Needs Chromium (Debian: apt-get install chromium) and, for the Korean page, a CJK font
# (fonts-noto-cjk). Not part of CI.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -ntp -pl benchmarks -am package -DskipTests
java -cp benchmarks/target/benchmarks.jar io.colseal.benchmarks.audit.AuditSample docs/examples
chromium="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || command -v google-chrome)}"
for lang in en ko; do
  page="docs/examples/audit-report-sample.html"
  [[ "$lang" == ko ]] && page="docs/examples/audit-report-sample-ko.html"
  "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=1400,2400 --screenshot="docs/images/audit-report-$lang.png" "file://$PWD/$page" 2>/dev/null
  echo "wrote docs/images/audit-report-$lang.png"
done
