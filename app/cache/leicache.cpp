#include "leicache.h"

#include "cachelogging.h"
#include "cacheschema.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QVariant>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <array>
#include <functional>
#include <numeric>

Q_LOGGING_CATEGORY(lcCache, "lei.cache", QtWarningMsg)

namespace {

using CacheSchema::BusyTimeoutMs;

std::atomic<quint64> s_nextInstance{1};

const QString Found = QStringLiteral("found");
const QString NotFound = QStringLiteral("not_found");

// SQLite's json_each() turns one bound text into a table, so a list of any length is one
// statement with one parameter (no per-LEI query, no variable-count limit). Written directly:
// LEIs need no escaping, and QJsonDocument took a noticeable part of a bulk lookup.
QString jsonList(const QStringList &values, qsizetype first = 0, qsizetype count = -1)
{
    if (count < 0)
        count = values.size() - first;
    QString json;
    json.reserve(count * 23 + 2);
    json += u'[';
    for (qsizetype i = first; i < first + count; ++i) {
        const QString &value = values.at(i);
        if (i > first)
            json += u',';
        json += u'"';
        const bool plain = std::all_of(value.cbegin(), value.cend(), [](QChar c) {
            return c.unicode() >= 0x20 && c != u'"' && c != u'\\';
        });
        if (plain) {
            json += value;
        } else {
            for (const QChar c : value) {
                if (c == u'"' || c == u'\\') {
                    json += u'\\';
                    json += c;
                } else if (c.unicode() < 0x20) {
                    json += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
                } else {
                    json += c;
                }
            }
        }
        json += u'"';
    }
    json += u']';
    return json;
}

QString likePattern(const QString &filter)
{
    QString escaped = filter;
    escaped.replace(u'\\', QStringLiteral("\\\\"));
    escaped.replace(u'%', QStringLiteral("\\%"));
    escaped.replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

QString describe(const QSqlError &error)
{
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    return text.isEmpty() ? QCoreApplication::translate("LeiCache", "unknown database error") : text;
}

} // namespace

LookupResult CachedAnswer::servedStale() const
{
    LookupResult r = result;
    r.stale = true;
    return r;
}

LeiCache::LeiCache(Clock clock)
    : m_instance(s_nextInstance.fetch_add(1))
    , m_clock(std::move(clock))
{
}

LeiCache::~LeiCache()
{
    close();
}

QString LeiCache::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/cache.sqlite");
}

QString LeiCache::resolvePath(const QString &explicitPath)
{
    if (!explicitPath.isEmpty())
        return explicitPath;
    const QString fromEnv = qEnvironmentVariable("LEI_ENRICHER_CACHE");
    if (!fromEnv.isEmpty())
        return fromEnv;
    return defaultPath();
}

bool LeiCache::open(const QString &path)
{
    close();
    m_warning.clear();
    m_movedAside.clear();
    setError(QString());
    if (path.isEmpty()) {
        setError(QCoreApplication::translate("LeiCache", "no cache file given"));
        return false;
    }
    const QFileInfo info(path);
    m_path = info.absoluteFilePath();
    const QString folder = info.absolutePath();
    if (!QDir().mkpath(folder)) {
        setError(QCoreApplication::translate("LeiCache", "cannot create the cache folder %1 for %2").arg(QDir::toNativeSeparators(folder), QDir::toNativeSeparators(m_path)));
        return false;
    }
    // SQLite needs to create the -wal and -shm files beside the database, even to read it.
    if (!QFileInfo(folder).isWritable()) {
        setError(QCoreApplication::translate("LeiCache", "the cache folder %1 is not writable (cache file %2)").arg(QDir::toNativeSeparators(folder), QDir::toNativeSeparators(m_path)));
        return false;
    }
    if (info.isDir()) {
        setError(QCoreApplication::translate("LeiCache", "the cache path %1 is a folder, not a file").arg(QDir::toNativeSeparators(m_path)));
        return false;
    }

    m_open = true;
    QString error;
    SetupResult result = openAndSetUp(&error);
    if (result == SetupResult::Damaged) {
        dropConnections();
        qCInfo(lcCache) << "cache file" << m_path << "is damaged:" << error;
        const QString reason = error;
        if (!moveAside(&error)) {
            result = SetupResult::Failed;
        } else {
            m_warning = QCoreApplication::translate("LeiCache", "The cache file %1 was damaged (%2); it was moved to %3 and a new cache was started.")
                            .arg(QDir::toNativeSeparators(m_path), reason, QDir::toNativeSeparators(m_movedAside));
            result = openAndSetUp(&error);
            if (result == SetupResult::Damaged)
                result = SetupResult::Failed;
        }
    }
    if (result != SetupResult::Ok) {
        dropConnections();
        m_open = false;
        setError(QCoreApplication::translate("LeiCache", "cannot use the cache file %1: %2").arg(QDir::toNativeSeparators(m_path), error));
        return false;
    }
    return true;
}

