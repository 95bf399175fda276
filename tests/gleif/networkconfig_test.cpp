// How the client reaches GLEIF (issue 11, items 11 and 12): a CA bundle for TLS inspection, a
// proxy (plain and CONNECT) that may ask for credentials, and TLS failures that end a lookup at
// once with the reason. Loopback only: FakeGleif behind a TlsFront and a TestProxy.
#include "fakegleif.h"
#include "gleifclient.h"
#include "networkconfig.h"
#include "ratelimiter.h"
#include "testproxy.h"
#include "tlsfront.h"

#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace std::chrono;

namespace {

const QString user = QStringLiteral("analyst");
const QString password = QStringLiteral("p@ss:word");

QStringList synthetic(int count)
{
    QStringList leis;
    for (int i = 0; i < count; ++i)
        leis.append(FakeGleif::syntheticLei(i));
    return leis;
}

GleifSettings settingsFor(const QUrl &baseUrl)
{
    GleifSettings s;
    s.baseUrl = baseUrl;
    s.requestsPerMinute = 1000;
    s.timeout = seconds(10);
    s.backoffBase = milliseconds(20);
    s.backoffMax = milliseconds(100);
    s.proxy = QNetworkProxy(QNetworkProxy::NoProxy); // whatever the machine's environment says
    return s;
}

QNetworkProxy proxyAt(const TestProxy &proxy, const QString &u = {}, const QString &p = {})
{
    return QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.port(), u, p);
}

struct Run
{
    QHash<QString, LookupResult> byLei;
    GleifCounters counters;
    bool finished = false;

    int count(LookupOutcome outcome) const
    {
        int n = 0;
        for (const LookupResult &r : byLei)
            n += r.outcome == outcome ? 1 : 0;
        return n;
    }
};

Run lookUp(const GleifSettings &settings, const QStringList &leis)
{
    GleifClient client(settings);
    client.setRateLimiter(std::make_shared<RateLimiter>(1000));
    QSignalSpy ready(&client, &GleifClient::resultsReady);
    QSignalSpy finished(&client, &GleifClient::finished);
    client.lookup(leis);
    Run run;
    run.finished = finished.wait(30000);
    for (const QList<QVariant> &args : std::as_const(ready)) {
        for (const LookupResult &r : args.at(0).value<QVector<LookupResult>>())
            run.byLei.insert(r.lei, r);
    }
    run.counters = client.counters();
    return run;
}

} // namespace

class NetworkConfigTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void tlsFailureFailsAtOnce_data();
    void tlsFailureFailsAtOnce();
    void caBundleMakesServerTrusted();
    void caBundleAddsToSystemCas();
    void badCaBundle_data();
    void badCaBundle();
    void throughProxy_data();
    void throughProxy();
    void proxyCredentialsFromProxy_data();
    void proxyCredentialsFromProxy();
    void promptAnswerIsUsedAndRemembered();
    void wrongPromptAnswerAsksOnce_data();
    void wrongPromptAnswerAsksOnce();
    void systemProxyFromEnvironment_data();
    void systemProxyFromEnvironment();

private:
    FakeGleif::Options fakeOptions() const
    {
        FakeGleif::Options o;
        o.syntheticEntities = 50;
        return o;
    }
};

void NetworkConfigTest::init()
{
    NetworkConfig::setProxyCredentialsPrompt({});
    NetworkConfig::forgetProxyCredentials();
}

void NetworkConfigTest::tlsFailureFailsAtOnce_data()
{
    QTest::addColumn<int>("batchSize");
    QTest::addColumn<int>("leis");
    QTest::newRow("one batch") << 200 << 3;
    // Later batches are not sent: every one would meet the same certificate.
    QTest::newRow("one LEI per batch, one at a time") << 1 << 3;
}

