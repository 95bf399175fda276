#include "cacheschema.h"
#include "cachetestdata.h"
#include "leicache.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <unistd.h>

using namespace std::chrono_literals;
namespace Data = CacheTestData;

namespace {

const QDateTime T0 = QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC);

// A second process for the sharing test: writes its own LEIs plus a shared range in many
// small transactions (each one a chance to collide with the other process), reading back as
// it goes. Exit code 0 only when every write and read succeeded.
int runWriter(const QString &path, int first, int count)
{
    LeiCache cache;
    if (!cache.open(path)) {
        qWarning("writer: %s", qPrintable(cache.lastError()));
        return 10;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    constexpr int Batch = 100;
    for (int start = first; start < first + count; start += Batch) {
        QList<LookupResult> batch;
        QStringList leis;
        for (int n = start; n < start + Batch; ++n) {
            batch.append(Data::found(n, now));
            leis.append(Data::lei(n));
        }
        const int shared = 900000 + (start / Batch) % 50; // both processes write these
        batch.append(Data::notFound(Data::lei(shared), now));
        if (!cache.store(batch)) {
            qWarning("writer: %s", qPrintable(cache.lastError()));
            return 11;
        }
        if (cache.lookup(leis, LeiCache::RawRecord::Skip).size() != Batch) {
            qWarning("writer: read back failed: %s", qPrintable(cache.lastError()));
            return 12;
        }
    }
    return 0;
}

QString createVersion1File(const QString &path, const QList<QStringList> &rows)
{
    const QString name = QStringLiteral("v1-builder");
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            return db.lastError().text();
        QSqlQuery q(db);
        // The layout release 1 wrote, spelled out here rather than taken from the code so the
        // test keeps checking real old files even if the code's idea of v1 drifted.
        const QString ddl[] = {
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"),
            QStringLiteral("INSERT INTO meta VALUES ('schema_version', '1')"),
            QStringLiteral("CREATE TABLE entries (lei TEXT PRIMARY KEY NOT NULL, found INTEGER NOT NULL,"
                           " legal_name TEXT, bic TEXT, country TEXT, raw_json TEXT, fetched_at TEXT NOT NULL)"),
        };
        for (const QString &sql : ddl) {
            if (!q.exec(sql))
                error = q.lastError().text();
        }
        q.prepare(QStringLiteral("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?)"));
        for (const QStringList &row : rows) {
            for (int i = 0; i < row.size(); ++i)
                q.bindValue(i, row.at(i).isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(row.at(i)));
            if (!q.exec())
                error = q.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

// The layouts releases 2 to 6 wrote, spelled out like version 1's. Each row: lei, outcome,
// legal_name, bics (';'-joined), country, entity_status, registration_status, last_update,
// raw (compressed, or null), fetched_at (ms since the epoch).
QString createVersion2to4File(int version, const QString &path, const QList<QVariantList> &rows)
{
    const QString name = QStringLiteral("v%1-builder").arg(version);
    QString error;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open())
            return db.lastError().text();
        QSqlQuery q(db);
        QStringList ddl = {
            QStringLiteral("PRAGMA journal_mode = WAL"),
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)"),
            QStringLiteral("INSERT INTO meta VALUES ('schema_version', '%1')").arg(version),
        };
        if (version == 2) {
            ddl += QStringLiteral("CREATE TABLE entries (lei TEXT PRIMARY KEY NOT NULL,"
                                  " outcome TEXT NOT NULL CHECK (outcome IN ('found', 'not_found')), legal_name TEXT,"
                                  " bics TEXT, country TEXT, entity_status TEXT, registration_status TEXT,"
                                  " last_update TEXT, raw BLOB, fetched_at INTEGER NOT NULL)");
        } else {
            ddl += QStringLiteral("CREATE TABLE entries (lei TEXT PRIMARY KEY NOT NULL,"
                                  " outcome TEXT NOT NULL CHECK (outcome IN ('found', 'not_found')),"
                                  " fetched_at INTEGER NOT NULL, legal_name TEXT, bics TEXT, country TEXT,"
                                  " entity_status TEXT, registration_status TEXT, last_update TEXT%1) WITHOUT ROWID")
                       .arg(version >= 4 ? QStringLiteral(", raw_id INTEGER") : QString());
            if (version >= 5)
                ddl += QStringLiteral("CREATE TABLE recent (lei TEXT PRIMARY KEY NOT NULL,"
                                      " outcome TEXT NOT NULL CHECK (outcome IN ('found', 'not_found')),"
                                      " fetched_at INTEGER NOT NULL, legal_name TEXT, bics TEXT, country TEXT,"
                                      " entity_status TEXT, registration_status TEXT, last_update TEXT, raw_id INTEGER) WITHOUT ROWID");
            if (version >= 6)
                ddl += QStringLiteral("CREATE TABLE parents (lei TEXT NOT NULL, which INTEGER NOT NULL CHECK (which IN (1, 2)),"
                                      " parent_lei TEXT, parent_name TEXT, exception TEXT, fetched_at INTEGER NOT NULL,"
                                      " PRIMARY KEY (lei, which)) WITHOUT ROWID");
            ddl += version >= 4 ? QStringLiteral("CREATE TABLE raws (id INTEGER PRIMARY KEY, raw BLOB NOT NULL)")
                                : QStringLiteral("CREATE TABLE raws (lei TEXT PRIMARY KEY NOT NULL, raw BLOB NOT NULL) WITHOUT ROWID");
        }
        ddl += QStringLiteral("CREATE INDEX entries_state ON entries (outcome, fetched_at)");
        for (const QString &sql : std::as_const(ddl)) {
            if (!q.exec(sql))
                error = q.lastError().text();
        }
        if (version == 2) {
            q.prepare(QStringLiteral("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
            for (const QVariantList &row : rows) {
                for (int i = 0; i < row.size(); ++i)
                    q.bindValue(i, row.at(i));
                if (!q.exec())
                    error = q.lastError().text();
            }
        } else {
            QSqlQuery raw(db);
            q.prepare(QStringLiteral("INSERT INTO entries (lei, outcome, legal_name, bics, country, entity_status,"
                                     " registration_status, last_update, fetched_at%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?%2)")
                          .arg(version >= 4 ? QStringLiteral(", raw_id") : QString(), version >= 4 ? QStringLiteral(", ?") : QString()));
            raw.prepare(version >= 4 ? QStringLiteral("INSERT INTO raws (raw) VALUES (?)") : QStringLiteral("INSERT INTO raws VALUES (?, ?)"));
            for (const QVariantList &row : rows) {
                QVariant rawId(QMetaType::fromType<qlonglong>());
                if (!row.at(8).isNull()) {
                    int i = 0;
                    if (version == 3)
                        raw.bindValue(i++, row.at(0));
                    raw.bindValue(i, row.at(8));
                    if (!raw.exec())
                        error = raw.lastError().text();
                    rawId = raw.lastInsertId();
                }
                for (int i = 0; i < 8; ++i)
                    q.bindValue(i, row.at(i));
                q.bindValue(8, row.at(9));
                if (version >= 4)
                    q.bindValue(9, rawId);
                if (!q.exec())
                    error = q.lastError().text();
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

// The first row of `sql` run on the cache file beside the cache, as another connection would;
// an empty list when the query fails.
QVariantList firstRowBeside(const QString &path, const QString &sql)
{
    const QString name = QStringLiteral("beside-probe");
    QVariantList row;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QSqlQuery q(db);
        if (db.open() && q.exec(sql) && q.next()) {
            for (int i = 0; i < q.record().count(); ++i)
                row.append(q.value(i));
        }
    }
    QSqlDatabase::removeDatabase(name);
    return row;
}

int rawRowCount(const QString &path)
{
    const QVariantList row = firstRowBeside(path, QStringLiteral("SELECT count(*) FROM raws"));
    return row.isEmpty() ? -1 : row.at(0).toInt();
}

} // namespace

class LeiCacheTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void paths();
    void roundTrip_data();
    void roundTrip();
    void failedResultsAreNotStored();
    void newerAnswerIsKept();
    void searchesExpireLikeAnswers();
    void decisionsSurviveClearAndReopen();
    void rawRecordFollowsTheNewestAnswer();
    void duplicateLeisInOneBatch();
    void bulkLookup();
    void batchSizes_data();
    void batchSizes();
    void expiry_data();
    void expiry();
    void lifetimeChangeAppliesAtOnce();
    void staleUseWhenOffline();
    void damagedFileMovedAside_data();
    void damagedFileMovedAside();
    void migratesFromVersion1();
    void migratesFromVersion2to4_data();
    void migratesFromVersion2to4();
    void migratesRecentAnswersAndParents_data();
    void migratesRecentAnswersAndParents();
    void newerSchemaIsRefused();
    void otherDatabaseIsLeftAlone();
    void unusableLocation_data();
    void unusableLocation();
    void twoProcessesShareOneFile();
    void usedFromOneThreadAtATime();
    void stats();
    void listingPagesAndFilters_data();
    void listingPagesAndFilters();
    void keyPagingWalksEverything();
    void removeChosen();
    void purgeExpired();
    void clearGivesSpaceBack();
    void walJournal();
    void parentsLiveWithTheirEntries();

private:
    QString file(const QString &name) const { return m_dir->filePath(name); }
    void openFresh(LeiCache &cache, const QString &name = QStringLiteral("cache.sqlite"))
    {
        QVERIFY2(cache.open(file(name)), qPrintable(cache.lastError()));
        QVERIFY(cache.warning().isEmpty());
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QDateTime m_now;
    LeiCache::Clock m_clock = [this] { return m_now; };
};

void LeiCacheTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void LeiCacheTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_now = T0;
}

void LeiCacheTest::cleanup()
{
    m_dir.reset();
}

void LeiCacheTest::paths()
{
    const QString def = LeiCache::defaultPath();
    QVERIFY(def.endsWith(u"/cache.sqlite"));
    QVERIFY(def.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)));
    qunsetenv("LEI_ENRICHER_CACHE");
    QCOMPARE(LeiCache::resolvePath(QString()), def);
    qputenv("LEI_ENRICHER_CACHE", "/tmp/from-env.sqlite");
    QCOMPARE(LeiCache::resolvePath(QString()), QStringLiteral("/tmp/from-env.sqlite"));
    QCOMPARE(LeiCache::resolvePath(QStringLiteral("/x/explicit.sqlite")), QStringLiteral("/x/explicit.sqlite"));
    qunsetenv("LEI_ENRICHER_CACHE");

    // A missing folder is created.
    LeiCache cache(m_clock);
    QVERIFY2(cache.open(file(QStringLiteral("a/b/c/cache.sqlite"))), qPrintable(cache.lastError()));
    QVERIFY(QFileInfo::exists(file(QStringLiteral("a/b/c/cache.sqlite"))));
}

void LeiCacheTest::roundTrip_data()
{
    QTest::addColumn<LookupResult>("result");
    const QString commerzbank = QStringLiteral("851WYGNLUQLFZBSYGB56");
    QStringList manyBics;
    for (int i = 15; i >= 0; --i) // deliberately not sorted: order must survive
        manyBics.append(QStringLiteral("COBA%1FFXXX").arg(QChar(u'A' + i)).left(8) + QStringLiteral("X%1").arg(i, 2, 10, QLatin1Char('0')));
    QTest::newRow("16 bics in GLEIF's order")
        << Data::found(Data::record(commerzbank, QStringLiteral("COMMERZBANK Aktiengesellschaft"), manyBics), T0);
    QTest::newRow("null bic")
        << Data::found(Data::record(Data::lei(1), QStringLiteral("No BIC GmbH"), {}), T0);
    QTest::newRow("null legal name, non-ASCII, lapsed")
        << Data::found(Data::record(Data::lei(2), QString(), {QStringLiteral("BREXCZPPXXX")}, QStringLiteral("CZ"), QStringLiteral("LAPSED")), T0);
    QTest::newRow("non-ASCII name")
        << Data::found(Data::record(Data::lei(3), QString::fromUtf8("Société Générale — Zürich ß"), {QStringLiteral("SOGEFRPPXXX")}, QStringLiteral("FR")), T0.addMSecs(123));
    QTest::newRow("not found") << Data::notFound(Data::lei(4), T0.addSecs(-60));
    // The lookup packs text fields with U+001F between them; a field holding one is read apart.
    QTest::newRow("unit separator in the name")
        << Data::found(Data::record(Data::lei(5), QStringLiteral("Odd\x1fName;Ltd"), {QStringLiteral("ODDNGB2LXXX")}), T0);
    QTest::newRow("record separator in the name")
        << Data::found(Data::record(Data::lei(5), QStringLiteral("Odd\x1eName\x1e"), {QStringLiteral("ODDNGB2LXXX")}), T0);
}

void LeiCacheTest::roundTrip()
{
    QFETCH(LookupResult, result);
    {
        LeiCache cache(m_clock);
        openFresh(cache);
        QVERIFY2(cache.store({result}), qPrintable(cache.lastError()));
    }
    // Read back through a new instance: nothing comes from memory.
    LeiCache cache(m_clock);
    openFresh(cache);
    const auto answers = cache.lookup({result.lei});
    QCOMPARE(answers.size(), 1);
    const CachedAnswer a = answers.value(result.lei);
    QCOMPARE(a.result.lei, result.lei);
    QCOMPARE(a.result.outcome, result.outcome);
    QCOMPARE(a.result.fetchedAt, result.fetchedAt);
    QCOMPARE(a.result.fetchedAt.timeSpec(), Qt::UTC);
    QVERIFY(!a.result.stale);
    if (result.outcome == LookupOutcome::Found) {
        QCOMPARE(a.result.record.bics, result.record.bics);
        QCOMPARE(a.result.record.legalName, result.record.legalName);
        QCOMPARE(a.result.record.rawJson, result.record.rawJson); // decompressed, byte for byte
        QVERIFY(a.result.record == result.record);
        // The raw record is stored compressed.
        const QString probe = QStringLiteral("probe");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), probe);
            db.setDatabaseName(cache.path());
            QVERIFY(db.open());
            QSqlQuery raw(db);
            QVERIFY(raw.exec(QStringLiteral("SELECT raw FROM raws")) && raw.next());
            QCOMPARE(CacheSchema::uncompressRaw(raw.value(0).toByteArray()), result.record.rawJson);
            QVERIFY(raw.value(0).toByteArray() != result.record.rawJson);
        }
        QSqlDatabase::removeDatabase(probe);

        const auto skip = cache.lookup({result.lei}, LeiCache::RawRecord::Skip);
        QVERIFY(skip.value(result.lei).result.record.rawJson.isEmpty());
        QCOMPARE(skip.value(result.lei).result.record.bics, result.record.bics);
    } else {
        QVERIFY(a.result.record.legalName.isEmpty());
    }
}