void LeiCache::close()
{
    dropConnections();
    m_open = false;
}

bool LeiCache::isOpen() const { return m_open; }
QString LeiCache::path() const { return m_path; }
QString LeiCache::warning() const { return m_warning; }
QString LeiCache::movedAsidePath() const { return m_movedAside; }

QString LeiCache::lastError() const
{
    QMutexLocker locker(&m_mutex);
    return m_lastError;
}

void LeiCache::setError(const QString &error)
{
    // Not logged: every error reaches the caller, which reports it once in its own way.
    QMutexLocker locker(&m_mutex);
    m_lastError = error;
}

void LeiCache::setClock(Clock clock) { m_clock = std::move(clock); }

QDateTime LeiCache::now() const
{
    return m_clock ? m_clock().toUTC() : QDateTime::currentDateTimeUtc();
}

void LeiCache::setLifetime(std::chrono::seconds lifetime)
{
    m_lifetimeSecs = std::max<qint64>(0, lifetime.count());
}

std::chrono::seconds LeiCache::lifetime() const { return std::chrono::seconds(m_lifetimeSecs.load()); }

void LeiCache::setNotFoundLifetime(std::chrono::seconds lifetime)
{
    m_notFoundLifetimeSecs = std::max<qint64>(0, lifetime.count());
}

std::chrono::seconds LeiCache::notFoundLifetime() const
{
    return std::chrono::seconds(std::min(m_notFoundLifetimeSecs.load(), m_lifetimeSecs.load()));
}

LeiCache::Thresholds LeiCache::thresholds() const
{
    const qint64 nowMs = now().toMSecsSinceEpoch();
    // Fresh means fetched_at > threshold, i.e. younger than the lifetime.
    return {nowMs - lifetime().count() * 1000, nowMs - notFoundLifetime().count() * 1000};
}

CacheEntryInfo LeiCache::makeInfo(const QString &lei, bool found, const QString &legalName,
                                  const QString &country, qint64 fetchedMs,
                                  const Thresholds &t) const
{
    CacheEntryInfo info;
    info.lei = lei;
    info.outcome = found ? LookupOutcome::Found : LookupOutcome::NotFound;
    info.legalName = legalName;
    info.country = country;
    info.fetchedAt = QDateTime::fromMSecsSinceEpoch(fetchedMs, Qt::UTC);
    const qint64 life = found ? lifetime().count() : notFoundLifetime().count();
    info.expiresAt = info.fetchedAt.addSecs(life);
    info.fresh = fetchedMs > (found ? t.found : t.notFound);
    return info;
}

QString LeiCache::connectionName() const
{
    return QStringLiteral("leicache-%1-%2")
        .arg(m_instance)
        .arg(quintptr(QThread::currentThreadId()), 0, 16);
}

