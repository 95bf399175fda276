#pragma once

#include <QStringList>

// `lei-enrich mirror update [--golden-copy-url URL] [--mapping-url URL] [--mirror PATH] [-q]`
// (also --timeout, a download's stall, and --ca-bundle): asks GLEIF what is published, downloads
// what the mirror lacks (full files, the narrowest covering delta, the BIC map) into a folder
// beside the mirror, resuming what a cut run left there, imports it all into the MirrorStore in
// one import (all or nothing) and deletes the downloads.
// `arguments` are the whole command line. Returns the exit code of the contract: 0 done or
// already up to date, 2 usage, 3 download or import failed (the mirror as it was), 130 on
// SIGINT/SIGTERM.
int runMirrorUpdate(const QStringList &arguments);
