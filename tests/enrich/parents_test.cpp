#include "costrules.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "failuresmodel.h"
#include "fakegleif.h"
#include "healthwarnings.h"
#include "leicache.h"
#include "testfiles.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// Parent fields in a run: asked from GLEIF once every LEI is answered, one request per parent or
// exception a record announces, through the job's client; kept in the cache; a failure is the
// row warning parent_lookup_failed and never touches the status or the cost.
class ParentsTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void fieldsAsTheFakeReportsThem();
    void onlyTheChosenSideIsAsked_data();
    void onlyTheChosenSideIsAsked();
    void warmRunAsksNothing();
    void failureIsAWarningAndRetryFillsIn();
    void offlineWithoutCachedParents();
    void costIsSaidBeforeAnyRequest_data();
    void costIsSaidBeforeAnyRequest();

private:
    static constexpr int kEntities = 30;
    std::shared_ptr<CsvFile> file(const QString &name, int entities = kEntities);
    EnrichmentSettings settings(const FakeGleif &fake, const QString &cache = {}) const;
    static bool run(EnrichmentJob &job, const std::shared_ptr<CsvFile> &file, const EnrichmentSettings &s);
    // The three fields of one side as the fake serves them for synthetic entity `index`.
    static QStringList expected(const FakeGleif &fake, const FakeGleif::SyntheticParent &parent);
    QTemporaryDir m_dir;
};

namespace {

const QVector<Fields::Id> kParentFields{
    Fields::Id::LegalName,
    Fields::Id::DirectParentLei, Fields::Id::DirectParentName, Fields::Id::DirectParentException,
    Fields::Id::UltimateParentLei, Fields::Id::UltimateParentName, Fields::Id::UltimateParentException,
    Fields::Id::LeiWarning,
};

// Field positions in a row's added columns for kParentFields.
constexpr int kDirect = 1, kUltimate = 4, kWarning = 7;

QStringList side(const EnrichmentResults &results, qint64 row, int first)
{
    return { results.field(row, first), results.field(row, first + 1), results.field(row, first + 2) };
}

} // namespace

void ParentsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

std::shared_ptr<CsvFile> ParentsTest::file(const QString &name, int entities)
{
    // Every LEI on two rows, apart.
    QByteArray csv = "notional,rate,lei\n";
    for (int pass = 0; pass < 2; ++pass)
        for (int i = 0; i < entities; ++i)
            csv += "1000,0.5," + FakeGleif::syntheticLei(i).toLatin1() + "\n";
    QString error;
    auto loaded = CsvFile::load(writeTestFile(m_dir.path(), name, csv), {}, &error);
    if (!loaded)
        qWarning() << error;
    return loaded;
}

EnrichmentSettings ParentsTest::settings(const FakeGleif &fake, const QString &cache) const
{
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.gleif.requestsPerMinute = 100000;
    s.gleif.maxAttempts = 2;
    s.gleif.backoffBase = std::chrono::milliseconds(20);
    s.gleif.backoffMax = std::chrono::milliseconds(100);
    s.useCache = !cache.isEmpty();
    s.cachePath = cache.isEmpty() ? QString() : m_dir.filePath(cache);
    s.fields = kParentFields;
    return s;
}

bool ParentsTest::run(EnrichmentJob &job, const std::shared_ptr<CsvFile> &file, const EnrichmentSettings &s)
{
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QString error;
    if (!job.start(file, file->findColumn(), CostRules::defaults(), s, &error)) {
        qWarning() << error;
        return false;
    }
    return finished.wait(60000) && finished.first().first().toBool();
}

QStringList ParentsTest::expected(const FakeGleif &fake, const FakeGleif::SyntheticParent &parent)
{
    if (parent.parentIndex < 0)
        return { QString(), QString(), parent.exception };
    const QString lei = FakeGleif::syntheticLei(parent.parentIndex);
    GleifRecord record;
    if (!GleifRecord::fromJson(fake.record(lei), &record))
        return { QStringLiteral("no such record") };
    return { lei, record.legalName, QString() };
}