QSqlDatabase LeiCache::connection()
{
    const QString name = connectionName();
    if (QSqlDatabase::contains(name)) {
        QSqlDatabase existing = QSqlDatabase::database(name, false);
        if (existing.isOpen())
            return existing;
        // A finished thread's id was reused: its connection cannot serve this thread.
        existing = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        QMutexLocker locker(&m_mutex);
        m_connections.removeAll(name);
    }
    if (!m_open) {
        setError(QCoreApplication::translate("LeiCache", "the cache is not open"));
        return {};
    }
    QSqlError error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        {
            QMutexLocker locker(&m_mutex);
            m_connections.append(name);
        }
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
        if (db.open()) {
            QSqlQuery pragma(db);
            // WAL lets readers and one writer (in any process) work at once. NORMAL sync in
            // WAL keeps every committed batch through a crash or kill of the process; only an
            // OS crash or power cut may lose the last commits, which are just refetched.
            const QString pragmas[] = {
                // Only takes effect on a new, empty file. 8 kB pages measured faster than 4 kB
                // for random lookups and writes in a million-entry cache.
                QStringLiteral("PRAGMA page_size = 8192"),
                QStringLiteral("PRAGMA journal_mode = WAL"),
                QStringLiteral("PRAGMA synchronous = NORMAL"),
                QStringLiteral("PRAGMA cache_size = -32768"),
                // Reading pages in place rather than copying them in with a system call each
                // roughly halves a bulk lookup's time. Address space only, not memory.
                QStringLiteral("PRAGMA mmap_size = 1073741824"),
                QStringLiteral("PRAGMA temp_store = MEMORY"),
                // Each checkpoint syncs the disk twice; every 32 MB of log rather than SQLite's
                // 8 MB made writing answers as they arrive markedly cheaper.
                QStringLiteral("PRAGMA wal_autocheckpoint = 4096"),
                // Otherwise the log keeps the size of the largest batch ever written.
                QStringLiteral("PRAGMA journal_size_limit = 67108864"),
            };
            bool ok = true;
            for (const QString &sql : pragmas) {
                if (!CacheSchema::execWithRetry(pragma, sql, BusyTimeoutMs)) {
                    error = pragma.lastError();
                    ok = false;
                    break;
                }
                if (sql.contains(u"journal_mode") && pragma.next()
                    && pragma.value(0).toString().compare(u"wal", Qt::CaseInsensitive) != 0)
                    qCWarning(lcCache) << "cache file" << m_path << "not in WAL mode:" << pragma.value(0);
                pragma.finish();
            }
            if (ok)
                return db;
        } else {
            error = db.lastError();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    {
        QMutexLocker locker(&m_mutex);
        m_connections.removeAll(name);
    }
    m_connectDamaged = CacheSchema::isDamage(error);
    m_connectError = describe(error);
    setError(QCoreApplication::translate("LeiCache", "cannot open the cache file %1: %2").arg(QDir::toNativeSeparators(m_path), describe(error)));
    return {};
}

LeiCache::SetupResult LeiCache::openAndSetUp(QString *error)
{
    QSqlDatabase db = connection();
    if (!db.isValid()) {
        *error = m_connectError;
        return m_connectDamaged ? SetupResult::Damaged : SetupResult::Failed;
    }
    switch (CacheSchema::ensure(db, error)) {
    case CacheSchema::Result::Ok:
        return SetupResult::Ok;
    case CacheSchema::Result::Damaged:
        return SetupResult::Damaged;
    case CacheSchema::Result::NotACache:
    case CacheSchema::Result::TooNew:
    case CacheSchema::Result::Failed:
        break;
    }
    return SetupResult::Failed;
}

void LeiCache::dropConnections()
{
    QStringList names;
    {
        QMutexLocker locker(&m_mutex);
        names.swap(m_connections);
    }
    for (const QString &name : names)
        QSqlDatabase::removeDatabase(name); // closes it, from whichever thread opened it
}

bool LeiCache::moveAside(QString *error)
{
    const QString stamp = now().toString(QStringLiteral("yyyyMMdd'T'HHmmss"));
    QString target = m_path + QStringLiteral(".corrupt-") + stamp;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = m_path + QStringLiteral(".corrupt-") + stamp + u'-' + QString::number(n);
    QFile file(m_path);
    if (!file.rename(target)) {
        if (!QFileInfo::exists(m_path))
            return true; // another process moved it first; its replacement is what we open
        *error = QCoreApplication::translate("LeiCache", "it is damaged and cannot be moved aside to %1: %2").arg(QDir::toNativeSeparators(target), file.errorString());
        return false;
    }
    // The old log belongs to the old file: left in place, SQLite would replay it into the new
    // one. Kept beside the moved file under SQLite's own naming so both open together.
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFileInfo::exists(m_path + suffix) && !QFile::rename(m_path + suffix, target + suffix))
            QFile::remove(m_path + suffix);
    }
    m_movedAside = target;
    return true;
}

namespace {

// A lookup reads the fields of all its entries as one text: Qt builds a QVariant and a QString
// per column per row, and for bulk lookups that, not SQLite, was most of the time. Records are
// separated by U+001E, fields by U+001F; neither occurs in GLEIF data, and a text where one
// does (the record or field count is off) is read again row by row.
constexpr char16_t RecordSeparator = u'\x1e';
constexpr char16_t FieldSeparator = u'\x1f';
constexpr int PackedFields = 9;
// One printf() per entry rather than a chain of ||, which allocates a string per step (NULL
// prints as empty). The separators sit in the format literal itself.
const QString PackedRecord = QStringLiteral("printf('%d\x1f%d\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s',"
    " fetched_at, outcome = 'found', lei, legal_name, bics, country, entity_status,"
    " registration_status, last_update)");
const QString PlainColumns = QStringLiteral(
    "fetched_at, outcome = 'found', lei, legal_name, bics, country, entity_status,"
    " registration_status, last_update");
const QString InList = QStringLiteral(" WHERE lei IN (SELECT value FROM json_each(?))");
// Bounds the one text a lookup query returns (about 100 characters an entry).
constexpr qsizetype LookupChunk = 20000;
constexpr qsizetype ParallelFrom = 256;

using Fields = std::array<QStringView, PackedFields>;

bool splitFields(QStringView record, Fields *fields)
{
    qsizetype from = 0;
    for (int i = 0; i < PackedFields; ++i) {
        const qsizetype end = i + 1 < PackedFields ? record.indexOf(FieldSeparator, from) : record.size();
        if (end < 0)
            return false;
        (*fields)[i] = record.mid(from, end - from);
        from = end + 1;
    }
    return !(*fields)[PackedFields - 1].contains(FieldSeparator);
}

} // namespace

