#include "costrules.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "fakegleif.h"
#include "healthwarnings.h"
#include "testfiles.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

// The job judges each found LEI once and puts its health codes on every row with that LEI, as
// row warnings; `enrichment_status` stays ok.
class HealthWarningsTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void codesOnEveryRowOfTheLei();
    void staleAnswerIsAWarning();
    void retryReplacesTheCodes();
    void warmCacheGivesTheSameCodes();

private:
    bool run(EnrichmentJob &job, const std::shared_ptr<CsvFile> &file, const EnrichmentSettings &s);
    QTemporaryDir m_dir;
};

void HealthWarningsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

bool HealthWarningsTest::run(EnrichmentJob &job, const std::shared_ptr<CsvFile> &file, const EnrichmentSettings &s)
{
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QString error;
    if (!job.start(file, file->findColumn(), CostRules::defaults(), s, &error)) {
        qWarning() << error;
        return false;
    }
    return finished.wait(60000) && finished.first().first().toBool();
}

void HealthWarningsTest::codesOnEveryRowOfTheLei()
{
    FakeGleif fake;
    FakeGleif::Options o;
    o.syntheticEntities = 16;
    o.healthVariety = true;
    fake.setOptions(o);
    QVERIFY(fake.listen());
    // Every LEI on three rows, apart; one row also has a field too many.
    QByteArray csv = "notional,rate,lei\n";
    for (int pass = 0; pass < 3; ++pass)
        for (int i = 0; i < 16; ++i)
            csv += "1000,0.01," + FakeGleif::syntheticLei(i).toLatin1() + (pass == 1 && i == 1 ? ",surplus\n" : "\n");
    const QString path = writeTestFile(m_dir.path(), QStringLiteral("health.csv"), csv);
    QString error;
    auto file = CsvFile::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.useCache = false;
    EnrichmentJob job;
    QVERIFY(run(job, file, s));
    const auto results = job.results();
    QCOMPARE(results->rowCount(), 48);
    QCOMPARE(results->countOf(RowStatus::Ok), 48); // health never changes the status
    QMap<QString, qint64> perCode;
    for (qint64 row = 0; row < 48; ++row) {
        const int index = int(row % 16);
        QStringList expected = FakeGleif::syntheticHealth(index, true);
        for (const QString &code : expected)
            ++perCode[code];
        QStringList got = results->warnings(row);
        if (row == 17) { // the long row keeps its field-count warning too
            QVERIFY(got.removeOne(QStringLiteral("extra_fields")));
        }
        QCOMPARE(got, expected); // once each, in the contract's order
        QCOMPARE(results->field(row, 4), QStringLiteral("ok"));
    }
    QVERIFY(perCode.size() >= 8); // the fake's variety: 7 kinds of codes plus two successors
    for (auto it = perCode.cbegin(); it != perCode.cend(); ++it)
        QCOMPARE(results->countOfWarning(it.key()), it.value());
    QCOMPARE(results->countOfWarning(QStringLiteral("lapsed")), 6); // indices 1 and 9, three rows each
    // Rows 0, 7, 8, 15 (and their repeats) are healthy, except row 17 with extra fields.
    QCOMPARE(results->warningRowCount(), 48 - 4 * 3);
    QVERIFY(!results->hasWarnings(0));
    QVERIFY(!results->hasWarnings(7)); // PENDING_TRANSFER renewing in 31 days
}

void HealthWarningsTest::warmCacheGivesTheSameCodes()
{
    // renewal_due and successor:LEI come from parts of the record the cache keeps only in the
    // raw record: a run served from the cache must judge exactly as the run that fetched.
    FakeGleif fake;
    FakeGleif::Options o;
    o.syntheticEntities = 16;
    o.healthVariety = true;
    fake.setOptions(o);
    QVERIFY(fake.listen());
    QByteArray csv = "notional,rate,lei\n";
    for (int i = 0; i < 16; ++i)
        csv += "1000,0.01," + FakeGleif::syntheticLei(i).toLatin1() + "\n";
    QString error;
    auto file = CsvFile::load(writeTestFile(m_dir.path(), QStringLiteral("warm.csv"), csv), {}, &error);
    QVERIFY2(file, qPrintable(error));
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.gleif.requestsPerMinute = 100000;
    s.cachePath = m_dir.filePath(QStringLiteral("warm.sqlite"));
    for (const bool warm : {false, true}) {
        EnrichmentJob job;
        QVERIFY(run(job, file, s));
        const auto results = job.results();
        QCOMPARE(job.progress().fromCache, warm ? 16 : 0);
        for (qint64 row = 0; row < 16; ++row)
            QCOMPARE(results->warnings(row), FakeGleif::syntheticHealth(int(row), true));
    }
}

