#include "leicache.h"

#include "cachelogging.h"
#include "cacheschema.h"
#include "privatefiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QThread>
#include <QVariant>
#include <QtConcurrent/QtConcurrentMap>

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <vector>

Q_LOGGING_CATEGORY(lcCache, "lei.cache", QtWarningMsg)

static_assert(LeiCache::SchemaVersion == CacheSchema::Version);

namespace {

using CacheSchema::BusyTimeoutMs;

std::atomic<quint64> s_nextInstance{1};

const QString Found = QStringLiteral("found");
const QString NotFound = QStringLiteral("not_found");

// SQLite's json_each() turns one bound text into a table, so a list of any length is one
// statement with one parameter (no per-LEI query, no variable-count limit). Written directly:
// LEIs need no escaping, and QJsonDocument took a noticeable part of a bulk lookup.
QString jsonList(const QStringList &values)
{
    QString json;
    json.reserve(values.size() * 23 + 2);
    json += u'[';
    for (qsizetype i = 0; i < values.size(); ++i) {
        const QString &value = values.at(i);
        if (i > 0)
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

constexpr qsizetype ParallelFrom = 256;

// The bulk paths (lookup, store) talk to SQLite through its C API on the connection Qt opened
// (QSqlDriver::handle(), the way Qt documents for driver-specific work; Debian's QSQLITE plugin
// links the system libsqlite3, the same library we link): QSqlQuery builds a
// QVariant and a QString per value and a prepare per statement, which was most of a 10,000-LEI
// lookup's time; here a row costs one b-tree descent and the copies we keep.
sqlite3 *handleOf(const QSqlDatabase &db)
{
    const QVariant v = db.driver()->handle();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

class Statement final
{
public:
    // Invalid when `db` is null (no handle from the driver) or the SQL does not prepare.
    Statement(sqlite3 *db, const char *sql)
    {
        if (!db || sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK)
            m_stmt = nullptr;
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Q_DISABLE_COPY_MOVE(Statement)

    bool isValid() const { return m_stmt != nullptr; }
    // Binds the UTF-8 bytes, which the caller keeps alive until the statement is reset.
    void bindText(int i, QByteArray &&) = delete; // would dangle
    void bindText(int i, const QByteArray &utf8)
    {
        sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    }
    // A null QString is stored as NULL (GLEIF's null legal names), an empty one as ''.
    void bindText(int i, const QString &text)
    {
        if (text.isNull())
            sqlite3_bind_null(m_stmt, i);
        else
            sqlite3_bind_text(m_stmt, i, text.toUtf8().constData(), -1, SQLITE_TRANSIENT);
    }
    void bindBlob(int i, const QByteArray &blob)
    {
        sqlite3_bind_blob(m_stmt, i, blob.constData(), int(blob.size()), SQLITE_STATIC);
    }
    void bindInt(int i, qint64 value) { sqlite3_bind_int64(m_stmt, i, value); }

    // SQLITE_ROW, SQLITE_DONE, or an error code.
    int step() { return sqlite3_step(m_stmt); }
    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    // Steps once and resets: true when it finished without error.
    bool run()
    {
        const int rc = step();
        reset();
        return rc == SQLITE_DONE || rc == SQLITE_ROW;
    }

    bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    qint64 integer(int col) const { return sqlite3_column_int64(m_stmt, col); }
    QString text(int col) const
    {
        if (isNull(col))
            return {};
        const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
        return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, col));
    }
    QByteArray blob(int col) const
    {
        const auto *data = static_cast<const char *>(sqlite3_column_blob(m_stmt, col));
        return QByteArray(data, sqlite3_column_bytes(m_stmt, col));
    }
    // Whether the blob in `col` equals `bytes`, without copying it.
    bool blobEquals(int col, const QByteArray &bytes) const
    {
        const void *data = sqlite3_column_blob(m_stmt, col);
        const int size = sqlite3_column_bytes(m_stmt, col);
        return size == bytes.size() && (size == 0 || std::memcmp(data, bytes.constData(), size_t(size)) == 0);
    }

private:
    sqlite3_stmt *m_stmt = nullptr;
};

// Reads the entries of the sorted `keys` in one statement: json_each() turns the bound list into
// a table, and in key order neighbouring keys share b-tree pages (measured faster than a
// prepared point query per key, whose per-step setup added up). `columns` are of the alias e
// (`joins` may add more); row() gets the index into `keys` and the statement, whose column 0 is
// that index and `columns` follow from 1.
bool readEntries(sqlite3 *handle, const QStringList &keys, const QByteArray &columns, const QByteArray &joins,
                 const std::function<void(qsizetype, const Statement &)> &row)
{
    const QByteArray sql = "SELECT j.key, " + columns + " FROM json_each(?) AS j JOIN entries AS e ON e.lei = j.value" + joins;
    Statement select(handle, sql.constData());
    if (!select.isValid())
        return false;
    const QByteArray json = jsonList(keys).toUtf8();
    select.bindText(1, json);
    int rc;
    while ((rc = select.step()) == SQLITE_ROW) {
        const qint64 index = select.integer(0);
        if (index >= 0 && index < keys.size())
            row(index, select);
    }
    return rc == SQLITE_DONE;
}

QString describe(sqlite3 *db)
{
    return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QCoreApplication::translate("LeiCache", "unknown database error");
}

} // namespace

LookupResult CachedAnswer::servedStale() const
{
    LookupResult r = result;
    r.stale = true;
    return r;
}

LeiCache::LeiCache(Clock clock)
    : m_connectionName(QStringLiteral("leicache-%1").arg(s_nextInstance.fetch_add(1)))
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

QString LeiCache::unusableReason(const QString &path)
{
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(info.absoluteFilePath());
    if (!info.exists())
        return {};
    if (info.isDir())
        return QCoreApplication::translate("LeiCache", "the cache path %1 is a folder, not a file").arg(shown);
    // Not even opened for reading: a FIFO would block, a device has no header to check.
    if (!info.isFile())
        return QCoreApplication::translate("LeiCache", "the cache path %1 is not a regular file").arg(shown);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QCoreApplication::translate("LeiCache", "cannot read the cache file %1: %2").arg(shown, file.errorString());
    // Read, not size(): files under /proc report 0 bytes and yet have text.
    const QByteArray head = file.read(16);
    if (file.error() != QFileDevice::NoError)
        return QCoreApplication::translate("LeiCache", "cannot read the cache file %1: %2").arg(shown, file.errorString());
    if (head.isEmpty() || head == QByteArray("SQLite format 3\0", 16))
        return {};
    return QCoreApplication::translate("LeiCache", "%1 is not an SQLite database, so it cannot be the cache; it was left as it is").arg(shown);
}

QString LeiCache::unwritableReason(const QString &path)
{
    if (const QString why = unusableReason(path); !why.isEmpty())
        return why;
    const QFileInfo info(path);
    const QString shown = QDir::toNativeSeparators(info.absoluteFilePath());
    if (info.exists()) {
        return info.isWritable() ? QString()
                                 : QCoreApplication::translate("LeiCache", "the cache file %1 cannot be written").arg(shown);
    }
    // The nearest folder that exists must be one, and writable, for the rest to be made in it.
    QFileInfo ancestor(info.absolutePath());
    while (!ancestor.exists() && !ancestor.isRoot() && ancestor.absoluteFilePath() != ancestor.absolutePath())
        ancestor.setFile(ancestor.absolutePath());
    const QString folder = QDir::toNativeSeparators(ancestor.absoluteFilePath());
    if (!ancestor.isDir())
        return QCoreApplication::translate("LeiCache", "the cache file %1 cannot be made: %2 is not a folder").arg(shown, folder);
    if (!ancestor.isWritable())
        return QCoreApplication::translate("LeiCache", "the cache file %1 cannot be made: the folder %2 cannot be written")
            .arg(shown, folder);
    return {};
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
    if (const QString why = unusableReason(m_path); !why.isEmpty()) {
        setError(why);
        return false;
    }
    // Only the application's own data folder is tightened when it exists already: a folder the
    // user chose may hold other things and be shared on purpose; the files in it are 0600.
    QString error;
    if (!PrivateFiles::makeFolder(folder, QFileInfo(defaultPath()).absolutePath(), &error)) {
        setError(QCoreApplication::translate("LeiCache", "cannot use the cache folder for %1: %2").arg(QDir::toNativeSeparators(m_path), error));
        return false;
    }
    // SQLite needs to create the -wal and -shm files beside the database, even to read it.
    if (!QFileInfo(folder).isWritable()) {
        setError(QCoreApplication::translate("LeiCache", "the cache folder %1 is not writable (cache file %2)").arg(QDir::toNativeSeparators(folder), QDir::toNativeSeparators(m_path)));
        return false;
    }
    // SQLite gives the log, shared-memory and journal files it creates the database file's
    // mode, so a 0600 database keeps them 0600 too; ones an earlier release left are tightened.
    bool private0600 = PrivateFiles::makeFile(m_path, &error);
    for (const char *suffix : {"-wal", "-shm", "-journal"})
        private0600 = private0600 && PrivateFiles::restrict(m_path + QLatin1String(suffix), &error);
    if (!private0600) {
        setError(QCoreApplication::translate("LeiCache", "cannot use the cache file %1: %2").arg(QDir::toNativeSeparators(m_path), error));
        return false;
    }

    m_open = true;
    SetupResult result = openAndSetUp(&error);
    if (result == SetupResult::Damaged) {
        dropConnection();
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
        dropConnection();
        m_open = false;
        setError(QCoreApplication::translate("LeiCache", "cannot use the cache file %1: %2").arg(QDir::toNativeSeparators(m_path), error));
        return false;
    }
    return true;
}

void LeiCache::close()
{
    dropConnection();
    m_open = false;
}

bool LeiCache::isOpen() const { return m_open; }
QString LeiCache::path() const { return m_path; }
QString LeiCache::warning() const { return m_warning; }
QString LeiCache::movedAsidePath() const { return m_movedAside; }

QString LeiCache::lastError() const { return m_lastError; }

void LeiCache::setError(const QString &error)
{
    // Not logged: every error reaches the caller, which reports it once in its own way.
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

QSqlDatabase LeiCache::connection()
{
    if (m_db.isOpen() && m_db.driver()->thread() == QThread::currentThread())
        return m_db;
    dropConnection(); // opened on another thread, which alone may use it
    if (!m_open) {
        setError(QCoreApplication::translate("LeiCache", "the cache is not open"));
        return {};
    }
    QSqlError error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
        db.setDatabaseName(m_path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(BusyTimeoutMs));
        if (db.open()) {
            QSqlQuery pragma(db);
            // WAL lets readers and one writer (in any process) work at once. NORMAL sync in
            // WAL keeps every committed batch through a crash or kill of the process; only an
            // OS crash or power cut may lose the last commits, which are just refetched.
            // SQLite's own automatic checkpoint (every 1000 pages, in the commit) keeps the
            // log short.
            const QString pragmas[] = {
                // Only takes effect on a new, empty file. 8 kB pages measured faster than 4 kB
                // for random lookups and writes in a million-entry cache.
                QStringLiteral("PRAGMA page_size = 8192"),
                QStringLiteral("PRAGMA journal_mode = WAL"),
                QStringLiteral("PRAGMA synchronous = NORMAL"),
                // Room for every page a batch of 10,000 answers dirties (about 80 MB at random
                // places in a million-entry cache): with SQLite's 32 MB it spilled them to the
                // log mid-transaction, and writing took half as long again. Held only during
                // a write: store() releases the pages after committing.
                QStringLiteral("PRAGMA cache_size = -262144"),
                // Reading pages in place rather than copying them in with a system call each
                // roughly halves a bulk lookup's time. Address space only, not memory.
                QStringLiteral("PRAGMA mmap_size = 1073741824"),
                QStringLiteral("PRAGMA temp_store = MEMORY"),
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
            if (ok) {
                m_db = db;
                return m_db;
            }
        } else {
            error = db.lastError();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
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

void LeiCache::dropConnection()
{
    if (!QSqlDatabase::contains(m_connectionName))
        return;
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName); // closes it, from whichever thread opened it
}

bool LeiCache::moveAside(QString *error)
{
    // SQLite's "not a database" also answers a file someone wrote over ours since it was
    // opened: only a file that still is an SQLite database is ours to move.
    if (const QString why = unusableReason(m_path); !why.isEmpty()) {
        *error = why;
        return false;
    }
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
    // The damaged copy holds the same LEIs: as private as the cache (an older release's file
    // may be 0644). The new file replacing it is created 0600 below.
    QString ignored;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        PrivateFiles::restrict(target + suffix, &ignored);
    return PrivateFiles::makeFile(m_path, error);
}


QHash<QString, CachedAnswer> LeiCache::lookupOnce(const QStringList &leis, RawRecord raw)
{
    QHash<QString, CachedAnswer> answers;
    if (leis.isEmpty())
        return answers;
    QSqlDatabase db = connection();
    if (!db.isValid())
        return answers;
    sqlite3 *handle = handleOf(db);
    const Thresholds t = thresholds();
    const qint64 life = lifetime().count();
    const qint64 notFoundLife = notFoundLifetime().count();
    auto fail = [&]() {
        setError(QCoreApplication::translate("LeiCache", "cache lookup failed: %1").arg(describe(handle)));
        return QHash<QString, CachedAnswer>();
    };
    if (!handle)
        return fail();
    QStringList sorted = leis;
    std::sort(sorted.begin(), sorted.end());
    const bool withRaw = raw == RawRecord::Include;
    answers.reserve(leis.size());
    QList<std::pair<QString, QByteArray>> blobs;
    auto take = [&](qsizetype index, const Statement &select) {
        const QString &lei = sorted.at(index);
        const bool found = select.integer(1) != 0;
        const qint64 fetchedMs = select.integer(2);
        CachedAnswer answer;
        LookupResult &r = answer.result;
        r.lei = lei;
        r.outcome = found ? LookupOutcome::Found : LookupOutcome::NotFound;
        if (found) {
            GleifRecord &rec = r.record;
            rec.lei = lei;
            rec.legalName = select.text(3);
            rec.bics = select.text(4).split(u';', Qt::SkipEmptyParts);
            rec.country = select.text(5);
            rec.entityStatus = select.text(6);
            rec.registrationStatus = select.text(7);
            rec.lastUpdateDate = select.text(8);
            if (withRaw && !select.isNull(9))
                blobs.append({lei, select.blob(9)});
        }
        r.fetchedAt = QDateTime::fromMSecsSinceEpoch(fetchedMs, Qt::UTC);
        answer.expiresAt = r.fetchedAt.addSecs(found ? life : notFoundLife);
        answer.fresh = fetchedMs > (found ? t.found : t.notFound);
        answers.insert(lei, std::move(answer));
    };
    // One read transaction: fields and raw records agree.
    if (sqlite3_exec(handle, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail();
    const QByteArray columns = QByteArrayLiteral("e.outcome = 'found', e.fetched_at, e.legal_name, e.bics, e.country,"
                                                 " e.entity_status, e.registration_status, e.last_update")
        + (withRaw ? ", r.raw" : "");
    if (!readEntries(handle, sorted, columns, withRaw ? " LEFT JOIN raws AS r ON r.id = e.raw_id" : "", take)
        || sqlite3_exec(handle, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
        auto failed = fail();
        sqlite3_exec(handle, "ROLLBACK", nullptr, nullptr, nullptr);
        return failed;
    }
    auto uncompressOne = [](std::pair<QString, QByteArray> &blob) {
        blob.second = CacheSchema::uncompressRaw(blob.second);
    };
    if (blobs.size() >= ParallelFrom)
        QtConcurrent::blockingMap(blobs, uncompressOne);
    else
        std::for_each(blobs.begin(), blobs.end(), uncompressOne);
    for (auto &blob : blobs)
        answers[blob.first].result.record.rawJson = std::move(blob.second);
    return answers;
}

bool LeiCache::storeOnce(const QList<LookupResult> &results)
{
    QSqlDatabase db = connection();
    if (!db.isValid())
        return false;

    // Prepared before taking the write lock, so another process waits as little as possible.
    // One answer per LEI: the one fetched last (of equals, the last given), as writing them
    // one after another would leave it.
    QList<const LookupResult *> ordered;
    ordered.reserve(results.size());
    for (const LookupResult &r : results) {
        if (r.outcome != LookupOutcome::Failed && !r.lei.isEmpty())
            ordered.append(&r);
    }
    if (ordered.isEmpty())
        return true;
    const qint64 fallbackMs = now().toMSecsSinceEpoch();
    auto fetchedMsOf = [fallbackMs](const LookupResult *r) {
        return r->fetchedAt.isValid() ? r->fetchedAt.toMSecsSinceEpoch() : fallbackMs;
    };
    // In key order, consecutive writes land on the same b-tree pages.
    std::stable_sort(ordered.begin(), ordered.end(),
                     [](const LookupResult *a, const LookupResult *b) { return a->lei < b->lei; });
    qsizetype kept = 0;
    for (qsizetype i = 0; i < ordered.size(); ++i) {
        if (kept > 0 && ordered.at(kept - 1)->lei == ordered.at(i)->lei) {
            if (fetchedMsOf(ordered.at(i)) >= fetchedMsOf(ordered.at(kept - 1)))
                ordered[kept - 1] = ordered.at(i);
        } else {
            ordered[kept++] = ordered.at(i);
        }
    }
    ordered.resize(kept);

    // The raw records compressed (zstd, a few microseconds each) over the cores, before taking
    // the write lock.
    QList<QByteArray> blobs(ordered.size());
    for (qsizetype i = 0; i < ordered.size(); ++i) {
        if (ordered.at(i)->outcome == LookupOutcome::Found)
            blobs[i] = ordered.at(i)->record.rawJson;
    }
    auto compressOne = [](QByteArray &blob) {
        if (!blob.isEmpty())
            blob = CacheSchema::compressRaw(blob);
    };
    if (blobs.size() >= ParallelFrom)
        QtConcurrent::blockingMap(blobs, compressOne);
    else
        std::for_each(blobs.begin(), blobs.end(), compressOne);

    sqlite3 *handle = handleOf(db);
    auto failWith = [&](const QString &reason) {
        setError(QCoreApplication::translate("LeiCache", "cannot write to the cache file %1: %2").arg(QDir::toNativeSeparators(m_path), reason));
        return false;
    };
    auto fail = [&](bool rollback) {
        const QString reason = describe(handle);
        if (rollback)
            sqlite3_exec(handle, "ROLLBACK", nullptr, nullptr, nullptr);
        return failWith(reason);
    };
    if (!handle)
        return fail(false);
    QStringList leis; // sorted and distinct, as readEntries() wants them
    leis.reserve(ordered.size());
    for (const LookupResult *r : ordered)
        leis.append(r->lei);
    {
        QSqlQuery control(db);
        // IMMEDIATE: wait (busy timeout) for the write lock now rather than fail mid-batch.
        if (!CacheSchema::execWithRetry(control, QStringLiteral("BEGIN IMMEDIATE"), BusyTimeoutMs))
            return failWith(describe(control.lastError()));
    }
    // What the entries hold now, as lookup() reads them. The write lock is ours, so nobody
    // changes them until commit.
    struct Held { qint64 fetchedMs = 0; std::optional<qint64> raw; bool exists = false; };
    std::vector<Held> held(size_t(ordered.size()));
    const bool readHeld = readEntries(handle, leis, "e.fetched_at, e.raw_id", QByteArray(), [&](qsizetype index, const Statement &current) {
        Held &h = held[size_t(index)];
        h.exists = true;
        h.fetchedMs = current.integer(1);
        if (!current.isNull(2))
            h.raw = current.integer(2);
    });
    if (!readHeld)
        return fail(true);
    Statement sameRaw(handle, "SELECT raw FROM raws WHERE id = ?");
    Statement addRaw(handle, "INSERT INTO raws (raw) VALUES (?)");
    Statement dropRaw(handle, "DELETE FROM raws WHERE id = ?");
    Statement upsert(handle, "INSERT OR REPLACE INTO entries (lei, outcome, fetched_at, legal_name, bics, country,"
                             " entity_status, registration_status, last_update, raw_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!sameRaw.isValid() || !addRaw.isValid() || !dropRaw.isValid() || !upsert.isValid())
        return fail(true);

    for (qsizetype i = 0; i < ordered.size(); ++i) {
        const LookupResult &r = *ordered.at(i);
        const qint64 fetchedMs = fetchedMsOf(&r);
        const Held &h = held[size_t(i)];
        // Never replace an answer with one fetched earlier (another process may have written a
        // newer one while ours was in flight).
        if (h.exists && h.fetchedMs > fetchedMs)
            continue;
        const QByteArray &blob = blobs.at(i);

        // An unchanged record keeps its row, so refetching an entity whose record did not
        // change writes only the entry.
        std::optional<qint64> rawId;
        if (!blob.isEmpty() && h.raw) {
            sameRaw.bindInt(1, *h.raw);
            const int rawRc = sameRaw.step();
            if (rawRc != SQLITE_ROW && rawRc != SQLITE_DONE)
                return fail(true);
            if (rawRc == SQLITE_ROW && sameRaw.blobEquals(0, blob))
                rawId = h.raw;
            sameRaw.reset();
        }
        if (h.raw && rawId != h.raw) {
            dropRaw.bindInt(1, *h.raw);
            if (!dropRaw.run())
                return fail(true);
        }
        if (!blob.isEmpty() && !rawId) {
            addRaw.bindBlob(1, blob);
            if (!addRaw.run())
                return fail(true);
            rawId = sqlite3_last_insert_rowid(handle);
        }

        const bool found = r.outcome == LookupOutcome::Found;
        const GleifRecord &rec = r.record;
        const QByteArray key = r.lei.toUtf8();
        upsert.bindText(1, key);
        upsert.bindText(2, found ? Found : NotFound);
        upsert.bindInt(3, fetchedMs);
        if (found) {
            upsert.bindText(4, rec.legalName);
            upsert.bindText(5, rec.bicsJoined());
            upsert.bindText(6, rec.country);
            upsert.bindText(7, rec.entityStatus);
            upsert.bindText(8, rec.registrationStatus);
            upsert.bindText(9, rec.lastUpdateDate);
        }
        if (rawId)
            upsert.bindInt(10, *rawId);
        if (!upsert.run())
            return fail(true);
    }
    if (sqlite3_exec(handle, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(true);
    // The pages written stay cached (clean), which saves the next batch reading them again;
    // past 32 MB they go back, so a long job's batches do not add up to the whole page cache.
    int used = 0, highest = 0;
    if (sqlite3_db_status(handle, SQLITE_DBSTATUS_CACHE_USED, &used, &highest, 0) == SQLITE_OK && used > (32 << 20))
        sqlite3_db_release_memory(handle);
    return true;
}

std::optional<CacheStats> LeiCache::statsOnce()
{
    QSqlDatabase db = connection();
    if (!db.isValid())
        return std::nullopt;
    sqlite3 *handle = handleOf(db);
    const Thresholds t = thresholds();
    // Each part is an index range or end point on (outcome, fetched_at), so a million entries
    // cost a count of the fresh ones rather than an evaluated expression per entry.
    Statement query(handle,
        "SELECT (SELECT count(*) FROM entries),"
        " (SELECT count(*) FROM entries WHERE outcome = 'found' AND fetched_at > ?1),"
        " (SELECT count(*) FROM entries WHERE outcome = 'not_found' AND fetched_at > ?2),"
        " (SELECT count(*) FROM entries WHERE outcome = 'not_found'),"
        " (SELECT min(fetched_at) FROM entries WHERE outcome = 'found'),"
        " (SELECT min(fetched_at) FROM entries WHERE outcome = 'not_found'),"
        " (SELECT max(fetched_at) FROM entries WHERE outcome = 'found'),"
        " (SELECT max(fetched_at) FROM entries WHERE outcome = 'not_found')");
    if (query.isValid()) {
        query.bindInt(1, t.found);
        query.bindInt(2, t.notFound);
    }
    if (!query.isValid() || query.step() != SQLITE_ROW) {
        setError(QCoreApplication::translate("LeiCache", "cannot read the cache statistics: %1").arg(describe(handle)));
        return std::nullopt;
    }
    CacheStats s;
    s.total = query.integer(0);
    s.fresh = query.integer(1) + query.integer(2);
    s.expired = s.total - s.fresh;
    s.notFound = query.integer(3);
    // The earlier (or later) of columns `a` and `b` that are not null.
    auto pick = [&](int a, int b, bool oldest) {
        if (query.isNull(a) && query.isNull(b))
            return QDateTime();
        const qint64 ms = query.isNull(a) ? query.integer(b)
            : query.isNull(b)             ? query.integer(a)
            : oldest                      ? std::min(query.integer(a), query.integer(b))
                                          : std::max(query.integer(a), query.integer(b));
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
    sqlite3 *handle = handleOf(db);
    QByteArray where = "true";
    if (afterLei)
        where += " AND lei > coalesce(?1, '')";
    if (!filter.isEmpty())
        where += " AND (lei LIKE ?2 ESCAPE '\\' OR legal_name LIKE ?2 ESCAPE '\\')";
    const QByteArray sql = "SELECT lei, outcome, legal_name, country, fetched_at FROM entries WHERE " + where
        + " ORDER BY lei LIMIT ?3 OFFSET ?4";
    Statement query(handle, sql.constData());
    if (!query.isValid()) {
        setError(QCoreApplication::translate("LeiCache", "cannot list the cache entries: %1").arg(describe(handle)));
        return list;
    }
    if (afterLei)
        query.bindText(1, *afterLei);
    if (!filter.isEmpty())
        query.bindText(2, likePattern(filter));
    query.bindInt(3, limit);
    query.bindInt(4, offset);
    const Thresholds t = thresholds();
    int rc;
    while ((rc = query.step()) == SQLITE_ROW)
        list.append(makeInfo(query.text(0), query.text(1) == Found, query.text(2), query.text(3), query.integer(4), t));
    if (rc != SQLITE_DONE) {
        setError(QCoreApplication::translate("LeiCache", "cannot list the cache entries: %1").arg(describe(handle)));
        list.clear();
    }
    return list;
}

qint64 LeiCache::countEntries(const QString &filter)
{
    QSqlDatabase db = connection();
    if (!db.isValid())
        return -1;
    sqlite3 *handle = handleOf(db);
    Statement query(handle, filter.isEmpty() ? "SELECT count(*) FROM entries"
                    : "SELECT count(*) FROM entries WHERE lei LIKE ?1 ESCAPE '\\' OR legal_name LIKE ?1 ESCAPE '\\'");
    if (query.isValid()) {
        if (!filter.isEmpty())
            query.bindText(1, likePattern(filter));
        if (query.step() == SQLITE_ROW)
            return query.integer(0);
    }
    setError(QCoreApplication::translate("LeiCache", "cannot count the cache entries: %1").arg(describe(handle)));
    return -1;
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
        const QString statements[] = {
            QStringLiteral("DELETE FROM raws WHERE id IN (SELECT raw_id FROM entries WHERE %1)").arg(where),
            QStringLiteral("DELETE FROM entries WHERE %1").arg(where),
            QStringLiteral("DELETE FROM parents WHERE lei NOT IN (SELECT lei FROM entries)"),
        };
        for (const QString &sql : statements) {
            query.prepare(sql);
            for (int i = 0; sql.contains(u'?') && i < values.size(); ++i)
                query.bindValue(i, values.at(i));
            if (!query.exec()) {
                failure = describe(query.lastError());
                break;
            }
            if (sql.startsWith(u"DELETE FROM entries"))
                removed = query.numRowsAffected();
        }
        query.finish();
        if (failure.isEmpty() && !query.exec(QStringLiteral("COMMIT")))
            failure = describe(query.lastError());
        if (!failure.isEmpty())
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
    }
    if (sqlite3 *handle = handleOf(db))
        sqlite3_db_release_memory(handle); // as after store()
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
            || !query.exec(QStringLiteral("DELETE FROM parents"))
            || !query.exec(QStringLiteral("DELETE FROM searches"))
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
    dropConnection();
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

QHash<QString, ParentResult> LeiCache::lookupParentsOnce(const QStringList &leis)
{
    QHash<QString, ParentResult> parents;
    if (leis.isEmpty())
        return parents;
    QSqlDatabase db = connection();
    if (!db.isValid())
        return parents;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT p.lei, p.which, p.parent_lei, p.parent_name, p.exception"
                                      " FROM json_each(?) AS j JOIN parents AS p ON p.lei = j.value"
                                      " WHERE p.fetched_at > ?"))) {
        setError(QCoreApplication::translate("LeiCache", "cache lookup failed: %1").arg(describe(query.lastError())));
        return parents;
    }
    query.bindValue(0, jsonList(leis));
    query.bindValue(1, thresholds().found);
    if (!query.exec()) {
        setError(QCoreApplication::translate("LeiCache", "cache lookup failed: %1").arg(describe(query.lastError())));
        return parents;
    }
    while (query.next()) {
        ParentResult &result = parents[query.value(0).toString()];
        result.lei = query.value(0).toString();
        ParentInfo &info = query.value(1).toInt() == 1 ? result.direct : result.ultimate;
        info.lei = query.value(2).toString();
        info.legalName = query.value(3).toString();
        info.exception = query.value(4).toString();
    }
    return parents;
}

bool LeiCache::writeRows(const QString &sql, const std::function<bool(QSqlQuery &)> &bindAll)
{
    QSqlDatabase db = connection();
    if (!db.isValid())
        return false;
    QSqlQuery query(db);
    auto failed = [&] {
        setError(QCoreApplication::translate("LeiCache", "cannot write to the cache file %1: %2")
                     .arg(QDir::toNativeSeparators(m_path), describe(query.lastError())));
        query.finish();
        QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
        return false;
    };
    if (!CacheSchema::execWithRetry(query, QStringLiteral("BEGIN IMMEDIATE"), BusyTimeoutMs) || !query.prepare(sql)
        || !bindAll(query))
        return failed();
    query.finish();
    if (!query.exec(QStringLiteral("COMMIT")))
        return failed();
    return true;
}

bool LeiCache::storeParentsOnce(const QList<ParentResult> &results, const QDateTime &fetchedAt)
{
    const qint64 fetchedMs = (fetchedAt.isValid() ? fetchedAt : now()).toMSecsSinceEpoch();
    // An older answer never replaces a newer one, as for entries.
    return writeRows(QStringLiteral("INSERT INTO parents (lei, which, parent_lei, parent_name, exception, fetched_at)"
                                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (lei, which) DO UPDATE SET"
                                    " parent_lei = excluded.parent_lei, parent_name = excluded.parent_name,"
                                    " exception = excluded.exception, fetched_at = excluded.fetched_at"
                                    " WHERE excluded.fetched_at >= parents.fetched_at"),
                     [&](QSqlQuery &query) {
        for (const ParentResult &result : results) {
            if (!result.failure.isEmpty() || result.lei.isEmpty())
                continue;
            for (const auto &[which, info] : {std::pair{1, &result.direct}, std::pair{2, &result.ultimate}}) {
                if (info->isEmpty())
                    continue;
                query.bindValue(0, result.lei);
                query.bindValue(1, which);
                query.bindValue(2, info->lei);
                query.bindValue(3, info->legalName);
                query.bindValue(4, info->exception);
                query.bindValue(5, fetchedMs);
                if (!query.exec())
                    return false;
            }
        }
        return true;
    });
}

QHash<QString, ParentResult> LeiCache::lookupParents(const QStringList &leis)
{
    setError(QString());
    auto parents = lookupParentsOnce(leis);
    if (parents.isEmpty() && !lastError().isEmpty() && recoverIfDamaged())
        parents = lookupParentsOnce(leis);
    return parents;
}

bool LeiCache::storeParents(const QList<ParentResult> &results, const QDateTime &fetchedAt)
{
    return storeParentsOnce(results, fetchedAt) || (recoverIfDamaged() && storeParentsOnce(results, fetchedAt));
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

QHash<QString, QStringList> LeiCache::lookupSearches(const QStringList &keys)
{
    setError(QString());
    QHash<QString, QStringList> found;
    QSqlDatabase db = connection();
    if (keys.isEmpty() || !db.isValid())
        return found;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    const Thresholds t = thresholds();
    // An empty answer ("no such name") lives as long as a "not found" one.
    if (!query.prepare(QStringLiteral("SELECT s.key, s.leis FROM json_each(?) AS j JOIN searches AS s ON s.key = j.value"
                                      " WHERE s.fetched_at > CASE WHEN s.leis = '' THEN ? ELSE ? END"))) {
        setError(QCoreApplication::translate("LeiCache", "cache lookup failed: %1").arg(describe(query.lastError())));
        return found;
    }
    query.bindValue(0, jsonList(keys));
    query.bindValue(1, t.notFound);
    query.bindValue(2, t.found);
    if (!query.exec()) {
        setError(QCoreApplication::translate("LeiCache", "cache lookup failed: %1").arg(describe(query.lastError())));
        return found;
    }
    while (query.next())
        found.insert(query.value(0).toString(), query.value(1).toString().split(u',', Qt::SkipEmptyParts));
    return found;
}

bool LeiCache::storeSearches(const QHash<QString, QStringList> &answers, const QDateTime &fetchedAt)
{
    const qint64 fetchedMs = (fetchedAt.isValid() ? fetchedAt : now()).toMSecsSinceEpoch();
    return writeRows(QStringLiteral("INSERT OR REPLACE INTO searches (key, leis, fetched_at) VALUES (?, ?, ?)"),
                     [&](QSqlQuery &query) {
        for (auto it = answers.constBegin(); it != answers.constEnd(); ++it) {
            query.bindValue(0, it.key());
            query.bindValue(1, QString(u"" + it.value().join(u','))); // never NULL: '' is "nothing found"
            query.bindValue(2, fetchedMs);
            if (!query.exec())
                return false;
        }
        return true;
    });
}

QString LeiCache::decisionKey(const QString &name)
{
    return name.simplified().toCaseFolded();
}

bool LeiCache::recordDecision(const QString &name, const QString &country, const QString &lei)
{
    QSqlDatabase db = connection();
    if (!db.isValid())
        return false;
    QSqlQuery query(db);
    if (!query.prepare(QStringLiteral("INSERT OR REPLACE INTO decisions (name_key, country, name, lei, decided_at)"
                                      " VALUES (?, ?, ?, ?, ?)"))) {
        setError(describe(query.lastError()));
        return false;
    }
    query.bindValue(0, decisionKey(name));
    query.bindValue(1, QString(u"" + country.trimmed().toUpper())); // never NULL: '' is any country
    query.bindValue(2, name.simplified());
    query.bindValue(3, lei);
    query.bindValue(4, now().toMSecsSinceEpoch());
    if (!query.exec()) { // one statement: SQLite's own transaction, on disk when it returns
        setError(QCoreApplication::translate("LeiCache", "cannot write to the cache file %1: %2")
                     .arg(QDir::toNativeSeparators(m_path), describe(query.lastError())));
        return false;
    }
    return true;
}

QHash<QString, QString> LeiCache::lookupDecisions(const QList<QPair<QString, QString>> &nameCountry)
{
    setError(QString());
    QHash<QString, QString> found;
    QSqlDatabase db = connection();
    if (nameCountry.isEmpty() || !db.isValid())
        return found;
    QStringList keys;
    for (const auto &[name, country] : nameCountry)
        keys.append(decisionKey(name) + u'\n' + country.trimmed().toUpper());
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(QStringLiteral("SELECT d.name_key || char(10) || d.country, d.lei FROM json_each(?) AS j"
                                      " JOIN decisions AS d ON d.name_key || char(10) || d.country = j.value"))
        || (query.bindValue(0, jsonList(keys)), !query.exec())) {
        setError(QCoreApplication::translate("LeiCache", "cache lookup failed: %1").arg(describe(query.lastError())));
        return found;
    }
    while (query.next())
        found.insert(query.value(0).toString(), query.value(1).toString());
    return found;
}

QList<MatchDecision> LeiCache::decisions()
{
    setError(QString());
    QList<MatchDecision> list;
    QSqlDatabase db = connection();
    if (!db.isValid())
        return list;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(QStringLiteral("SELECT name, country, lei, decided_at FROM decisions ORDER BY name_key, country"))) {
        setError(QCoreApplication::translate("LeiCache", "cache lookup failed: %1").arg(describe(query.lastError())));
        return list;
    }
    while (query.next())
        list.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                     QDateTime::fromMSecsSinceEpoch(query.value(3).toLongLong(), Qt::UTC)});
    return list;
}

qint64 LeiCache::forgetDecision(const QString &name)
{
    QSqlDatabase db = connection();
    if (!db.isValid())
        return -1;
    QSqlQuery query(db);
    if (!query.prepare(QStringLiteral("DELETE FROM decisions WHERE name_key = ?"))
        || (query.bindValue(0, decisionKey(name)), !query.exec())) {
        setError(QCoreApplication::translate("LeiCache", "cannot write to the cache file %1: %2")
                     .arg(QDir::toNativeSeparators(m_path), describe(query.lastError())));
        return -1;
    }
    return query.numRowsAffected();
}

qint64 LeiCache::clearDecisions()
{
    QSqlDatabase db = connection();
    if (!db.isValid())
        return -1;
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("DELETE FROM decisions"))) {
        setError(QCoreApplication::translate("LeiCache", "cannot write to the cache file %1: %2")
                     .arg(QDir::toNativeSeparators(m_path), describe(query.lastError())));
        return -1;
    }
    return query.numRowsAffected();
}