QHash<QString, CachedAnswer> LeiCache::lookupOnce(const QStringList &leis, RawRecord raw)
{
    QHash<QString, CachedAnswer> answers;
    if (leis.isEmpty())
        return answers;
    QSqlDatabase db = connection();
    if (!db.isValid())
        return answers;
    const Thresholds t = thresholds();
    const qint64 life = lifetime().count();
    const qint64 notFoundLife = notFoundLifetime().count();
    answers.reserve(leis.size());
    // With the raw records, fields and records come from one snapshot of the file.
    const bool snapshot = raw == RawRecord::Include && db.transaction();
    auto fail = [&](const QSqlQuery &query) {
        setError(QCoreApplication::translate("LeiCache", "cache lookup failed: %1").arg(describe(query.lastError())));
        if (snapshot)
            db.rollback();
        return QHash<QString, CachedAnswer>();
    };
    auto add = [&](const Fields &f, QString text[PackedFields]) {
        // text[i] holds field i when it was read as a column (fallback), else f[i] is used.
        auto take = [&](int i) { return text ? std::move(text[i]) : f[i].toString(); };
        CachedAnswer answer;
        LookupResult &r = answer.result;
        const qint64 fetchedMs = text ? text[0].toLongLong() : f[0].toLongLong();
        const bool found = text ? text[1] == u"1" : f[1] == u"1";
        r.lei = take(2);
        r.outcome = found ? LookupOutcome::Found : LookupOutcome::NotFound;
        if (found) {
            GleifRecord &rec = r.record;
            rec.lei = r.lei;
            rec.legalName = take(3);
            rec.bics = take(4).split(u';', Qt::SkipEmptyParts);
            rec.country = take(5);
            rec.entityStatus = take(6);
            rec.registrationStatus = take(7);
            rec.lastUpdateDate = take(8);
        }
        r.fetchedAt = QDateTime::fromMSecsSinceEpoch(fetchedMs, Qt::UTC);
        answer.expiresAt = r.fetchedAt.addSecs(found ? life : notFoundLife);
        answer.fresh = fetchedMs > (found ? t.found : t.notFound);
        QString key = r.lei;
        answers.insert(std::move(key), std::move(answer));
    };

    for (qsizetype first = 0; first < leis.size(); first += LookupChunk) {
        const QString json = jsonList(leis, first, std::min(LookupChunk, leis.size() - first));
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.prepare(QStringLiteral("SELECT count(*), group_concat(") + PackedRecord
                           + QStringLiteral(", char(30)) FROM entries") + InList)) {
            return fail(query);
        }
        query.bindValue(0, json);
        if (!query.exec() || !query.next())
            return fail(query);
        const qint64 count = query.value(0).toLongLong();
        const QString text = query.value(1).toString();
        query.finish();

        if (count == 0)
            continue;
        QList<Fields> records;
        records.reserve(count);
        bool packed = true;
        for (QStringView rest(text); packed;) {
            const qsizetype end = rest.indexOf(RecordSeparator);
            Fields f;
            packed = splitFields(end < 0 ? rest : rest.left(end), &f);
            if (packed)
                records.append(f);
            if (end < 0)
                break;
            rest = rest.mid(end + 1);
        }
        if (packed && records.size() == count) {
            for (const Fields &f : std::as_const(records))
                add(f, nullptr);
        } else {
            // A separator inside the data: column by column.
            if (!query.prepare(QStringLiteral("SELECT ") + PlainColumns + QStringLiteral(" FROM entries") + InList))
                return fail(query);
            query.bindValue(0, json);
            if (!query.exec())
                return fail(query);
            while (query.next()) {
                QString columns[PackedFields];
                for (int i = 0; i < PackedFields; ++i)
                    columns[i] = query.value(i).toString();
                add(Fields(), columns);
            }
            if (query.lastError().isValid())
                return fail(query);
        }
        if (raw != RawRecord::Include)
            continue;
        // Only found answers have a raw record.
        if (!query.prepare(QStringLiteral("SELECT lei, raw FROM raws") + InList))
            return fail(query);
        query.bindValue(0, json);
        if (!query.exec())
            return fail(query);
        QList<std::pair<QString, QByteArray>> blobs;
        while (query.next())
            blobs.append({query.value(0).toString(), query.value(1).toByteArray()});
        if (query.lastError().isValid())
            return fail(query);
        auto uncompressOne = [](std::pair<QString, QByteArray> &blob) {
            blob.second = CacheSchema::uncompressRaw(blob.second);
        };
        if (blobs.size() >= ParallelFrom)
            QtConcurrent::blockingMap(blobs, uncompressOne);
        else
            std::for_each(blobs.begin(), blobs.end(), uncompressOne);
        for (auto &blob : blobs) {
            const auto it = answers.find(blob.first);
            if (it != answers.end() && it->result.outcome == LookupOutcome::Found)
                it->result.record.rawJson = std::move(blob.second);
        }
    }
    if (snapshot)
        db.commit();
    return answers;
}

