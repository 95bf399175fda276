#pragma once
// A mirror imported from the generator's files (LEI2, RR, repex and BIC map of `ranges`, all
// published at `published`) as DIR/NAME.sqlite: its path, or empty (with a warning) when the
// import failed.
#include "goldencopygen.h"
#include "mirrorstore.h"

#include <QDebug>
#include <QDir>

inline QString makeMirror(const GoldenCopyGenerator &gen, const QString &dir, const QString &name,
                          const QDateTime &published, const QList<GoldenCopyGenerator::Range> &ranges)
{
    const QString files = dir + u'/' + name + QStringLiteral("-files");
    QDir().mkpath(files);
    const QStringList paths{gen.writeLei2(files, published, ranges), gen.writeRelationships(files, published, ranges),
                            gen.writeExceptions(files, published, ranges), gen.writeBicMap(files, published, ranges)};
    const QString path = dir + u'/' + name + QStringLiteral(".sqlite");
    MirrorStore store;
    store.open(path); // no mirror there yet (false), but the import goes there
    if (!store.importFiles(paths, published, nullptr, nullptr)) {
        qWarning() << store.error();
        return {};
    }
    return path;
}
