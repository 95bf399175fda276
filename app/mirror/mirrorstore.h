#pragma once

#include "gleifrecord.h"
#include "goldencopyfile.h"
#include "matchtypes.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

struct sqlite3;

struct MirrorImportProgress
{
    qint64 bytes = 0;       // of all the files given, compressed bytes for ZIPs
    qint64 totalBytes = -1;
    qint64 records = 0;
};

// An accounting-consolidation parent as the mirror knows it.
struct MirrorParent
{
    QString lei;        // empty: no relationship record
    QString name;       // the parent's legal name when the mirror holds the parent
    QString exception;  // reporting-exception reason (NATURAL_PERSONS, NON_CONSOLIDATING, ...)
};

struct MirrorAnswer
{
    GleifRecord record;  // filled like the API path (rawJson empty); parent links set from below
    MirrorParent directParent;
    MirrorParent ultimateParent;
    QString initialRegistrationDate;
    QString managingLou;
    QDateTime publishDate;  // of the LEI2 file the record came from (its age)
};

struct MirrorStatus
{
    QHash<MirrorFileType, QDateTime> publishDates;  // types never imported are absent
    qint64 records = 0;
    qint64 relationships = 0;
    qint64 exceptions = 0;
    qint64 bics = 0;
    qint64 sizeOnDisk = 0;
    bool nameIndex = false;  // false: built before matching (schema < 3); a full LEI2 import builds it
};

// The local copy of GLEIF's Golden Copy (LEI2, relationship records, reporting exceptions) and
// the BIC map, in one SQLite file. One writer: importFiles() holds a lock file beside the
// mirror. Readers keep answering during an import and see the new data once it is complete
// (each lookup checks whether an import renamed a new file over the one it has open).
class MirrorStore final
{
public:
    MirrorStore();
    ~MirrorStore();
    MirrorStore(const MirrorStore &) = delete;
    MirrorStore &operator=(const MirrorStore &) = delete;

    // `explicitPath`, else $LEI_ENRICHER_MIRROR, else gleif-mirror.sqlite in the application
    // data folder.
    static QString resolvePath(const QString &explicitPath);
    static QString defaultPath();

    // Opens an existing mirror; false (error()) if it is missing or not a mirror.
    bool open(const QString &path);
    bool isOpen() const { return m_db != nullptr; }
    QString path() const { return m_path; }
    QString error() const { return m_error; }

    // Imports downloaded or hand-given files, each recognised by its header. A full LEI2, RR or
    // repex file (or no mirror yet) builds a new mirror beside the old one and renames it over
    // it; otherwise the files apply to the mirror in one transaction. Deltas (recognised by
    // GLEIF's file names: -intra-day, -last-day, -last-week, -last-month) never replace a
    // record by one with an older Registration.LastUpdateDate; the BIC map replaces the BICs.
    // `publishDate` invalid: taken from each file's name (YYYYMMDD-HHMM-... or LEI-BIC-YYYYMMDD),
    // else its modification time. Returns false with error() (one line naming the file) and the
    // previous mirror untouched. `path()` need not exist yet; open() is not needed first.
    bool importFiles(const QStringList &paths, const QDateTime &publishDate,
                     const std::function<void(const MirrorImportProgress &)> &progress,
                     const std::atomic<bool> *cancel);
    // The record count GLEIF publishes for a file; importFiles() refuses a file with fewer.
    void expectRecords(const QString &path, qint64 records) { m_expected.insert(path, records); }
    // The publish date GLEIF states for a file (its metadata's); wins over importFiles()'s
    // `publishDate`, so one import can take files of several publications (Golden Copy and BIC map).
    void setPublishDate(const QString &path, const QDateTime &date) { m_publishDates.insert(path, date); }

    QDateTime publishDate(MirrorFileType type) const;   // invalid: none yet
    // Answers for the LEIs (normalised) the mirror holds; absent ones are not in the mirror.
    // One thread at a time per MirrorStore (it keeps prepared statements); open one per thread.
    QHash<QString, MirrorAnswer> lookup(const QStringList &leis) const;
    // Candidates for each query, in the queries' order, for Match::rank(): the entities with a
    // name that normalises to the query's words (Match::normalise, legal form aside); when none
    // does, the nearest names sharing the query's first word or all its other words (one typo);
    // and the entities of the query's BIC (byBic; 8 characters is the XXX branch). Each list
    // empty, and error() set, when the mirror has no name index. One thread at a time, as lookup().
    QVector<QVector<Match::Entity>> matchCandidates(const QVector<Match::Query> &queries) const;
    bool hasNameIndex() const;
    // Counts the records when called (about 3 s for the whole register: not on a GUI thread).
    MirrorStatus status() const;

    // Deletes the mirror file (and its journal, lock and leftovers). Nothing there is success.
    static bool remove(const QString &path, QString *error);

private:
    class Import;
    bool openDatabase() const;
    void close() const;
    bool reopenIfReplaced() const;
    bool openHelper() const;
    void closeHelper() const;

    QString m_path;
    // Mutable: a lookup reopens the file when an import (maybe another process's) replaced it.
    mutable sqlite3 *m_db = nullptr;
    mutable qint64 m_inode = -1;
    mutable struct sqlite3_stmt *m_lookupQuery = nullptr;
    mutable struct sqlite3_stmt *m_namesQuery = nullptr;
    // A second connection: lookup() reads half of a long list on a second thread.
    mutable sqlite3 *m_helperDb = nullptr;
    mutable struct sqlite3_stmt *m_helperLookupQuery = nullptr;
    mutable struct sqlite3_stmt *m_helperNamesQuery = nullptr;
    QHash<QString, qint64> m_expected;
    QHash<QString, QDateTime> m_publishDates;
    mutable QString m_error;
};
