#pragma once

#include "gleifrecord.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <atomic>
#include <chrono>
#include <functional>
#include <optional>

// A cached answer as read back, judged against the lifetimes in force at the time of reading.
struct CachedAnswer
{
    LookupResult result;  // outcome Found or NotFound; fetchedAt set; stale false
    QDateTime expiresAt;  // fetchedAt + the lifetime for its outcome (UTC)
    bool fresh = false;

    // The answer as served when the network is unreachable: callers use expired entries only
    // then, and the mark lets reports say the data may be out of date.
    LookupResult servedStale() const;
};

// One entry as the management views list it; no raw record, so listing stays cheap.
struct CacheEntryInfo
{
    QString lei;
    LookupOutcome outcome = LookupOutcome::Found;
    QString legalName;
    QString country;
    QDateTime fetchedAt;
    QDateTime expiresAt;
    bool fresh = false;
};

struct CacheStats
{
    qint64 total = 0;
    qint64 fresh = 0;
    qint64 expired = 0;
    qint64 notFound = 0;    // "not found" answers, fresh or expired
    qint64 sizeOnDisk = 0;  // database file plus its write-ahead log, in bytes
    QDateTime oldestFetch;  // invalid when the cache is empty
    QDateTime newestFetch;
};

// A review decision (issue 14): rows naming `name` (in `country`; empty: any) are the entity `lei`.
struct MatchDecision
{
    QString name; // as decided (the row's text)
    QString country; // ISO alpha-2, or empty
    QString lei;
    QDateTime decidedAt;
};

// The local SQLite cache of GLEIF answers (one entry per LEI, "failed" is never stored).
//
// Thread use: one thread at a time. The object holds one connection; a call from another thread
// than the last one closes it and opens a new one there (Qt's connections belong to the thread
// that opened them). SQLite's WAL mode lets other connections and processes read while one
// writes. Set the clock and lifetimes before handing the object to another thread.
// Methods report failure through their return value and lastError(); the cache never throws.
class LeiCache final
{
public:
    using Clock = std::function<QDateTime()>;

    static constexpr int SchemaVersion = 8;
    static constexpr std::chrono::seconds DefaultLifetime = std::chrono::hours(24);
    static constexpr std::chrono::seconds DefaultNotFoundLifetime = std::chrono::hours(1);

    // Whether lookup() decompresses the raw record; enrichment needs only the parsed fields.
    enum class RawRecord { Include, Skip };

    explicit LeiCache(Clock clock = {});
    ~LeiCache();
    Q_DISABLE_COPY_MOVE(LeiCache)

    // QStandardPaths::AppDataLocation + "/cache.sqlite".
    static QString defaultPath();
    // The explicit path (--cache, settings) when not empty, else $LEI_ENRICHER_CACHE when set,
    // else defaultPath().
    static QString resolvePath(const QString &explicitPath);

    // Why `path` cannot be a cache file, in one line naming it; empty when it can: it does not
    // exist, is empty (0 bytes: SQLite starts a new database in it, and a cache killed before
    // its first write leaves one) or starts with SQLite's 16-byte header. Anything else (text,
    // a folder, a file that cannot be read) is someone's file: never moved or written.
    static QString unusableReason(const QString &path);
    // unusableReason(), and also a path whose file could not be made or written: its folder
    // cannot be made (a file stands where a folder must be) or written. For Settings, which
    // refuse such a path rather than run every lookup without a cache.
    static QString unwritableReason(const QString &path);

    // Creates the folder (0700) and the file (0600) as needed, migrates older schemas. A file
    // refused by unusableReason() is left untouched and open() fails. An SQLite file that is
    // damaged is renamed aside (kept, 0600) and a new one created: open() then succeeds and
    // warning() says so. Returns false with lastError() naming the path otherwise.
    bool open(const QString &path);
    void close();
    bool isOpen() const;
    QString path() const;
    QString lastError() const;
    QString warning() const;          // empty unless open() had to move a damaged file aside
    QString movedAsidePath() const;   // where the damaged file went

    void setClock(Clock clock);
    QDateTime now() const;
    // A changed lifetime applies at once to every entry: expiry is computed when reading.
    void setLifetime(std::chrono::seconds lifetime);
    std::chrono::seconds lifetime() const;
    void setNotFoundLifetime(std::chrono::seconds lifetime);
    // Effective value: never longer than lifetime().
    std::chrono::seconds notFoundLifetime() const;

    // One read transaction, a b-tree descent per LEI. Returns the entries present,
    // fresh or expired, keyed by LEI; LEIs are matched as given (callers normalise). Errors give
    // an empty hash and lastError(), which callers treat as "nothing cached".
    QHash<QString, CachedAnswer> lookup(const QStringList &leis,
                                        RawRecord raw = RawRecord::Include);
    // Writes Found and NotFound results in one transaction (Failed ones are skipped); an entry
    // is never replaced by an answer fetched earlier than the one it holds. A missing
    // fetchedAt means now(). Returns false, with nothing written, on error.
    bool store(const QList<LookupResult> &results);

