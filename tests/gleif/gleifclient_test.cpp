// The GLEIF client against the local GLEIF: one test per behaviour of issues 3 and 11. Windows,
// timeouts and backoffs are shortened through the settings so the whole binary runs in well under
// a minute. No assertion depends on how fast the machine is: tests wait for signals and final
// states, and time appears only as a lower bound (a wait the client owes, which load can only
// lengthen) or as a generous upper bound on waiting.
#include "fakegleif.h"
#include "gleifclient.h"
#include "ratelimiter.h"

#include <QJsonObject>
#include <QLocale>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <QTimeZone>
#include <QUrlQuery>

using namespace std::chrono;

namespace {

QStringList synthetic(int from, int count)
{
    QStringList leis;
    for (int i = from; i < from + count; ++i)
        leis.append(FakeGleif::syntheticLei(i));
    return leis;
}

const QStringList sampleLeis { QStringLiteral("XKZZ2JZF41MRHTR1V493"),
    QStringLiteral("213800MBWEIJDM5CU638"), QStringLiteral("K6Q0W1PS1L1O4IQL9C32"),
    QStringLiteral("MP6I5ZYZBEU3UXPYFY54"), QStringLiteral("4PQUHN3JPFGFNF3BB653"),
    QStringLiteral("BFXS5XCH7N0Y05NIXW11"), QStringLiteral("851WYGNLUQLFZBSYGB56") };

// Fast, but with every mechanism in place; each test tightens what it exercises.
GleifSettings fastSettings(const QUrl &baseUrl)
{
    GleifSettings s;
    s.baseUrl = baseUrl;
    s.requestsPerMinute = 1000;
    s.window = seconds(60);
    s.timeout = seconds(15); // a loaded machine must not turn into retries
    s.backoffBase = milliseconds(40);
    s.backoffMax = milliseconds(400);
    return s;
}

struct Run
{
    QVector<LookupResult> results; // in the order reported
    QHash<QString, LookupResult> byLei;
    int signals = 0;
    bool finished = false;

    int count(LookupOutcome outcome) const
    {
        return int(std::count_if(results.cbegin(), results.cend(),
            [outcome](const LookupResult &r) { return r.outcome == outcome; }));
    }
};

// Looks the LEIs up and waits for finished().
Run lookUp(GleifClient &client, const QStringList &leis, int timeoutMs = 20000)
{
    QSignalSpy ready(&client, &GleifClient::resultsReady);
    QSignalSpy finished(&client, &GleifClient::finished);
    client.lookup(leis);
    Run run;
    run.finished = finished.wait(timeoutMs);
    run.signals = int(ready.size());
    for (const QList<QVariant> &args : std::as_const(ready)) {
        for (const LookupResult &r : args.at(0).value<QVector<LookupResult>>()) {
            run.results.append(r);
            run.byLei.insert(r.lei, r);
        }
    }
    return run;
}

QByteArray httpDate(const QDateTime &utc)
{
    return QLocale::c()
        .toString(utc.toUTC(), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
        .toLatin1();
}

} // namespace

class GleifClientTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void aFewBadLeisFailOnlyThemselves_data();
    void aFewBadLeisFailOnlyThemselves();
    void followsPagination_data();
    void followsPagination();
    void matchesUnorderedRecords();
    void nullBicAndNullName();
    void notFoundVersusFailed();
    void clientErrorsAreNotRetried_data();
    void clientErrorsAreNotRetried();
    void retryAfterIsHonoured_data();
    void retryAfterIsHonoured();
    void retryAfterPausesOtherRequests();
    void tooManyRequestsEveryTimeFails();
    void serverErrorThenSuccess_data();
    void serverErrorThenSuccess();
    void timeoutThenSuccess();
    void timeoutEveryTimeFails();
    void truncatedAnswerFailsOnlyThatLei_data();
    void truncatedAnswerFailsOnlyThatLei();
    void halvesBatchOnUriTooLong();
    void cancelInFlight_data();
    void cancelInFlight();
    void rollingWindowNeverExceeded_data();
    void rollingWindowNeverExceeded();
    void sendsHeaders();
    void eachLeiAskedOnce();
    void unreachableFailsFast();
    void givesUpWhenGleifKeepsFailing();
    void emptyInputFinishes();
    void moreLeisWhileRunning();
    void everyKthServerErrorStillGetsAll();
    // Issue 11: every lookup answer is bounded.
    void endlessEmptyPagesEndTheBatch_data();
    void endlessEmptyPagesEndTheBatch();
    void answerSizeIsCapped_data();
    void answerSizeIsCapped();
    void timeoutBoundsTheWholeRequest();
    void redirectsStayWithinTheOrigin_data();
    void redirectsStayWithinTheOrigin();
    void redirectLoopIsRefused();
    void followedRedirectTakesARateLimitSlot();
    // Per-LEI resources (issue 12: parents).
    void resourcesShareARunWithLookups();
    void resourcesFailFastWhenUnreachable();
    void resourceRedirectedAwayIsRefused();
};

void GleifClientTest::followsPagination_data()
{
    QTest::addColumn<int>("pageSizeCap");
    QTest::addColumn<int>("expectedRequests");
    // Without page[size] GLEIF would answer 15 of the 40 and drop 25 on later pages.
    QTest::newRow("explicit page size, one page") << 0 << 1;
    QTest::newRow("GLEIF pages by 15 anyway") << 15 << 3;
}

