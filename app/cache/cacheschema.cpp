#include "cacheschema.h"

#include "cachelogging.h"
#include "gleifrecord.h"
#include "rawcodec.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QElapsedTimer>
#include <QStringList>
#include <QThread>
#include <QVariant>

#include <initializer_list>

namespace CacheSchema {

namespace {

struct Failure
{
    Result result;
    QString text;
};

class Step final
{
public:
    explicit Step(QSqlDatabase &db) : m_query(db) {}
    Q_DISABLE_COPY_MOVE(Step)

    bool run(const QString &sql)
    {
        if (m_query.exec(sql))
            return true;
        m_error = m_query.lastError();
        return false;
    }
    QSqlQuery &query() { return m_query; }
    const QSqlError &error() const { return m_error; }

private:
    QSqlQuery m_query;
    QSqlError m_error;
};

Result classify(const QSqlError &error) { return isDamage(error) ? Result::Damaged : Result::Failed; }

bool runAll(QSqlDatabase &db, const QStringList &statements, QSqlError *error)
{
    for (const QString &sql : statements) {
        Step step(db);
        if (!step.run(sql)) {
            *error = step.error();
            return false;
        }
    }
    return true;
}

// An entity's accounting-consolidation parents (which: 1 direct, 2 ultimate): the parent, or
// the reporting exception why there is none. Rows live as long as the entity's entry.
QString createParents()
{
    return QStringLiteral("CREATE TABLE parents ("
                          " lei TEXT NOT NULL,"
                          " which INTEGER NOT NULL CHECK (which IN (1, 2)),"
                          " parent_lei TEXT,"
                          " parent_name TEXT,"
                          " exception TEXT,"
                          " fetched_at INTEGER NOT NULL,"
                          " PRIMARY KEY (lei, which)"
                          ") WITHOUT ROWID");
}

// Matching (schema 8): a search's key is "name:TEXT" or "bic:BIC", its answer the LEIs named
// (','-joined, GLEIF's order). A decision is keyed by the name as Match decides it (case and
// spaces folded) and the ISO country ('' for any).
QStringList createMatchTables()
{
    return {QStringLiteral("CREATE TABLE searches (key TEXT PRIMARY KEY NOT NULL, leis TEXT NOT NULL,"
                           " fetched_at INTEGER NOT NULL) WITHOUT ROWID"),
            QStringLiteral("CREATE TABLE decisions (name_key TEXT NOT NULL, country TEXT NOT NULL, name TEXT NOT NULL,"
                           " lei TEXT NOT NULL, decided_at INTEGER NOT NULL, PRIMARY KEY (name_key, country)) WITHOUT ROWID")};
}

QString setVersion()
{
    return QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', '%1')").arg(Version);
}

bool createCurrent(QSqlDatabase &db, QSqlError *error)
{
    return runAll(db, {
        QStringLiteral("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"),
        // Keyed by LEI without a rowid: a lookup is one descent of one b-tree, and with the
        // raw records elsewhere its pages hold about 70 entries each, so the entries a job
        // reads share far fewer pages. Text columns stay nullable: GLEIF sends null legal
        // names, stored as NULL. raw_id points into raws.
        QStringLiteral("CREATE TABLE entries ("
                       " lei TEXT PRIMARY KEY NOT NULL,"
                       " outcome TEXT NOT NULL CHECK (outcome IN ('found', 'not_found')),"
                       " fetched_at INTEGER NOT NULL,"
                       " legal_name TEXT,"
                       " bics TEXT,"
                       " country TEXT,"
                       " entity_status TEXT,"
                       " registration_status TEXT,"
                       " last_update TEXT,"
                       " raw_id INTEGER"
                       ") WITHOUT ROWID"),
        createParents(),
        createMatchTables().at(0),
        createMatchTables().at(1),
        // The compressed raw records (found answers only), read only when asked for. Keyed by
        // a new rowid, so a batch of new records is appended to the last pages of the file
        // instead of landing on as many random pages as it has records.
        QStringLiteral("CREATE TABLE raws (id INTEGER PRIMARY KEY, raw BLOB NOT NULL)"),
        // Covers the counts, purges and oldest/newest without reading the entries.
        QStringLiteral("CREATE INDEX entries_state ON entries (outcome, fetched_at)"),
        setVersion(),
    }, error);
}

// Fills the current tables from the old entries table `entries` (all columns but raw_id) and a
// query `raws` giving (lei, raw) for found answers only (anything else would be left without an
// entry): raw records numbered in LEI order, entries
// written in key order so the new b-trees fill page by page.
bool copyInto(QSqlDatabase &db, const QString &entries, const QString &raws, QSqlError *error)
{
    // The ids alone for the join: carrying the blobs through it held them all in memory.
    const QString numbered = QStringLiteral("SELECT lei, row_number() OVER (ORDER BY lei) AS id FROM (%1)");
    return runAll(db, {
        QStringLiteral("INSERT INTO raws (id, raw) SELECT row_number() OVER (ORDER BY lei), raw FROM (%1)").arg(raws),
        QStringLiteral("INSERT INTO entries (lei, outcome, fetched_at, legal_name, bics, country,"
                       " entity_status, registration_status, last_update, raw_id)"
                       " SELECT e.lei, e.outcome, e.fetched_at, e.legal_name, e.bics, e.country, e.entity_status,"
                       " e.registration_status, e.last_update, n.id FROM %1 AS e"
                       " LEFT JOIN (%2) AS n ON n.lei = e.lei AND e.outcome = 'found' ORDER BY e.lei").arg(entries, numbered.arg(raws)),
    }, error);
}

// v2 or v3 -> current, all in SQL: `tables` are renamed to NAME_vN, the current tables are
// created and filled from them (`raws` gives the found answers' (lei, raw) from the renamed
// tables), and the old ones dropped.
bool migrateInSql(QSqlDatabase &db, int from, const QStringList &tables, const QString &raws, QSqlError *error)
{
    const QString suffix = QStringLiteral("_v%1").arg(from);
    if (!runAll(db, {QStringLiteral("DROP INDEX IF EXISTS entries_state")}, error))
        return false;
    for (const QString &table : tables) {
        if (!runAll(db, {QStringLiteral("ALTER TABLE %1 RENAME TO %1%2").arg(table, suffix)}, error))
            return false;
    }
    if (!createCurrent(db, error) || !copyInto(db, QStringLiteral("entries") + suffix, raws, error))
        return false;
    for (const QString &table : tables) {
        if (!runAll(db, {QStringLiteral("DROP TABLE %1%2").arg(table, suffix)}, error))
            return false;
    }
    qCInfo(lcCache) << "migrated the cache from schema" << from << "to" << Version;
    return true;
}

// v2: the raw record was a column of entries.
bool migrateFrom2(QSqlDatabase &db, QSqlError *error)
{
    return migrateInSql(db, 2, {QStringLiteral("entries")},
                        QStringLiteral("SELECT lei, raw FROM entries_v2"
                                       " WHERE outcome = 'found' AND raw IS NOT NULL AND length(raw) > 0"), error);
}

// v3: raws(lei, raw) becomes raws(id, raw) with entries.raw_id pointing at it.
bool migrateFrom3(QSqlDatabase &db, QSqlError *error)
{
    return migrateInSql(db, 3, {QStringLiteral("entries"), QStringLiteral("raws")},
                        QStringLiteral("SELECT r.lei, r.raw FROM raws_v3 AS r JOIN entries_v3 AS e USING (lei)"
                                       " WHERE e.outcome = 'found'"), error);
}

// v4 to v7: `parents` created (4 and 5 lack it), and the rows of `recent` (5 and 6) moved
// into entries, the newer answer winning as the merge of earlier releases did. The raw record
// of the answer that loses goes unless both share it (a record refetched unchanged). The
// matching tables are created (all lack them).
bool migrateInPlace(QSqlDatabase &db, int from, QSqlError *error)
{
    if (!runAll(db, createMatchTables(), error))
        return false;
    if (from == 4 || from == 5) {
        if (!runAll(db, {createParents()}, error))
            return false;
    }
    if (from == 5 || from == 6) {
        const QString columns = QStringLiteral("lei, outcome, fetched_at, legal_name, bics, country, entity_status,"
                                               " registration_status, last_update, raw_id");
        if (!runAll(db, {
                QStringLiteral("DELETE FROM raws WHERE id IN (SELECT CASE WHEN r.fetched_at >= e.fetched_at"
                               " THEN e.raw_id ELSE r.raw_id END FROM recent AS r JOIN entries AS e USING (lei)"
                               " WHERE r.raw_id IS NOT e.raw_id)"),
                QStringLiteral("INSERT INTO entries (%1) SELECT %1 FROM recent WHERE true" // WHERE: needed before ON CONFLICT
                               " ON CONFLICT (lei) DO UPDATE SET outcome = excluded.outcome, fetched_at = excluded.fetched_at,"
                               " legal_name = excluded.legal_name, bics = excluded.bics, country = excluded.country,"
                               " entity_status = excluded.entity_status, registration_status = excluded.registration_status,"
                               " last_update = excluded.last_update, raw_id = excluded.raw_id"
                               " WHERE excluded.fetched_at >= entries.fetched_at").arg(columns),
                QStringLiteral("DROP TABLE recent"),
            }, error))
            return false;
    }
    if (!runAll(db, {setVersion()}, error))
        return false;
    qCInfo(lcCache) << "migrated the cache from schema" << from << "to" << Version;
    return true;
}

// v1 -> current: the statuses and lastUpdateDate were only inside the raw JSON, so every row is
// read back through GleifRecord rather than converted in SQL.
bool migrateFrom1(QSqlDatabase &db, QSqlError *error)
{
    {
        Step step(db);
        if (!step.run(QStringLiteral("ALTER TABLE entries RENAME TO entries_v1"))) {
            *error = step.error();
            return false;
        }
    }
    if (!createCurrent(db, error))
        return false;

    QSqlQuery read(db);
    read.setForwardOnly(true);
    if (!read.exec(QStringLiteral("SELECT lei, found, legal_name, bic, country, raw_json, fetched_at FROM entries_v1"))) {
        *error = read.lastError();
        return false;
    }
    QSqlQuery write(db);
    QSqlQuery writeRaw(db);
    if (!write.prepare(QStringLiteral(
            "INSERT OR REPLACE INTO entries (lei, outcome, legal_name, bics, country, entity_status,"
            " registration_status, last_update, fetched_at, raw_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"))) {
        *error = write.lastError();
        return false;
    }
    if (!writeRaw.prepare(QStringLiteral("INSERT INTO raws (raw) VALUES (?)"))) {
        *error = writeRaw.lastError();
        return false;
    }
    qint64 migrated = 0;
    while (read.next()) {
        const QString lei = read.value(0).toString();
        const bool found = read.value(1).toInt() != 0;
        GleifRecord record;
        const QByteArray rawJson = read.value(5).toByteArray();
        const QJsonObject object = QJsonDocument::fromJson(rawJson).object();
        if (!found || !GleifRecord::fromJson(object, &record)) {
            record = GleifRecord();
            record.legalName = read.value(2).toString();
            record.bics = read.value(3).toString().split(u',', Qt::SkipEmptyParts);
            record.country = read.value(4).toString();
        }
        QDateTime fetched = QDateTime::fromString(read.value(6).toString(), Qt::ISODateWithMs);
        if (!fetched.isValid())
            fetched = QDateTime::fromMSecsSinceEpoch(0, Qt::UTC); // unknown age: treat as expired

        QVariant rawId(QMetaType::fromType<qlonglong>());
        if (found && !rawJson.isEmpty()) {
            writeRaw.bindValue(0, compressRaw(rawJson));
            if (!writeRaw.exec()) {
                *error = writeRaw.lastError();
                return false;
            }
            rawId = writeRaw.lastInsertId();
        }
        write.bindValue(0, lei);
        write.bindValue(1, found ? QStringLiteral("found") : QStringLiteral("not_found"));
        write.bindValue(2, found ? record.legalName : QString());
        write.bindValue(3, found ? record.bicsJoined() : QString());
        write.bindValue(4, found ? record.country : QString());
        write.bindValue(5, found ? record.entityStatus : QString());
        write.bindValue(6, found ? record.registrationStatus : QString());
        write.bindValue(7, found ? record.lastUpdateDate : QString());
        write.bindValue(8, fetched.toMSecsSinceEpoch());
        write.bindValue(9, rawId);
        if (!write.exec()) {
            *error = write.lastError();
            return false;
        }
        ++migrated;
    }
    if (read.lastError().isValid()) {
        *error = read.lastError();
        return false;
    }
    read.finish();
    write.finish();
    writeRaw.finish();
    Step drop(db);
    if (!drop.run(QStringLiteral("DROP TABLE entries_v1"))) {
        *error = drop.error();
        return false;
    }
    qCInfo(lcCache) << "migrated" << migrated << "entries from cache schema 1 to" << Version;
    return true;
}

Result ensureInTransaction(QSqlDatabase &db, QString *errorText, bool *migrated)
{
    QSqlError error;
    QStringList tables;
    {
        Step step(db);
        if (!step.run(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table'"))) {
            *errorText = step.error().text();
            return classify(step.error());
        }
        while (step.query().next())
            tables.append(step.query().value(0).toString());
    }
    if (tables.isEmpty()) {
        if (!createCurrent(db, &error)) {
            *errorText = error.text();
            return classify(error);
        }
        return Result::Ok;
    }
    if (!tables.contains(u"meta") || !tables.contains(u"entries")) {
        *errorText = QCoreApplication::translate("LeiCache", "it is an SQLite database but not a LEI Enricher cache");
        return Result::NotACache;
    }
    int version = 0;
    {
        Step step(db);
        if (!step.run(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'"))) {
            *errorText = step.error().text();
            return classify(step.error());
        }
        if (step.query().next())
            version = step.query().value(0).toString().toInt();
    }
    if (version > Version) {
        *errorText = QCoreApplication::translate("LeiCache", "it was written by a newer release (cache schema %1; this one reads up to %2)")
                         .arg(version)
                         .arg(Version);
        return Result::TooNew;
    }
    if (version < 1) {
        *errorText = QCoreApplication::translate("LeiCache", "its schema version is missing");
        return Result::NotACache;
    }
    // One case per historical version; each brings the file to the current layout.
    if (version == 1 && !migrateFrom1(db, &error)) {
        *errorText = QCoreApplication::translate("LeiCache", "migrating from cache schema 1 failed: %1").arg(error.text());
        return classify(error);
    }
    if (version == 2 && !migrateFrom2(db, &error)) {
        *errorText = QCoreApplication::translate("LeiCache", "migrating from cache schema 2 failed: %1").arg(error.text());
        return classify(error);
    }
    if (version == 3 && !migrateFrom3(db, &error)) {
        *errorText = QCoreApplication::translate("LeiCache", "migrating from cache schema 3 failed: %1").arg(error.text());
        return classify(error);
    }
    if (version >= 4 && version < Version && !migrateInPlace(db, version, &error)) {
        *errorText = QCoreApplication::translate("LeiCache", "migrating from cache schema %1 failed: %2").arg(version).arg(error.text());
        return classify(error);
    }
    // Adding a table or moving the few rows of `recent` leaves little to give back.
    *migrated = version < 4;
    return Result::Ok;
}

} // namespace

Result ensure(QSqlDatabase &db, QString *errorText)
{
    {
        Step begin(db);
        // IMMEDIATE takes the write lock up front (waiting out the busy timeout), so two
        // processes creating the same new file do not both try to create the tables.
        if (!execWithRetry(begin.query(), QStringLiteral("BEGIN IMMEDIATE"), BusyTimeoutMs)) {
            *errorText = begin.query().lastError().text();
            return classify(begin.query().lastError());
        }
    }
    bool migrated = false;
    const Result result = ensureInTransaction(db, errorText, &migrated);
    Step end(db);
    if (result != Result::Ok) {
        end.run(QStringLiteral("ROLLBACK"));
        return result;
    }
    if (!end.run(QStringLiteral("COMMIT"))) {
        *errorText = end.error().text();
        Step(db).run(QStringLiteral("ROLLBACK"));
        return classify(end.error());
    }
    if (migrated) {
        // The old table's pages are free but still in the file (twice the size on disk until
        // writes reuse them): once, give them back. Not needed for correctness, so a failure
        // (another process busy with the file) only costs space.
        Step vacuum(db);
        if (!vacuum.run(QStringLiteral("VACUUM")) || !vacuum.run(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
            qCWarning(lcCache) << "compacting the cache after migrating it failed:" << vacuum.error().text();
    }
    return Result::Ok;
}

bool isDamage(const QSqlError &error)
{
    // Qt reports SQLite's result code; the low byte is the primary code even when the
    // extended codes are on.
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok) & 0xff;
    constexpr int SqliteCorrupt = 11;
    constexpr int SqliteNotADb = 26;
    return ok && (code == SqliteCorrupt || code == SqliteNotADb);
}

bool execWithRetry(QSqlQuery &query, const QString &sql, int timeoutMs)
{
    constexpr int SqliteBusy = 5;
    constexpr int SqliteLocked = 6;
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        if (query.exec(sql))
            return true;
        bool ok = false;
        const int code = query.lastError().nativeErrorCode().toInt(&ok) & 0xff;
        if (!ok || (code != SqliteBusy && code != SqliteLocked) || timer.elapsed() > timeoutMs)
            return false;
        QThread::msleep(10);
    }
}

QByteArray compressRaw(const QByteArray &json) { return RawCodec::compress(json); }

QByteArray uncompressRaw(const QByteArray &blob) { return RawCodec::uncompress(blob); }

} // namespace CacheSchema