void NetworkConfigTest::tlsFailureFailsAtOnce()
{
    QFETCH(int, batchSize);
    QFETCH(int, leis);
    FakeGleif fake(fakeOptions());
    QVERIFY(fake.listen());
    TlsFront tls(fake.port());
    QVERIFY2(tls.listen(), qPrintable(tls.errorString()));

    GleifSettings s = settingsFor(tls.baseUrl()); // no bundle: the test CA is unknown
    s.batchSize = batchSize;
    s.concurrency = 1;
    s.maxAttempts = 5;
    const Run run = lookUp(s, synthetic(leis));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Failed), leis);
    for (const LookupResult &r : run.byLei) {
        QVERIFY2(r.reason.startsWith(u"TLS: "), qPrintable(r.reason));
        QVERIFY2(r.reason.contains(u"issuer certificate"), qPrintable(r.reason));
        QVERIFY2(!r.reason.contains(u"attempt"), qPrintable(r.reason));
    }
    QCOMPARE(run.counters.requestsSent, 1);
    QCOMPARE(run.counters.retries, 0);
    QCOMPARE(tls.handshakesStarted(), 1);
    QCOMPARE(fake.stats().requests, 0);
}

void NetworkConfigTest::caBundleMakesServerTrusted()
{
    FakeGleif fake(fakeOptions());
    QVERIFY(fake.listen());
    TlsFront tls(fake.port());
    QVERIFY(tls.listen());

    GleifSettings s = settingsFor(tls.baseUrl());
    s.caBundlePath = TlsFront::caPath();
    const Run run = lookUp(s, synthetic(5));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), 5);
    QVERIFY(tls.handshakesCompleted() >= 1);
}

void NetworkConfigTest::caBundleAddsToSystemCas()
{
    GleifSettings s;
    s.caBundlePath = TlsFront::caPath();
    QNetworkAccessManager nam;
    const NetworkConfig::Setup setup = NetworkConfig::setUp(&nam, s);
    QVERIFY(setup.error.isEmpty());
    const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
    QVERIFY2(!system.isEmpty(), "the machine has no system CAs (ca-certificates)");
    QCOMPARE(setup.tls.caCertificates().size(), system.size() + 1);
    QVERIFY(setup.tls.caCertificates().contains(NetworkConfig::loadCaBundle(s.caBundlePath).certificates.value(0)));
}

void NetworkConfigTest::badCaBundle_data()
{
    QTest::addColumn<QByteArray>("content"); // "-" for no file at all
    QTest::addColumn<bool>("unreadable");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << QByteArray("-") << true << QStringLiteral("cannot read the CA bundle");
    QTest::newRow("no certificate") << QByteArray("just some text\n") << false
                                    << QStringLiteral("holds no PEM certificate");
    QTest::newRow("a key, not a certificate") << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
                                              << false << QStringLiteral("holds no PEM certificate");
}

void NetworkConfigTest::badCaBundle()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, unreadable);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bundle.pem"));
    if (content != "-") {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const NetworkConfig::CaBundle bundle = NetworkConfig::loadCaBundle(path);
    QVERIFY(bundle.certificates.isEmpty());
    QCOMPARE(bundle.unreadable, unreadable);
    QVERIFY2(bundle.error.startsWith(path + u':'), qPrintable(bundle.error));
    QVERIFY2(bundle.error.contains(message), qPrintable(bundle.error));

    // A client given it sends nothing: every LEI fails with the reason.
    FakeGleif fake(fakeOptions());
    QVERIFY(fake.listen());
    TlsFront tls(fake.port());
    QVERIFY(tls.listen());
    GleifSettings s = settingsFor(tls.baseUrl());
    s.caBundlePath = path;
    const Run run = lookUp(s, synthetic(3));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Failed), 3);
    QCOMPARE(run.byLei.value(FakeGleif::syntheticLei(0)).reason, bundle.error);
    QCOMPARE(run.counters.requestsSent, 0);
    QCOMPARE(tls.handshakesStarted(), 0);
}

void NetworkConfigTest::throughProxy_data()
{
    QTest::addColumn<bool>("https");
    QTest::newRow("http, forwarded") << false;
    QTest::newRow("https, CONNECT tunnel") << true;
}