namespace {

// Runs `sql(rows)` over `count` items, `perStatement` rows per execution: Qt's per-execution
// overhead, not SQLite, was most of the cost of one statement per row. Returns the error text,
// empty on success.
template<typename Bind>
QString execRows(QSqlDatabase &db, qsizetype count, qsizetype perStatement,
                 const std::function<QString(qsizetype)> &sql, Bind bind)
{
    if (count == 0)
        return {};
    QSqlQuery full(db);
    QSqlQuery rest(db);
    const qsizetype restRows = count % perStatement;
    if (count >= perStatement && !full.prepare(sql(perStatement)))
        return describe(full.lastError());
    if (restRows > 0 && !rest.prepare(sql(restRows)))
        return describe(rest.lastError());
    for (qsizetype first = 0; first < count; first += perStatement) {
        const qsizetype rows = std::min(perStatement, count - first);
        QSqlQuery &query = rows == perStatement ? full : rest;
        for (qsizetype k = 0; k < rows; ++k)
            bind(query, int(k), first + k);
        if (!query.exec())
            return describe(query.lastError());
    }
    return {};
}

QString repeatRows(const QString &row, qsizetype rows)
{
    QString out;
    for (qsizetype i = 0; i < rows; ++i) {
        if (i > 0)
            out += QStringLiteral(", ");
        out += row;
    }
    return out;
}

} // namespace

bool LeiCache::storeOnce(const QList<LookupResult> &results)
{
    QSqlDatabase db = connection();
    if (!db.isValid())
        return false;

    // Prepared before taking the write lock, so another process waits as little as possible.
    // In key order, consecutive writes land on the same b-tree pages.
    QList<const LookupResult *> ordered;
    ordered.reserve(results.size());
    for (const LookupResult &r : results) {
        if (r.outcome != LookupOutcome::Failed && !r.lei.isEmpty())
            ordered.append(&r);
    }
    if (ordered.isEmpty())
        return true;
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const LookupResult *a, const LookupResult *b) { return a->lei < b->lei; });
    // Compression is most of a large batch's CPU time: spread over the cores.
    QList<QByteArray> blobs(ordered.size());
    auto compressOne = [&](qsizetype i) {
        const LookupResult &r = *ordered.at(i);
        if (r.outcome == LookupOutcome::Found && !r.record.rawJson.isEmpty())
            blobs[i] = CacheSchema::compressRaw(r.record.rawJson);
    };
    if (ordered.size() >= ParallelFrom) {
        QList<qsizetype> indices(ordered.size());
        std::iota(indices.begin(), indices.end(), qsizetype(0));
        QtConcurrent::blockingMap(indices, compressOne);
    } else {
        for (qsizetype i = 0; i < ordered.size(); ++i)
            compressOne(i);
    }
    const qint64 fallbackMs = now().toMSecsSinceEpoch();
    QList<qint64> fetchedMs(ordered.size());
    QList<qsizetype> withRaw, withoutRaw;
    for (qsizetype i = 0; i < ordered.size(); ++i) {
        const LookupResult &r = *ordered.at(i);
        fetchedMs[i] = r.fetchedAt.isValid() ? r.fetchedAt.toMSecsSinceEpoch() : fallbackMs;
        (blobs.at(i).isEmpty() ? withoutRaw : withRaw).append(i);
    }

    QSqlQuery control(db);
    // IMMEDIATE: wait (busy timeout) for the write lock now rather than fail mid-batch.
    if (!CacheSchema::execWithRetry(control, QStringLiteral("BEGIN IMMEDIATE"), BusyTimeoutMs)) {
        setError(QCoreApplication::translate("LeiCache", "cannot write to the cache file %1: %2").arg(QDir::toNativeSeparators(m_path), describe(control.lastError())));
        return false;
    }
    // 64 rows x 9 values stays far below SQLite's limit on parameters.
    constexpr qsizetype RowsPerStatement = 64;
    const QVariant nullText(QMetaType::fromType<QString>());
    // The WHERE keeps a newer answer another process wrote while ours was in flight.
    QString failure = execRows(db, ordered.size(), RowsPerStatement, [](qsizetype rows) -> QString {
        return QStringLiteral(
                   "INSERT INTO entries (lei, outcome, fetched_at, legal_name, bics, country,"
                   " entity_status, registration_status, last_update) VALUES ")
            + repeatRows(QStringLiteral("(?, ?, ?, ?, ?, ?, ?, ?, ?)"), rows)
            + QStringLiteral(
                   " ON CONFLICT (lei) DO UPDATE SET outcome = excluded.outcome,"
                   " fetched_at = excluded.fetched_at, legal_name = excluded.legal_name,"
                   " bics = excluded.bics, country = excluded.country,"
                   " entity_status = excluded.entity_status,"
                   " registration_status = excluded.registration_status,"
                   " last_update = excluded.last_update"
                   " WHERE excluded.fetched_at >= entries.fetched_at");
    }, [&](QSqlQuery &insert, int k, qsizetype i) {
        const int base = k * 9;
        const LookupResult &r = *ordered.at(i);
        const bool found = r.outcome == LookupOutcome::Found;
        const GleifRecord &rec = r.record;
        insert.bindValue(base + 0, r.lei);
        insert.bindValue(base + 1, found ? Found : NotFound);
        insert.bindValue(base + 2, fetchedMs.at(i));
        insert.bindValue(base + 3, found ? QVariant(rec.legalName) : nullText);
        insert.bindValue(base + 4, found ? QVariant(rec.bicsJoined()) : nullText);
        insert.bindValue(base + 5, found ? QVariant(rec.country) : nullText);
        insert.bindValue(base + 6, found ? QVariant(rec.entityStatus) : nullText);
        insert.bindValue(base + 7, found ? QVariant(rec.registrationStatus) : nullText);
        insert.bindValue(base + 8, found ? QVariant(rec.lastUpdateDate) : nullText);
    });
    // The raw records follow the entries: only where the entry now holds this answer (its
    // fetch time won), and an unchanged record is not written again, so refetching an entity
    // whose record did not change leaves its page of raw records untouched.
    if (failure.isEmpty()) {
        failure = execRows(db, withRaw.size(), RowsPerStatement, [](qsizetype rows) -> QString {
            return QStringLiteral("INSERT INTO raws (lei, raw) SELECT v.column1, v.column2 FROM (VALUES ")
                + repeatRows(QStringLiteral("(?, ?, ?)"), rows)
                + QStringLiteral(
                       ") AS v WHERE (SELECT fetched_at FROM entries WHERE lei = v.column1) = v.column3"
                       " ON CONFLICT (lei) DO UPDATE SET raw = excluded.raw WHERE raw IS NOT excluded.raw");
        }, [&](QSqlQuery &insert, int k, qsizetype n) {
            const qsizetype i = withRaw.at(n);
            insert.bindValue(k * 3 + 0, ordered.at(i)->lei);
            insert.bindValue(k * 3 + 1, blobs.at(i));
            insert.bindValue(k * 3 + 2, fetchedMs.at(i));
        });
    }
    if (failure.isEmpty()) {
        failure = execRows(db, withoutRaw.size(), RowsPerStatement, [](qsizetype rows) -> QString {
            return QStringLiteral("DELETE FROM raws WHERE lei IN (SELECT v.column1 FROM (VALUES ")
                + repeatRows(QStringLiteral("(?, ?)"), rows)
                + QStringLiteral(") AS v WHERE (SELECT fetched_at FROM entries WHERE lei = v.column1) = v.column2)");
        }, [&](QSqlQuery &remove, int k, qsizetype n) {
            const qsizetype i = withoutRaw.at(n);
            remove.bindValue(k * 2 + 0, ordered.at(i)->lei);
            remove.bindValue(k * 2 + 1, fetchedMs.at(i));
        });
    }
    if (failure.isEmpty() && !control.exec(QStringLiteral("COMMIT")))
        failure = describe(control.lastError());
    if (!failure.isEmpty()) {
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        setError(QCoreApplication::translate("LeiCache", "cannot write to the cache file %1: %2").arg(QDir::toNativeSeparators(m_path), failure));
        return false;
    }
    return true;
}