void LeiCacheTest::failedResultsAreNotStored()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    LookupResult failed;
    failed.lei = Data::lei(7);
    failed.outcome = LookupOutcome::Failed;
    failed.reason = QStringLiteral("HTTP 503 after 5 attempts");
    QVERIFY(cache.store({failed, Data::found(8, T0)}));
    const auto answers = cache.lookup({Data::lei(7), Data::lei(8)});
    QCOMPARE(answers.size(), 1);
    QVERIFY(answers.contains(Data::lei(8)));

    // A failure never overwrites what was known.
    failed.lei = Data::lei(8);
    QVERIFY(cache.store({failed}));
    QCOMPARE(cache.lookup({Data::lei(8)}).value(Data::lei(8)).result.outcome, LookupOutcome::Found);

    // A result without a fetch time is stamped with the clock.
    LookupResult undated = Data::found(9, QDateTime());
    QVERIFY(cache.store({undated}));
    QCOMPARE(cache.lookup({Data::lei(9)}).value(Data::lei(9)).result.fetchedAt, T0);
}

void LeiCacheTest::newerAnswerIsKept()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    const QString lei = Data::lei(1);
    QVERIFY(cache.store({Data::notFound(lei, T0)}));
    // A later answer replaces it...
    QVERIFY(cache.store({Data::found(1, T0.addSecs(10))}));
    QCOMPARE(cache.lookup({lei}).value(lei).result.outcome, LookupOutcome::Found);
    // ...but one that arrives late with an earlier fetch time (another process) does not.
    QVERIFY(cache.store({Data::notFound(lei, T0.addSecs(5))}));
    const CachedAnswer a = cache.lookup({lei}).value(lei);
    QCOMPARE(a.result.outcome, LookupOutcome::Found);
    QCOMPARE(a.result.fetchedAt, T0.addSecs(10));
    QCOMPARE(cache.countEntries(QString()), 1);
}

// Matching's searches (schema 8): the LEIs a search named live as long as found answers, an
// empty answer as long as "not found"; a cache clear takes them.
void LeiCacheTest::searchesExpireLikeAnswers()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    cache.setLifetime(std::chrono::hours(24));
    cache.setNotFoundLifetime(std::chrono::hours(1));
    const QString name = QStringLiteral("name:hsbc bank plc"), none = QStringLiteral("name:zebra");
    QVERIFY(cache.storeSearches({{name, {Data::lei(1), Data::lei(2)}}, {none, {}}}, T0));
    QHash<QString, QStringList> found = cache.lookupSearches({name, none, QStringLiteral("bic:COBADEFFXXX")});
    QCOMPARE(found.value(name), (QStringList{Data::lei(1), Data::lei(2)}));
    QVERIFY(found.contains(none));
    QVERIFY(found.value(none).isEmpty());
    QCOMPARE(found.size(), 2);
    m_now = T0.addSecs(2 * 3600); // past "not found"'s lifetime, within the found one
    found = cache.lookupSearches({name, none});
    QVERIFY(found.contains(name));
    QVERIFY(!found.contains(none));
    m_now = T0.addSecs(25 * 3600);
    QVERIFY(cache.lookupSearches({name}).isEmpty());
    m_now = T0;
    QVERIFY(cache.clear() >= 0);
    QVERIFY(cache.lookupSearches({name}).isEmpty());
}

