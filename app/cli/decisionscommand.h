#pragma once

#include <QStringList>

// `lei-enrich decisions list|forget NAME|clear [--cache PATH]`: the review decisions (name and
// country -> LEI) kept in the cache database; arguments are the whole command line. Returns the
// process exit code.
int runDecisionsCommand(const QStringList &arguments);
