#!/bin/sh
# Installs the Debian 12 packages LEI Enricher needs to build, test, run and package, only those
# missing. desktop-file-utils and appstream validate packaging/ (CTest packaging_validate);
# dpkg-dev and file let `cpack -G DEB` compute the shared-library Depends (dpkg-shlibdeps).
# libqt6opengl6-dev: Qt6Charts' CMake package needs Qt6OpenGL's, which qt6-charts-dev does not pull in.
# locales: tests run the exporters under de_DE.UTF-8 (decimal comma); stress-ng loads the machine
# for tests/stress.sh.
set -eu
PACKAGES="cmake ninja-build g++ pkg-config zlib1g-dev libzstd-dev libsqlite3-dev
 qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
 libqt6sql6-sqlite qt6-httpserver-dev qt6-websockets-dev libxlsxwriter-dev libmuparser-dev
 libarchive-dev qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-translations-l10n
 xvfb xauth time curl
 desktop-file-utils appstream dpkg-dev file locales stress-ng"
missing=""
for p in $PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if [ -n "$missing" ]; then
    echo "Installing:$missing" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing
fi
# The German locale the locale tests switch to (Debian ships only C and C.UTF-8).
if ! locale -a 2>/dev/null | grep -qix 'de_DE.utf8'; then
    echo "Generating the de_DE.UTF-8 locale" >&2
    grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen 2>/dev/null \
        || echo 'de_DE.UTF-8 UTF-8' | $SUDO tee -a /etc/locale.gen >/dev/null
    $SUDO locale-gen >/dev/null
fi
