// Parents online (issue 12) against the local GLEIF: exactly the requests a record's links call
// for, the answers read into parent LEI + name or exception reason, failures with reasons, the
// shared rate limit, and the cost estimate. No assertion depends on the machine's speed.
#include "fakegleif.h"
#include "gleifclient.h"
#include "parentclient.h"
#include "ratelimiter.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono;

namespace {

GleifRecord syntheticRecord(int index)
{
    GleifRecord record;
    GleifRecord::fromJson(FakeGleif::syntheticRecord(index), &record);
    return record;
}

QVector<GleifRecord> syntheticRecords(int from, int count)
{
    QVector<GleifRecord> records;
    for (int i = from; i < from + count; ++i)
        records.append(syntheticRecord(i));
    return records;
}

QVector<GleifRecord> sampleRecords()
{
    QFile file(FakeGleif::sampleRecordsPath());
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QVector<GleifRecord> records;
    for (const QJsonValue &v : QJsonDocument::fromJson(file.readAll()).array()) {
        GleifRecord record;
        if (GleifRecord::fromJson(v.toObject(), &record))
            records.append(record);
    }
    return records;
}

// "a,b" -> {"a", "b"} (no implicit casts from char * in this project)
QStringList words(const char *list)
{
    return QString::fromLatin1(list).split(u',', Qt::SkipEmptyParts);
}

GleifSettings fastSettings(const QUrl &baseUrl)
{
    GleifSettings s;
    s.baseUrl = baseUrl;
    s.requestsPerMinute = 1000;
    s.timeout = seconds(15);
    s.backoffBase = milliseconds(40);
    s.backoffMax = milliseconds(400);
    return s;
}

struct Run
{
    QHash<QString, ParentResult> byLei;
    int results = 0; // results reported, duplicates included
    bool finished = false;
    int finishedSignals = 0;
};

Run lookUp(ParentClient &client, const QVector<GleifRecord> &records,
    ParentClient::Which which = ParentClient::Both, int timeoutMs = 20000)
{
    QSignalSpy ready(&client, &ParentClient::resultsReady);
    QSignalSpy finished(&client, &ParentClient::finished);
    client.lookup(records, which);
    Run run;
    run.finished = finished.wait(timeoutMs);
    QTest::qWait(50); // a second finished() or a late result would show up here
    run.finishedSignals = int(finished.size());
    for (const QList<QVariant> &args : std::as_const(ready)) {
        for (const ParentResult &r : args.at(0).value<QVector<ParentResult>>()) {
            ++run.results;
            run.byLei.insert(r.lei, r);
        }
    }
    return run;
}

} // namespace

class ParentClientTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fetchesParentsAndExceptions_data();
    void fetchesParentsAndExceptions();
    void unknownCostsNoRequest();
    void manyRecordsCostWhatTheEstimateSays();
    void honoursTheSharedRateLimiter();
    void retriesThenSucceeds_data();
    void retriesThenSucceeds();
    void failsWithAReason_data();
    void failsWithAReason();
    void estimate_data();
    void estimate();
};

