#include "cacheentrymodel.h"
#include "cachetestdata.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace Data = CacheTestData;

namespace {
const QDateTime T0 = QDateTime(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC);
}

class CacheEntryModelTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void loadsPageByPage();
    void columns();
    void filter_data();
    void filter();
    void removeEntries_data();
    void removeEntries();
    void reloadAfterClear();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LeiCache> m_cache;
    QDateTime m_now = T0;
};

void CacheEntryModelTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_now = T0;
    m_cache = std::make_unique<LeiCache>([this] { return m_now; });
    QVERIFY(m_cache->open(m_dir->filePath(QStringLiteral("cache.sqlite"))));
    QList<LookupResult> batch;
    for (int n = 0; n < 1000; ++n) {
        // Every 7th is "not found"; the older half has expired.
        const QDateTime fetched = T0.addSecs(n < 500 ? -30 * 3600 : -60);
        batch.append(n % 7 == 0 ? Data::notFound(Data::lei(n), fetched) : Data::found(n, fetched));
    }
    QVERIFY(m_cache->store(batch));
}

void CacheEntryModelTest::cleanup()
{
    m_cache.reset();
    m_dir.reset();
}

void CacheEntryModelTest::loadsPageByPage()
{
    CacheEntryModel model(m_cache.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The tester would otherwise call fetchMore() on every change, loading everything.
    tester.setUseFetchMore(false);
    model.reload(); // undo what the tester's constructor fetched
    model.setPageSize(300); // the first page is loaded already; this applies to the next
    QCOMPARE(model.rowCount(), CacheEntryModel::DefaultPageSize);
    QVERIFY(model.canFetchMore({}));
    model.fetchMore({});
    QCOMPARE(model.rowCount(), CacheEntryModel::DefaultPageSize + 300);
    while (model.canFetchMore({}))
        model.fetchMore({});
    QCOMPARE(model.rowCount(), 1000);
    for (int row = 0; row < 1000; ++row)
        QCOMPARE(model.leiAt(row), Data::lei(row)); // ordered by LEI, none twice, none missing
    QVERIFY(model.leiAt(1000).isEmpty());
    QVERIFY(!model.canFetchMore(model.index(0, 0)));
}

void CacheEntryModelTest::columns()
{
    CacheEntryModel model(m_cache.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The tester would otherwise call fetchMore() on every change, loading everything.
    tester.setUseFetchMore(false);
    model.reload(); // undo what the tester's constructor fetched
    QCOMPARE(model.columnCount(), 6);
    QCOMPARE(model.headerData(CacheEntryModel::LeiColumn, Qt::Horizontal).toString(), QStringLiteral("LEI"));
    QCOMPARE(model.headerData(CacheEntryModel::ExpiresColumn, Qt::Horizontal).toString(), QStringLiteral("Expires"));
    const int found = 1, notFound = 7, fresh = 501;
    QCOMPARE(model.index(found, CacheEntryModel::LeiColumn).data().toString(), Data::lei(1));
    QCOMPARE(model.index(found, CacheEntryModel::LegalNameColumn).data().toString(), QStringLiteral("Entity 1 AG"));
    QCOMPARE(model.index(found, CacheEntryModel::CountryColumn).data().toString(), QStringLiteral("DE"));
    QCOMPARE(model.index(found, CacheEntryModel::OutcomeColumn).data().toString(), QStringLiteral("Found"));
    QCOMPARE(model.index(notFound, CacheEntryModel::OutcomeColumn).data().toString(), QStringLiteral("Not found"));
    QVERIFY(model.index(found, CacheEntryModel::ExpiresColumn).data().toString().startsWith(u"expired"));
    QVERIFY(model.index(found, CacheEntryModel::ExpiresColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.index(fresh, CacheEntryModel::ExpiresColumn).data().toString().startsWith(u"expired"));
    QVERIFY(!model.index(fresh, CacheEntryModel::ExpiresColumn).data(Qt::ForegroundRole).isValid());
    QVERIFY(!model.index(found, CacheEntryModel::FetchedColumn).data().toString().isEmpty());
}

void CacheEntryModelTest::filter_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<int>("rows");
    QTest::newRow("none") << QString() << CacheEntryModel::DefaultPageSize;
    QTest::newRow("name") << QStringLiteral("entity 12") << 10; // 12, 120-129 minus 126 (not found)
    QTest::newRow("LEI digits") << Data::lei(345).mid(4, 14) << 1;
    QTest::newRow("nothing") << QStringLiteral("no such thing") << 0;
}

void CacheEntryModelTest::filter()
{
    QFETCH(QString, filter);
    QFETCH(int, rows);
    CacheEntryModel model(m_cache.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The tester would otherwise call fetchMore() on every change, loading everything.
    tester.setUseFetchMore(false);
    model.reload(); // undo what the tester's constructor fetched
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setFilter(filter);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.filter(), filter);
    QCOMPARE(model.rowCount(), rows);
    model.setFilter(QString());
    QCOMPARE(model.rowCount(), CacheEntryModel::DefaultPageSize);
}

void CacheEntryModelTest::removeEntries_data()
{
    QTest::addColumn<QList<int>>("rows");
    QTest::newRow("one") << QList<int>{5};
    QTest::newRow("a run and singles, unsorted, repeated") << QList<int>{10, 3, 11, 12, 200, 3};
    QTest::newRow("first and last loaded") << QList<int>{0, CacheEntryModel::DefaultPageSize - 1};
}

void CacheEntryModelTest::removeEntries()
{
    QFETCH(QList<int>, rows);
    CacheEntryModel model(m_cache.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The tester would otherwise call fetchMore() on every change, loading everything.
    tester.setUseFetchMore(false);
    model.reload(); // undo what the tester's constructor fetched
    QSet<int> unique(rows.begin(), rows.end());
    QStringList gone;
    for (int row : unique)
        gone.append(model.leiAt(row));

    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QCOMPARE(model.removeEntries(rows), qint64(unique.size()));
    QCOMPARE(reset.count(), 0); // the view keeps its place
    QVERIFY(removed.count() >= 1);
    QCOMPARE(model.rowCount(), CacheEntryModel::DefaultPageSize - unique.size());
    for (int row = 0; row < model.rowCount(); ++row)
        QVERIFY(!gone.contains(model.leiAt(row)));
    QVERIFY(m_cache->lookup(gone).isEmpty());
    QCOMPARE(m_cache->countEntries(QString()), 1000 - unique.size());

    // Loading on continues after the last loaded row.
    model.fetchMore({});
    QCOMPARE(model.leiAt(model.rowCount() - 1), Data::lei(2 * CacheEntryModel::DefaultPageSize - 1));
}

void CacheEntryModelTest::reloadAfterClear()
{
    CacheEntryModel model(m_cache.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The tester would otherwise call fetchMore() on every change, loading everything.
    tester.setUseFetchMore(false);
    model.reload(); // undo what the tester's constructor fetched
    QCOMPARE(m_cache->purgeExpired(), 500);
    model.reload();
    QCOMPARE(model.leiAt(0), Data::lei(500));
    QVERIFY(m_cache->clear() > 0);
    model.reload();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.canFetchMore({}));
}

QTEST_GUILESS_MAIN(CacheEntryModelTest)
#include "cacheentrymodel_test.moc"