    // The parents (GLEIF's parent and reporting-exception endpoints) kept for these entities
    // and still fresh (the lifetime of found answers), keyed by LEI; a part never stored or
    // expired is empty. Errors give an empty hash and lastError().
    QHash<QString, ParentResult> lookupParents(const QStringList &leis);
    // Keeps the non-empty parts of each result, stamped `fetchedAt` (invalid: now()); results
    // with a failure are skipped whole. They go when their entity's entry goes.
    bool storeParents(const QList<ParentResult> &results, const QDateTime &fetchedAt = {});

    // GLEIF's answers to name and BIC searches (matching): the LEIs a search named, by key
    // ("name:TEXT", "bic:BIC"), fresh ones only (an empty answer lives as long as "not found").
    QHash<QString, QStringList> lookupSearches(const QStringList &keys);
    bool storeSearches(const QHash<QString, QStringList> &answers, const QDateTime &fetchedAt = {});

    // Review decisions: written at once (they survive a crash), kept by every cache clear. Each
    // call is one short statement, so a window may call them on its own thread (with its own
    // LeiCache object: a connection belongs to the thread that last used it).
    static QString decisionKey(const QString &name); // case and spaces folded
    bool recordDecision(const QString &name, const QString &country, const QString &lei);
    // The LEI decided for each (name, country) pair asked that has a decision, keyed
    // decisionKey(name) + '\n' + country.
    QHash<QString, QString> lookupDecisions(const QList<QPair<QString, QString>> &nameCountry);
    QList<MatchDecision> decisions(); // ordered by name
    qint64 forgetDecision(const QString &name); // every country; how many went, -1 on error
    qint64 clearDecisions();

    std::optional<CacheStats> stats();
    // Entries ordered by LEI whose LEI or legal name contains `filter` (case-insensitive for
    // ASCII; empty matches all). entriesAfter() pages by key, which stays quick deep in a
    // large cache where an OFFSET would walk every skipped row.
    QList<CacheEntryInfo> entries(const QString &filter, qint64 offset, int limit);
    QList<CacheEntryInfo> entriesAfter(const QString &filter, const QString &afterLei, int limit);
    qint64 countEntries(const QString &filter);  // -1 on error
    // The following return how many entries went, or -1 on error.
    qint64 remove(const QStringList &leis);
    qint64 purgeExpired();
    qint64 clear();  // also gives the space back to the file system
    qint64 sizeOnDisk() const;

private:
    struct Thresholds { qint64 found; qint64 notFound; };
    enum class SetupResult { Ok, Damaged, Failed };
    bool recoverIfDamaged();
    QHash<QString, CachedAnswer> lookupOnce(const QStringList &leis, RawRecord raw);
    bool storeOnce(const QList<LookupResult> &results);
    QHash<QString, ParentResult> lookupParentsOnce(const QStringList &leis);
    bool storeParentsOnce(const QList<ParentResult> &results, const QDateTime &fetchedAt);
    // One write transaction: BEGIN IMMEDIATE (waiting out another writer), `sql` prepared, then
    // `bindAll` binding and executing it for every row (false on the first failure), COMMIT.
    // False with lastError() naming the file, and rolled back, on any failure.
    bool writeRows(const QString &sql, const std::function<bool(QSqlQuery &)> &bindAll);
    std::optional<CacheStats> statsOnce();
    qint64 removeOnce(const QStringList &leis);
    qint64 purgeExpiredOnce();
    qint64 clearOnce();

    Thresholds thresholds() const;
    CacheEntryInfo makeInfo(const QString &lei, bool found, const QString &legalName,
                            const QString &country, qint64 fetchedMs,
                            const Thresholds &t) const;
    // The connection, opened (with pragmas) on first use and again after a change of thread;
    // invalid on failure.
    QSqlDatabase connection();
    SetupResult openAndSetUp(QString *error);
    void dropConnection();
    bool moveAside(QString *error);
    void setError(const QString &error);
    // Deletes the entries matching `where` (with `values` bound) and their raw records in one
    // transaction; returns how many entries went, or -1 with lastError() from `errorFormat`.
    qint64 deleteEntries(QSqlDatabase &db, const QString &where, const QVariantList &values,
                         const QString &errorFormat);
    QList<CacheEntryInfo> listEntries(const QString &filter, const QString *afterLei,
                                      qint64 offset, int limit);

    const QString m_connectionName;
    QSqlDatabase m_db;
    Clock m_clock;
    std::atomic<qint64> m_lifetimeSecs{DefaultLifetime.count()};
    std::atomic<qint64> m_notFoundLifetimeSecs{DefaultNotFoundLifetime.count()};
    QString m_path;
    QString m_warning;
    QString m_movedAside;
    QString m_lastError;
    bool m_open = false;
    bool m_recovering = false;
    bool m_connectDamaged = false;  // why connection() last failed, for open()
    QString m_connectError;
};
