#pragma once

#include <QStringList>

// `lei-enrich mirror update|import FILE...|status|remove [--mirror PATH] [-q]` (update: see
// mirrorupdate.h); arguments are the whole command line (QCoreApplication::arguments()).
// Returns the process exit code.
int runMirrorCommand(const QStringList &arguments);
