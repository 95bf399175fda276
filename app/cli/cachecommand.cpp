#include "cachecommand.h"

#include <QTextStream>

int runCacheCommand(const QStringList &arguments)
{
    Q_UNUSED(arguments);
    QTextStream(stderr) << "lei-enrich: cache commands are not available yet\n";
    return 2;
}