// Review decisions are on disk as soon as recorded, keyed by the name with case and spaces
// folded and the country ('' any), and no cache clear touches them.
void LeiCacheTest::decisionsSurviveClearAndReopen()
{
    const QString path = m_dir->filePath(QStringLiteral("decisions.sqlite"));
    {
        LeiCache cache(m_clock);
        QVERIFY(cache.open(path));
        QVERIFY(cache.recordDecision(QStringLiteral(" Acme  Holding AG "), QStringLiteral("de"), Data::lei(1)));
        QVERIFY(cache.recordDecision(QStringLiteral("Acme Holding AG"), QString(), Data::lei(2)));
        QVERIFY(cache.recordDecision(QStringLiteral("ACME HOLDING AG"), QStringLiteral("DE"), Data::lei(3))); // replaces the first
        QVERIFY(cache.clear() >= 0);
    }
    LeiCache cache(m_clock);
    QVERIFY(cache.open(path));
    const QList<MatchDecision> all = cache.decisions();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all[0].country, QString());
    QCOMPARE(all[0].lei, Data::lei(2));
    QCOMPARE(all[1].country, QStringLiteral("DE"));
    QCOMPARE(all[1].lei, Data::lei(3));
    QCOMPARE(all[1].decidedAt, T0);
    const QHash<QString, QString> found = cache.lookupDecisions({{QStringLiteral("acme holding ag"), QStringLiteral("DE")},
                                                                 {QStringLiteral("Acme Holding AG"), QString()},
                                                                 {QStringLiteral("Acme Holding AG"), QStringLiteral("FR")}});
    QCOMPARE(found.size(), 2);
    QCOMPARE(found.value(LeiCache::decisionKey(QStringLiteral("Acme Holding AG")) + QStringLiteral("\nDE")), Data::lei(3));
    QCOMPARE(cache.forgetDecision(QStringLiteral("acme   HOLDING ag")), 2);
    QVERIFY(cache.decisions().isEmpty());
    QVERIFY(cache.recordDecision(QStringLiteral("X"), QString(), Data::lei(1)));
    QCOMPARE(cache.clearDecisions(), 1);
    QVERIFY(cache.decisions().isEmpty());
}

void LeiCacheTest::rawRecordFollowsTheNewestAnswer()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    const QString lei = Data::lei(1);
    const GleifRecord v1 = Data::record(lei, QStringLiteral("First Name AG"), {QStringLiteral("COBADEFFXXX")});
    const GleifRecord v2 = Data::record(lei, QStringLiteral("Second Name AG"), {QStringLiteral("COBADEFFXXX")});
    auto rawOf = [&] { return cache.lookup({lei}).value(lei).result.record.rawJson; };
    // (rows in raws, the entry's raw_id)
    auto rawRows = [&] {
        return firstRowBeside(cache.path(), QStringLiteral("SELECT (SELECT count(*) FROM raws),"
                                                           " (SELECT raw_id FROM entries)"));
    };
    QVERIFY(cache.store({Data::found(v1, T0)}));
    QCOMPARE(rawOf(), v1.rawJson);
    const auto first = rawRows();
    QCOMPARE(first.value(0).toInt(), 1);
    // Refetched unchanged, then changed: the entry and its raw record move together.
    QVERIFY(cache.store({Data::found(v1, T0.addSecs(10))}));
    QCOMPARE(rawOf(), v1.rawJson);
    QCOMPARE(rawRows(), first); // an unchanged record is not written again
    QCOMPARE(cache.lookup({lei}).value(lei).result.fetchedAt, T0.addSecs(10));
    QVERIFY(cache.store({Data::found(v2, T0.addSecs(20))}));
    QCOMPARE(rawOf(), v2.rawJson);
    QCOMPARE(rawRows().value(0).toInt(), 1); // the old record went with the change
    QCOMPARE(cache.lookup({lei}).value(lei).result.record.legalName, v2.legalName);
    // A late answer fetched earlier changes neither.
    QVERIFY(cache.store({Data::found(v1, T0.addSecs(15))}));
    QCOMPARE(rawOf(), v2.rawJson);
    QCOMPARE(cache.lookup({lei}).value(lei).result.record.legalName, v2.legalName);
    QVERIFY(cache.store({Data::notFound(lei, T0.addSecs(15))}));
    QCOMPARE(cache.lookup({lei}).value(lei).result.outcome, LookupOutcome::Found);
    // "Not found" later: no raw record is left behind, and a new one comes with the next find.
    QVERIFY(cache.store({Data::notFound(lei, T0.addSecs(30))}));
    QCOMPARE(cache.lookup({lei}).value(lei).result.outcome, LookupOutcome::NotFound);
    QVERIFY(rawOf().isEmpty());
    QVERIFY(cache.store({Data::found(v1, T0.addSecs(40))}));
    QCOMPARE(rawOf(), v1.rawJson);
    // Removing the entry removes its raw record too.
    QCOMPARE(cache.remove({lei}), 1);
    QVERIFY(cache.store({Data::notFound(lei, T0.addSecs(50))}));
    QCOMPARE(rawRowCount(cache.path()), 0);
}

void LeiCacheTest::duplicateLeisInOneBatch()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    const QString lei = Data::lei(1);
    const GleifRecord v1 = Data::record(lei, QStringLiteral("First Name AG"), {QStringLiteral("COBADEFFXXX")});
    const GleifRecord v2 = Data::record(lei, QStringLiteral("Second Name AG"), {QStringLiteral("COBADEFFXXX")});
    // The later fetch wins whatever the order in the batch, and leaves one raw record.
    QVERIFY(cache.store({Data::found(v2, T0.addSecs(10)), Data::found(v1, T0), Data::notFound(lei, T0.addSecs(5))}));
    const CachedAnswer a = cache.lookup({lei}).value(lei);
    QCOMPARE(a.result.record.legalName, v2.legalName);
    QCOMPARE(a.result.record.rawJson, v2.rawJson);
    QCOMPARE(rawRowCount(cache.path()), 1);
}

void LeiCacheTest::bulkLookup()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    QList<LookupResult> batch;
    QStringList wanted;
    for (int n = 0; n < 5000; ++n) {
        batch.append(n % 10 == 0 ? Data::notFound(Data::lei(n), T0) : Data::found(n, T0));
        wanted.append(Data::lei(n));
    }
    QVERIFY(cache.store(batch));
    for (int n = 100000; n < 100100; ++n)
        wanted.append(Data::lei(n)); // not cached
    wanted.append(wanted.mid(0, 50)); // duplicates
    wanted.append(QStringLiteral("quote\" and, comma")); // text that must not break the query
    const auto answers = cache.lookup(wanted);
    QCOMPARE(answers.size(), 5000);
    QCOMPARE(answers.value(Data::lei(10)).result.outcome, LookupOutcome::NotFound);
    QCOMPARE(answers.value(Data::lei(11)).result.record.legalName, QStringLiteral("Entity 11 AG"));
    QVERIFY(!answers.contains(Data::lei(100000)));
    QVERIFY(cache.lookup({}).isEmpty());
}

void LeiCacheTest::batchSizes_data()
{
    // store() writes 64 rows per statement plus one statement for the rest.
    QTest::addColumn<int>("size");
    for (int size : {1, 63, 64, 65, 128, 200})
        QTest::newRow(qPrintable(QString::number(size))) << size;
}

void LeiCacheTest::batchSizes()
{
    QFETCH(int, size);
    LeiCache cache(m_clock);
    openFresh(cache);
    QList<LookupResult> batch;
    QStringList leis;
    for (int n = 0; n < size; ++n) {
        batch.append(n % 3 == 0 ? Data::notFound(Data::lei(n), T0) : Data::found(n, T0.addSecs(n)));
        leis.append(Data::lei(n));
    }
    // The same LEI twice in one batch: the later answer wins, wherever it sits.
    batch.prepend(Data::notFound(Data::lei(size - 1), T0.addSecs(size + 100)));
    batch.append(Data::found(size - 1, T0.addSecs(-5)));
    QVERIFY2(cache.store(batch), qPrintable(cache.lastError()));
    QCOMPARE(cache.countEntries(QString()), size);
    const auto answers = cache.lookup(leis);
    QCOMPARE(answers.size(), size);
    for (int n = 0; n < size - 1; ++n) {
        const CachedAnswer a = answers.value(Data::lei(n));
        QCOMPARE(a.result.outcome, n % 3 == 0 ? LookupOutcome::NotFound : LookupOutcome::Found);
        if (n % 3 != 0) {
            QCOMPARE(a.result.record.legalName, QStringLiteral("Entity %1 AG").arg(n));
            QCOMPARE(a.result.fetchedAt, T0.addSecs(n));
        }
    }
    const CachedAnswer last = answers.value(Data::lei(size - 1));
    QCOMPARE(last.result.outcome, LookupOutcome::NotFound);
    QCOMPARE(last.result.fetchedAt, T0.addSecs(size + 100));
}