void NetworkConfigTest::throughProxy()
{
    QFETCH(bool, https);
    FakeGleif fake(fakeOptions());
    QVERIFY(fake.listen());
    TlsFront tls(fake.port());
    QVERIFY(tls.listen());
    TestProxy proxy;
    QVERIFY(proxy.listen());

    GleifSettings s = settingsFor(https ? tls.baseUrl() : fake.baseUrl());
    s.caBundlePath = TlsFront::caPath();
    s.proxy = proxyAt(proxy);
    const Run run = lookUp(s, synthetic(5));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), 5);
    if (https) {
        QVERIFY(proxy.tunnels() >= 1);
        QCOMPARE(proxy.forwarded(), 0);
        QVERIFY(proxy.targets().contains(QByteArray("127.0.0.1:") + QByteArray::number(tls.port())));
    } else {
        QCOMPARE(proxy.forwarded(), run.counters.requestsSent);
        QCOMPARE(proxy.tunnels(), 0);
    }
}

void NetworkConfigTest::proxyCredentialsFromProxy_data()
{
    QTest::addColumn<bool>("https");
    QTest::addColumn<QString>("givenPassword");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("http, right") << false << password << true;
    QTest::newRow("https, right") << true << password << true;
    QTest::newRow("http, wrong") << false << QStringLiteral("guess") << false;
    QTest::newRow("https, wrong") << true << QStringLiteral("guess") << false;
    QTest::newRow("https, none") << true << QString() << false;
}

// The command line's way: credentials taken from the proxy URL end up in the QNetworkProxy.
void NetworkConfigTest::proxyCredentialsFromProxy()
{
    QFETCH(bool, https);
    QFETCH(QString, givenPassword);
    QFETCH(bool, accepted);
    FakeGleif fake(fakeOptions());
    QVERIFY(fake.listen());
    TlsFront tls(fake.port());
    QVERIFY(tls.listen());
    TestProxy proxy;
    QVERIFY(proxy.listen());
    proxy.requireCredentials(user, password);

    GleifSettings s = settingsFor(https ? tls.baseUrl() : fake.baseUrl());
    s.caBundlePath = TlsFront::caPath();
    s.proxy = proxyAt(proxy, givenPassword.isEmpty() ? QString() : user, givenPassword);
    s.batchSize = 1;
    s.concurrency = 1;
    const Run run = lookUp(s, synthetic(3));
    QVERIFY(run.finished);
    if (accepted) {
        QCOMPARE(run.count(LookupOutcome::Found), 3);
        return;
    }
    QCOMPARE(run.count(LookupOutcome::Failed), 3);
    for (const LookupResult &r : run.byLei)
        QCOMPARE(r.reason, QStringLiteral("proxy authentication required"));
    QCOMPARE(run.counters.requestsSent, 1); // neither retried nor tried for the next batches
    QCOMPARE(fake.stats().requests, 0);
}

void NetworkConfigTest::promptAnswerIsUsedAndRemembered()
{
    FakeGleif fake(fakeOptions());
    QVERIFY(fake.listen());
    TlsFront tls(fake.port());
    QVERIFY(tls.listen());
    TestProxy proxy;
    QVERIFY(proxy.listen());
    proxy.requireCredentials(user, password);

    int asked = 0;
    NetworkConfig::setProxyCredentialsPrompt([&](const QNetworkProxy &p, auto answer) {
        ++asked;
        QCOMPARE(p.port(), proxy.port());
        // Answered later, from the event loop, as a dialog would.
        QTimer::singleShot(10, [answer] { answer(NetworkConfig::ProxyCredentials { user, password }); });
    });

    GleifSettings s = settingsFor(tls.baseUrl());
    s.caBundlePath = TlsFront::caPath();
    s.proxy = proxyAt(proxy);
    s.batchSize = 2;
    s.concurrency = 4; // several connections ask at once: one question for all
    Run run = lookUp(s, synthetic(12));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), 12);
    QCOMPARE(asked, 1);

    // A later run (a new client) uses what the user said, without asking again.
    run = lookUp(s, synthetic(12).mid(6));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Found), 6);
    QCOMPARE(asked, 1);
}