std::optional<CacheStats> LeiCache::statsOnce()
{
    QSqlDatabase db = connection();
    if (!db.isValid())
        return std::nullopt;
    const Thresholds t = thresholds();
    QSqlQuery query(db);
    query.setForwardOnly(true);
    // Each part is an index range or end point on (outcome, fetched_at), so a million entries
    // cost a count of the fresh ones rather than an evaluated expression per entry.
    query.prepare(QStringLiteral(
        "SELECT (SELECT count(*) FROM entries),"
        " (SELECT count(*) FROM entries WHERE outcome = 'found' AND fetched_at > ?),"
        " (SELECT count(*) FROM entries WHERE outcome = 'not_found' AND fetched_at > ?),"
        " (SELECT count(*) FROM entries WHERE outcome = 'not_found'),"
        " (SELECT min(fetched_at) FROM entries WHERE outcome = 'found'),"
        " (SELECT min(fetched_at) FROM entries WHERE outcome = 'not_found'),"
        " (SELECT max(fetched_at) FROM entries WHERE outcome = 'found'),"
        " (SELECT max(fetched_at) FROM entries WHERE outcome = 'not_found')"));
    query.bindValue(0, t.found);
    query.bindValue(1, t.notFound);
    if (!query.exec() || !query.next()) {
        setError(QCoreApplication::translate("LeiCache", "cannot read the cache statistics: %1").arg(describe(query.lastError())));
        return std::nullopt;
    }
    CacheStats s;
    s.total = query.value(0).toLongLong();
    s.fresh = query.value(1).toLongLong() + query.value(2).toLongLong();
    s.expired = s.total - s.fresh;
    s.notFound = query.value(3).toLongLong();
    auto pick = [&](int a, int b, bool oldest) {
        const QVariant va = query.value(a), vb = query.value(b);
        if (va.isNull() && vb.isNull())
            return QDateTime();
        qint64 ms = va.isNull() ? vb.toLongLong() : va.toLongLong();
        if (!va.isNull() && !vb.isNull())
            ms = oldest ? std::min(va.toLongLong(), vb.toLongLong()) : std::max(va.toLongLong(), vb.toLongLong());
        return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    };
    s.oldestFetch = pick(4, 5, true);
    s.newestFetch = pick(6, 7, false);
    s.sizeOnDisk = sizeOnDisk();
    return s;
}