void GleifClientTest::followsPagination()
{
    QFETCH(int, pageSizeCap);
    QFETCH(int, expectedRequests);
    FakeGleif::Options options;
    options.syntheticEntities = 40;
    options.pageSizeCap = pageSizeCap;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifClient client(fastSettings(fake.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));

    const QStringList leis = synthetic(0, 40);
    const Run run = lookUp(client, leis);
    QVERIFY(run.finished);
    QCOMPARE(run.results.size(), 40);
    QCOMPARE(run.count(LookupOutcome::Found), 40);
    for (const QString &lei : leis)
        QCOMPARE(run.byLei.value(lei).record.lei, lei);
    QCOMPARE(fake.stats().requests, expectedRequests);
    QCOMPARE(client.counters().requestsSent, expectedRequests);
    QCOMPARE(run.signals, expectedRequests); // reported page by page, as answers arrive
    for (int i = 0; i < fake.log().size(); ++i) {
        const QUrlQuery &q = fake.log().at(i).query;
        QCOMPARE(q.queryItemValue(QStringLiteral("page[size]")), QStringLiteral("40"));
        QCOMPARE(q.queryItemValue(QStringLiteral("page[number]")), QString::number(i + 1));
    }
}

void GleifClientTest::matchesUnorderedRecords()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    GleifClient client(fastSettings(fake.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, sampleLeis);
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), 7);
    QStringList answered;
    for (const LookupResult &r : run.results)
        answered.append(r.lei);
    QVERIFY2(answered != sampleLeis, "the fake must not answer in request order for this test");
    for (const QString &lei : sampleLeis) {
        GleifRecord expected;
        QVERIFY(GleifRecord::fromJson(fake.record(lei), &expected));
        QCOMPARE(run.byLei.value(lei).record, expected);
    }
    const GleifRecord abn = run.byLei.value(QStringLiteral("BFXS5XCH7N0Y05NIXW11")).record;
    QCOMPARE(abn.legalName, QStringLiteral("ABN AMRO Bank N.V."));
    QCOMPARE(abn.country, QStringLiteral("NL"));
    QCOMPARE(abn.bicsJoined(),
        QStringLiteral("ABNANL2AXXX;BETHDEF1XXX;GSLANL21XXX;KBWFNL21XXX;VSBVNL21XXX;ZEELNL21XXX"));
    QCOMPARE(run.byLei.value(QStringLiteral("XKZZ2JZF41MRHTR1V493")).record.legalName,
        QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED"));
}

void GleifClientTest::nullBicAndNullName()
{
    FakeGleif::Options options;
    options.syntheticEntities = 8;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    QVERIFY(FakeGleif::syntheticHasNullBic(3) && !FakeGleif::syntheticHasNullName(3));
    QVERIFY(FakeGleif::syntheticHasNullName(5) && !FakeGleif::syntheticHasNullBic(5));
    GleifClient client(fastSettings(fake.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, synthetic(0, 8));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), 8);

    const LookupResult noBic = run.byLei.value(FakeGleif::syntheticLei(3));
    QCOMPARE(noBic.outcome, LookupOutcome::Found);
    QVERIFY(noBic.record.bics.isEmpty());
    QCOMPARE(noBic.record.bicsJoined(), QString());
    QVERIFY(!noBic.record.legalName.isEmpty());
    QCOMPARE(noBic.record.country, QStringLiteral("FR"));

    const LookupResult noName = run.byLei.value(FakeGleif::syntheticLei(5));
    QCOMPARE(noName.outcome, LookupOutcome::Found);
    QVERIFY(noName.record.legalName.isEmpty());
    QVERIFY(!noName.record.bics.isEmpty());
    QCOMPARE(noName.record.country, QStringLiteral("JP"));
    QVERIFY(noName.record.rawJson.contains("\"name\":null"));

    const LookupResult several = run.byLei.value(FakeGleif::syntheticLei(2));
    QCOMPARE(several.record.bics.size(), 3); // in GLEIF's order
    QVERIFY(several.record.bics.at(0).endsWith(QLatin1String("20XXX")));
    QVERIFY(several.record.bics.at(2).endsWith(QLatin1String("22XXX")));
}

void GleifClientTest::notFoundVersusFailed()
{
    FakeGleif::Options options;
    options.syntheticEntities = 10;
    const QString broken = FakeGleif::syntheticLei(4);
    options.errorLeis = QStringList { broken }; // every request naming it gets HTTP 500
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.maxAttempts = 3;
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));

    const QStringList unknown = synthetic(1000, 2); // well-formed, GLEIF has never heard of them
    const Run run = lookUp(client, synthetic(0, 10) + unknown);
    QVERIFY(run.finished);
    QCOMPARE(run.results.size(), 12);
    QCOMPARE(run.count(LookupOutcome::Found), 9);
    QCOMPARE(run.count(LookupOutcome::NotFound), 2);
    QCOMPARE(run.count(LookupOutcome::Failed), 1);
    for (const QString &lei : unknown) {
        QCOMPARE(run.byLei.value(lei).outcome, LookupOutcome::NotFound);
        QVERIFY(run.byLei.value(lei).reason.isEmpty());
    }
    const LookupResult failed = run.byLei.value(broken);
    QCOMPARE(failed.outcome, LookupOutcome::Failed);
    QVERIFY2(failed.reason.startsWith(QLatin1String("HTTP 500 after ")), qPrintable(failed.reason));
    QCOMPARE(client.counters().found, 9);
    QCOMPARE(client.counters().notFound, 2);
    QCOMPARE(client.counters().failed, 1);
}

void GleifClientTest::clientErrorsAreNotRetried_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("400") << 400;
    QTest::newRow("404") << 404;
}

