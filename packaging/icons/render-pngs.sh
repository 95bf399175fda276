#!/bin/sh
# Renders the hicolor PNGs from the SVG. The PNGs are committed, so a build needs no converter;
# run this only after changing org.leienricher.LeiEnricher.svg. The 256 px PNG is also copied to
# resources/icons/ for the window icon (compiled in as a Qt resource; no SVG plugin needed).
# rsvg-convert (librsvg2-bin) antialiases edges cleanly; ImageMagick's own SVG renderer leaves a
# dark fringe on transparent edges, so it is the fallback only.
set -eu
cd "$(dirname "$0")"
svg=org.leienricher.LeiEnricher.svg
for n in 16 32 48 64 128 256; do
    out=org.leienricher.LeiEnricher-$n.png
    if command -v rsvg-convert >/dev/null 2>&1; then
        rsvg-convert -w "$n" -h "$n" "$svg" -o "$out.tmp"
    else
        convert -background none -density 384 "$svg" -resize "${n}x$n" "PNG32:$out.tmp"
    fi
    # No timestamps or other metadata: the same SVG gives the same bytes.
    convert "$out.tmp" -strip -depth 8 "PNG32:$out"
    rm -f "$out.tmp"
done
cp org.leienricher.LeiEnricher-256.png ../../resources/icons/org.leienricher.LeiEnricher.png
