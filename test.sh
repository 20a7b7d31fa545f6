#!/usr/bin/env bash
# Installs what the test suite needs (if missing) and runs the whole suite.
# Works on a fresh Debian 12 machine with the .NET 10 SDK, as root or with sudo.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
# PostgreSQL server binaries: the tests start their own throwaway cluster from them.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -z "${CRM_TEST_POSTGRES:-}" ]; then
  missing+=(postgresql)
fi
# Headless Chromium for the browser test, and a CJK font so its screenshot shows the Chinese labels.
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -e /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The Kubernetes manifest tests render the overlays with `kubectl kustomize` (offline). kubectl ships on this
# machine image; Debian's own kubernetes-client (1.20) is too old for kustomize components.
command -v kubectl >/dev/null || { echo "test.sh: kubectl (>= 1.27, with kustomize) is required by the manifest tests" >&2; exit 1; }
command -v npm >/dev/null || { echo "test.sh: node and npm are required (front-end assets, browser test)" >&2; exit 1; }

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Orleans.Crm.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain summary line for whoever reads the end of the log (from vstest's "Total tests" block).
count() { { grep -E "^ +$1: +[0-9]+$" "$log" || true; } | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
skipped=$(count Skipped)
if [ "$failed" -gt 0 ]; then
  # The log is long and CI shows its end: repeat each failure (name, message, top of the stack) here.
  echo
  echo "=== failed tests ==="
  awk '/^  Failed [A-Za-z]/ {on=1; n=0} /^  (Passed|Skipped) [A-Za-z]/ {on=0} on && n < 40 {print; n++}' "$log"
fi
echo
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "test.sh: dotnet test exited with $status (build or infrastructure failure)" >&2
fi
exit "$status"
