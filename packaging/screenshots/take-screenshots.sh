#!/bin/bash
# Takes the README's screenshots of lei-enricher under Xvfb, against the local fake GLEIF:
# the main window after an enrichment (with the failures panel and summary) and the cache dialog.
#   packaging/screenshots/take-screenshots.sh [BUILD_DIR] [OUT_DIR]
# Needs xvfb-run, ImageMagick's import and xdotool (apt-get install xvfb imagemagick xdotool).
set -euo pipefail
BUILD=$(realpath "${1:-build}")
OUT=$(realpath "${2:-packaging/screenshots}")
HERE=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
trap 'kill $FAKE_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

"$BUILD/tests/support/fake-gleif" --latency 150 > "$WORK/fake.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 50); do grep -q http "$WORK/fake.log" 2>/dev/null && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$WORK/fake.log" | head -1)

# The sample, plus rows that show each way a row can fail.
cp "$HERE/resources/sample_transactions.csv" "$WORK/transactions.csv"
cat >> "$WORK/transactions.csv" <<'ROWS'
0000452AMARKITWIRE190106999,EZF6Q1GFJ399,1000000.0,EUR,Buy,2022-07-25T12:35:59Z,0.0000000000,BFXS5XCH7N0Y05NIXW11
0000452AMARKITWIRE190107000,EZF6Q1GFJ400,2500000.0,GBP,Sell,2022-07-26T09:00:00Z,0.0050000000,BFXS5XCH7N0Y05NIXW12
0000452AMARKITWIRE190107001,EZF6Q1GFJ401,3100000.0,GBP,Buy,2022-07-26T10:00:00Z,0.0040000000,529900T8BM49AURSDO55
ROWS

cat > "$WORK/session.sh" <<SESSION
export LEI_ENRICHER_API_URL=$URL LEI_ENRICHER_CACHE=$WORK/cache.sqlite XDG_CONFIG_HOME=$WORK/config
"$BUILD/app/lei-enricher" "$WORK/transactions.csv" &
APP=\$!
sleep 2
W=\$(xdotool search --name "LEI Enricher" | head -1)
xdotool windowsize \$W 1280 760
sleep 0.5
xdotool windowfocus \$W
xdotool key --window \$W ctrl+e
sleep 3
import -window \$W "$OUT/main-window.png"
xdotool key --window \$W ctrl+End
sleep 0.5
import -window \$W "$OUT/enriched-columns.png"
sleep 0.5
xdotool windowfocus \$W
xdotool key alt+t
sleep 0.3
xdotool key c
sleep 1.5
D=\$(xdotool search --name "Cache" | tail -1)
import -window \$D "$OUT/cache-dialog.png"
kill \$APP
SESSION
mkdir -p "$OUT"
xvfb-run -a -s "-screen 0 1280x800x24" bash "$WORK/session.sh"
ls -l "$OUT"/*.png
