#!/bin/bash
# Enrichment benchmark (issue 5): 1,000,000 rows over 10,000 distinct LEIs against the local
# fake GLEIF at 200 ms a request and 60 requests a minute; lei-enrich cold (empty cache), then
# warm (everything cached), then the same table to XLSX. Never touches the real GLEIF.
# With FIELDS (a --fields list, e.g. all), also a warm run with those fields, to CSV and XLSX;
# `noparents` is the whole catalogue but the parent fields (issue 12's warm figure; with parents
# a warm run still asks GLEIF for them, 12,000 requests for 10,000 LEIs: over 10 minutes, exit 2).
#   tests/bench/enrich/bench-enrich.sh [BUILD_DIR] [ROWS] [DISTINCT] [FIELDS]
set -euo pipefail
BUILD=${1:-build}
ROWS=${2:-1000000}
DISTINCT=${3:-10000}
FIELDS=${4:-${BENCH_FIELDS:-}}
if [ "$FIELDS" = noparents ]; then
    FIELDS=legalName,bic,country,hqCountry,jurisdiction,legalForm,category,otherNames,entityStatus
    FIELDS=$FIELDS,registrationStatus,nextRenewalDate,lastUpdateDate,successorLei,leiWarning,dataAsOf,dataSource
fi
WORK=$(mktemp -d)
trap 'kill $FAKE_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$BUILD/tests/bench/load/gen-transactions" "$ROWS" "$DISTINCT" "$WORK/tx.csv"
"$BUILD/tests/support/fake-gleif" --latency 200 --rate-limit 60 --window 60000 --entities "$DISTINCT" \
    > "$WORK/fake.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 50); do grep -q http "$WORK/fake.log" 2>/dev/null && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$WORK/fake.log" | head -1)

json() { grep -o "\"$2\": *[0-9.]*" "$1" | head -1 | sed 's/.*: *//'; }

run() { # NAME OUTPUT [extra options]
    local name=$1 out=$2
    shift 2
    /usr/bin/time -f '%e %M' -o "$WORK/$name.time" \
        "$BUILD/app/lei-enrich" -q --api-url "$URL" --cache "$WORK/cache.sqlite" \
        --report "$WORK/$name.json" -o "$out" "$@" "$WORK/tx.csv" || true
    read -r secs kb < "$WORK/$name.time"
    local r="$WORK/$name.json"
    printf '%-6s %8s %9s %9s %6s %9s %9s %9s %9s %9s\n' "$name" "$secs" "$((kb / 1024))" \
        "$(json "$r" requests_sent)" "$(json "$r" rate_limited)" "$(json "$r" ok)" \
        "$(json "$r" invalid_lei)" "$(json "$r" not_found)" "$(json "$r" lookup_failed)" "$(json "$r" bad_number)"
}

echo "rows=$ROWS distinct LEIs=$DISTINCT  fake GLEIF: 200 ms/request, 60 requests/rolling minute"
printf '%-6s %8s %9s %9s %6s %9s %9s %9s %9s %9s\n' run seconds "peak MB" requests 429s ok invalid_lei not_found failed bad_number
run cold "$WORK/out.csv"
run warm "$WORK/out.csv"
run xlsx "$WORK/out.xlsx"
if [ -n "$FIELDS" ]; then
    echo "--fields $FIELDS:"
    run fields "$WORK/out.csv" --fields "$FIELDS"
    run fxlsx "$WORK/out.xlsx" --fields "$FIELDS"
fi
echo "fake GLEIF saw: $(curl -s "${URL%/api/v1}/_fake/stats" 2>/dev/null || echo '(curl not installed)')"