void ParentsTest::fieldsAsTheFakeReportsThem()
{
    FakeGleif::Options o;
    o.syntheticEntities = kEntities;
    FakeGleif fake(o);
    QVERIFY(fake.listen());
    auto csv = file(QStringLiteral("parents.csv"));
    QVERIFY(csv);
    EnrichmentJob job;
    QSignalSpy cost(&job, &EnrichmentJob::parentsCostKnown);
    QVERIFY(run(job, csv, settings(fake)));
    const auto results = job.results();
    QCOMPARE(results->countOf(RowStatus::Ok), 2 * kEntities); // parents never change a status
    int withParent = 0, withException = 0;
    for (qint64 row = 0; row < results->rowCount(); ++row) {
        const int index = int(row % kEntities);
        QCOMPARE(side(*results, row, kDirect), expected(fake, FakeGleif::syntheticDirectParent(index)));
        QCOMPARE(side(*results, row, kUltimate), expected(fake, FakeGleif::syntheticUltimateParent(index)));
        QCOMPARE(results->field(row, kWarning), FakeGleif::syntheticHealth(index, false).join(u';'));
        withParent += !results->field(row, kDirect).isEmpty();
        withException += !results->field(row, kDirect + 2).isEmpty();
    }
    QCOMPARE(withParent, 2 * 9); // indices 1, 2, 3 of each ten, on two rows each
    QCOMPARE(withException, 2 * 9); // 4, 5, 6
    // One request per link a record announces, each LEI once however many rows it has, and
    // the cost said beforehand is what was spent: per ten, 3 with two parents, 2 with two
    // exceptions, 2 with one exception.
    QCOMPARE(cost.size(), 1);
    const ParentCost said = cost.first().first().value<ParentCost>();
    QCOMPARE(said.requests, 3 * 12);
    QCOMPARE(fake.parentRequests(), said.requests);
    QCOMPARE(job.progress().requests, fake.stats().requests); // the lookup's and the parents'
}

void ParentsTest::onlyTheChosenSideIsAsked_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<int>("requests"); // per ten entities
    QTest::newRow("direct") << int(ParentClient::Direct) << 6; // 1, 2, 3 parents, 4, 5, 6 exceptions
    QTest::newRow("ultimate") << int(ParentClient::Ultimate) << 6; // 1, 2, 3, 4, 5, 7
}

void ParentsTest::onlyTheChosenSideIsAsked()
{
    QFETCH(int, which);
    QFETCH(int, requests);
    FakeGleif::Options o;
    o.syntheticEntities = kEntities;
    FakeGleif fake(o);
    QVERIFY(fake.listen());
    auto csv = file(QStringLiteral("side.csv"));
    QVERIFY(csv);
    EnrichmentSettings s = settings(fake);
    s.fields = which == ParentClient::Direct ? QVector<Fields::Id>{Fields::Id::DirectParentLei}
                                             : QVector<Fields::Id>{Fields::Id::UltimateParentException};
    EnrichmentJob job;
    QVERIFY(run(job, csv, s));
    QCOMPARE(fake.parentRequests(), 3 * requests);
    const QString other = which == ParentClient::Direct ? QStringLiteral("ultimate") : QStringLiteral("direct");
    for (const FakeGleif::LoggedRequest &request : fake.log())
        QVERIFY2(!request.path.contains(other), qPrintable(request.path));
    const auto results = job.results();
    for (qint64 row = 0; row < results->rowCount(); ++row) {
        const int index = int(row % kEntities);
        const QStringList want = which == ParentClient::Direct
            ? expected(fake, FakeGleif::syntheticDirectParent(index))
            : expected(fake, FakeGleif::syntheticUltimateParent(index));
        QCOMPARE(results->field(row, 0), which == ParentClient::Direct ? want.at(0) : want.at(2));
    }
}