void GleifClientTest::clientErrorsAreNotRetried()
{
    QFETCH(int, status);
    FakeGleif fake;
    QVERIFY(fake.listen());
    FakeGleif::Scripted scripted;
    scripted.status = status;
    scripted.body
        = R"({"errors":[{"status":"x","title":"Bad Request","detail":"Invalid filter"}]})";
    fake.enqueue(scripted);
    GleifClient client(fastSettings(fake.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, { sampleLeis.first() });
    QVERIFY(run.finished);
    QCOMPARE(run.results.size(), 1);
    QCOMPARE(run.results.first().outcome, LookupOutcome::Failed);
    QCOMPARE(run.results.first().reason,
        QStringLiteral("HTTP ") + QString::number(status) + QStringLiteral(": Invalid filter"));
    QCOMPARE(fake.stats().requests, 1);
    QCOMPARE(client.counters().retries, 0);
}

void GleifClientTest::retryAfterIsHonoured_data()
{
    QTest::addColumn<bool>("asDate");
    QTest::newRow("delay-seconds") << false;
    QTest::newRow("HTTP-date") << true;
}

void GleifClientTest::retryAfterIsHonoured()
{
    QFETCH(bool, asDate);
    FakeGleif fake;
    QVERIFY(fake.listen());
    FakeGleif::Scripted tooMany;
    tooMany.status = 429;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime whole = now.addMSecs(-now.time().msec()); // dates carry whole seconds
    const QDateTime notBefore = whole.addSecs(3);
    tooMany.headers.append({ "Retry-After", asDate ? httpDate(notBefore) : QByteArray("2") });
    fake.enqueue(tooMany);
    QList<QDateTime> arrivedAt; // wall clock, as an HTTP-date speaks of it
    connect(&fake, &FakeGleif::requestArrived, &fake,
        [&arrivedAt] { arrivedAt.append(QDateTime::currentDateTimeUtc()); });

    GleifClient client(fastSettings(fake.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, { sampleLeis.first() });
    QVERIFY(run.finished); // within the lookup's wait: a whole window (60 s) was not waited
    QCOMPARE(run.results.first().outcome, LookupOutcome::Found);
    QCOMPARE(fake.log().size(), 2);
    QCOMPARE(fake.log().at(0).status, 429);
    // Not asked again before GLEIF said: lower bounds, which a busy machine only makes easier.
    if (asDate) {
        QVERIFY2(arrivedAt.at(1) >= notBefore.addMSecs(-5), // the clocks' millisecond rounding
            qPrintable(arrivedAt.at(1).toString(Qt::ISODateWithMs)));
    } else {
        const qint64 gap = fake.log().at(1).arrivedMs - fake.log().at(0).arrivedMs;
        QVERIFY2(gap >= 2000, qPrintable(QString::number(gap)));
    }
    QCOMPARE(client.counters().tooManyRequests, 1);
    QCOMPARE(client.counters().retries, 1);
    QCOMPARE(client.counters().requestsSent, 2);
}

void GleifClientTest::retryAfterPausesOtherRequests()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    FakeGleif::Scripted tooMany;
    tooMany.status = 429;
    tooMany.headers.append({ QByteArray("Retry-After"), QByteArray("2") });
    fake.enqueue(tooMany);
    // The other request is still out when the 429 comes back, and stays out past the 2 s the
    // 429 asks for: only the pause can hold back what follows.
    FakeGleif::Scripted slow;
    slow.delayMs = 2500;
    fake.enqueue(slow);

    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.batchSize = 1;
    settings.concurrency = 2;
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, sampleLeis.mid(0, 5));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), 5);
    // The first two went out together; the 429 to the first must hold back every later one,
    // not just the retry of the LEI it refused.
    const auto &log = fake.log();
    QCOMPARE(log.size(), 6);
    QCOMPARE(log.at(0).status, 429);
    for (int i = 2; i < log.size(); ++i)
        QVERIFY2(log.at(i).arrivedMs - log.at(0).arrivedMs >= 2000,
            qPrintable(QString::number(log.at(i).arrivedMs - log.at(0).arrivedMs)));
}

void GleifClientTest::tooManyRequestsEveryTimeFails()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    FakeGleif::Scripted tooMany; // no Retry-After: the client waits a whole window each time
    tooMany.status = 429;
    const int refusalsWaited = 10; // the client's bound on 429s waited out per batch
    for (int i = 0; i < refusalsWaited + 3; ++i)
        fake.enqueue(tooMany);
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.maxAttempts = 3;
    settings.window = milliseconds(200);
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, sampleLeis);
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Failed), 7);
    QCOMPARE(run.results.first().reason,
        QStringLiteral("HTTP 429 (too many requests) after 3 attempts"));
    // Refusals are not the batch's fault: splitting it would only send more requests. The
    // first ones are waited out a window at a time without using up the batch's attempts.
    QCOMPARE(fake.stats().requests, refusalsWaited + 3);
    QCOMPARE(client.counters().tooManyRequests, refusalsWaited + 3);
    QCOMPARE(client.counters().retries, refusalsWaited + 2);
    const auto &log = fake.log();
    for (int i = 1; i <= refusalsWaited; ++i)
        QVERIFY2(log.at(i).arrivedMs - log.at(i - 1).arrivedMs >= 190,
                 qPrintable(QString::number(log.at(i).arrivedMs - log.at(i - 1).arrivedMs)));
}

void GleifClientTest::serverErrorThenSuccess_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("500") << 500;
    QTest::newRow("502") << 502;
    QTest::newRow("503") << 503;
    QTest::newRow("504") << 504;
}

