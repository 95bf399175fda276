// bench-gleif: how fast the client turns distinct LEIs into answers against a local GLEIF that
// behaves like the real one (200 ms per request, 60 requests per rolling minute, 429 beyond).
// Each scenario gets a fresh fake-gleif process and a fresh rate limiter, like a fresh run of
// lei-enrich. Never talks to the real GLEIF.
#include "fakegleif.h"
#include "gleifclient.h"
#include "parentclient.h"
#include "ratelimiter.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <cstdio>

namespace {

struct FakeSettings
{
    QString program;
    bool inProcess = false;
    int latencyMs = 200;
    int rateLimit = 60;
    int windowMs = 60000;
    int entities = 0;
};

// The local GLEIF for one scenario: fake-gleif in its own process, so that its work is not
// counted against the client's, or (--in-process) a FakeGleif on a thread of its own, for
// machines where something else kills stray fake-gleif processes by name.
class FakeServer final
{
public:
    explicit FakeServer(const FakeSettings &s)
    {
        if (s.inProcess) {
            FakeGleif::Options options;
            options.latencyMs = s.latencyMs;
            options.rateLimit = s.rateLimit;
            options.windowMs = s.windowMs;
            options.syntheticEntities = s.entities;
            m_fake = new FakeGleif(options);
            m_fake->moveToThread(&m_thread);
            QObject::connect(&m_thread, &QThread::finished, m_fake, &QObject::deleteLater);
            m_thread.start();
            FakeGleif *fake = m_fake;
            QUrl url;
            QMetaObject::invokeMethod(
                m_fake,
                [fake, &url] {
                    if (fake->listen())
                        url = fake->baseUrl();
                },
                Qt::BlockingQueuedConnection);
            m_baseUrl = url;
            return;
        }
        m_process.setProgram(s.program);
        m_process.setArguments({ QStringLiteral("--latency"), QString::number(s.latencyMs),
            QStringLiteral("--rate-limit"), QString::number(s.rateLimit),
            QStringLiteral("--window"), QString::number(s.windowMs), QStringLiteral("--entities"),
            QString::number(s.entities) });
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
        if (!m_process.waitForStarted(5000))
            return;
        while (!m_process.canReadLine() && m_process.waitForReadyRead(5000)) { }
        m_baseUrl = QUrl(QString::fromLatin1(m_process.readLine().trimmed()));
    }
    ~FakeServer()
    {
        if (m_fake) {
            m_thread.quit();
            m_thread.wait();
            return;
        }
        if (m_process.state() != QProcess::Running)
            std::fprintf(stderr, "bench-gleif: fake-gleif had ended (exit %d, %s)\n",
                m_process.exitCode(),
                m_process.exitStatus() == QProcess::CrashExit ? "crashed" : "normal");
        m_process.terminate();
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(3000);
    }
    Q_DISABLE_COPY_MOVE(FakeServer)

    QUrl baseUrl() const { return m_baseUrl; }