void ParentsTest::warmRunAsksNothing()
{
    FakeGleif::Options o;
    o.syntheticEntities = kEntities;
    FakeGleif fake(o);
    QVERIFY(fake.listen());
    auto csv = file(QStringLiteral("warm.csv"));
    QVERIFY(csv);
    const EnrichmentSettings s = settings(fake, QStringLiteral("warm.sqlite"));
    QStringList cold;
    {
        EnrichmentJob job;
        QVERIFY(run(job, csv, s));
        QVERIFY(fake.parentRequests() > 0);
        for (qint64 row = 0; row < job.results()->rowCount(); ++row)
            cold << job.results()->fields(row).join(u'|');
    }
    fake.clearStats();
    {
        EnrichmentJob job;
        QSignalSpy cost(&job, &EnrichmentJob::parentsCostKnown);
        QVERIFY(run(job, csv, s));
        QCOMPARE(fake.stats().requests, 0); // parents from the cache too
        QCOMPARE(cost.size(), 0); // nothing to spend, nothing to ask
        QStringList warm;
        for (qint64 row = 0; row < job.results()->rowCount(); ++row)
            warm << job.results()->fields(row).join(u'|');
        QCOMPARE(warm, cold);
    }
    // Entries removed from the cache take their parents with them: asked again.
    {
        LeiCache cache;
        QVERIFY(cache.open(s.cachePath));
        QVERIFY(!cache.lookupParents({FakeGleif::syntheticLei(1)}).isEmpty());
        QCOMPARE(cache.remove({FakeGleif::syntheticLei(1)}), 1);
        QVERIFY(cache.lookupParents({FakeGleif::syntheticLei(1)}).isEmpty());
        QVERIFY(!cache.lookupParents({FakeGleif::syntheticLei(2)}).isEmpty());
    }
    {
        EnrichmentJob job;
        QVERIFY(run(job, csv, s));
        QCOMPARE(fake.parentRequests(), 2); // entity 1: its direct and ultimate parent
    }
}

void ParentsTest::failureIsAWarningAndRetryFillsIn()
{
    FakeGleif::Options o;
    o.syntheticEntities = kEntities;
    FakeGleif fake(o);
    QVERIFY(fake.listen());
    auto csv = file(QStringLiteral("failing.csv"));
    QVERIFY(csv);
    EnrichmentSettings s = settings(fake, QStringLiteral("failing.sqlite"));
    QVector<double> costs;
    { // The entities into the cache, without parents.
        EnrichmentSettings plain = s;
        plain.fields = Fields::defaults();
        EnrichmentJob job;
        QVERIFY(run(job, csv, plain));
        for (qint64 row = 0; row < job.results()->rowCount(); ++row)
            costs << job.results()->cost(row);
    }
    // Now every request (all of them parent lookups) fails.
    o.serverErrorEvery = 1;
    fake.setOptions(o);
    EnrichmentJob job;
    QVERIFY(run(job, csv, s));
    auto results = job.results();
    QCOMPARE(results->countOf(RowStatus::Ok), 2 * kEntities);
    qint64 failedRows = 0;
    for (qint64 row = 0; row < results->rowCount(); ++row) {
        QCOMPARE(results->cost(row), costs.at(row));
        const int index = int(row % kEntities);
        const bool asks = !expected(fake, FakeGleif::syntheticDirectParent(index)).join(QString()).isEmpty()
            || !expected(fake, FakeGleif::syntheticUltimateParent(index)).join(QString()).isEmpty();
        QStringList codes = FakeGleif::syntheticHealth(index, false); // lapsed;inactive for some
        if (asks)
            codes << QStringLiteral("parent_lookup_failed"); // after them, as the contract orders
        QCOMPARE(results->field(row, kWarning), codes.join(u';'));
        QCOMPARE(results->warnings(row), codes);
        if (!asks)
            continue;
        ++failedRows;
        QCOMPARE(side(*results, row, kDirect), (QStringList{QString(), QString(), QString()}));
        QCOMPARE(side(*results, row, kUltimate), (QStringList{QString(), QString(), QString()}));
        const QString said = results->describeWarning(row, QStringLiteral("parent_lookup_failed"));
        QVERIFY2(said.contains(QStringLiteral("HTTP 503")), qPrintable(said));
    }
    QCOMPARE(failedRows, 2 * 3 * 7);
    QCOMPARE(results->countOfWarning(QStringLiteral("parent_lookup_failed")), failedRows);
    // The failures panel: a Needs attention group with the reason per row.
    FailuresModel failures;
    failures.setResults(results, csv);
    QModelIndex group;
    for (int g = 0; g < failures.rowCount(); ++g)
        if (failures.index(g, 0).data(FailuresModel::WarningCodeRole).toString() == u"parent_lookup_failed")
            group = failures.index(g, 0);
    QVERIFY(group.isValid());
    QCOMPARE(failures.rowCount(group), failedRows);
    const QString why = failures.index(0, 2, group).data().toString();
    QVERIFY2(why.startsWith(QStringLiteral("parent_lookup_failed: ")) && why.contains(QStringLiteral("HTTP 503")), qPrintable(why));

    // GLEIF answers again: Retry failed asks just those again and fills them in.
    o.serverErrorEvery = 0;
    fake.setOptions(o);
    fake.clearStats();
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QVERIFY(job.retryFailed());
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.first().first().toBool());
    QCOMPARE(fake.parentRequests(), 3 * 12);
    results = job.results();
    QCOMPARE(results->countOfWarning(QStringLiteral("parent_lookup_failed")), 0);
    for (qint64 row = 0; row < results->rowCount(); ++row) {
        const int index = int(row % kEntities);
        QCOMPARE(side(*results, row, kDirect), expected(fake, FakeGleif::syntheticDirectParent(index)));
        QCOMPARE(side(*results, row, kUltimate), expected(fake, FakeGleif::syntheticUltimateParent(index)));
        QCOMPARE(results->field(row, kWarning), FakeGleif::syntheticHealth(index, false).join(u';'));
    }
}