void GleifClientTest::serverErrorThenSuccess()
{
    QFETCH(int, status);
    FakeGleif fake;
    QVERIFY(fake.listen());
    FakeGleif::Scripted error;
    error.status = status;
    fake.enqueue(error);
    GleifClient client(fastSettings(fake.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, sampleLeis);
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), 7);
    QCOMPARE(fake.stats().requests, 2);
    QCOMPARE(client.counters().retries, 1);
    // Backed off (base 40 ms, jitter down to half) before asking again.
    QVERIFY(fake.log().at(1).arrivedMs - fake.log().at(0).arrivedMs >= 19);
}

void GleifClientTest::timeoutThenSuccess()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    FakeGleif::Scripted slow; // the normal answer, but far later than the test waits
    slow.delayMs = 120000;
    fake.enqueue(slow);
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.timeout = seconds(2);
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, sampleLeis, 60000);
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), 7);
    // The first request cannot have been answered: it timed out and was asked again.
    QCOMPARE(fake.log().size(), client.counters().requestsSent);
    QVERIFY(client.counters().retries >= 1);
    QCOMPARE(client.counters().requestsSent, client.counters().retries + 1);
}

void GleifClientTest::timeoutEveryTimeFails()
{
    FakeGleif::Options options;
    options.latencyMs = 120000; // never within the test
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.timeout = milliseconds(200);
    settings.maxAttempts = 2;
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, { sampleLeis.first() });
    QVERIFY(run.finished);
    QCOMPARE(run.results.size(), 1);
    QCOMPARE(run.results.first().outcome, LookupOutcome::Failed);
    QCOMPARE(run.results.first().reason,
        QStringLiteral("timeout (no complete answer in 0.2 s) after 2 attempts"));
}

void GleifClientTest::truncatedAnswerFailsOnlyThatLei_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("reason");
    QTest::newRow("JSON cut") << int(FakeGleif::Truncation::Body)
                              << QStringLiteral("malformed JSON");
    QTest::newRow("connection cut")
        << int(FakeGleif::Truncation::Connection) << QStringLiteral("answer cut short");
}

void GleifClientTest::truncatedAnswerFailsOnlyThatLei()
{
    QFETCH(int, mode);
    QFETCH(QString, reason);
    const QString bad = FakeGleif::syntheticLei(137);
    FakeGleif::Options options;
    options.syntheticEntities = 200;
    options.truncateLeis = QStringList { bad };
    options.truncation = FakeGleif::Truncation(mode);
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifClient client(fastSettings(fake.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, synthetic(0, 200));
    QVERIFY(run.finished);
    QCOMPARE(run.results.size(), 200);
    QCOMPARE(run.count(LookupOutcome::Found), 199);
    QCOMPARE(run.count(LookupOutcome::Failed), 1);
    QCOMPARE(run.byLei.value(bad).outcome, LookupOutcome::Failed);
    QVERIFY2(
        run.byLei.value(bad).reason.startsWith(reason), qPrintable(run.byLei.value(bad).reason));
    // Narrowed by halving: about two requests per level of a 200-LEI batch, not 200.
    QVERIFY2(fake.stats().requests <= 20, qPrintable(QString::number(fake.stats().requests)));
}

void GleifClientTest::halvesBatchOnUriTooLong()
{
    FakeGleif::Options options;
    options.syntheticEntities = 400;
    options.maxUrlLength = 2000; // about 85 LEIs
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.concurrency = 1;
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, synthetic(0, 400));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), 400);
    const auto &log = fake.log();
    QCOMPARE(log.first().status, 414);
    QCOMPARE(log.first().leis.size(), 200);
    // Once told, later batches start small instead of hitting the limit again.
    int tooLong = 0;
    for (const auto &r : log)
        tooLong += r.status == 414;
    QCOMPARE(tooLong, 2); // 200, then 100; 50 fits and stays
    QCOMPARE(log.last().leis.size(), 50);
}

void GleifClientTest::cancelInFlight_data()
{
    QTest::addColumn<bool>("fromSlot");
    QTest::newRow("after the first answer") << false;
    QTest::newRow("inside resultsReady") << true;
}

void GleifClientTest::cancelInFlight()
{
    QFETCH(bool, fromSlot);
    FakeGleif::Options options;
    options.syntheticEntities = 1000;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    // The first request is answered at once, every later one only long after the test: when
    // the first answer is in, requests are in flight for sure, whatever the machine's speed.
    fake.enqueue(FakeGleif::Scripted());
    for (int i = 0; i < 20; ++i) {
        FakeGleif::Scripted held;
        held.delayMs = 120000;
        fake.enqueue(held);
    }
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.batchSize = 100;
    settings.concurrency = 2;
    GleifClient client(settings);
    // A short window, so that a slot left open by an aborted request would show below.
    client.setRateLimiter(std::make_shared<RateLimiter>(1000, milliseconds(50)));
    QSignalSpy ready(&client, &GleifClient::resultsReady);
    QSignalSpy finished(&client, &GleifClient::finished);
    QSignalSpy counters(&client, &GleifClient::countersChanged);
    QMetaObject::Connection cancelling;
    if (fromSlot)
        cancelling
            = connect(&client, &GleifClient::resultsReady, &client, [&client] { client.cancel(); });

    client.lookup(synthetic(0, 1000));
    QVERIFY(ready.wait(60000));
    if (!fromSlot)
        client.cancel();
    QVERIFY(!client.isRunning());
    QCOMPARE(ready.size(), 1);
    QCOMPARE(client.counters().found, 100);
    const auto countersAtCancel = counters.size();
    const int sentAtCancel = client.counters().requestsSent;
    QVERIFY(sentAtCancel >= 2); // the held one was out

    // Every slot is released, none leaked open (the limiter forgets a slot one window after it).
    QTRY_COMPARE_WITH_TIMEOUT(client.rateLimiter()->inUse(), 0, 60000);
    // Nothing comes back from the aborted requests, and nothing new goes out: the fake never
    // sees more than the client had sent when it cancelled.
    QCOMPARE(ready.size(), 1);
    QCOMPARE(counters.size(), countersAtCancel);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(client.counters().requestsSent, sentAtCancel);
    QVERIFY(fake.stats().requests <= sentAtCancel);

    // The same client runs again afterwards (against a fake that holds nothing back).
    disconnect(cancelling);
    FakeGleif fresh(options);
    QVERIFY(fresh.listen());
    client.setSettings(fastSettings(fresh.baseUrl()));
    const Run again = lookUp(client, synthetic(0, 10));
    QVERIFY(again.finished);
    QCOMPARE(again.count(LookupOutcome::Found), 10);
}