void HealthWarningsTest::staleAnswerIsAWarning()
{
    // The default synthetic entity 10 is LAPSED and INACTIVE; entity 0 is healthy and comes
    // first, so `stale` is met before the others: the codes still follow the contract's order.
    FakeGleif fake;
    FakeGleif::Options o;
    o.syntheticEntities = 11;
    fake.setOptions(o);
    QVERIFY(fake.listen());
    const QString path = writeTestFile(m_dir.path(), QStringLiteral("stale.csv"),
                                       "notional,rate,lei\n"
                                       "763000,0.0070956," + FakeGleif::syntheticLei(0).toLatin1() + "\n"
                                       "1,1," + FakeGleif::syntheticLei(10).toLatin1() + "\n"
                                       "1,1," + FakeGleif::syntheticLei(0).toLatin1() + "\n");
    QString error;
    auto file = CsvFile::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.gleif.maxAttempts = 1;
    s.cachePath = m_dir.filePath(QStringLiteral("stale.sqlite"));
    EnrichmentJob first;
    QVERIFY(run(first, file, s));
    QVERIFY(!first.results()->hasWarnings(0));
    QCOMPARE(first.results()->warnings(1), (QStringList{QStringLiteral("lapsed"), QStringLiteral("inactive")}));

    // An expired entry (lifetime 0) and an unreachable GLEIF (a closed port): the expired
    // answer is used, and said.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    s.gleif.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1").arg(closed.serverPort()));
    closed.close();
    s.lifetime = std::chrono::seconds(0);
    EnrichmentJob second;
    QVERIFY(run(second, file, s));
    const auto results = second.results();
    QCOMPARE(results->countOf(RowStatus::Ok), 3);
    QCOMPARE(results->warnings(0), QStringList{HealthWarnings::kStale});
    QCOMPARE(results->warnings(1), (QStringList{QStringLiteral("lapsed"), QStringLiteral("inactive"), HealthWarnings::kStale}));
    QCOMPARE(results->warnings(2), QStringList{HealthWarnings::kStale});
    QCOMPARE(results->countOfWarning(HealthWarnings::kStale), 3);
}

void HealthWarningsTest::retryReplacesTheCodes()
{
    // A stale answer retried successfully loses `stale`; the record's own codes stay, once.
    FakeGleif fake;
    FakeGleif::Options o;
    o.syntheticEntities = 11;
    fake.setOptions(o);
    QVERIFY(fake.listen());
    const QString lapsed = FakeGleif::syntheticLei(10);
    const QString path = writeTestFile(m_dir.path(), QStringLiteral("retry.csv"),
                                       "notional,rate,lei\n1,1," + lapsed.toLatin1() + "\n1,1," + lapsed.toLatin1() + "\n");
    QString error;
    auto file = CsvFile::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.gleif.maxAttempts = 1;
    s.cachePath = m_dir.filePath(QStringLiteral("retry.sqlite"));
    EnrichmentJob first;
    QVERIFY(run(first, file, s));

    FakeGleif::Options failing = o;
    failing.errorLeis = QStringList{lapsed};
    fake.setOptions(failing);
    s.lifetime = std::chrono::seconds(0);
    EnrichmentJob job;
    QVERIFY(run(job, file, s));
    const QStringList withStale{QStringLiteral("lapsed"), QStringLiteral("inactive"), HealthWarnings::kStale};
    QCOMPARE(job.results()->warnings(0), withStale);
    QCOMPARE(job.results()->warnings(1), withStale);

    fake.setOptions(o);
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QVERIFY(job.retryFailed());
    QVERIFY(finished.wait(60000));
    const QStringList fresh{QStringLiteral("lapsed"), QStringLiteral("inactive")};
    QCOMPARE(job.results()->warnings(0), fresh);
    QCOMPARE(job.results()->warnings(1), fresh);
    QCOMPARE(job.results()->countOfWarning(HealthWarnings::kStale), 0);
    QCOMPARE(job.results()->countOfWarning(QStringLiteral("lapsed")), 2);
    QCOMPARE(job.results()->warningRowCount(), 2);
}

QTEST_GUILESS_MAIN(HealthWarningsTest)
#include "healthwarnings_test.moc"
