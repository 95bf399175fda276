#pragma once

#include <QCommandLineOption>
#include <QStringList>

// `lei-enrich cache stats|purge-expired|clear [--cache PATH]`; arguments are the whole command
// line (QCoreApplication::arguments()). Returns the process exit code.
int runCacheCommand(const QStringList &arguments);

// --cache PATH as the subcommands that work on the cache file take it (cache, decisions).
QCommandLineOption cacheFileOption();
