#!/bin/bash
# Takes docs/screenshots/matches-panel.png: lei-enricher under Xvfb (1024x768) against the local
# fake GLEIF, a file of ten counterparty names (no LEI column) matched by name, the Matches dock
# open. The fake serves the sample entities and a few made-up ones whose names are close.
#   docs/screenshots/take-matches-screenshot.sh [BUILD_DIR] [OUT_DIR]
# Needs xvfb-run, ImageMagick's import, xdotool and python3.
set -euo pipefail
BUILD=$(realpath "${1:-build}")
OUT=$(realpath "${2:-docs/screenshots}")
WORK=$(mktemp -d)
trap 'kill $FAKE_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

# Made-up entities (JSON records shaped like the sample's): two legal forms of one name, one
# name in two countries, a partnership for a misspelt query.
python3 - "$WORK/records.json" <<'PY'
import json, sys
def lei(body):  # ISO 17442 check digits
    n = int(''.join(str(int(c, 36)) for c in body + '00'))
    return body + '%02d' % (98 - n % 97)
def record(i, name, country, city, form, status='ISSUED'):
    code = lei('9695%010dDEMO' % i)
    address = {'addressLines': ['1 Main Street'], 'city': city, 'country': country, 'postalCode': '1000',
               'language': 'en', 'region': None, 'addressNumber': None, 'addressNumberWithinBuilding': None, 'mailRouting': None}
    return {'type': 'lei-records', 'id': code, 'attributes': {
        'lei': code, 'bic': [], 'entity': {
            'legalName': {'name': name, 'language': 'en'}, 'otherNames': [], 'transliteratedOtherNames': [],
            'legalAddress': address, 'headquartersAddress': address, 'jurisdiction': country,
            'legalForm': {'id': None, 'other': form}, 'category': 'GENERAL', 'status': 'ACTIVE',
            'successorEntity': {'lei': None, 'name': None}, 'successorEntities': []},
        'registration': {'status': status, 'initialRegistrationDate': '2015-03-01T00:00:00Z',
                         'lastUpdateDate': '2026-05-01T00:00:00Z', 'nextRenewalDate': '2027-03-01T00:00:00Z'}}}
json.dump([record(1, 'Nordwind Logistik GmbH', 'DE', 'Hamburg', 'GmbH'),
           record(2, 'Nordwind Logistik AG', 'DE', 'Bremen', 'AG'),
           record(3, 'Banco Solar S.A.', 'ES', 'Madrid', 'SA'),
           record(4, 'Banco Solar S.A.', 'PT', 'Lisboa', 'SA'),
           record(5, 'Meridian Capital Partners LLP', 'GB', 'London', 'LLP'),
           record(6, 'Atlas Reinsurance Limited', 'IE', 'Dublin', 'LTD', 'LAPSED'),
           record(7, 'Atlas Reinsurance Limited', 'IE', 'Cork', 'LTD')], open(sys.argv[1], 'w'))
PY

cat > "$WORK/counterparties.csv" <<'ROWS'
trade_id,notional,rate,counterparty,country
T-1001,1000000,0.0050,HSBC Bank plc,GB
T-1002,250000,0.0040,Nordwind Logistik,DE
T-1003,800000,0.0030,Banco Solar SA,
T-1004,120000,0.0050,Meridian Capitol Partners,United Kingdom
T-1005,450000,0.0020,Atlas Reinsurance Ltd,IE
T-1006,900000,0.0010,Lloyds Bank Corporate Markets PLC,GB
T-1007,300000,0.0050,Nordwind Logistik,DE
T-1008,600000,0.0030,Zebra Widgets Unlimited,
T-1009,750000,0.0040,Citigroup Global Markets Ltd,GBR
T-1010,150000,0.0020,Banco Solar SA,
ROWS

"$BUILD/tests/support/fake-gleif" --rate-limit 0 --records "$WORK/records.json" > "$WORK/fake.log" 2>&1 &
FAKE_PID=$!
for _ in $(seq 50); do grep -q http "$WORK/fake.log" 2>/dev/null && break; sleep 0.1; done
URL=$(grep -o 'http://[^ ]*' "$WORK/fake.log" | head -1)

# The file has no LEI column: the prompt proposes "find LEIs by name" (Enter), the Find LEIs
# dialog proposes counterparty and country (Enter), and the run starts.
cat > "$WORK/session.sh" <<SESSION
export LEI_ENRICHER_API_URL=$URL LEI_ENRICHER_CACHE=$WORK/cache.sqlite XDG_CONFIG_HOME=$WORK/config
"$BUILD/app/lei-enricher" "$WORK/counterparties.csv" &
APP=\$!
sleep 3
W=\$(xdotool search --name "LEI Enricher" | head -1)
xdotool windowsize \$W 1024 768
xdotool key Return
sleep 1
xdotool key Return
sleep 4
xdotool windowfocus \$W; xdotool key ctrl+2  # the Summary dock out of the way
sleep 1
# Accept the first entry's best candidate (a click in the dock, then Enter): marked, the next selected.
xdotool mousemove --window \$W 100 492 click 1
sleep 0.3
xdotool key Return
sleep 0.5
import -window \$W "$WORK/shot.png"
convert "$WORK/shot.png" -colors 96 "PNG8:$OUT/matches-panel.png" # a small file for the README
kill \$APP
SESSION
mkdir -p "$OUT"
xvfb-run -a -s "-screen 0 1024x768x24" bash "$WORK/session.sh"
ls -l "$OUT/matches-panel.png"
