#include "costrules.h"
#include "costtotals.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "fakegleif.h"
#include "roworder.h"
#include "enrichwithfake.h"
#include "testfiles.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// Filters by field: the clauses the Summary's chart bars set, against enriched rows.
class RowOrderTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void filtersByField_data();
    void filtersByField();
    void keepsTheGivenOrder();
    void aCostTotalsRowsAreItsFilter();

private:
    QTemporaryDir m_dir;
    std::shared_ptr<CsvFile> m_file;
    std::shared_ptr<const EnrichmentResults> m_results;
};

void RowOrderTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    // Synthetic entities: 0 GB healthy, 1 NL lapsed, 3 FR merged (successor), 6 JP annulled (successor).
    auto lei = [](int i) { return FakeGleif::syntheticLei(i).toLatin1(); };
    const QByteArray csv = "notional,rate,lei,ccy\n"
                           "1000,0.01," + lei(0) + ",EUR\n"   // 0 ok GB EUR
                           "1000,0.01," + lei(1) + ",eur\n"   // 1 ok NL EUR, lapsed
                           "1000,0.01," + lei(3) + ", GBP\n"  // 2 ok FR GBP, merged
                           "1000,0," + lei(1) + ",EUR\n"      // 3 bad_number, NL
                           "1,1,bad,EUR\n"                    // 4 invalid_lei
                           "1000,0.01," + lei(6) + ",\n"      // 5 ok JP, no currency, annulled
                           "1000,0.01," + lei(0) + ",GBP\n";  // 6 ok GB GBP
    QString error;
    m_file = CsvFile::load(writeTestFile(m_dir.path(), QStringLiteral("fields.csv"), csv), {}, &error);
    QVERIFY2(m_file, qPrintable(error));
    FakeGleif::Options o;
    o.syntheticEntities = 8;
    o.healthVariety = true;
    m_results = enrichWithFake(m_file, o);
    QVERIFY(m_results);
    QCOMPARE(m_results->status(3), RowStatus::BadNumber);
    QCOMPARE(m_results->status(4), RowStatus::InvalidLei);
}

void RowOrderTest::filtersByField_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<std::vector<qint32>>("rows");
    QTest::newRow("status") << QStringLiteral("status is ok") << std::vector<qint32>{0, 1, 2, 5, 6};
    QTest::newRow("status, colon") << QStringLiteral("status: bad_number") << std::vector<qint32>{3};
    QTest::newRow("country, any status") << QStringLiteral("country is NL") << std::vector<qint32>{1, 3};
    QTest::newRow("country, any case") << QStringLiteral("country is nl and status is ok") << std::vector<qint32>{1};
    QTest::newRow("a cost bar") << QStringLiteral("status is ok and country is GB and currency is EUR") << std::vector<qint32>{0};
    QTest::newRow("currency, trimmed, any case") << QStringLiteral("currency is eur") << std::vector<qint32>{0, 1, 3, 4};
    QTest::newRow("currency empty") << QStringLiteral("currency is \"\"") << std::vector<qint32>{5};
    QTest::newRow("no country: no answer") << QStringLiteral("country is \"\"") << std::vector<qint32>{4};
    QTest::newRow("warning group") << QStringLiteral("warning is successor") << std::vector<qint32>{2, 5};
    QTest::newRow("warning code") << QStringLiteral("warning is lapsed") << std::vector<qint32>{1, 3}; // every row of the LEI
    QTest::newRow("upper case keywords") << QStringLiteral("WARNING IS merged AND Currency = GBP") << std::vector<qint32>{2};
    QTest::newRow("unknown status: text") << QStringLiteral("status is foo") << std::vector<qint32>{};
    QTest::newRow("dangling and: text") << QStringLiteral("country is GB and") << std::vector<qint32>{};
    QTest::newRow("text") << QStringLiteral("gbp") << std::vector<qint32>{2, 6};
}

void RowOrderTest::filtersByField()
{
    QFETCH(QString, filter);
    QFETCH(std::vector<qint32>, rows);
    QCOMPARE(RowOrder::filtered(*m_file, m_results.get(), {}, filter), rows);
}

void RowOrderTest::keepsTheGivenOrder()
{
    QCOMPARE(RowOrder::filtered(*m_file, m_results.get(), {6, 5, 4, 3, 2, 1, 0}, QStringLiteral("country is NL")),
             (std::vector<qint32>{3, 1}));
}

void RowOrderTest::aCostTotalsRowsAreItsFilter()
{
    // Every (country, currency) total of the sample is made of exactly the rows its filter keeps.
    QString error;
    auto file = CsvFile::load(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), {}, &error);
    QVERIFY2(file, qPrintable(error));
    const auto results = enrichWithFake(file, {});
    QVERIFY(results);
    const QVector<CostTotal> totals = CostTotals::compute(*results, *file, CostTotals::findCurrencyColumn(file->header()));
    QCOMPARE(totals.size(), 4);
    for (const CostTotal &t : totals) {
        const auto rows = RowOrder::filtered(
            *file, results.get(), {}, QStringLiteral("status is ok and country is %1 and currency is %2").arg(t.country, t.currency));
        QCOMPARE(qint64(rows.size()), t.rows);
        double sum = 0;
        for (qint32 r : rows)
            sum += results->cost(r);
        QCOMPARE(sum, t.total);
    }
}

QTEST_GUILESS_MAIN(RowOrderTest)
#include "roworder_test.moc"
