#!/bin/sh
# Runs the whole test suite RUNS times in a row while stress-ng keeps every core busy, and stops
# at the first red run. A test that depends on timing fails here long before it fails in CI.
#
#   tests/stress.sh [BUILD_DIR] [RUNS]        (defaults: build 10)
#
# STRESS_WORKERS (default: the number of cores) sets how many stress-ng CPU workers run; CTEST_ARGS
# is passed to ctest (e.g. CTEST_ARGS="-R gleif"). Needs stress-ng (packaging/install-deps.sh).
set -eu
BUILD=${1:-build}
RUNS=${2:-10}
WORKERS=${STRESS_WORKERS:-$(nproc)}

command -v stress-ng >/dev/null || { echo "stress.sh: stress-ng is missing (run packaging/install-deps.sh)" >&2; exit 2; }
[ -f "$BUILD/CTestTestfile.cmake" ] || { echo "stress.sh: $BUILD is not a configured build folder" >&2; exit 2; }

# Bounded in time whatever happens to this script: at most 3 hours of load.
stress-ng --cpu "$WORKERS" --timeout 10800s --quiet &
STRESS=$!
trap 'kill $STRESS 2>/dev/null; wait $STRESS 2>/dev/null || true' EXIT INT TERM
sleep 1

LOG=$(mktemp -d)
run=1
start=$(date +%s)
while [ "$run" -le "$RUNS" ]; do
    t0=$(date +%s)
    # shellcheck disable=SC2086 # CTEST_ARGS is a list of words on purpose
    if ctest --test-dir "$BUILD" --output-on-failure ${CTEST_ARGS:-} >"$LOG/run$run.log" 2>&1; then
        echo "run $run/$RUNS: green ($(grep -Eo '[0-9]+ tests passed|[0-9]+% tests passed[^,]*' "$LOG/run$run.log" | head -n1), $(( $(date +%s) - t0 )) s, stress-ng --cpu $WORKERS)"
    else
        echo "run $run/$RUNS: RED after $(( $(date +%s) - t0 )) s; its log: $LOG/run$run.log"
        grep -E 'FAIL!|\*\*\*Failed|\*\*\*Timeout|Exception' "$LOG/run$run.log" | head -n 20
        exit 1
    fi
    run=$((run + 1))
done
echo "$RUNS consecutive green runs under stress-ng --cpu $WORKERS in $(( $(date +%s) - start )) s"
rm -rf "$LOG"