QList<CacheEntryInfo> LeiCache::entries(const QString &filter, qint64 offset, int limit)
{
    return listEntries(filter, nullptr, offset, limit);
}

QList<CacheEntryInfo> LeiCache::entriesAfter(const QString &filter, const QString &afterLei, int limit)
{
    return listEntries(filter, &afterLei, 0, limit);
}

QList<CacheEntryInfo> LeiCache::listEntries(const QString &filter, const QString *afterLei,
                                            qint64 offset, int limit)
{
    QList<CacheEntryInfo> list;
    QSqlDatabase db = connection();
    if (!db.isValid() || limit <= 0)
        return list;
    QStringList conditions;
    if (afterLei)
        conditions.append(QStringLiteral("lei > coalesce(?, '')"));
    if (!filter.isEmpty())
        conditions.append(QStringLiteral("(lei LIKE ? ESCAPE '\\' OR legal_name LIKE ? ESCAPE '\\')"));
    QString sql = QStringLiteral("SELECT lei, outcome, legal_name, country, fetched_at FROM entries");
    if (!conditions.isEmpty())
        sql += QStringLiteral(" WHERE ") + conditions.join(QStringLiteral(" AND "));
    sql += QStringLiteral(" ORDER BY lei LIMIT ? OFFSET ?");
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    int i = 0;
    if (afterLei)
        query.bindValue(i++, *afterLei);
    if (!filter.isEmpty()) {
        const QString pattern = likePattern(filter);
        query.bindValue(i++, pattern);
        query.bindValue(i++, pattern);
    }
    query.bindValue(i++, limit);
    query.bindValue(i++, offset);
    if (!query.exec()) {
        setError(QCoreApplication::translate("LeiCache", "cannot list the cache entries: %1").arg(describe(query.lastError())));
        return list;
    }
    const Thresholds t = thresholds();
    while (query.next()) {
        list.append(makeInfo(query.value(0).toString(), query.value(1).toString() == Found,
                             query.value(2).toString(), query.value(3).toString(),
                             query.value(4).toLongLong(), t));
    }
    return list;
}

qint64 LeiCache::countEntries(const QString &filter)
{
    QSqlDatabase db = connection();
    if (!db.isValid())
        return -1;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (filter.isEmpty()) {
        query.prepare(QStringLiteral("SELECT count(*) FROM entries"));
    } else {
        query.prepare(QStringLiteral("SELECT count(*) FROM entries WHERE lei LIKE ? ESCAPE '\\' OR legal_name LIKE ? ESCAPE '\\'"));
        const QString pattern = likePattern(filter);
        query.bindValue(0, pattern);
        query.bindValue(1, pattern);
    }
    if (!query.exec() || !query.next()) {
        setError(QCoreApplication::translate("LeiCache", "cannot count the cache entries: %1").arg(describe(query.lastError())));
        return -1;
    }
    return query.value(0).toLongLong();
}

qint64 LeiCache::removeOnce(const QStringList &leis)
{
    if (leis.isEmpty())
        return 0;
    QSqlDatabase db = connection();
    if (!db.isValid())
        return -1;
    const QString json = jsonList(leis);
    return deleteEntries(db, QStringLiteral("lei IN (SELECT value FROM json_each(?))"), {json},
                         QCoreApplication::translate("LeiCache", "cannot delete cache entries from %1: %2"));
}

qint64 LeiCache::purgeExpiredOnce()
{
    QSqlDatabase db = connection();
    if (!db.isValid())
        return -1;
    const Thresholds t = thresholds();
    // No VACUUM here: rewriting a large file takes seconds (the dialog calls this on the GUI
    // thread) and the freed pages are reused by the next writes. clear() gives space back.
    return deleteEntries(db, QStringLiteral("(outcome = 'found' AND fetched_at <= ?) OR (outcome = 'not_found' AND fetched_at <= ?)"),
                         {t.found, t.notFound}, QCoreApplication::translate("LeiCache", "cannot purge the cache file %1: %2"));
}

qint64 LeiCache::deleteEntries(QSqlDatabase &db, const QString &where, const QVariantList &values,
                               const QString &errorFormat)
{
    // The raw records first (they are found by their entries), both in one transaction.
    QSqlQuery query(db);
    QString failure;
    qint64 removed = -1;
    if (!CacheSchema::execWithRetry(query, QStringLiteral("BEGIN IMMEDIATE"), BusyTimeoutMs)) {
        failure = describe(query.lastError());
    } else {
        for (const QString &sql : {QStringLiteral("DELETE FROM raws WHERE lei IN (SELECT lei FROM entries WHERE %1)").arg(where),
                                   QStringLiteral("DELETE FROM entries WHERE %1").arg(where)}) {
            query.prepare(sql);
            for (int i = 0; i < values.size(); ++i)
                query.bindValue(i, values.at(i));
            if (!query.exec()) {
                failure = describe(query.lastError());
                break;
            }
            removed = query.numRowsAffected();
        }
        query.finish();
        if (failure.isEmpty() && !query.exec(QStringLiteral("COMMIT")))
            failure = describe(query.lastError());
        if (!failure.isEmpty())
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    }
    if (!failure.isEmpty()) {
        setError(errorFormat.arg(QDir::toNativeSeparators(m_path), failure));
        return -1;
    }
    return removed;
}