void ParentClientTest::fetchesParentsAndExceptions_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("which");
    QTest::addColumn<QStringList>("direct"); // lei, name, exception
    QTest::addColumn<QStringList>("ultimate");
    QTest::addColumn<QStringList>("paths"); // asked, after /lei-records/{LEI}/
    const auto lei = [](int i) { return FakeGleif::syntheticLei(i); };
    const auto name = [](int i) { return QStringLiteral("Synthetic Entity %1 Ltd").arg(i); };
    const QStringList none { QString(), QString(), QString() };
    const auto exception = [](const char *reason) {
        return QStringList { QString(), QString(), QString::fromLatin1(reason) };
    };
    QTest::newRow("neither: no request") << 10 << int(ParentClient::Both) << none << none
                                         << QStringList();
    QTest::newRow("parent") << 11 << int(ParentClient::Both) << QStringList { lei(10), name(10), {} }
                            << QStringList { lei(10), name(10), {} }
                            << words("direct-parent,ultimate-parent");
    QTest::newRow("chain") << 12 << int(ParentClient::Both) << QStringList { lei(11), name(11), {} }
                           << QStringList { lei(10), name(10), {} }
                           << words("direct-parent,ultimate-parent");
    QTest::newRow("direct only asked") << 12 << int(ParentClient::Direct)
                                       << QStringList { lei(11), name(11), {} } << none
                                       << words("direct-parent");
    QTest::newRow("ultimate only asked") << 12 << int(ParentClient::Ultimate) << none
                                         << QStringList { lei(10), name(10), {} }
                                         << words("ultimate-parent");
    QTest::newRow("parent without a name") << 41 << int(ParentClient::Both)
                                           << QStringList { lei(40), {}, {} }
                                           << QStringList { lei(40), {}, {} }
                                           << words("direct-parent,ultimate-parent");
    QTest::newRow("exceptions") << 14 << int(ParentClient::Both) << exception("NON_CONSOLIDATING")
                                << exception("NON_CONSOLIDATING")
                                << words("direct-parent-reporting-exception,ultimate-parent-reporting-exception");
    QTest::newRow("natural persons") << 15 << int(ParentClient::Both) << exception("NATURAL_PERSONS")
                                     << exception("NATURAL_PERSONS")
                                     << words("direct-parent-reporting-exception,ultimate-parent-reporting-exception");
    QTest::newRow("direct exception only") << 16 << int(ParentClient::Both)
                                           << exception("NON_PUBLIC") << none
                                           << words("direct-parent-reporting-exception");
    QTest::newRow("ultimate exception only") << 17 << int(ParentClient::Both) << none
                                             << exception("NO_KNOWN_PERSON")
                                             << words("ultimate-parent-reporting-exception");
}

void ParentClientTest::fetchesParentsAndExceptions()
{
    QFETCH(int, index);
    QFETCH(int, which);
    QFETCH(QStringList, direct);
    QFETCH(QStringList, ultimate);
    QFETCH(QStringList, paths);
    FakeGleif::Options options;
    options.syntheticEntities = 50;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    ParentClient client(fastSettings(fake.baseUrl()));
    client.client()->setRateLimiter(std::make_shared<RateLimiter>(1000));

    const QString lei = FakeGleif::syntheticLei(index);
    const Run run = lookUp(client, { syntheticRecord(index) }, ParentClient::Which(which));
    QVERIFY(run.finished);
    QCOMPARE(run.finishedSignals, 1);
    QCOMPARE(run.results, 1);
    const ParentResult r = run.byLei.value(lei);
    QCOMPARE(r.lei, lei);
    QCOMPARE(r.failure, QString());
    QCOMPARE((QStringList { r.direct.lei, r.direct.legalName, r.direct.exception }), direct);
    QCOMPARE((QStringList { r.ultimate.lei, r.ultimate.legalName, r.ultimate.exception }), ultimate);

    // Exactly the requests the record's links call for, each once.
    QStringList asked;
    for (const FakeGleif::LoggedRequest &request : fake.log())
        asked.append(request.path.section(u'/', -1));
    asked.sort();
    QCOMPARE(asked, paths);
    for (const FakeGleif::LoggedRequest &request : fake.log())
        QCOMPARE(request.leis, QStringList { lei });
    QCOMPARE(client.client()->counters().requestsSent, paths.size());
}

void ParentClientTest::unknownCostsNoRequest()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    ParentClient client(fastSettings(fake.baseUrl()));
    client.client()->setRateLimiter(std::make_shared<RateLimiter>(1000));
    const QVector<GleifRecord> records = sampleRecords(); // no parent links at all
    QVERIFY(records.size() >= 6);
    const Run run = lookUp(client, records + records); // duplicates get one result
    QVERIFY(run.finished);
    QCOMPARE(run.finishedSignals, 1);
    QCOMPARE(run.results, records.size());
    for (const GleifRecord &record : records) {
        const ParentResult r = run.byLei.value(record.lei);
        QCOMPARE(r.lei, record.lei);
        QVERIFY(r.direct.lei.isEmpty() && r.direct.exception.isEmpty());
        QVERIFY(r.ultimate.lei.isEmpty() && r.ultimate.exception.isEmpty());
        QVERIFY(r.failure.isEmpty());
    }
    QCOMPARE(fake.stats().requests, 0);

    // Nothing at all also finishes.
    const Run empty = lookUp(client, {});
    QVERIFY(empty.finished);
    QCOMPARE(empty.results, 0);
}

