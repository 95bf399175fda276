#pragma once

#include <QStringList>

// `lei-enrich cache stats|purge-expired|clear [--cache PATH]`; arguments are the whole command
// line (QCoreApplication::arguments()). Returns the process exit code.
int runCacheCommand(const QStringList &arguments);
