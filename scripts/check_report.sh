#!/usr/bin/env bash
# Renders a run's report.html in headless Chromium and saves a full-page screenshot, to check that the report
# opens in a real browser (inline SVG, no external resources).
#   bash scripts/check_report.sh RUN_FOLDER_OR_REPORT [OUT.png]
# Needs Debian's chromium (apt-get install -y chromium).
set -euo pipefail
report=${1:?usage: check_report.sh RUN_FOLDER_OR_REPORT [OUT.png]}
[ -d "$report" ] && report="$report/report.html"
[ -f "$report" ] || { echo "check_report.sh: '$report' does not exist" >&2; exit 2; }
out=${2:-${report%.html}.png}
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$browser" ] || { echo "check_report.sh: no chromium found (apt-get install -y chromium)" >&2; exit 2; }
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,2200 \
  --screenshot="$out" "file://$(realpath "$report")" 2>/dev/null
[ -s "$out" ] || { echo "check_report.sh: no screenshot written" >&2; exit 1; }
echo "screenshot: $out ($(stat -c %s "$out") bytes)"