qint64 LeiCache::clearOnce()
{
    QSqlDatabase db = connection();
    if (!db.isValid())
        return -1;
    QSqlQuery query(db);
    qint64 removed = -1;
    if (query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        if (query.exec(QStringLiteral("SELECT count(*) FROM entries")) && query.next())
            removed = query.value(0).toLongLong();
        query.finish();
        if (removed < 0 || !query.exec(QStringLiteral("DELETE FROM raws"))
            || !query.exec(QStringLiteral("DELETE FROM entries"))
            || !query.exec(QStringLiteral("COMMIT"))) {
            const QString error = describe(query.lastError());
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            setError(QCoreApplication::translate("LeiCache", "cannot clear the cache file %1: %2").arg(QDir::toNativeSeparators(m_path), error));
            return -1;
        }
    } else {
        setError(QCoreApplication::translate("LeiCache", "cannot clear the cache file %1: %2").arg(QDir::toNativeSeparators(m_path), describe(query.lastError())));
        return -1;
    }
    // The entries are gone either way; VACUUM (and truncating the log) is what hands the
    // space back to the file system.
    if (!query.exec(QStringLiteral("VACUUM")))
        qCWarning(lcCache) << "VACUUM after clear failed:" << query.lastError().text();
    query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    query.finish();
    return removed;
}

qint64 LeiCache::sizeOnDisk() const
{
    if (m_path.isEmpty())
        return 0;
    const QFileInfo db(m_path);
    const QFileInfo wal(m_path + QStringLiteral("-wal"));
    return (db.exists() ? db.size() : 0) + (wal.exists() ? wal.size() : 0);
}

// Damage in pages that opening did not read shows up only when a statement touches them. Then
// the file gets what a damaged file gets at open: moved aside (kept) and a new cache started,
// and the operation is tried once more on the new file.
bool LeiCache::recoverIfDamaged()
{
    if (m_recovering || !m_open)
        return false;
    bool damaged = false;
    {
        QSqlDatabase db = connection();
        if (!db.isValid())
            return false;
        QSqlQuery check(db);
        if (!check.exec(QStringLiteral("PRAGMA quick_check")))
            damaged = CacheSchema::isDamage(check.lastError());
        else
            damaged = check.next() && check.value(0).toString() != u"ok";
    }
    if (!damaged)
        return false;
    m_recovering = true;
    const QString failure = lastError();
    dropConnections();
    QString error;
    bool ok = moveAside(&error);
    if (ok) {
        m_warning = QCoreApplication::translate("LeiCache", "The cache file %1 was damaged (%2); it was moved to %3 and a new cache was started.")
                        .arg(QDir::toNativeSeparators(m_path), failure, QDir::toNativeSeparators(m_movedAside));
        qCWarning(lcCache) << m_warning;
        ok = openAndSetUp(&error) == SetupResult::Ok;
    }
    if (!ok) {
        m_open = false;
        setError(QCoreApplication::translate("LeiCache", "cannot use the cache file %1: %2").arg(QDir::toNativeSeparators(m_path), error));
    }
    m_recovering = false;
    return ok;
}

QHash<QString, CachedAnswer> LeiCache::lookup(const QStringList &leis, RawRecord raw)
{
    setError(QString());
    auto answers = lookupOnce(leis, raw);
    if (answers.isEmpty() && !lastError().isEmpty() && recoverIfDamaged())
        answers = lookupOnce(leis, raw);
    return answers;
}

bool LeiCache::store(const QList<LookupResult> &results)
{
    return storeOnce(results) || (recoverIfDamaged() && storeOnce(results));
}

std::optional<CacheStats> LeiCache::stats()
{
    auto s = statsOnce();
    if (!s && recoverIfDamaged())
        s = statsOnce();
    return s;
}

qint64 LeiCache::remove(const QStringList &leis)
{
    const qint64 n = removeOnce(leis);
    return n >= 0 || !recoverIfDamaged() ? n : removeOnce(leis);
}

qint64 LeiCache::purgeExpired()
{
    const qint64 n = purgeExpiredOnce();
    return n >= 0 || !recoverIfDamaged() ? n : purgeExpiredOnce();
}

qint64 LeiCache::clear()
{
    const qint64 n = clearOnce();
    return n >= 0 || !recoverIfDamaged() ? n : clearOnce();
}
