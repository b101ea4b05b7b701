#!/usr/bin/env bash
# Runs the whole test suite three times in a row while stress-ng keeps both cores busy, to show
# that no test depends on how fast or idle the machine is. Stops at the first failing run.
#
#   pnpm test:stress [RUNS]        (RUNS defaults to 3)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${1:-3}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "test:stress: RUNS must be a whole number ≥ 1, got '$runs'" >&2
  exit 2
fi
if ! command -v stress-ng >/dev/null; then
  echo "test:stress: stress-ng is not installed (Debian: apt-get install stress-ng)" >&2
  exit 2
fi

cpus="$(nproc)"
stress-ng --cpu "$cpus" --quiet &
stress_pid=$!
trap 'kill "$stress_pid" 2>/dev/null || true; wait "$stress_pid" 2>/dev/null || true' EXIT
echo "== stress-ng --cpu $cpus running (pid $stress_pid)"

for run in $(seq 1 "$runs"); do
  echo "== run $run of $runs under load"
  started=$(date +%s)
  if ! pnpm test; then
    echo "== run $run of $runs FAILED under load" >&2
    exit 1
  fi
  echo "== run $run of $runs passed in $(( $(date +%s) - started )) s"
done
echo "== all $runs runs passed under stress-ng --cpu $cpus"