void NetworkConfigTest::wrongPromptAnswerAsksOnce_data()
{
    QTest::addColumn<bool>("declined");
    QTest::newRow("wrong password") << false;
    QTest::newRow("declined") << true;
}

void NetworkConfigTest::wrongPromptAnswerAsksOnce()
{
    QFETCH(bool, declined);
    FakeGleif fake(fakeOptions());
    QVERIFY(fake.listen());
    TlsFront tls(fake.port());
    QVERIFY(tls.listen());
    TestProxy proxy;
    QVERIFY(proxy.listen());
    proxy.requireCredentials(user, password);

    int asked = 0;
    NetworkConfig::setProxyCredentialsPrompt([&](const QNetworkProxy &, auto answer) {
        ++asked;
        if (declined)
            answer(std::nullopt);
        else
            answer(NetworkConfig::ProxyCredentials { user, QStringLiteral("guess") });
    });
    GleifSettings s = settingsFor(tls.baseUrl());
    s.caBundlePath = TlsFront::caPath();
    s.proxy = proxyAt(proxy);
    s.batchSize = 1;
    s.concurrency = 1;
    const Run run = lookUp(s, synthetic(3));
    QVERIFY(run.finished);
    QCOMPARE(run.count(LookupOutcome::Failed), 3);
    QCOMPARE(run.byLei.value(FakeGleif::syntheticLei(0)).reason, QStringLiteral("proxy authentication required"));
    QCOMPARE(asked, 1);
    QCOMPARE(run.counters.requestsSent, 1);
}

void NetworkConfigTest::systemProxyFromEnvironment_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected"); // host:port user password, or "none"
    QTest::newRow("https_proxy, credentials percent-decoded") << QStringLiteral("https://api.gleif.org/api/v1")
                                                              << QStringLiteral("secure.test:3128 ana lyst p@ss:word");
    QTest::newRow("http_proxy for http") << QStringLiteral("http://api.gleif.org/api/v1") << QStringLiteral("plain.test:8080  ");
    QTest::newRow("no_proxy, a domain") << QStringLiteral("https://goldencopy.internal.test/x") << QStringLiteral("none");
    QTest::newRow("no_proxy, a host") << QStringLiteral("https://direct.test/x") << QStringLiteral("none");
}

// What the command line relies on, NetworkConfig parsing nothing itself: Qt 6.4's system proxy
// (libproxy on Linux) reads https_proxy / http_proxy / no_proxy, credentials included.
void NetworkConfigTest::systemProxyFromEnvironment()
{
    QFETCH(QString, url);
    QFETCH(QString, expected);
    const QByteArray names[] = { "https_proxy", "http_proxy", "no_proxy", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY", "all_proxy", "ALL_PROXY" };
    QHash<QByteArray, QByteArray> saved;
    for (const QByteArray &name : names) {
        if (qEnvironmentVariableIsSet(name.constData()))
            saved.insert(name, qgetenv(name.constData()));
        qunsetenv(name.constData());
    }
    qputenv("https_proxy", "http://ana%20lyst:p%40ss%3Aword@secure.test:3128");
    qputenv("http_proxy", "http://plain.test:8080");
    qputenv("no_proxy", ".internal.test,direct.test");

    QNetworkAccessManager nam;
    NetworkConfig::setUp(&nam, GleifSettings()); // the default: the system's proxy
    const QNetworkProxy proxy = QNetworkProxyFactory::proxyForQuery(QNetworkProxyQuery(QUrl(url))).value(0);
    for (const QByteArray &name : names) {
        qunsetenv(name.constData());
        if (saved.contains(name))
            qputenv(name.constData(), saved.value(name));
    }
    QCOMPARE(nam.proxy().type(), QNetworkProxy::DefaultProxy);
    QCOMPARE(proxy.type() == QNetworkProxy::NoProxy ? QStringLiteral("none")
                                                    : QStringLiteral("%1:%2 %3 %4").arg(proxy.hostName(), QString::number(proxy.port()), proxy.user(), proxy.password()),
        expected);
}

QTEST_GUILESS_MAIN(NetworkConfigTest)
#include "networkconfig_test.moc"