void LeiCacheTest::expiry_data()
{
    QTest::addColumn<bool>("found");
    QTest::addColumn<qint64>("lifetime");         // seconds; 0 = default
    QTest::addColumn<qint64>("notFoundLifetime"); // seconds; 0 = default
    QTest::addColumn<qint64>("age");              // seconds since the fetch
    QTest::addColumn<bool>("fresh");
    QTest::addColumn<qint64>("expiresAfter");     // seconds from fetch to expiry

    const qint64 h = 3600;
    QTest::newRow("found, just fetched") << true << 0ll << 0ll << 0ll << true << 24 * h;
    QTest::newRow("found, 1 s before 24 h") << true << 0ll << 0ll << 24 * h - 1 << true << 24 * h;
    QTest::newRow("found, at 24 h") << true << 0ll << 0ll << 24 * h << false << 24 * h;
    QTest::newRow("found, 3 days") << true << 0ll << 0ll << 72 * h << false << 24 * h;
    QTest::newRow("found, 3 days, lifetime 7d") << true << 7 * 24 * h << 0ll << 72 * h << true << 7 * 24 * h;
    QTest::newRow("not found, 59 min") << false << 0ll << 0ll << h - 60 << true << h;
    QTest::newRow("not found, at 1 h") << false << 0ll << 0ll << h << false << h;
    QTest::newRow("not found, 2 h, own lifetime 3h") << false << 0ll << 3 * h << 2 * h << true << 3 * h;
    QTest::newRow("not found clamped to lifetime 30m") << false << h / 2 << 2 * h << h / 2 + 1 << false << h / 2;
    QTest::newRow("not found clamped, still fresh") << false << h / 2 << 2 * h << h / 2 - 1 << true << h / 2;
    QTest::newRow("found, lifetime 0") << true << 1ll << 0ll << 1ll << false << 1ll;
}

void LeiCacheTest::expiry()
{
    QFETCH(bool, found);
    QFETCH(qint64, lifetime);
    QFETCH(qint64, notFoundLifetime);
    QFETCH(qint64, age);
    QFETCH(bool, fresh);
    QFETCH(qint64, expiresAfter);

    LeiCache cache(m_clock);
    if (lifetime)
        cache.setLifetime(std::chrono::seconds(lifetime));
    if (notFoundLifetime)
        cache.setNotFoundLifetime(std::chrono::seconds(notFoundLifetime));
    openFresh(cache);
    const QString lei = Data::lei(42);
    QVERIFY(cache.store({found ? Data::found(42, T0) : Data::notFound(lei, T0)}));
    m_now = T0.addSecs(age);

    const CachedAnswer a = cache.lookup({lei}).value(lei);
    QCOMPARE(a.fresh, fresh);
    QCOMPARE(a.expiresAt, T0.addSecs(expiresAfter));
    // The listing and the counts judge it the same way.
    const QList<CacheEntryInfo> listed = cache.entries(QString(), 0, 10);
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().fresh, fresh);
    QCOMPARE(listed.first().expiresAt, T0.addSecs(expiresAfter));
    const CacheStats s = cache.stats().value();
    QCOMPARE(s.fresh, fresh ? 1 : 0);
    QCOMPARE(s.expired, fresh ? 0 : 1);
}

void LeiCacheTest::lifetimeChangeAppliesAtOnce()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    QList<LookupResult> batch;
    for (int n = 0; n < 10; ++n)
        batch.append(Data::found(n, T0.addSecs(-n * 3600))); // 0..9 hours old
    QVERIFY(cache.store(batch));
    QCOMPARE(cache.stats()->fresh, 10);

    cache.setLifetime(5h); // ages 0..4 h stay fresh
    QCOMPARE(cache.stats()->fresh, 5);
    QStringList leis;
    for (int n = 0; n < 10; ++n)
        leis.append(Data::lei(n));
    const auto answers = cache.lookup(leis);
    QVERIFY(answers.value(Data::lei(4)).fresh);
    QVERIFY(!answers.value(Data::lei(5)).fresh);
    QCOMPARE(answers.value(Data::lei(5)).expiresAt, T0.addSecs(-5 * 3600 + 5 * 3600));

    cache.setLifetime(24h); // nothing was stored: lengthening brings them back
    QCOMPARE(cache.stats()->fresh, 10);
    QCOMPARE(cache.notFoundLifetime(), std::chrono::seconds(1h));
    cache.setLifetime(10min);
    QCOMPARE(cache.notFoundLifetime(), std::chrono::seconds(10min));
}

void LeiCacheTest::staleUseWhenOffline()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    QVERIFY(cache.store({Data::found(1, T0), Data::notFound(Data::lei(2), T0)}));
    m_now = T0.addDays(30);
    const auto answers = cache.lookup({Data::lei(1), Data::lei(2)});
    QCOMPARE(answers.size(), 2); // expired entries are still there for offline use
    const CachedAnswer a = answers.value(Data::lei(1));
    QVERIFY(!a.fresh);
    QVERIFY(!a.result.stale);
    const LookupResult served = a.servedStale();
    QVERIFY(served.stale);
    QCOMPARE(served.outcome, LookupOutcome::Found);
    QCOMPARE(served.record.legalName, QStringLiteral("Entity 1 AG"));
    QCOMPARE(served.fetchedAt, T0);
    QVERIFY(answers.value(Data::lei(2)).servedStale().stale);
}

void LeiCacheTest::damagedFileMovedAside_data()
{
    QTest::addColumn<QString>("kind");
    // Each an SQLite file (its first 16 bytes are SQLite's header) that fails to read; any other
    // file is refused untouched (leicachedamage_test).
    QTest::newRow("garbage after the header") << QStringLiteral("garbage");
    QTest::newRow("truncated database") << QStringLiteral("truncated");
    QTest::newRow("overwritten header fields") << QStringLiteral("header");
}

void LeiCacheTest::damagedFileMovedAside()
{
    QFETCH(QString, kind);
    const QString path = file(QStringLiteral("cache.sqlite"));
    if (kind == u"garbage") {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray junk("SQLite format 3\0", 16);
        for (int i = 0; i < 20000; ++i)
            junk.append(char((i * 7919) % 251));
        f.write(junk);
    } else {
        {
            LeiCache cache(m_clock);
            openFresh(cache);
            QList<LookupResult> batch;
            for (int n = 0; n < 3000; ++n)
                batch.append(Data::found(n, T0));
            QVERIFY(cache.store(batch));
        } // closing checkpoints the WAL into the file
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        if (kind == u"truncated") {
            QVERIFY(f.size() > 100000);
            QVERIFY(f.resize(f.size() / 3));
        } else {
            f.seek(16); // page size, format numbers, counters: all wrong
            f.write(QByteArray(84, 'x'));
        }
    }
    QFile original(path);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray before = original.readAll();
    original.close();

    m_now = QDateTime(QDate(2026, 11, 26), QTime(1, 2, 3), Qt::UTC);
    LeiCache cache(m_clock);
    QVERIFY2(cache.open(path), qPrintable(cache.lastError()));
    const QString aside = path + QStringLiteral(".corrupt-20261126T010203");
    QCOMPARE(cache.movedAsidePath(), aside);
    QVERIFY(cache.warning().contains(path));
    QVERIFY(cache.warning().contains(aside));
    // Kept, byte for byte.
    QFile kept(aside);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), before);
    // The job goes on with a new, empty cache.
    QCOMPARE(cache.countEntries(QString()), 0);
    QVERIFY(cache.store({Data::found(1, T0)}));
    QCOMPARE(cache.lookup({Data::lei(1)}).size(), 1);
    cache.close();

    // The new file is healthy: the next open moves nothing.
    LeiCache again(m_clock);
    openFresh(again);
    QCOMPARE(again.countEntries(QString()), 1);
    again.close();

    // A second damage in the same second does not overwrite the first copy.
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QByteArray("SQLite format 3\0", 16) + "and then text that is long enough to be a header......");
    f.close();
    LeiCache third(m_clock);
    QVERIFY(third.open(path));
    QCOMPARE(third.movedAsidePath(), aside + QStringLiteral("-2"));
    QVERIFY(QFileInfo::exists(aside));
}