void GleifClientTest::rollingWindowNeverExceeded_data()
{
    QTest::addColumn<int>("clients");
    QTest::newRow("one client") << 1;
    QTest::newRow("two clients, one limiter") << 2;
}

void GleifClientTest::rollingWindowNeverExceeded()
{
    QFETCH(int, clients);
    const int limit = 5;
    const int windowMs = 1000;
    const int requests = 24;
    FakeGleif::Options options;
    options.syntheticEntities = requests;
    options.rateLimit = limit; // the fake enforces the same limit: one too many gives a 429
    options.windowMs = windowMs;
    FakeGleif fake(options);
    QVERIFY(fake.listen());

    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.batchSize = 1;
    settings.concurrency = 4;
    settings.requestsPerMinute = limit;
    settings.window = milliseconds(windowMs);
    const auto limiter = std::make_shared<RateLimiter>(limit, milliseconds(windowMs));
    std::vector<std::unique_ptr<GleifClient>> pool;
    for (int i = 0; i < clients; ++i) {
        pool.push_back(std::make_unique<GleifClient>(settings));
        pool.back()->setRateLimiter(limiter);
    }
    std::vector<std::unique_ptr<QSignalSpy>> finished;
    for (int i = 0; i < clients; ++i) {
        finished.push_back(std::make_unique<QSignalSpy>(pool[i].get(), &GleifClient::finished));
        pool[i]->lookup(synthetic(i * requests / clients, requests / clients));
    }
    for (auto &spy : finished)
        QVERIFY(spy->size() == 1 || spy->wait(60000));

    QCOMPARE(fake.stats().requests, requests);
    QCOMPARE(fake.stats().tooManyRequests, 0);
    const int busiest = FakeGleif::maxInAnyWindow(fake.arrivals(), windowMs);
    QVERIFY2(busiest <= limit, qPrintable(QString::number(busiest)));
    // The limiter had to hold requests back, so the check above meant something. (Its own
    // count, not the arrivals: how many land in one window depends on the machine's speed.)
    QVERIFY(limiter->refusals() > 0);
    int found = 0;
    for (const auto &c : pool)
        found += c->counters().found;
    QCOMPARE(found, requests);
}

void GleifClientTest::sendsHeaders()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    GleifClient client(fastSettings(fake.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    QVERIFY(lookUp(client, sampleLeis.mid(0, 2)).finished);
    QCOMPARE(fake.log().size(), 1);
    QCOMPARE(fake.log().first().accept, QByteArray("application/vnd.api+json"));
    QCOMPARE(fake.log().first().userAgent, QByteArray("LEI-Enricher/" LEI_VERSION));
    QCOMPARE(fake.log().first().path, QStringLiteral("/api/v1/lei-records"));
}

void GleifClientTest::eachLeiAskedOnce()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    GleifClient client(fastSettings(fake.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const QStringList leis { sampleLeis[0], sampleLeis[1], sampleLeis[0],
        QStringLiteral(" xkzz2jzf41mrhtr1v493 ") };
    const Run run = lookUp(client, leis);
    QVERIFY(run.finished);
    QCOMPARE(run.results.size(), 2);
    QCOMPARE(fake.stats().leisAsked, 2);
}

void GleifClientTest::unreachableFailsFast()
{
    QTcpServer closed; // a port nobody listens on any more
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    GleifSettings settings = fastSettings(QUrl(
        QStringLiteral("http://127.0.0.1:") + QString::number(port) + QStringLiteral("/api/v1")));
    settings.maxAttempts = 3;
    settings.batchSize = 10;
    settings.concurrency = 1;
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, synthetic(0, 100));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Failed), 100);
    QCOMPARE(run.results.first().reason, QStringLiteral("connection refused after 3 attempts"));
    // Ten batches, but the first one's three attempts are enough to know.
    QCOMPARE(client.counters().requestsSent, 3);
}

void GleifClientTest::givesUpWhenGleifKeepsFailing()
{
    FakeGleif::Options options;
    options.syntheticEntities = 1000;
    options.serverErrorEvery = 1; // every request
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.maxAttempts = 2;
    settings.batchSize = 100;
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, synthetic(0, 1000));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Failed), 1000);
    QVERIFY(run.results.first().reason.startsWith(QLatin1String("HTTP 503")));
    // Splitting every batch down to single LEIs would take thousands of requests.
    QVERIFY2(fake.stats().requests <= 20, qPrintable(QString::number(fake.stats().requests)));
}

