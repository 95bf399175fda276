#pragma once

#include <QStringList>

// `lei-enrich mirror import FILE...|status|remove [--mirror PATH] [-q]`; arguments are the whole
// command line (QCoreApplication::arguments()). Returns the process exit code.
int runMirrorCommand(const QStringList &arguments);