    QJsonObject stats(QNetworkAccessManager &nam) const
    {
        QUrl url = m_baseUrl;
        url.setPath(QStringLiteral("/_fake/stats"));
        QNetworkReply *reply = nam.get(QNetworkRequest(url));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

private:
    QProcess m_process;
    QThread m_thread;
    FakeGleif *m_fake = nullptr;
    QUrl m_baseUrl;
};

QStringList distinctLeis(int count)
{
    QStringList leis;
    leis.reserve(count);
    for (int i = 0; i < count; ++i)
        leis.append(FakeGleif::syntheticLei(i));
    return leis;
}

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

void runClient(const FakeSettings &fakeSettings, int leiCount, const GleifSettings &base)
{
    FakeSettings fs = fakeSettings;
    fs.entities = leiCount;
    FakeServer fake(fs);
    if (fake.baseUrl().isEmpty()) {
        std::fprintf(
            stderr, "bench-gleif: fake-gleif did not start (%s)\n", qPrintable(fs.program));
        std::exit(3);
    }
    GleifSettings settings = base;
    settings.baseUrl = fake.baseUrl();
    GleifClient client(settings);
    client.setRateLimiter(
        std::make_shared<RateLimiter>(settings.requestsPerMinute, settings.window));

    QEventLoop loop;
    QObject::connect(&client, &GleifClient::finished, &loop, &QEventLoop::quit);
    QString firstFailure;
    QObject::connect(&client, &GleifClient::resultsReady, &loop,
        [&firstFailure](const QVector<LookupResult> &results) {
            for (const LookupResult &r : results) {
                if (r.outcome == LookupOutcome::Failed && firstFailure.isEmpty())
                    firstFailure = r.reason;
            }
        });
    QElapsedTimer clock;
    clock.start();
    client.lookup(distinctLeis(leiCount));
    loop.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;

    QNetworkAccessManager nam;
    const QJsonObject server = fake.stats(nam);
    const GleifCounters c = client.counters();
    out() << QStringLiteral("%1 | %2 | %3 | %4 | %5 | %6 | %7 | %8 | %9 | %10\n")
                 .arg(leiCount, 7)
                 .arg(settings.concurrency, 4)
                 .arg(c.requestsSent, 8)
                 .arg(server.value(u"tooManyRequests").toInt(), 5)
                 .arg(c.retries, 7)
                 .arg(c.found, 7)
                 .arg(c.failed + c.notFound, 6)
                 .arg(seconds, 8, 'f', 2)
                 .arg(seconds > 0 ? leiCount / seconds * 60.0 : 0.0, 10, 'f', 0)
                 .arg(server.value(u"maxInAnyWindow").toInt(), 6);
    if (leiCount == 10000) {
        // Issue 3's targets against this fake.
        const bool ok = c.requestsSent <= 50 && server.value(u"tooManyRequests").toInt() == 0
            && seconds <= 10.0 && c.found == leiCount;
        out() << "        10,000 target (<= 50 requests, no 429, <= 10 s, all found): "
              << (ok ? "met" : "MISSED") << "\n";
    }
    if (!firstFailure.isEmpty())
        out() << "        first failure: " << firstFailure << "\n";
    out().flush();
}

// The approach the product replaces: one single-record request per LEI, 10 at a time, no
// retries. Reported so the batched figures have something to be compared with.
void runNaive(const FakeSettings &fakeSettings, int leiCount)
{
    FakeSettings fs = fakeSettings;
    fs.entities = leiCount;
    FakeServer fake(fs);
    QNetworkAccessManager nam;
    const QStringList leis = distinctLeis(leiCount);
    int next = 0, inFlight = 0, ok = 0, refused = 0, other = 0;
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    std::function<void()> pump = [&] {
        while (inFlight < 10 && next < leis.size()) {
            QNetworkRequest request(
                QUrl(fake.baseUrl().toString() + QStringLiteral("/lei-records/") + leis[next++]));
            request.setRawHeader("Accept", "application/vnd.api+json");
            QNetworkReply *reply = nam.get(request);
            ++inFlight;
            QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply] {
                const int status
                    = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                (status == 200 ? ok : status == 429 ? refused : other)++;
                --inFlight;
                reply->deleteLater();
                pump();
                if (inFlight == 0 && next >= leis.size())
                    loop.quit();
            });
        }
    };
    pump();
    loop.exec();
    out() << QStringLiteral(
        "naive, one request per LEI, 10 concurrent: %1 LEIs, %2 answered, %3 refused "
        "with 429 (rows blanked), %4 other, %5 s\n")
                 .arg(leiCount)
                 .arg(ok)
                 .arg(refused)
                 .arg(other)
                 .arg(double(clock.elapsed()) / 1000.0, 0, 'f', 1);
}