void LeiCacheTest::migratesFromVersion1()
{
    const QString path = file(QStringLiteral("old.sqlite"));
    const GleifRecord commerzbank = Data::record(QStringLiteral("851WYGNLUQLFZBSYGB56"), QStringLiteral("COMMERZBANK Aktiengesellschaft"),
                                                 {QStringLiteral("BREXCZPPXXX"), QStringLiteral("COBADEFFXXX"), QStringLiteral("COBAGB2XXXX")},
                                                 QStringLiteral("DE"), QStringLiteral("LAPSED"));
    const QString notFoundLei = Data::lei(5);
    const QString brokenJsonLei = Data::lei(6);
    const QString error = createVersion1File(path, {
        {commerzbank.lei, QStringLiteral("1"), commerzbank.legalName, commerzbank.bics.join(u','), commerzbank.country,
         QString::fromUtf8(commerzbank.rawJson), QStringLiteral("2026-11-25T11:00:00.000Z")},
        {notFoundLei, QStringLiteral("0"), QString(), QString(), QString(), QString(), QStringLiteral("2026-11-25T11:30:00Z")},
        // A row whose raw JSON did not survive: the columns are used.
        {brokenJsonLei, QStringLiteral("1"), QStringLiteral("Old Name Ltd"), QStringLiteral("AAAAGB2LXXX,BBBBGB2LXXX"), QStringLiteral("GB"),
         QStringLiteral("{truncated"), QStringLiteral("2026-11-25T10:00:00Z")},
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));

    LeiCache cache(m_clock);
    openFresh(cache, QStringLiteral("old.sqlite"));
    const auto answers = cache.lookup({commerzbank.lei, notFoundLei, brokenJsonLei});
    QCOMPARE(answers.size(), 3);
    const CachedAnswer cb = answers.value(commerzbank.lei);
    QCOMPARE(cb.result.outcome, LookupOutcome::Found);
    QVERIFY(cb.result.record == commerzbank); // statuses and lastUpdateDate recovered from the JSON
    QCOMPARE(cb.result.record.registrationStatus, QStringLiteral("LAPSED"));
    QCOMPARE(cb.result.fetchedAt, QDateTime(QDate(2026, 11, 25), QTime(11, 0), Qt::UTC));
    QVERIFY(cb.fresh);
    const CachedAnswer nf = answers.value(notFoundLei);
    QCOMPARE(nf.result.outcome, LookupOutcome::NotFound);
    QVERIFY(nf.fresh); // 30 min old
    const CachedAnswer broken = answers.value(brokenJsonLei);
    QCOMPARE(broken.result.record.legalName, QStringLiteral("Old Name Ltd"));
    QCOMPARE(broken.result.record.bics, QStringList({QStringLiteral("AAAAGB2LXXX"), QStringLiteral("BBBBGB2LXXX")}));
    cache.close();

    const QString probe = QStringLiteral("migration-probe");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), probe);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")) && q.next());
        QCOMPARE(q.value(0).toInt(), LeiCache::SchemaVersion);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'entries_v1'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }
    QSqlDatabase::removeDatabase(probe);
}

void LeiCacheTest::migratesFromVersion2to4_data()
{
    QTest::addColumn<int>("version");
    QTest::newRow("schema 2 (raw record in the entry)") << 2;
    QTest::newRow("schema 3 (raws keyed by LEI)") << 3;
    QTest::newRow("schema 4 (no table for recent answers)") << 4;
    QTest::newRow("schema 5 (no table for parents)") << 5;
    QTest::newRow("schema 6 (a table for recent answers)") << 6;
}

void LeiCacheTest::migratesFromVersion2to4()
{
    QFETCH(int, version);
    const QString fileName = QStringLiteral("v%1.sqlite").arg(version);
    const QString path = file(fileName);
    const GleifRecord commerzbank = Data::record(QStringLiteral("851WYGNLUQLFZBSYGB56"), QStringLiteral("COMMERZBANK Aktiengesellschaft"),
                                                 {QStringLiteral("BREXCZPPXXX"), QStringLiteral("COBADEFFXXX")},
                                                 QStringLiteral("DE"), QStringLiteral("LAPSED"));
    const QString notFoundLei = Data::lei(5);
    const QString noRawLei = Data::lei(6);
    const QString expiredLei = Data::lei(7);
    const QVariant nullText(QMetaType::fromType<QString>());
    const QVariant nullBlob(QMetaType::fromType<QByteArray>());
    const qint64 t0 = T0.toMSecsSinceEpoch();
    // A record as the zlib codec of earlier releases stored it (qCompress layout) must read too.
    const GleifRecord zlibEra = Data::record(Data::lei(9), QStringLiteral("Zlib Era AG"), {QStringLiteral("COBADEFFXXX")});
    const QString error = createVersion2to4File(version, path, {
        {zlibEra.lei, QStringLiteral("found"), zlibEra.legalName, zlibEra.bicsJoined(), zlibEra.country,
         zlibEra.entityStatus, zlibEra.registrationStatus, zlibEra.lastUpdateDate, qCompress(zlibEra.rawJson), t0},
        {commerzbank.lei, QStringLiteral("found"), commerzbank.legalName, commerzbank.bicsJoined(), commerzbank.country,
         commerzbank.entityStatus, commerzbank.registrationStatus, commerzbank.lastUpdateDate,
         CacheSchema::compressRaw(commerzbank.rawJson), t0 - 3600 * 1000},
        {notFoundLei, QStringLiteral("not_found"), nullText, nullText, nullText, nullText, nullText, nullText, nullBlob, t0 - 600 * 1000},
        {noRawLei, QStringLiteral("found"), QStringLiteral("No Raw Ltd"), QStringLiteral("AAAAGB2LXXX"), QStringLiteral("GB"),
         QStringLiteral("ACTIVE"), QStringLiteral("ISSUED"), QStringLiteral("2025-01-01T00:00:00Z"), nullBlob, t0},
        {expiredLei, QStringLiteral("found"), QStringLiteral("Old Ltd"), nullText, QStringLiteral("FR"),
         nullText, nullText, nullText, nullBlob, t0 - 48 * 3600 * 1000},
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    if (version == 3) {
        // Raw records schema 3 could hold without a found entry: not carried over.
        const QString name = QStringLiteral("v3-orphans");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            q.prepare(QStringLiteral("INSERT INTO raws VALUES (?, ?)"));
            for (const QString &lei : {notFoundLei, Data::lei(12)}) {
                q.bindValue(0, lei);
                q.bindValue(1, CacheSchema::compressRaw("{\"orphan\":true}"));
                QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
            }
        }
        QSqlDatabase::removeDatabase(name);
    }

    LeiCache cache(m_clock);
    openFresh(cache, fileName);
    const auto answers = cache.lookup({commerzbank.lei, notFoundLei, noRawLei, expiredLei, zlibEra.lei});
    QCOMPARE(answers.size(), 5);
    QVERIFY(answers.value(zlibEra.lei).result.record == zlibEra);
    QCOMPARE(answers.value(zlibEra.lei).result.record.rawJson, zlibEra.rawJson);
    const CachedAnswer cb = answers.value(commerzbank.lei);
    QCOMPARE(cb.result.outcome, LookupOutcome::Found);
    QVERIFY(cb.result.record == commerzbank); // fields and raw record, byte for byte
    QCOMPARE(cb.result.record.rawJson, commerzbank.rawJson);
    QCOMPARE(cb.result.fetchedAt, T0.addSecs(-3600));
    QVERIFY(cb.fresh);
    QCOMPARE(answers.value(notFoundLei).result.outcome, LookupOutcome::NotFound);
    QVERIFY(answers.value(notFoundLei).fresh);
    const CachedAnswer noRaw = answers.value(noRawLei);
    QCOMPARE(noRaw.result.record.legalName, QStringLiteral("No Raw Ltd"));
    QCOMPARE(noRaw.result.record.registrationStatus, QStringLiteral("ISSUED"));
    QVERIFY(noRaw.result.record.rawJson.isEmpty());
    QVERIFY(!answers.value(expiredLei).fresh);
    const auto s = cache.stats();
    QVERIFY(s);
    QCOMPARE(s->total, 5);
    QCOMPARE(s->notFound, 1);
    QCOMPARE(s->expired, 1);
    // Still writable, and a purge takes the expired entry.
    QVERIFY(cache.store({Data::found(8, T0)}));
    QCOMPARE(cache.purgeExpired(), 1);
    cache.close();

    const QString probe = QStringLiteral("migration%1-probe").arg(version);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), probe);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")) && q.next());
        QCOMPARE(q.value(0).toInt(), LeiCache::SchemaVersion);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name LIKE '%_v_'")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM raws")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3); // zlibEra, commerzbank and entity 8; no raw for the others
        // Every raw record belongs to exactly one entry.
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM raws JOIN entries ON entries.raw_id = raws.id")) && q.next());
        QCOMPARE(q.value(0).toInt(), 3);
        QVERIFY(q.exec(QStringLiteral("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master"
                                      " WHERE name IN ('entries_state', 'recent', 'parents') ORDER BY name)")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("entries_state,parents"));
        // Compacted after copying every table (2, 3); 4 frees nothing. The pages `recent` held
        // (5, 6: a few, as merges kept it small) are left for the next writes.
        QVERIFY(q.exec(QStringLiteral("PRAGMA freelist_count")) && q.next());
        if (version < 5)
            QCOMPARE(q.value(0).toInt(), 0);
    }
    QSqlDatabase::removeDatabase(probe);
}