void GleifClientTest::emptyInputFinishes()
{
    GleifClient client(fastSettings(QUrl(QStringLiteral("http://127.0.0.1:9/api/v1"))));
    const Run run = lookUp(client, {});
    QVERIFY(run.finished);
    QCOMPARE(run.signals, 0);
    QCOMPARE(client.counters().requestsSent, 0);
}

void GleifClientTest::moreLeisWhileRunning()
{
    FakeGleif::Options options;
    options.syntheticEntities = 30;
    options.latencyMs = 100;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.batchSize = 10;
    settings.concurrency = 1;
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    QSignalSpy ready(&client, &GleifClient::resultsReady);
    QSignalSpy counters(&client, &GleifClient::countersChanged);
    QSignalSpy finished(&client, &GleifClient::finished);
    client.lookup(synthetic(0, 20));
    QVERIFY(ready.wait(60000));
    QVERIFY(client.isRunning());
    client.lookup(synthetic(10, 20)); // half of them already part of this run
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(client.counters().found, 30);
    QCOMPARE(fake.stats().leisAsked, 30);
    QCOMPARE(counters.size(), 3);
    QVERIFY(client.counters().bytesReceived > 30 * 1000); // records are kilobytes each
}

void GleifClientTest::everyKthServerErrorStillGetsAll()
{
    FakeGleif::Options options;
    options.syntheticEntities = 2000;
    options.serverErrorEvery = 3;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.batchSize = 100;
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    const Run run = lookUp(client, synthetic(0, 2000));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), 2000);
    QCOMPARE(client.counters().retries, fake.stats().serverErrors);
    QCOMPARE(client.counters().requestsSent, 20 + fake.stats().serverErrors);
}

void GleifClientTest::aFewBadLeisFailOnlyThemselves_data()
{
    QTest::addColumn<bool>("serverError");
    QTest::addColumn<int>("bad");
    QTest::newRow("8 LEIs answered with HTTP 500") << true << 8;
    QTest::newRow("20 LEIs with cut answers") << false << 20;
}

void GleifClientTest::aFewBadLeisFailOnlyThemselves()
{
    // Narrowing a batch down produces a long run of failed answers: that must not read as
    // "GLEIF is down" and fail the good LEIs with the bad.
    QFETCH(bool, serverError);
    QFETCH(int, bad);
    FakeGleif::Options options;
    options.syntheticEntities = 200;
    const QStringList leis = synthetic(0, 200);
    QStringList badLeis;
    for (int i = 0; i < bad; ++i)
        badLeis << leis[i * 200 / bad + 3];
    (serverError ? options.errorLeis : options.truncateLeis) = badLeis;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.backoffBase = milliseconds(5);
    settings.backoffMax = milliseconds(20);
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(100000));
    const Run run = lookUp(client, leis);
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), 200 - bad);
    QCOMPARE(run.count(LookupOutcome::Failed), bad);
    for (const LookupResult &r : run.results)
        QCOMPARE(r.outcome == LookupOutcome::Failed, badLeis.contains(r.lei));
}

void GleifClientTest::endlessEmptyPagesEndTheBatch_data()
{
    QTest::addColumn<int>("known"); // of the LEIs asked, how many the fake has
    QTest::addColumn<int>("unknown");
    QTest::addColumn<int>("expectedRequests");
    QTest::addColumn<QString>("reason");
    // Page 1 settles the known ones; page 2 of "1000000" is empty and settles nothing.
    QTest::newRow("some unknown") << 3 << 2 << 2
                                  << QStringLiteral("page 2 of 1000000 held none of the LEIs asked for (paging stopped)");
    QTest::newRow("none known") << 0 << 3 << 1
                                << QStringLiteral("page 1 of 1000000 held none of the LEIs asked for (paging stopped)");
}

void GleifClientTest::endlessEmptyPagesEndTheBatch()
{
    QFETCH(int, known);
    QFETCH(int, unknown);
    QFETCH(int, expectedRequests);
    QFETCH(QString, reason);
    FakeGleif::Options options;
    options.endlessPages = true;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifClient client(fastSettings(fake.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(100000));
    const QStringList unknownLeis = synthetic(1000, unknown);
    const Run run = lookUp(client, sampleLeis.mid(0, known) + unknownLeis);
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), known);
    QCOMPARE(run.count(LookupOutcome::Failed), unknown); // not "not found": nobody said so
    for (const QString &lei : unknownLeis)
        QCOMPARE(run.byLei.value(lei).reason, reason);
    QCOMPARE(fake.stats().requests, expectedRequests);
}

void GleifClientTest::answerSizeIsCapped_data()
{
    QTest::addColumn<qint64>("bodyBytes");
    QTest::addColumn<bool>("declared");
    QTest::addColumn<bool>("refused");
    const qint64 mb = 1024 * 1024;
    // Refused as soon as Content-Length says so, or as soon as the bytes pass the cap.
    QTest::newRow("300 MB, Content-Length") << 300 * mb << true << true;
    QTest::newRow("300 MB, no Content-Length") << 300 * mb << false << true;
    QTest::newRow("just over the cap") << mb + 1 << false << true;
    // A body within the cap is read: it is valid JSON without records, so "not found".
    QTest::newRow("within the cap") << mb << true << false;
}