// Issue 12's figure: parents online. The LEIs are looked up first (their records say which
// have parents or exceptions), then ParentClient asks what the records announce, through the
// same rate limiter, as a run of lei-enrich would.
void runParents(const FakeSettings &fakeSettings, int leiCount, const GleifSettings &base)
{
    FakeSettings fs = fakeSettings;
    fs.entities = leiCount;
    FakeServer fake(fs);
    if (fake.baseUrl().isEmpty()) {
        std::fprintf(stderr, "bench-gleif: fake-gleif did not start (%s)\n", qPrintable(fs.program));
        std::exit(3);
    }
    GleifSettings settings = base;
    settings.baseUrl = fake.baseUrl();
    const auto limiter = std::make_shared<RateLimiter>(settings.requestsPerMinute, settings.window);
    GleifClient lookups(settings);
    lookups.setRateLimiter(limiter);
    QVector<GleifRecord> records;
    QEventLoop loop;
    QObject::connect(&lookups, &GleifClient::finished, &loop, &QEventLoop::quit);
    QObject::connect(&lookups, &GleifClient::resultsReady, &loop,
        [&records](const QVector<LookupResult> &results) {
            for (const LookupResult &r : results) {
                if (r.outcome == LookupOutcome::Found)
                    records.append(r.record);
            }
        });
    lookups.lookup(distinctLeis(leiCount));
    loop.exec();

    int withParents = 0, withExceptions = 0;
    for (const GleifRecord &r : std::as_const(records)) {
        withParents += r.directParent == GleifRecord::ParentLink::Reported
            || r.ultimateParent == GleifRecord::ParentLink::Reported;
        withExceptions += r.directParent == GleifRecord::ParentLink::Exception
            || r.ultimateParent == GleifRecord::ParentLink::Exception;
    }
    const ParentCost estimate = ParentClient::estimate(records, settings);

    ParentClient parents(settings);
    parents.client()->setRateLimiter(limiter);
    int results = 0, failed = 0, parentsFound = 0, exceptionsFound = 0;
    QString firstFailure;
    QObject::connect(&parents, &ParentClient::finished, &loop, &QEventLoop::quit);
    QObject::connect(&parents, &ParentClient::resultsReady, &loop, [&](const QVector<ParentResult> &rs) {
        for (const ParentResult &r : rs) {
            ++results;
            parentsFound += !r.direct.lei.isEmpty() || !r.ultimate.lei.isEmpty();
            exceptionsFound += !r.direct.exception.isEmpty() || !r.ultimate.exception.isEmpty();
            if (!r.failure.isEmpty() && failed++ == 0)
                firstFailure = r.failure;
        }
    });
    const int refusalsBefore = limiter->refusals();
    QElapsedTimer clock;
    clock.start();
    parents.lookup(records);
    loop.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    // The same run at GLEIF's real window: time scales with the window when it, not latency,
    // is the bound (as here: the window's requests take far less than the window).
    const double realMinutes = seconds * (60000.0 / double(settings.window.count())) / 60.0;

    QNetworkAccessManager nam;
    const QJsonObject server = fake.stats(nam);
    const GleifCounters c = parents.client()->counters();
    out() << QStringLiteral("parents online: %1 LEIs looked up with %2 requests; %3 found, %4 with "
                            "a parent, %5 with an exception\n")
                 .arg(leiCount)
                 .arg(lookups.counters().requestsSent)
                 .arg(records.size())
                 .arg(withParents)
                 .arg(withExceptions);
    GleifSettings realWindow = settings;
    realWindow.window = std::chrono::seconds(60);
    out() << QStringLiteral("  estimate: %1 requests, %2 min here (%3 per %4 s), %5 min at %3 per 60 s\n")
                 .arg(estimate.requests)
                 .arg(estimate.minutes, 0, 'f', 1)
                 .arg(settings.requestsPerMinute)
                 .arg(double(settings.window.count()) / 1000.0, 0, 'g', 3)
                 .arg(ParentClient::estimate(records, realWindow).minutes, 0, 'f', 1);
    out() << QStringLiteral("  parent requests sent %1 (retries %2), 429s at the fake %3 (whole "
                            "run), limiter waits %4, busiest window %5\n")
                 .arg(c.requestsSent)
                 .arg(c.retries)
                 .arg(server.value(u"tooManyRequests").toInt())
                 .arg(limiter->refusals() - refusalsBefore)
                 .arg(server.value(u"maxInAnyWindow").toInt());
    out() << QStringLiteral("  results %1: %2 with a parent, %3 with an exception, %4 failed; "
                            "%5 s here = %6 min at a 60 s window\n")
                 .arg(results)
                 .arg(parentsFound)
                 .arg(exceptionsFound)
                 .arg(failed)
                 .arg(seconds, 0, 'f', 1)
                 .arg(realMinutes, 0, 'f', 1);
    if (!firstFailure.isEmpty())
        out() << "  first failure: " << firstFailure << "\n";
    out().flush();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Resolves N distinct LEIs with the GLEIF client against fake-gleif (200 ms latency, "
        "60 requests per rolling minute by default) and prints requests, 429s, seconds and "
        "LEIs per minute. Each row uses a fresh fake and a fresh rate limiter."));
    parser.addHelpOption();
    const QCommandLineOption sizes(QStringLiteral("sizes"),
        QStringLiteral("Comma-separated LEI counts (default 1000,10000)."), QStringLiteral("LIST"),
        QStringLiteral("1000,10000"));
    const QCommandLineOption with50k(QStringLiteral("with-50k"),
        QStringLiteral("Also 50,000 LEIs (takes about four minutes: "
                       "bound by the rate limit)."));
    const QCommandLineOption concurrency(QStringLiteral("concurrency"),
        QStringLiteral("Comma-separated client concurrency values to "
                       "try (default: the client's default)."),
        QStringLiteral("LIST"));
    const QCommandLineOption batchSize(QStringLiteral("batch-size"),
        QStringLiteral("LEIs per request (default 200)."), QStringLiteral("N"),
        QStringLiteral("200"));
    const QCommandLineOption latency(QStringLiteral("latency"),
        QStringLiteral("fake-gleif latency (default 200)."), QStringLiteral("MS"),
        QStringLiteral("200"));
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit"),
        QStringLiteral("Requests per minute, both sides (default 60)."), QStringLiteral("N"),
        QStringLiteral("60"));
    const QCommandLineOption naive(QStringLiteral("naive"),
        QStringLiteral("Also run the one-request-per-LEI, 10-concurrent "
                       "approach on N LEIs, for comparison."),
        QStringLiteral("N"));
    const QCommandLineOption fakeProgram(QStringLiteral("fake"),
        QStringLiteral("The fake-gleif program to start."), QStringLiteral("PATH"),
        QStringLiteral(FAKE_GLEIF_PATH));
    const QCommandLineOption inProcess(QStringLiteral("in-process"),
        QStringLiteral("Run the local GLEIF on a thread of this process instead of starting "
                       "fake-gleif."));
    const QCommandLineOption window(QStringLiteral("window"),
        QStringLiteral("Rate-limit window, both sides (default 60000; shorter to run "
                       "rate-bound scenarios faster, with a latency as much shorter)."),
        QStringLiteral("MS"), QStringLiteral("60000"));
    const QCommandLineOption parentsOnline(QStringLiteral("parents"),
        QStringLiteral("Instead of the lookup table: look up N LEIs, then their parents online "
                       "(3 in 10 synthetic entities have parents, 4 in 10 an exception)."),
        QStringLiteral("N"));
    parser.addOptions({ sizes, with50k, concurrency, batchSize, latency, rateLimit, naive,
        fakeProgram, inProcess, window, parentsOnline });
    parser.process(app);

    FakeSettings fake;
    fake.program = parser.value(fakeProgram);
    fake.inProcess = parser.isSet(inProcess);
    fake.latencyMs = parser.value(latency).toInt();
    fake.rateLimit = parser.value(rateLimit).toInt();
    fake.windowMs = std::max(1, parser.value(window).toInt());

    GleifSettings settings;
    settings.batchSize = parser.value(batchSize).toInt();
    settings.requestsPerMinute = fake.rateLimit;
    settings.window = std::chrono::milliseconds(fake.windowMs);
    if (parser.isSet(parentsOnline)) {
        out() << (fake.inProcess ? "in-process fake" : "fake-gleif") << ": " << fake.latencyMs
              << " ms latency, " << fake.rateLimit << " requests per " << fake.windowMs
              << " ms window\n";
        runParents(fake, parser.value(parentsOnline).toInt(), settings);
        return 0;
    }

    QList<int> counts;
    for (const QString &s : parser.value(sizes).split(u',', Qt::SkipEmptyParts))
        counts.append(s.toInt());
    if (parser.isSet(with50k))
        counts.append(50000);
    QList<int> concurrencies;
    for (const QString &s : parser.value(concurrency).split(u',', Qt::SkipEmptyParts))
        concurrencies.append(s.toInt());
    if (concurrencies.isEmpty())
        concurrencies.append(settings.concurrency);

    out() << (fake.inProcess ? "in-process fake" : "fake-gleif") << ": " << fake.latencyMs
          << " ms latency, " << fake.rateLimit << " requests per rolling minute; client batch size "
          << settings.batchSize << "\n";
    out() << "   LEIs | conc | requests |  429s | retries |   found | other |  seconds |  LEIs/min "
             "| max/60s\n";
    out().flush();
    for (int count : std::as_const(counts)) {
        for (int c : std::as_const(concurrencies)) {
            settings.concurrency = c;
            runClient(fake, count, settings);
        }
    }
    if (parser.isSet(naive))
        runNaive(fake, parser.value(naive).toInt());
    return 0;
}