void ParentClientTest::manyRecordsCostWhatTheEstimateSays()
{
    FakeGleif::Options options;
    options.syntheticEntities = 100;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.concurrency = 4;
    ParentClient client(settings);
    client.client()->setRateLimiter(std::make_shared<RateLimiter>(1000));
    const QVector<GleifRecord> records = syntheticRecords(0, 100);
    const ParentCost cost = ParentClient::estimate(records, settings);
    QCOMPARE(cost.requests, 120); // per ten: 3 with 2 parents, 2 with 2 exceptions, 2 with one
    const Run run = lookUp(client, records);
    QVERIFY(run.finished);
    QCOMPARE(run.results, 100);
    QCOMPARE(fake.stats().requests, cost.requests);
    int parents = 0, exceptions = 0;
    for (const ParentResult &r : std::as_const(run.byLei)) {
        QVERIFY2(r.failure.isEmpty(), qPrintable(r.failure));
        parents += !r.direct.lei.isEmpty();
        exceptions += !r.direct.exception.isEmpty();
    }
    QCOMPARE(parents, 30);
    QCOMPARE(exceptions, 30);
}

void ParentClientTest::honoursTheSharedRateLimiter()
{
    const int limit = 3;
    const int windowMs = 400;
    FakeGleif::Options options;
    options.syntheticEntities = 10;
    options.rateLimit = limit; // the same limit: one request too many would be a 429
    options.windowMs = windowMs;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.requestsPerMinute = limit;
    settings.window = milliseconds(windowMs);
    settings.concurrency = 4;
    ParentClient client(settings);
    const auto limiter = std::make_shared<RateLimiter>(limit, milliseconds(windowMs));
    client.client()->setRateLimiter(limiter);
    QCOMPARE(client.client()->rateLimiter(), limiter);

    const QVector<GleifRecord> records = syntheticRecords(1, 5); // two requests each
    const Run run = lookUp(client, records);
    QVERIFY(run.finished);
    QCOMPARE(run.results, 5);
    QCOMPARE(fake.stats().requests, 10);
    QCOMPARE(fake.stats().tooManyRequests, 0);
    // Ten requests through a limit of three: the limiter must have said "wait" (its own count,
    // not arrival times, which depend on the machine's speed).
    QVERIFY(limiter->refusals() > 0);
    QVERIFY(FakeGleif::maxInAnyWindow(fake.arrivals(), windowMs) <= limit);
    for (const ParentResult &r : std::as_const(run.byLei))
        QVERIFY2(r.failure.isEmpty(), qPrintable(r.failure));
}

void ParentClientTest::retriesThenSucceeds_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("retryAfter");
    QTest::newRow("503") << 503 << QByteArray();
    QTest::newRow("429 with Retry-After") << 429 << QByteArray("1");
}

void ParentClientTest::retriesThenSucceeds()
{
    QFETCH(int, status);
    QFETCH(QByteArray, retryAfter);
    FakeGleif::Options options;
    options.syntheticEntities = 20;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    FakeGleif::Scripted refused;
    refused.status = status;
    if (!retryAfter.isEmpty())
        refused.headers.append({ "Retry-After", retryAfter });
    fake.enqueue(refused);
    ParentClient client(fastSettings(fake.baseUrl()));
    const auto limiter = std::make_shared<RateLimiter>(1000);
    client.client()->setRateLimiter(limiter);
    const QString lei = FakeGleif::syntheticLei(16); // one request: the direct exception
    const Run run = lookUp(client, { syntheticRecord(16) });
    QVERIFY(run.finished);
    QCOMPARE(run.byLei.value(lei).direct.exception, QStringLiteral("NON_PUBLIC"));
    QCOMPARE(run.byLei.value(lei).failure, QString());
    QCOMPARE(fake.stats().requests, 2);
    QCOMPARE(client.client()->counters().retries, 1);
    QCOMPARE(client.client()->counters().tooManyRequests, status == 429 ? 1 : 0);
    if (status == 429) // GLEIF's Retry-After holds back every request of the process
        QVERIFY(fake.log().at(1).arrivedMs - fake.log().at(0).arrivedMs >= 1000);
}