void ParentsTest::offlineWithoutCachedParents()
{
    FakeGleif::Options o;
    o.syntheticEntities = kEntities;
    FakeGleif fake(o);
    QVERIFY(fake.listen());
    auto csv = file(QStringLiteral("offline.csv"), 10);
    QVERIFY(csv);
    EnrichmentSettings s = settings(fake, QStringLiteral("offline.sqlite"));
    {
        EnrichmentSettings plain = s;
        plain.fields = Fields::defaults();
        EnrichmentJob job;
        QVERIFY(run(job, csv, plain));
    }
    fake.clearStats();
    s.offline = true;
    EnrichmentJob job;
    QVERIFY(run(job, csv, s));
    QCOMPARE(fake.stats().requests, 0);
    const auto results = job.results();
    QCOMPARE(results->field(1, kWarning), QStringLiteral("parent_lookup_failed"));
    QVERIFY(results->describeWarning(1, QStringLiteral("parent_lookup_failed")).contains(QStringLiteral("offline")));
    QCOMPARE(results->field(8, kWarning), QString()); // announces nothing: nothing to miss
    QCOMPARE(results->countOf(RowStatus::Ok), 20);
}

void ParentsTest::costIsSaidBeforeAnyRequest_data()
{
    QTest::addColumn<bool>("go");
    QTest::newRow("approved") << true;
    QTest::newRow("declined") << false;
}

void ParentsTest::costIsSaidBeforeAnyRequest()
{
    QFETCH(bool, go);
    FakeGleif::Options o;
    o.syntheticEntities = kEntities;
    FakeGleif fake(o);
    QVERIFY(fake.listen());
    auto csv = file(QStringLiteral("confirm.csv"));
    QVERIFY(csv);
    EnrichmentSettings s = settings(fake);
    s.confirmParents = true;
    s.gleif.requestsPerMinute = 600; // 36 requests: 0.06 minutes
    EnrichmentJob job;
    QSignalSpy cost(&job, &EnrichmentJob::parentsCostKnown);
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QString error;
    QVERIFY(job.start(csv, csv->findColumn(), CostRules::defaults(), s, &error));
    QVERIFY(cost.wait(60000));
    const ParentCost said = cost.first().first().value<ParentCost>();
    QCOMPARE(said.requests, 36);
    QCOMPARE(said.minutes, 0.06);
    QVERIFY(job.awaitsParentApproval());
    QVERIFY(job.isRunning());
    QCOMPARE(fake.parentRequests(), 0); // said before any is sent, and nothing sent while asking
    QCOMPARE(finished.size(), 0);
    job.approveParents(go);
    QVERIFY(finished.size() == 1 || finished.wait(60000));
    QVERIFY(finished.first().first().toBool());
    const auto results = job.results();
    if (go) {
        QCOMPARE(results->field(1, kDirect), FakeGleif::syntheticLei(0));
        QVERIFY(job.notices().filter(QStringLiteral("parent")).isEmpty());
    } else {
        QCOMPARE(fake.parentRequests(), 0);
        for (qint64 row = 0; row < results->rowCount(); ++row)
            QCOMPARE(side(*results, row, kDirect), (QStringList{QString(), QString(), QString()}));
        QCOMPARE(job.notices().filter(QStringLiteral("parent fields left empty")).size(), 1);
        QCOMPARE(results->countOf(RowStatus::Ok), 2 * kEntities);
    }
}

QTEST_GUILESS_MAIN(ParentsTest)
#include "parents_test.moc"