void LeiCacheTest::migratesRecentAnswersAndParents_data()
{
    QTest::addColumn<int>("version");
    QTest::newRow("schema 5") << 5;
    QTest::newRow("schema 6 (with parents)") << 6;
}

// A file of schema 5 or 6 as those releases left it between two merges: answers in `recent`
// hiding older ones in `entries`. Migrating moves them into entries, the newer answer winning
// with its raw record, and keeps the parents.
void LeiCacheTest::migratesRecentAnswersAndParents()
{
    QFETCH(int, version);
    const QString fileName = QStringLiteral("v%1-recent.sqlite").arg(version);
    const QString path = file(fileName);
    const QString changed = Data::lei(1), unchanged = Data::lei(2), onlyRecent = Data::lei(3),
                  olderInRecent = Data::lei(4), onlyEntries = Data::lei(5);
    auto record = [](const QString &lei, const char *name) { return Data::record(lei, QString::fromLatin1(name), {QStringLiteral("COBADEFFXXX")}); };
    const GleifRecord changedOld = record(changed, "Old Name AG"), changedNew = record(changed, "New Name AG");
    const GleifRecord same = record(unchanged, "Same AG"), recentOnly = record(onlyRecent, "Recent AG");
    const GleifRecord entriesWins = record(olderInRecent, "Newer In Entries AG"), recentLoses = record(olderInRecent, "Older In Recent AG");
    const qint64 t0 = T0.toMSecsSinceEpoch(), minute = 60 * 1000;
    auto row = [](const GleifRecord &r, qint64 fetchedMs) {
        return QVariantList{r.lei, QStringLiteral("found"), r.legalName, r.bicsJoined(), r.country, r.entityStatus,
                            r.registrationStatus, r.lastUpdateDate, CacheSchema::compressRaw(r.rawJson), fetchedMs};
    };
    const QVariant nullText(QMetaType::fromType<QString>());
    const QVariant nullBlob(QMetaType::fromType<QByteArray>());
    const QString error = createVersion2to4File(version, path, {
        row(changedOld, t0 - 120 * minute), row(same, t0 - 120 * minute), row(entriesWins, t0 - minute),
        {onlyEntries, QStringLiteral("not_found"), nullText, nullText, nullText, nullText, nullText, nullText, nullBlob, t0 - 10 * minute},
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QString name = QStringLiteral("v%1-recent-builder").arg(version);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        auto addRaw = [&](const GleifRecord &r) {
            q.prepare(QStringLiteral("INSERT INTO raws (raw) VALUES (?)"));
            q.bindValue(0, CacheSchema::compressRaw(r.rawJson));
            return q.exec() ? q.lastInsertId() : QVariant();
        };
        QVERIFY(q.exec(QStringLiteral("SELECT raw_id FROM entries WHERE lei = '%1'").arg(unchanged)) && q.next());
        const QVariant sharedRaw = q.value(0); // a record refetched unchanged kept its raw row
        const QVariant changedRaw = addRaw(changedNew), recentOnlyRaw = addRaw(recentOnly), losingRaw = addRaw(recentLoses);
        const QList<QVariantList> recent = {
            {changed, t0, changedNew.legalName, changedRaw},
            {unchanged, t0 - minute, same.legalName, sharedRaw},
            {onlyRecent, t0, recentOnly.legalName, recentOnlyRaw},
            {olderInRecent, t0 - 60 * minute, recentLoses.legalName, losingRaw}, // cannot happen, must not win
        };
        for (const QVariantList &r : recent) {
            q.prepare(QStringLiteral("INSERT INTO recent (lei, outcome, fetched_at, legal_name, bics, country, entity_status,"
                                     " registration_status, last_update, raw_id) VALUES (?, 'found', ?, ?, ?, ?, ?, ?, ?, ?)"));
            q.bindValue(0, r.at(0));
            q.bindValue(1, r.at(1));
            q.bindValue(2, r.at(2));
            q.bindValue(3, same.bicsJoined());
            q.bindValue(4, same.country);
            q.bindValue(5, same.entityStatus);
            q.bindValue(6, same.registrationStatus);
            q.bindValue(7, same.lastUpdateDate);
            q.bindValue(8, r.at(3));
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        if (version == 6) {
            QVERIFY(q.exec(QStringLiteral("INSERT INTO parents VALUES ('%1', 1, '%2', 'Parent AG', NULL, %3),"
                                          " ('%1', 2, NULL, NULL, 'NATURAL_PERSONS', %3)").arg(changed, Data::lei(9)).arg(t0)));
        }
    }
    QSqlDatabase::removeDatabase(name);

    LeiCache cache(m_clock);
    openFresh(cache, fileName);
    const auto answers = cache.lookup({changed, unchanged, onlyRecent, olderInRecent, onlyEntries});
    QCOMPARE(answers.size(), 5);
    QCOMPARE(answers.value(changed).result.record.legalName, changedNew.legalName);
    QCOMPARE(answers.value(changed).result.record.rawJson, changedNew.rawJson);
    QCOMPARE(answers.value(changed).result.fetchedAt, T0);
    QCOMPARE(answers.value(unchanged).result.record.rawJson, same.rawJson);
    QCOMPARE(answers.value(unchanged).result.fetchedAt, T0.addSecs(-60));
    QCOMPARE(answers.value(onlyRecent).result.record.rawJson, recentOnly.rawJson);
    QCOMPARE(answers.value(olderInRecent).result.record.legalName, entriesWins.legalName);
    QCOMPARE(answers.value(olderInRecent).result.record.rawJson, entriesWins.rawJson);
    QCOMPARE(answers.value(olderInRecent).result.fetchedAt, T0.addSecs(-60));
    QCOMPARE(answers.value(onlyEntries).result.outcome, LookupOutcome::NotFound);
    QCOMPARE(cache.countEntries(QString()), 5);
    const auto parents = cache.lookupParents({changed, unchanged});
    if (version == 6) {
        QCOMPARE(parents.keys(), QList<QString>{changed});
        QCOMPARE(parents.value(changed).direct.lei, Data::lei(9));
        QCOMPARE(parents.value(changed).ultimate.exception, QStringLiteral("NATURAL_PERSONS"));
    } else {
        QVERIFY2(parents.isEmpty() && cache.lastError().isEmpty(), qPrintable(cache.lastError()));
    }
    cache.close();

    const QString probe = QStringLiteral("migration-recent-probe");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), probe);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'schema_version'")) && q.next());
        QCOMPARE(q.value(0).toInt(), LeiCache::SchemaVersion);
        QVERIFY(q.exec(QStringLiteral("SELECT group_concat(name) FROM (SELECT name FROM sqlite_master"
                                      " WHERE type = 'table' ORDER BY name)")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("decisions,entries,meta,parents,raws,searches"));
        // One raw record per found entry, each used: the losing answers' records went.
        QVERIFY(q.exec(QStringLiteral("SELECT (SELECT count(*) FROM raws),"
                                      " (SELECT count(*) FROM raws JOIN entries ON entries.raw_id = raws.id)")) && q.next());
        QCOMPARE(q.value(0).toInt(), 4);
        QCOMPARE(q.value(1).toInt(), 4);
    }
    QSqlDatabase::removeDatabase(probe);
}