void GleifClientTest::answerSizeIsCapped()
{
    QFETCH(qint64, bodyBytes);
    QFETCH(bool, declared);
    QFETCH(bool, refused);
    FakeGleif::Options options;
    options.hugeBodyBytes = bodyBytes;
    options.hugeBodyDeclared = declared;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.maxAnswerBytes = 1024 * 1024;
    settings.timeout = seconds(60); // the cap, not the deadline, must end it
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(100000));
    const Run run = lookUp(client, sampleLeis);
    QVERIFY(run.finished);
    QCOMPARE(run.results.size(), sampleLeis.size());
    QCOMPARE(run.count(refused ? LookupOutcome::Failed : LookupOutcome::NotFound), sampleLeis.size());
    // One request: asking again, or for half the LEIs, brings the same body back.
    QCOMPARE(fake.stats().requests, 1);
    QCOMPARE(client.counters().retries, 0);
    if (refused) {
        QCOMPARE(run.results.first().reason, QStringLiteral("answer larger than 1 MB (refused)"));
        QCOMPARE(client.counters().bytesReceived, 0); // nothing of it kept
    }
}

void GleifClientTest::timeoutBoundsTheWholeRequest()
{
    // A byte every 50 ms is never silent for long, yet the few kilobytes of an answer would take
    // minutes: the timeout ends the request however busy the line is.
    FakeGleif::Options options;
    options.trickleMs = 50;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifSettings settings = fastSettings(fake.baseUrl());
    settings.timeout = seconds(1);
    settings.maxAttempts = 2;
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(100000));
    const Run run = lookUp(client, { sampleLeis.first() }, 60000);
    QVERIFY(run.finished);
    QCOMPARE(run.results.size(), 1);
    QCOMPARE(run.results.first().outcome, LookupOutcome::Failed);
    QCOMPARE(run.results.first().reason,
        QStringLiteral("timeout (no complete answer in 1 s) after 2 attempts"));
    QCOMPARE(fake.stats().requests, 2); // a timeout may be bad luck: retried
}

void GleifClientTest::redirectsStayWithinTheOrigin_data()
{
    QTest::addColumn<QString>("target"); // where the API's answer points
    QTest::addColumn<bool>("followed");
    QTest::newRow("same origin") << QStringLiteral("self") << true;
    QTest::newRow("another port") << QStringLiteral("127.0.0.1") << false;
    QTest::newRow("another host") << QStringLiteral("127.0.0.2") << false;
    QTest::newRow("another scheme") << QStringLiteral("https") << false;
}

void GleifClientTest::redirectsStayWithinTheOrigin()
{
    QFETCH(QString, target);
    QFETCH(bool, followed);
    FakeGleif api;
    QVERIFY(api.listen());
    FakeGleif elsewhere; // would answer, and its answers would be cached as GLEIF's
    QUrl origin;
    if (target == u"self") {
        // Once, to the same request at the same origin; the second request is answered.
        FakeGleif::Scripted redirect;
        redirect.status = 302;
        redirect.headers.append({ "Location", api.origin().toEncoded() + "/api/v1/lei-records?"
                + QUrlQuery({ { QStringLiteral("filter[lei]"), sampleLeis.join(u',') },
                                { QStringLiteral("page[size]"), QStringLiteral("7") } })
                      .toString(QUrl::FullyEncoded)
                      .toLatin1() });
        api.enqueue(redirect);
    } else if (target == u"https") {
        origin = api.origin();
        origin.setScheme(QStringLiteral("https"));
    } else {
        QVERIFY2(elsewhere.listen(0, QHostAddress(target)), qPrintable(elsewhere.errorString()));
        origin = elsewhere.origin();
    }
    FakeGleif::Options options = api.options();
    options.redirectTo = origin;
    api.setOptions(options);

    GleifClient client(fastSettings(api.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(100000));
    const Run run = lookUp(client, sampleLeis);
    QVERIFY(run.finished);
    QCOMPARE(run.results.size(), sampleLeis.size());
    if (followed) {
        QCOMPARE(run.count(LookupOutcome::Found), sampleLeis.size());
        QCOMPARE(api.stats().requests, 2);
        return;
    }
    QCOMPARE(run.count(LookupOutcome::Failed), sampleLeis.size());
    QCOMPARE(run.results.first().reason,
        QStringLiteral("redirected to %1, another origin (refused)").arg(origin.toDisplayString()));
    QCOMPARE(api.stats().requests, 1); // not retried, not split
    QCOMPARE(elsewhere.stats().requests, 0); // never asked
}

void GleifClientTest::redirectLoopIsRefused()
{
    FakeGleif api;
    QVERIFY(api.listen());
    FakeGleif::Options options;
    options.redirectTo = api.origin(); // to itself, for ever
    api.setOptions(options);
    GleifClient client(fastSettings(api.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(100000));
    const Run run = lookUp(client, sampleLeis.mid(0, 2));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Failed), 2);
    QCOMPARE(run.results.first().reason,
        QStringLiteral("more than %1 redirects (refused)").arg(GleifSettings::maxRedirects));
    QCOMPARE(api.stats().requests, 1 + GleifSettings::maxRedirects);
}

