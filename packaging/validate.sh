#!/bin/sh
# Checks the desktop entry and the AppStream metainfo as a software centre would, offline, and
# that the window icon in resources/ is the committed 256 px hicolor icon. Run by CTest
# (packaging_validate); desktop-file-utils and appstream come from packaging/install-deps.sh.
set -eu
cd "$(dirname "$0")"
id=org.leienricher.LeiEnricher
# desktop-file-validate fails only on errors; its hints and warnings fail here too.
out=$(desktop-file-validate "$id.desktop" 2>&1) || { echo "$out"; exit 1; }
[ -z "$out" ] || { echo "$out"; exit 1; }
echo "desktop-file-validate: $id.desktop OK"
# --strict fails on infos and warnings as well as errors. --pedantic shows one hint,
# cid-contains-uppercase-letter: the ID must stay the name the application gives itself
# (QGuiApplication::setDesktopFileName), so it is kept; pedantic hints do not fail.
appstreamcli validate --no-net --strict --pedantic "$id.metainfo.xml"
cmp "icons/$id-256.png" "../resources/icons/$id.png"
echo "window icon matches icons/$id-256.png"
