#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>

// Everything known about one LEI for the desktop's Details dock: the record's fields in words,
// where the answer came from and as of when, and the raw record (from the cache) when kept.
struct EntityDetails
{
    QString lei;
    QString source; // "cache" or "mirror"; empty: nothing held (error says why)
    QDateTime asOf; // the fetch time, or the mirror's publish date
    QList<QPair<QString, QString>> fields; // (label, value), empty values left out
    QByteArray rawJson; // the API's record, indented; empty for the mirror
    QString error;

    // The entity on GLEIF's own search site.
    static QString searchUrl(const QString &lei);
    // Reads the LEI from the cache (fresh or not) and the mirror, the fresher wins; blocking
    // (run it off the GUI thread). Paths as in EnrichmentSettings (empty: the defaults).
    static EntityDetails load(const QString &lei, const QString &cachePath, const QString &mirrorPath);
};