void GleifClientTest::followedRedirectTakesARateLimitSlot()
{
    // One request per window: the first request takes the only slot, so the redirect's
    // follow-up, a request GLEIF counts too, must wait for the next window instead of going
    // out at once (which doubled the rate against a server that redirects every lookup).
    FakeGleif api;
    QVERIFY(api.listen());
    FakeGleif::Scripted redirect;
    redirect.status = 302;
    redirect.headers.append({ "Location", api.origin().toEncoded() + "/api/v1/lei-records?"
            + QUrlQuery({ { QStringLiteral("filter[lei]"), sampleLeis.join(u',') },
                            { QStringLiteral("page[size]"), QStringLiteral("7") } })
                  .toString(QUrl::FullyEncoded)
                  .toLatin1() });
    api.enqueue(redirect);

    GleifSettings settings = fastSettings(api.baseUrl());
    settings.requestsPerMinute = 1;
    settings.window = seconds(2);
    settings.timeout = seconds(60); // the wait for the slot stays inside the request's deadline
    GleifClient client(settings);
    const auto limiter = std::make_shared<RateLimiter>();
    client.setRateLimiter(limiter);
    limiter->configure(settings.requestsPerMinute, settings.window);
    const Run run = lookUp(client, sampleLeis);
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), sampleLeis.size());
    QCOMPARE(api.stats().requests, 2);
    QVERIFY2(limiter->refusals() >= 1, "the follow-up request did not ask the rate limiter");
}

namespace {

struct ResourceRun
{
    QHash<QString, ResourceAnswer> byKey; // "LEI/resource"
    int answers = 0;
    bool finished = false;
};

ResourceRun collect(QSignalSpy &ready, QSignalSpy &finished, int timeoutMs = 20000)
{
    ResourceRun run;
    run.finished = finished.size() > 0 || finished.wait(timeoutMs);
    for (const QList<QVariant> &args : std::as_const(ready)) {
        for (const ResourceAnswer &a : args.at(0).value<QVector<ResourceAnswer>>()) {
            ++run.answers;
            run.byKey.insert(a.lei + u'/' + a.resource, a);
        }
    }
    return run;
}

} // namespace

void GleifClientTest::resourcesShareARunWithLookups()
{
    FakeGleif::Options options;
    options.syntheticEntities = 20;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifClient client(fastSettings(fake.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    QSignalSpy resources(&client, &GleifClient::resourcesReady);
    QSignalSpy finished(&client, &GleifClient::finished);
    const QString child = FakeGleif::syntheticLei(12);
    const QString excepted = FakeGleif::syntheticLei(14);
    client.fetchResources({ { child, QStringLiteral("direct-parent") },
        { child.toLower(), QStringLiteral("direct-parent") }, // the same, asked once
        { excepted, QStringLiteral("ultimate-parent-reporting-exception") } });
    const Run lookups = lookUp(client, synthetic(0, 5)); // same run, waits for finished()
    QVERIFY(lookups.finished);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(lookups.count(LookupOutcome::Found), 5);
    const ResourceRun run = collect(resources, finished);
    QCOMPARE(run.answers, 2);
    const ResourceAnswer parent = run.byKey.value(child + QStringLiteral("/direct-parent"));
    QVERIFY(parent.ok);
    QCOMPARE(parent.data.value(u"id").toString(), FakeGleif::syntheticLei(11));
    const ResourceAnswer exception
        = run.byKey.value(excepted + QStringLiteral("/ultimate-parent-reporting-exception"));
    QVERIFY(exception.ok);
    QCOMPARE(exception.data.value(u"attributes").toObject().value(u"reason").toString(),
        QStringLiteral("NON_CONSOLIDATING"));
    QCOMPARE(client.counters().requestsSent, 3);
    QCOMPARE(fake.stats().requests, 3);
    QCOMPARE(client.counters().found, 5); // LEIs only: resources are not lookups
}

void GleifClientTest::resourcesFailFastWhenUnreachable()
{
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    const quint16 port = closed.serverPort();
    closed.close();
    GleifSettings settings = fastSettings(QUrl(
        QStringLiteral("http://127.0.0.1:") + QString::number(port) + QStringLiteral("/api/v1")));
    settings.maxAttempts = 3;
    settings.concurrency = 1;
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    QSignalSpy resources(&client, &GleifClient::resourcesReady);
    QSignalSpy finished(&client, &GleifClient::finished);
    QVector<QPair<QString, QString>> asked;
    for (const QString &lei : synthetic(0, 10))
        asked.append({ lei, QStringLiteral("direct-parent") });
    client.fetchResources(asked);
    const ResourceRun run = collect(resources, finished);
    QVERIFY(run.finished);
    QCOMPARE(run.answers, 10);
    for (const ResourceAnswer &a : std::as_const(run.byKey)) {
        QVERIFY(!a.ok);
        QCOMPARE(a.reason, QStringLiteral("connection refused after 3 attempts"));
    }
    // The first request's three attempts are enough to know: the other nine are not sent.
    QCOMPARE(client.counters().requestsSent, 3);
}

void GleifClientTest::resourceRedirectedAwayIsRefused()
{
    FakeGleif::Options options;
    options.syntheticEntities = 20;
    options.redirectTo = QUrl(QStringLiteral("http://127.0.0.2:9"));
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    GleifClient client(fastSettings(fake.baseUrl()));
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    QSignalSpy resources(&client, &GleifClient::resourcesReady);
    QSignalSpy finished(&client, &GleifClient::finished);
    client.fetchResources({ { FakeGleif::syntheticLei(11), QStringLiteral("direct-parent") } });
    const ResourceRun run = collect(resources, finished);
    QVERIFY(run.finished);
    QCOMPARE(run.answers, 1);
    const ResourceAnswer a = run.byKey.cbegin().value();
    QVERIFY(!a.ok);
    QCOMPARE(a.reason, QStringLiteral("redirected to http://127.0.0.2:9, another origin (refused)"));
    QCOMPARE(fake.stats().requests, 1); // not followed, not retried
}

QTEST_GUILESS_MAIN(GleifClientTest)
#include "gleifclient_test.moc"
