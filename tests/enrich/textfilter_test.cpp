#include "costrules.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "fakegleif.h"
#include "roworder.h"
#include "testfiles.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The table's text filter over the file's cells and the added columns: what it keeps is what a
// row-by-row search of every cell would keep, on one thread or two, and it stops when cancelled.
class TextFilterTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void filterKeepsWhatEveryCellSays_data();
    void filterKeepsWhatEveryCellSays();
    void cancelStopsIt();

private:
    // Every row whose file cells or added cells contain `needle` (the definition, slowly).
    static std::vector<qint32> reference(const CsvFile &file, const EnrichmentResults &results, const QString &needle);

    QTemporaryDir m_dir;
    FakeGleif m_fake;
    std::shared_ptr<CsvFile> m_small, m_large;
    EnrichmentJob m_smallJob, m_largeJob;
};

void TextFilterTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY(m_fake.listen());
    QFile sample(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    QByteArray bytes = sample.readAll();
    // A row with non-ASCII text, and an invalid LEI.
    bytes += "ÜBER-1,EZ0000000001,1000,EUR,Buy,2021-01-01T00:00:00Z,1.5,NOT-AN-LEI\n";
    const QByteArray body = bytes.mid(bytes.indexOf('\n') + 1);
    QByteArray large = bytes;
    while (large.size() < 120000 * 100)
        large += body; // more than 100,000 rows: the two-thread path
    QString error;
    m_small = CsvFile::load(writeTestFile(m_dir.path(), QStringLiteral("small.csv"), bytes), {}, &error);
    m_large = CsvFile::load(writeTestFile(m_dir.path(), QStringLiteral("large.csv"), large), {}, &error);
    QVERIFY2(m_small && m_large, qPrintable(error));
    QVERIFY(m_large->rowCount() > 100000);
    EnrichmentSettings s;
    s.gleif.baseUrl = m_fake.baseUrl();
    s.gleif.requestsPerMinute = 100000;
    s.useCache = false;
    for (auto [job, file] : {std::pair{&m_smallJob, m_small}, std::pair{&m_largeJob, m_large}}) {
        QSignalSpy finished(job, &EnrichmentJob::finished);
        QVERIFY2(job->start(file, file->findColumn(), CostRules::defaults(), s, &error), qPrintable(error));
        QVERIFY(finished.wait(60000));
    }
}

std::vector<qint32> TextFilterTest::reference(const CsvFile &file, const EnrichmentResults &results, const QString &needle)
{
    std::vector<qint32> rows;
    for (qint32 r = 0; r < file.rowCount(); ++r) {
        const QStringList cells = file.row(r) + results.fields(r);
        if (std::any_of(cells.begin(), cells.end(), [&](const QString &c) { return c.contains(needle, Qt::CaseInsensitive); }))
            rows.push_back(r);
    }
    return rows;
}

void TextFilterTest::filterKeepsWhatEveryCellSays_data()
{
    QTest::addColumn<bool>("large");
    QTest::addColumn<QString>("needle");
    for (bool large : {false, true}) {
        const char *size = large ? "large" : "small";
        auto row = [&](const char *what, const QString &needle) {
            QTest::addRow("%s: %s", size, what) << large << needle;
        };
        row("a legal name, other case", QStringLiteral("citigroup global"));
        row("a BIC", QStringLiteral("CITIGB2L"));
        row("a country only GLEIF adds", QStringLiteral("US"));
        row("a status word", QStringLiteral("invalid"));
        row("part of a status", QStringLiteral("_lei"));
        row("digits of a cost", QStringLiteral("757586"));
        row("a file cell", QStringLiteral("markitwire0000000000000072110232"));
        row("a currency", QStringLiteral("eur"));
        row("non-ASCII", QStringLiteral("über"));
        row("nothing", QStringLiteral("zzqqxx"));
    }
}

void TextFilterTest::filterKeepsWhatEveryCellSays()
{
    QFETCH(bool, large);
    QFETCH(QString, needle);
    const CsvFile &file = large ? *m_large : *m_small;
    const auto results = (large ? m_largeJob : m_smallJob).results();
    const std::vector<qint32> expected = reference(file, *results, needle);
    QCOMPARE(RowOrder::filtered(file, results.get(), {}, needle), expected);
    // Over rows given in another order (a sort): the same rows, in that order.
    std::vector<qint32> reversed(size_t(file.rowCount()));
    for (qint32 r = 0; r < file.rowCount(); ++r)
        reversed[size_t(r)] = qint32(file.rowCount()) - 1 - r;
    std::vector<qint32> expectedReversed(expected.rbegin(), expected.rend());
    QCOMPARE(RowOrder::filtered(file, results.get(), reversed, needle), expectedReversed);
}

void TextFilterTest::cancelStopsIt()
{
    const std::atomic<bool> cancelled{true};
    const auto results = m_largeJob.results();
    const std::vector<qint32> all = RowOrder::filtered(*m_large, results.get(), {}, QStringLiteral("gbp"));
    QVERIFY(all.size() > 1000);
    QVERIFY(RowOrder::filtered(*m_large, results.get(), {}, QStringLiteral("gbp"), &cancelled).size() < all.size());
}

QTEST_GUILESS_MAIN(TextFilterTest)
#include "textfilter_test.moc"