void ParentClientTest::failsWithAReason_data()
{
    QTest::addColumn<int>("index");
    QTest::addColumn<bool>("claimParent"); // the record says Reported whatever GLEIF has
    QTest::addColumn<int>("serverErrorEvery");
    QTest::addColumn<int>("latencyMs");
    QTest::addColumn<QString>("failure");
    QTest::addColumn<int>("requests");
    QTest::newRow("404") << 18 << true << 0 << 0
                         << QStringLiteral("direct parent: HTTP 404: No parent reported") << 1;
    QTest::newRow("5xx every time") << 16 << false << 1 << 0
                                    << QStringLiteral("direct parent: HTTP 503 after 2 attempts") << 2;
    QTest::newRow("timeout every time")
        << 16 << false << 0 << 120000
        << QStringLiteral("direct parent: timeout (no complete answer in 0.3 s) after 2 attempts") << 2;
    QTest::newRow("both fail") << 11 << false << 1 << 0
                               << QStringLiteral("direct parent: HTTP 503 after 2 attempts; "
                                                 "ultimate parent: HTTP 503 after 2 attempts")
                               << 4;
}

void ParentClientTest::failsWithAReason()
{
    QFETCH(int, index);
    QFETCH(bool, claimParent);
    QFETCH(int, serverErrorEvery);
    QFETCH(int, latencyMs);
    QFETCH(QString, failure);
    QFETCH(int, requests);
    FakeGleif::Options options;
    options.syntheticEntities = 20;
    options.serverErrorEvery = serverErrorEvery;
    options.latencyMs = latencyMs;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.maxAttempts = 2;
    settings.timeout = milliseconds(300);
    settings.concurrency = 1; // the two resources' failures in a known order
    ParentClient client(settings);
    client.client()->setRateLimiter(std::make_shared<RateLimiter>(1000));
    GleifRecord record = syntheticRecord(index);
    if (claimParent)
        record.directParent = GleifRecord::ParentLink::Reported;
    const Run run = lookUp(client, { record });
    QVERIFY(run.finished);
    QCOMPARE(run.results, 1);
    const ParentResult r = run.byLei.value(record.lei);
    QCOMPARE(r.failure, failure);
    QVERIFY(r.direct.lei.isEmpty() && r.direct.exception.isEmpty());
    QCOMPARE(client.client()->counters().requestsSent, requests);
}

void ParentClientTest::estimate_data()
{
    QTest::addColumn<QVector<GleifRecord>>("records");
    QTest::addColumn<int>("which");
    QTest::addColumn<int>("perWindow");
    QTest::addColumn<int>("windowSeconds");
    QTest::addColumn<int>("requests");
    QTest::addColumn<double>("minutes");
    const QVector<GleifRecord> thousand = syntheticRecords(0, 1000); // 300 with parents
    QTest::newRow("nothing") << QVector<GleifRecord>() << int(ParentClient::Both) << 60 << 60 << 0
                             << 0.0;
    QTest::newRow("no links") << sampleRecords() << int(ParentClient::Both) << 60 << 60 << 0 << 0.0;
    QTest::newRow("one parent") << QVector<GleifRecord> { syntheticRecord(1) }
                                << int(ParentClient::Both) << 60 << 60 << 2 << 2.0 / 60.0;
    QTest::newRow("duplicates once")
        << QVector<GleifRecord> { syntheticRecord(1), syntheticRecord(1), syntheticRecord(6) }
        << int(ParentClient::Both) << 60 << 60 << 3 << 3.0 / 60.0;
    QTest::newRow("1000 LEIs, both") << thousand << int(ParentClient::Both) << 60 << 60 << 1200
                                     << 20.0;
    QTest::newRow("1000 LEIs, direct") << thousand << int(ParentClient::Direct) << 60 << 60 << 600
                                       << 10.0;
    QTest::newRow("1000 LEIs, ultimate") << thousand << int(ParentClient::Ultimate) << 60 << 60
                                         << 600 << 10.0;
    QTest::newRow("120 a minute") << thousand << int(ParentClient::Both) << 120 << 60 << 1200 << 10.0;
    QTest::newRow("60 per 30 s") << thousand << int(ParentClient::Both) << 60 << 30 << 1200 << 10.0;
}

void ParentClientTest::estimate()
{
    QFETCH(QVector<GleifRecord>, records);
    QFETCH(int, which);
    QFETCH(int, perWindow);
    QFETCH(int, windowSeconds);
    QFETCH(int, requests);
    QFETCH(double, minutes);
    GleifSettings settings;
    settings.requestsPerMinute = perWindow;
    settings.window = seconds(windowSeconds);
    const ParentCost cost = ParentClient::estimate(records, settings, ParentClient::Which(which));
    QCOMPARE(cost.requests, requests);
    QCOMPARE(cost.minutes, minutes);
}

QTEST_GUILESS_MAIN(ParentClientTest)
#include "parentclient_test.moc"