void LeiCacheTest::parentsLiveWithTheirEntries()
{
    // Parent answers: kept per side, fresh for the found lifetime, never replaced by an older
    // answer, and gone with their entity's entry (remove, purge, clear).
    LeiCache cache(m_clock);
    openFresh(cache, QStringLiteral("parents.sqlite"));
    QVERIFY(cache.store({Data::found(1, T0), Data::found(2, T0), Data::found(3, T0.addSecs(-23 * 3600))}));
    ParentResult one;
    one.lei = Data::lei(1);
    one.direct = {Data::lei(9), QStringLiteral("Parent AG"), {}};
    one.ultimate = {{}, {}, QStringLiteral("NATURAL_PERSONS")};
    ParentResult two; // the direct side only: the record announced no ultimate parent
    two.lei = Data::lei(2);
    two.direct = {{}, {}, QStringLiteral("NON_CONSOLIDATING")};
    ParentResult failed;
    failed.lei = Data::lei(3);
    failed.direct = {Data::lei(9), QStringLiteral("Parent AG"), {}};
    failed.failure = QStringLiteral("ultimate parent: HTTP 503");
    QVERIFY(cache.storeParents({one, two, failed}, T0));
    ParentResult three;
    three.lei = Data::lei(3);
    three.direct = {Data::lei(8), QStringLiteral("Old Parent"), {}};
    QVERIFY(cache.storeParents({three}, T0.addSecs(-23 * 3600)));

    auto read = cache.lookupParents({Data::lei(1), Data::lei(2), Data::lei(3), Data::lei(4)});
    QCOMPARE(read.size(), 3);
    const ParentResult r1 = read.value(Data::lei(1));
    QCOMPARE((QStringList{r1.direct.lei, r1.direct.legalName, r1.direct.exception}), (QStringList{Data::lei(9), QStringLiteral("Parent AG"), QString()}));
    QCOMPARE(r1.ultimate.exception, QStringLiteral("NATURAL_PERSONS"));
    QVERIFY(r1.ultimate.lei.isEmpty());
    QCOMPARE(read.value(Data::lei(2)).direct.exception, QStringLiteral("NON_CONSOLIDATING"));
    QVERIFY(read.value(Data::lei(2)).ultimate.isEmpty());
    QCOMPARE(read.value(Data::lei(3)).direct.lei, Data::lei(8)); // the failed result was not stored

    // An older answer does not replace a newer one; a newer one does.
    ParentResult older = one;
    older.direct.legalName = QStringLiteral("Older Name");
    QVERIFY(cache.storeParents({older}, T0.addSecs(-60)));
    QCOMPARE(cache.lookupParents({Data::lei(1)}).value(Data::lei(1)).direct.legalName, QStringLiteral("Parent AG"));
    ParentResult newer = one;
    newer.direct.legalName = QStringLiteral("Newer Name");
    QVERIFY(cache.storeParents({newer}, T0.addSecs(60)));
    QCOMPARE(cache.lookupParents({Data::lei(1)}).value(Data::lei(1)).direct.legalName, QStringLiteral("Newer Name"));

    // Two hours on, entity 3's parents (23 h old) are past the 24 h lifetime: not served.
    m_now = T0.addSecs(2 * 3600);
    read = cache.lookupParents({Data::lei(1), Data::lei(3)});
    QCOMPARE(read.keys(), QList<QString>{Data::lei(1)});

    QCOMPARE(cache.remove({Data::lei(2)}), 1);
    QCOMPARE(cache.purgeExpired(), 1); // entity 3
    const QVariantList left = firstRowBeside(cache.path(), QStringLiteral("SELECT group_concat(DISTINCT lei) FROM parents"));
    QCOMPARE(left, QVariantList{Data::lei(1)});
    QVERIFY(cache.clear() >= 0);
    QCOMPARE(firstRowBeside(cache.path(), QStringLiteral("SELECT count(*) FROM parents")), QVariantList{0});
}

void LeiCacheTest::newerSchemaIsRefused()
{
    const QString path = file(QStringLiteral("future.sqlite"));
    {
        LeiCache cache(m_clock);
        openFresh(cache, QStringLiteral("future.sqlite"));
        QVERIFY(cache.store({Data::found(1, T0)}));
    }
    const QString probe = QStringLiteral("future-probe");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), probe);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("UPDATE meta SET value = '99' WHERE key = 'schema_version'")));
    }
    QSqlDatabase::removeDatabase(probe);
    LeiCache cache(m_clock);
    QVERIFY(!cache.open(path));
    QVERIFY(cache.lastError().contains(path));
    QVERIFY(cache.lastError().contains(u"newer"));
    QVERIFY(cache.movedAsidePath().isEmpty()); // a newer release's data is not "damaged"
    QVERIFY(!cache.store({Data::found(2, T0)}));
}

void LeiCacheTest::otherDatabaseIsLeftAlone()
{
    const QString path = file(QStringLiteral("other.sqlite"));
    const QString probe = QStringLiteral("other-probe");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), probe);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE invoices (id INTEGER)")));
    }
    QSqlDatabase::removeDatabase(probe);
    LeiCache cache(m_clock);
    QVERIFY(!cache.open(path));
    QVERIFY(cache.lastError().contains(path));
    QVERIFY(cache.lastError().contains(u"not a LEI Enricher cache"));
    QVERIFY(cache.movedAsidePath().isEmpty());
}

void LeiCacheTest::unusableLocation_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("parent is a file") << QStringLiteral("file-parent");
    QTest::newRow("read-only file system") << QStringLiteral("proc");
    QTest::newRow("read-only folder") << QStringLiteral("read-only");
    QTest::newRow("path is a folder") << QStringLiteral("folder");
}

void LeiCacheTest::unusableLocation()
{
    QFETCH(QString, kind);
    QString path;
    if (kind == u"file-parent") {
        QFile f(file(QStringLiteral("plain")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        path = file(QStringLiteral("plain/sub/cache.sqlite"));
    } else if (kind == u"proc") {
        path = QStringLiteral("/proc/lei-enricher-test/cache.sqlite");
    } else if (kind == u"read-only") {
        if (::geteuid() == 0)
            QSKIP("root writes into read-only folders; covered by the read-only file system row");
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("ro")));
        QVERIFY(QFile::setPermissions(file(QStringLiteral("ro")), QFile::ReadOwner | QFile::ExeOwner));
        path = file(QStringLiteral("ro/cache.sqlite"));
    } else {
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("dir.sqlite")));
        path = file(QStringLiteral("dir.sqlite"));
    }
    LeiCache cache(m_clock);
    QVERIFY(!cache.open(path));
    QVERIFY(!cache.isOpen());
    QVERIFY2(cache.lastError().contains(QFileInfo(path).absolutePath()) || cache.lastError().contains(path),
             qPrintable(cache.lastError()));
    QVERIFY(!cache.store({Data::found(1, T0)}));
    QVERIFY(cache.lookup({Data::lei(1)}).isEmpty());
    if (kind == u"read-only")
        QFile::setPermissions(file(QStringLiteral("ro")), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}

void LeiCacheTest::twoProcessesShareOneFile()
{
    const QString path = file(QStringLiteral("shared.sqlite")); // created by whichever is first
    constexpr int PerProcess = 6000;
    QProcess a, b;
    const QString self = QCoreApplication::applicationFilePath();
    a.setProcessChannelMode(QProcess::ForwardedChannels);
    b.setProcessChannelMode(QProcess::ForwardedChannels);
    a.start(self, {QStringLiteral("--cache-writer"), path, QString::number(0), QString::number(PerProcess)});
    b.start(self, {QStringLiteral("--cache-writer"), path, QString::number(PerProcess), QString::number(PerProcess)});
    QVERIFY(a.waitForStarted());
    QVERIFY(b.waitForStarted());

    // This process reads all along, as the dialog would while jobs write.
    LeiCache reader(m_clock);
    QVERIFY(QTest::qWaitFor([&] { return QFileInfo::exists(path); }, 60000));
    int reads = 0;
    QElapsedTimer timer;
    timer.start();
    while ((a.state() != QProcess::NotRunning || b.state() != QProcess::NotRunning) && timer.elapsed() < 120000) {
        if (!reader.isOpen())
            QVERIFY2(reader.open(path), qPrintable(reader.lastError()));
        QVERIFY2(reader.countEntries(QString()) >= 0, qPrintable(reader.lastError()));
        ++reads;
        a.waitForFinished(20);
        b.waitForFinished(20);
    }
    QCOMPARE(a.state(), QProcess::NotRunning);
    QCOMPARE(b.state(), QProcess::NotRunning);
    QCOMPARE(a.exitStatus(), QProcess::NormalExit);
    QCOMPARE(a.exitCode(), 0);
    QCOMPARE(b.exitStatus(), QProcess::NormalExit);
    QCOMPARE(b.exitCode(), 0);
    QVERIFY(reads > 0);

    if (!reader.isOpen())
        QVERIFY(reader.open(path));
    QVERIFY(reader.warning().isEmpty());
    QCOMPARE(reader.countEntries(QString()), 2 * PerProcess + 50);
    QStringList all;
    for (int n = 0; n < 2 * PerProcess; ++n)
        all.append(Data::lei(n));
    QCOMPARE(reader.lookup(all, LeiCache::RawRecord::Skip).size(), 2 * PerProcess);
}

