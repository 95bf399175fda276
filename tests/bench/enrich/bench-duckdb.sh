#!/bin/bash
# The warm job side by side with DuckDB, and the XLSX export beside libxlsxwriter's floor
# (issue 16). Same input for all: ROWS rows over DISTINCT LEIs (gen-transactions), answers from
# the local fake GLEIF (a cold run fills the cache; never the real GLEIF).
#   product warm, best of RUNS: lei-enrich with everything cached, CSV out
#   DuckDB, best of RUNS: ../shared/bench/duckdb_enrich.mjs (2 threads) on RECORDS.json, the
#     answers the product's cache holds; run when `node` and @duckdb/node-api are there
#     (installed into DUCKDB_DIR with npm when it is reachable; said when not)
#   XLSX: the product's export of the same job beside bench-xlsx-floor, a bare libxlsxwriter
#     loop writing the same cells in constant_memory mode
#   BIG (e.g. 10000000): also a warm run over that many rows, against the ROWS figure
#   tests/bench/enrich/bench-duckdb.sh [BUILD_DIR] [ROWS] [DISTINCT]
#   env: RUNS=3 XLSX_RUNS=1 BIG= DUCKDB_SCRIPT=<dir of this repo>/../shared/bench/duckdb_enrich.mjs
#        DUCKDB_DIR=~/.cache/lei-enrich-bench/duckdb KEEP=<dir to keep the files in>
set -euo pipefail
BUILD=${1:-build}
ROWS=${2:-1000000}
DISTINCT=${3:-10000}
RUNS=${RUNS:-3}
XLSX_RUNS=${XLSX_RUNS:-1}
BIG=${BIG:-}
HERE=$(cd "$(dirname "$0")" && pwd)
DUCKDB_SCRIPT=${DUCKDB_SCRIPT:-$HERE/../../../../shared/bench/duckdb_enrich.mjs}
DUCKDB_DIR=${DUCKDB_DIR:-$HOME/.cache/lei-enrich-bench/duckdb}
WORK=${KEEP:-$(mktemp -d)}
mkdir -p "$WORK"
FAKE_PID=
trap '[ -n "$FAKE_PID" ] && kill $FAKE_PID 2>/dev/null; [ -z "${KEEP:-}" ] && rm -rf "$WORK"' EXIT

"$BUILD/tests/bench/load/gen-transactions" "$ROWS" "$DISTINCT" "$WORK/tx.csv"
"$BUILD/tests/support/fake-gleif" --latency 200 --rate-limit 60 --window 60000 --entities "$DISTINCT" \
    > "$WORK/fake.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 50); do grep -q http "$WORK/fake.log" 2>/dev/null && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$WORK/fake.log" | head -1)
json() { grep -o "\"$2\": *[0-9.]*" "$1" | head -1 | sed 's/.*: *//'; }

# timed NAME command...: one run; "seconds peakMB" into $WORK/NAME.time
timed() {
    local name=$1
    shift
    /usr/bin/time -f '%e %M' -o "$WORK/$name.time" "$@" > "$WORK/$name.log" 2>&1 || {
        echo "$name failed (exit $?):" >&2
        tail -3 "$WORK/$name.log" >&2
        return 1
    }
    read -r secs kb < "$WORK/$name.time"
    echo "$secs $((kb / 1024))"
}
# best NAME command...: the fastest of RUNS runs, "seconds peakMB" (the peak of that run)
best() {
    local name=$1 b= line
    shift
    for _ in $(seq "$RUNS"); do
        line=$(timed "$name" "$@") || return 1
        if [ -z "$b" ] || awk -v a="${line% *}" -v b="${b% *}" 'BEGIN { exit !(a < b) }'; then b=$line; fi
    done
    echo "$b"
}
ENRICH=("$BUILD/app/lei-enrich" -q --api-url "$URL" --cache "$WORK/cache.sqlite")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "rows=$ROWS distinct LEIs=$DISTINCT  best of $RUNS (XLSX: of $XLSX_RUNS)  $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
cold=$(timed cold "${ENRICH[@]}" --report "$WORK/cold.json" -o "$WORK/out.csv" "$WORK/tx.csv")
echo "cold (fills the cache): ${cold% *} s, ${cold#* } MB, $(json "$WORK/cold.json" requests_sent) requests," \
    "$(json "$WORK/cold.json" rate_limited) refused (429)"
warm=$(best warm "${ENRICH[@]}" -o "$WORK/out.csv" "$WORK/tx.csv")

# The answers the cache holds, as duckdb_enrich.mjs takes them: [{lei, name, country, bic}].
duck=
if ! command -v node > /dev/null; then
    echo "DuckDB: not run (no node)"
