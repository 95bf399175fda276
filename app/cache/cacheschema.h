#pragma once

#include <QByteArray>
#include <QString>

class QSqlDatabase;
class QSqlError;
class QSqlQuery;

// The cache file's layout and the migrations from every earlier one.
namespace CacheSchema {

// 1: first release: entries(lei, found, legal_name, bic ','-joined, country, raw_json as
//    plain text, fetched_at as ISO 8601 text); no statuses, no lastUpdateDate.
// 2: statuses and lastUpdateDate as columns, raw record compressed, fetched_at in ms since the
//    epoch (integer comparisons for expiry), an index that answers counts and purges.
// 3: entries keyed by LEI WITHOUT ROWID and without the raw record, which moved to its own
//    table raws(lei, raw): lookups and refetches touch one dense b-tree instead of an index
//    plus a table of wide rows.
// 4: raws keyed by a rowid (raws(id, raw), entries.raw_id): new records are appended rather
//    than inserted at random places of a LEI-keyed b-tree, which halved the pages a batch of
//    new answers dirties.
// 5: a small table `recent` (same columns as entries) takes the writes and is merged into
//    entries in key order in the background: a batch of answers no longer dirties thousands
//    of random pages of a large cache.
// 6: a table `parents` keeps the answers of GLEIF's parent endpoints per entity (direct and
//    ultimate apart), with the same lifetime as found answers.
// 7: no `recent`: writes go straight into entries (the write target that called for it was
//    withdrawn); its rows are moved into entries, the newer answer winning.
// 8: matching (issue 14): `searches` keeps GLEIF's answers to name and BIC searches (the LEIs
//    named, with the same lifetimes as entries), `decisions` the review decisions (name and
//    country -> LEI), which no cache clear touches.
inline constexpr int Version = 8;

enum class Result {
    Ok,
    Damaged,    // not a database, or a damaged one: the caller moves it aside
    NotACache,  // some other SQLite database: left alone
    TooNew,     // written by a newer release: left alone
    Failed,     // anything else (locked past the busy timeout, disk full, ...)
};

// Creates the tables in an empty file or migrates an older one to Version, all in one write
// transaction so a second process opening the same new file waits and then finds it ready.
Result ensure(QSqlDatabase &db, QString *error);

// SQLite says the file is not a database or is damaged.
bool isDamage(const QSqlError &error);

// Runs one statement, retrying while SQLite answers "busy" or "locked" without waiting itself
// (it does so when a new file switches to WAL while another process opens it) until
// `timeoutMs` is spent.
bool execWithRetry(QSqlQuery &query, const QString &sql, int timeoutMs);

inline constexpr int BusyTimeoutMs = 5000;

QByteArray compressRaw(const QByteArray &json);
QByteArray uncompressRaw(const QByteArray &blob);

} // namespace CacheSchema