// The job opens the cache on its cache thread and the object may be closed elsewhere; the
// dialog and the CLI use theirs on one thread. Any thread may call in, one at a time.
void LeiCacheTest::usedFromOneThreadAtATime()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    auto writeAndRead = [&](int first) {
        QList<LookupResult> batch;
        QStringList leis;
        for (int n = first; n < first + 200; ++n) {
            batch.append(Data::found(n, T0));
            leis.append(Data::lei(n));
        }
        return cache.store(batch) && cache.lookup(leis).size() == 200;
    };
    QVERIFY(writeAndRead(0));
    for (int round = 1; round <= 2; ++round) {
        bool ok = false;
        std::unique_ptr<QThread> thread(QThread::create([&] { ok = writeAndRead(round * 1000); }));
        thread->start();
        QVERIFY(thread->wait(60000));
        QVERIFY2(ok, qPrintable(cache.lastError()));
        QCOMPARE(cache.countEntries(QString()), 200 * (round + 1)); // back on this thread
    }
    // Opened on one thread, closed on another.
    std::unique_ptr<QThread> opener(QThread::create([&] { cache.open(file(QStringLiteral("cache.sqlite"))); }));
    opener->start();
    QVERIFY(opener->wait(60000));
    QVERIFY(cache.isOpen());
    cache.close();
    QVERIFY(!cache.isOpen());
    QVERIFY(!QFileInfo::exists(file(QStringLiteral("cache.sqlite-wal")))); // the last connection closed
}

void LeiCacheTest::stats()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    const CacheStats empty = cache.stats().value();
    QCOMPARE(empty.total, 0);
    QVERIFY(!empty.oldestFetch.isValid());
    QVERIFY(!empty.newestFetch.isValid());

    QList<LookupResult> batch;
    batch.append(Data::found(1, T0.addSecs(-30 * 3600)));     // expired
    batch.append(Data::found(2, T0.addSecs(-3600)));          // fresh
    batch.append(Data::found(3, T0));                         // fresh
    batch.append(Data::notFound(Data::lei(4), T0.addSecs(-1800))); // fresh
    batch.append(Data::notFound(Data::lei(5), T0.addSecs(-7200))); // expired
    QVERIFY(cache.store(batch));
    const CacheStats s = cache.stats().value();
    QCOMPARE(s.total, 5);
    QCOMPARE(s.fresh, 3);
    QCOMPARE(s.expired, 2);
    QCOMPARE(s.notFound, 2);
    QCOMPARE(s.oldestFetch, T0.addSecs(-30 * 3600));
    QCOMPARE(s.newestFetch, T0);
    QVERIFY(s.sizeOnDisk > 0);
    QCOMPARE(s.sizeOnDisk, cache.sizeOnDisk());
}

void LeiCacheTest::listingPagesAndFilters_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("expected");
    const QStringList all{Data::lei(1), Data::lei(2), Data::lei(3), Data::lei(4)};
    QTest::newRow("no filter") << QString() << all;
    QTest::newRow("legal name, other case") << QStringLiteral("deutsche") << QStringList{Data::lei(1), Data::lei(3)};
    QTest::newRow("LEI substring, lower case") << Data::lei(2).mid(10, 8).toLower() << QStringList{Data::lei(2)};
    QTest::newRow("percent is literal") << QStringLiteral("100%") << QStringList{Data::lei(4)};
    QTest::newRow("underscore is literal") << QStringLiteral("a_b") << QStringList{Data::lei(4)};
    QTest::newRow("no match") << QStringLiteral("zzz") << QStringList{};
}

void LeiCacheTest::listingPagesAndFilters()
{
    QFETCH(QString, filter);
    QFETCH(QStringList, expected);
    LeiCache cache(m_clock);
    openFresh(cache);
    QVERIFY(cache.store({
        Data::found(Data::record(Data::lei(3), QStringLiteral("Deutsche Bahn AG"), {}), T0),
        Data::found(Data::record(Data::lei(1), QStringLiteral("DEUTSCHE BANK AG"), {}), T0),
        Data::notFound(Data::lei(2), T0),
        Data::found(Data::record(Data::lei(4), QStringLiteral("a_b 100% Ltd"), {}), T0),
        Data::found(Data::record(Data::lei(5), QStringLiteral("aXb 1000 Ltd"), {}), T0),
    }));
    if (filter.isEmpty())
        expected.append(Data::lei(5));
    QCOMPARE(cache.countEntries(filter), expected.size());
    // Page by page, two at a time, by offset and by key: the same order, nothing twice.
    QStringList byOffset, byKey;
    for (qint64 offset = 0;; offset += 2) {
        const auto page = cache.entries(filter, offset, 2);
        for (const CacheEntryInfo &e : page)
            byOffset.append(e.lei);
        if (page.size() < 2)
            break;
    }
    QString after;
    for (;;) {
        const auto page = cache.entriesAfter(filter, after, 2);
        for (const CacheEntryInfo &e : page)
            byKey.append(e.lei);
        if (page.size() < 2)
            break;
        after = page.last().lei;
    }
    QCOMPARE(byOffset, expected);
    QCOMPARE(byKey, expected);
}

void LeiCacheTest::keyPagingWalksEverything()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    QList<LookupResult> batch;
    for (int n = 0; n < 1000; ++n)
        batch.append(Data::found(n, T0.addSecs(-n * 60)));
    QVERIFY(cache.store(batch));
    const auto first = cache.entries(QString(), 0, 3);
    QCOMPARE(first.size(), 3);
    QCOMPARE(first.at(0).lei, Data::lei(0));
    QCOMPARE(first.at(0).legalName, QStringLiteral("Entity 0 AG"));
    QCOMPARE(first.at(0).country, QStringLiteral("DE"));
    QCOMPARE(first.at(1).fetchedAt, T0.addSecs(-60));
    QCOMPARE(first.at(1).expiresAt, T0.addSecs(-60 + 24 * 3600));
    QCOMPARE(cache.entries(QString(), 998, 10).size(), 2);
    QCOMPARE(cache.entries(QString(), 1000, 10).size(), 0);
    QCOMPARE(cache.entriesAfter(QString(), Data::lei(996), 10).size(), 3);
}

void LeiCacheTest::removeChosen()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    QVERIFY(cache.store({Data::found(1, T0), Data::found(2, T0), Data::notFound(Data::lei(3), T0)}));
    QCOMPARE(cache.remove({Data::lei(1), Data::lei(3), Data::lei(99)}), 2);
    QCOMPARE(cache.countEntries(QString()), 1);
    QCOMPARE(cache.lookup({Data::lei(1), Data::lei(2), Data::lei(3)}).keys(), QList<QString>{Data::lei(2)});
    QCOMPARE(cache.remove({}), 0);
}

void LeiCacheTest::purgeExpired()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    QVERIFY(cache.store({
        Data::found(1, T0.addSecs(-25 * 3600)),           // expired
        Data::found(2, T0.addSecs(-23 * 3600)),           // fresh
        Data::notFound(Data::lei(3), T0.addSecs(-2 * 3600)), // expired (1 h)
        Data::notFound(Data::lei(4), T0.addSecs(-600)),   // fresh
    }));
    QCOMPARE(cache.purgeExpired(), 2);
    const auto left = cache.lookup({Data::lei(1), Data::lei(2), Data::lei(3), Data::lei(4)});
    QCOMPARE(left.size(), 2);
    QVERIFY(left.contains(Data::lei(2)));
    QVERIFY(left.contains(Data::lei(4)));
    QCOMPARE(cache.purgeExpired(), 0);
    // With the clock a day on, the rest go too.
    m_now = T0.addDays(1);
    QCOMPARE(cache.purgeExpired(), 2);
    QCOMPARE(cache.stats()->total, 0);
}

void LeiCacheTest::clearGivesSpaceBack()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    QList<LookupResult> batch;
    for (int n = 0; n < 5000; ++n)
        batch.append(Data::found(n, T0));
    QVERIFY(cache.store(batch));
    const qint64 full = cache.sizeOnDisk();
    QVERIFY2(full > 2'000'000, qPrintable(QString::number(full)));
    QCOMPARE(cache.clear(), 5000);
    QCOMPARE(cache.countEntries(QString()), 0);
    const qint64 cleared = cache.sizeOnDisk();
    QVERIFY2(cleared < 100'000, qPrintable(QString::number(cleared)));
    // Still usable afterwards.
    QVERIFY(cache.store({Data::found(1, T0)}));
    QCOMPARE(cache.lookup({Data::lei(1)}).size(), 1);
}

void LeiCacheTest::walJournal()
{
    LeiCache cache(m_clock);
    openFresh(cache);
    QVERIFY(cache.store({Data::found(1, T0)}));
    const QString probe = QStringLiteral("wal-probe");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), probe);
        db.setDatabaseName(cache.path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    }
    QSqlDatabase::removeDatabase(probe);
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 5 && args.at(1) == u"--cache-writer")
        return runWriter(args.at(2), args.at(3).toInt(), args.at(4).toInt());
    LeiCacheTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "leicache_test.moc"
