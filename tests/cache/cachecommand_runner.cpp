#include "cachecommand.h"

#include <QCoreApplication>

// Stands in for lei-enrich's main(): the real one dispatches argv[1] == "cache" the same way.
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    return runCacheCommand(app.arguments());
}