elif [ ! -f "$DUCKDB_SCRIPT" ]; then
    echo "DuckDB: not run (no $DUCKDB_SCRIPT; set DUCKDB_SCRIPT)"
elif ! command -v sqlite3 > /dev/null; then
    echo "DuckDB: not run (no sqlite3 to read the cache's answers)"
else
    if [ ! -d "$DUCKDB_DIR/node_modules/@duckdb/node-api" ]; then
        echo "DuckDB: installing @duckdb/node-api@1.5.6-r.1 into $DUCKDB_DIR"
        mkdir -p "$DUCKDB_DIR"
        (cd "$DUCKDB_DIR" && { [ -f package.json ] || npm init -y > /dev/null; } \
            && npm install --no-audit --no-fund @duckdb/node-api@1.5.6-r.1 > /dev/null 2>&1) \
            || echo "DuckDB: not run (npm could not install @duckdb/node-api: no registry?)"
    fi
    if [ -d "$DUCKDB_DIR/node_modules/@duckdb/node-api" ]; then
        cp "$DUCKDB_SCRIPT" "$DUCKDB_DIR/duckdb_enrich.mjs"
        sqlite3 -json "$WORK/cache.sqlite" "SELECT lei, legal_name AS name, country, bics FROM entries WHERE outcome = 'found'" \
            | node -e 'let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
                  const rows = JSON.parse(s || "[]").map(r => ({lei: r.lei, name: r.name, country: r.country,
                      bic: r.bics ? r.bics.split(/[;,]/).filter(b => b) : null}));
                  process.stdout.write(JSON.stringify(rows)); });' > "$WORK/RECORDS.json"
        duck=$(best duckdb node "$DUCKDB_DIR/duckdb_enrich.mjs" "$WORK/RECORDS.json" "$WORK/tx.csv" "$WORK/duck-out.csv" 2) || duck=
    fi
fi

echo
printf '%-44s %8s %8s %8s\n' "warm job (CSV out)" seconds "peak MB" "x DuckDB"
printf '%-44s %8s %8s %8s\n' "lei-enrich warm" "${warm% *}" "${warm#* }" "$([ -n "$duck" ] && ratio "${warm% *}" "${duck% *}" || echo -)"
[ -n "$duck" ] && printf '%-44s %8s %8s %8s\n' "DuckDB 1.5.6, 2 threads (node-api)" "${duck% *}" "${duck#* }" 1.00

# XLSX: the product's export of the same job, then the bare loop over the same cells.
if [ "$ROWS" -le 1048575 ] && [ "$XLSX_RUNS" -gt 0 ]; then # XLSX_RUNS=0: CSV only
    xlsx=$(RUNS=$XLSX_RUNS best xlsx "${ENRICH[@]}" -o "$WORK/out.xlsx" "$WORK/tx.csv")
    floor=$(RUNS=$XLSX_RUNS best floor "$BUILD/tests/bench/enrich/bench-xlsx-floor" "$WORK/out.csv" "$WORK/floor.xlsx")
    echo
    printf '%-44s %8s %8s %8s\n' "XLSX ($ROWS rows x $(head -1 "$WORK/out.csv" | tr ',' '\n' | wc -l) columns)" seconds "peak MB" "x floor"
    printf '%-44s %8s %8s %8s\n' "lei-enrich warm, XLSX out" "${xlsx% *}" "${xlsx#* }" "$(ratio "${xlsx% *}" "${floor% *}")"
    printf '%-44s %8s %8s %8s\n' "bare libxlsxwriter loop (constant_memory)" "${floor% *}" "${floor#* }" 1.00
fi

if [ -n "$BIG" ]; then
    "$BUILD/tests/bench/load/gen-transactions" "$BIG" "$DISTINCT" "$WORK/big.csv"
    rm -f "$WORK/tx.csv" "$WORK/out.xlsx" "$WORK/floor.xlsx" "$WORK/duck-out.csv"
    big=$(RUNS=1 best big "${ENRICH[@]}" -o "$WORK/big-out.csv" "$WORK/big.csv")
    echo
    printf '%-44s %8s %8s %8s\n' "warm job, $BIG rows ($(du -h "$WORK/big.csv" | cut -f1))" seconds "peak MB" "x $ROWS"
    printf '%-44s %8s %8s %8s\n' "lei-enrich warm" "${big% *}" "${big#* }" "$(ratio "${big% *}" "${warm% *}")"
fi
echo
echo "fake GLEIF saw: $(curl -s "${URL%/api/v1}/_fake/stats" 2>/dev/null || echo '(curl not installed)')"
