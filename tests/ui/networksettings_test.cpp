// The desktop side of issue 11, item 12: the CA bundle setting (refused with the reason when the
// file holds no certificate) and the dialog that answers a proxy asking for a password, whose
// answer is used and kept for the session only.
#include "appsettings.h"
#include "fakegleif.h"
#include "gleifclient.h"
#include "networkconfig.h"
#include "proxyauthdialog.h"
#include "ratelimiter.h"
#include "settingsdialog.h"
#include "testfiles.h"
#include "testproxy.h"
#include "tlsfront.h"

#include <QApplication>
#include <QLineEdit>
#include <QNetworkProxy>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString user = QStringLiteral("analyst");
const QString password = QStringLiteral("s3cret!");

ProxyAuthDialog *openDialog()
{
    for (QWidget *w : QApplication::topLevelWidgets()) {
        if (auto *d = qobject_cast<ProxyAuthDialog *>(w); d && d->isVisible())
            return d;
    }
    return nullptr;
}

} // namespace

class NetworkSettingsTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void caBundleSetting_data();
    void caBundleSetting();
    void proxyDialogAnswerIsUsed_data();
    void proxyDialogAnswerIsUsed();

private:
    QTemporaryDir m_dir;
};

void NetworkSettingsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("LEI Enricher Tests"));
    QApplication::setApplicationName(QStringLiteral("networksettings_test"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void NetworkSettingsTest::init()
{
    NetworkConfig::forgetProxyCredentials();
}

void NetworkSettingsTest::caBundleSetting_data()
{
    QTest::addColumn<QString>("file"); // in m_dir
    QTest::addColumn<QString>("reason"); // empty: accepted
    QTest::newRow("the test CA") << QString() << QString();
    QTest::newRow("no certificate in it") << QStringLiteral("notes.pem") << QStringLiteral("holds no PEM certificate");
    QTest::newRow("missing") << QStringLiteral("missing.pem") << QStringLiteral("cannot read the CA bundle");
}

void NetworkSettingsTest::caBundleSetting()
{
    QFETCH(QString, file);
    QFETCH(QString, reason);
    writeTestFile(m_dir.path(), QStringLiteral("notes.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
    const QString path = file.isEmpty() ? TlsFront::caPath() : m_dir.filePath(file);
    SettingsDialog dialog(AppSettings {});
    dialog.show();
    auto *edit = dialog.findChild<QLineEdit *>(QStringLiteral("caBundle"));
    QVERIFY(edit);
    edit->setText(path);
    dialog.accept();
    if (!reason.isEmpty()) {
        QCOMPARE(dialog.result(), int(QDialog::Rejected)); // still open, saying why
        QVERIFY2(dialog.problemText().contains(QStringLiteral("The CA bundle cannot be used: %1: ").arg(path)),
            qPrintable(dialog.problemText()));
        QVERIFY2(dialog.problemText().contains(reason), qPrintable(dialog.problemText()));
        return;
    }
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(dialog.settings().enrichment.gleif.caBundlePath, path);
    QSettings stored;
    dialog.settings().save(stored);
    QCOMPARE(AppSettings::load(stored).enrichment.gleif.caBundlePath, path);
}

void NetworkSettingsTest::proxyDialogAnswerIsUsed_data()
{
    QTest::addColumn<QString>("typed"); // the password typed; empty: Cancel
    QTest::addColumn<bool>("found");
    QTest::newRow("right password") << password << true;
    QTest::newRow("wrong password: asked once") << QStringLiteral("guess") << false;
    QTest::newRow("cancelled") << QString() << false;
}

void NetworkSettingsTest::proxyDialogAnswerIsUsed()
{
    QFETCH(QString, typed);
    QFETCH(bool, found);
    FakeGleif::Options options;
    options.syntheticEntities = 20;
    FakeGleif fake(options);
    QVERIFY(fake.listen());
    TlsFront tls(fake.port());
    QVERIFY(tls.listen());
    TestProxy proxy;
    QVERIFY(proxy.listen());
    proxy.requireCredentials(user, password);

    QWidget window;
    window.show();
    ProxyAuthDialog::installPrompt(&window);

    GleifSettings s;
    s.baseUrl = tls.baseUrl();
    s.caBundlePath = TlsFront::caPath();
    s.proxy = QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), proxy.port());
    s.batchSize = 2;
    s.concurrency = 4;
    s.backoffBase = std::chrono::milliseconds(20);
    QStringList leis;
    for (int i = 0; i < 8; ++i)
        leis << FakeGleif::syntheticLei(i);

    int dialogs = 0;
    auto runOnce = [&](bool answerDialogs) {
        GleifClient client(s);
        client.setRateLimiter(std::make_shared<RateLimiter>(1000));
        QSignalSpy ready(&client, &GleifClient::resultsReady);
        QSignalSpy finished(&client, &GleifClient::finished);
        // Answers each dialog as it appears, as a user would.
        QTimer answerer;
        QObject::connect(&answerer, &QTimer::timeout, [&] {
            ProxyAuthDialog *d = openDialog();
            if (!d || !answerDialogs)
                return;
            ++dialogs;
            QVERIFY(d->isModal());
            if (typed.isEmpty()) {
                d->reject();
                return;
            }
            d->findChild<QLineEdit *>(QStringLiteral("proxyUser"))->setText(user);
            d->findChild<QLineEdit *>(QStringLiteral("proxyPassword"))->setText(typed);
            d->accept();
        });
        answerer.start(20);
        client.lookup(leis);
        const bool done = finished.wait(30000);
        QVector<LookupResult> results;
        for (const QList<QVariant> &args : std::as_const(ready))
            results += args.at(0).value<QVector<LookupResult>>();
        return std::make_pair(done, results);
    };

    auto [done, results] = runOnce(true);
    QVERIFY(done);
    QCOMPARE(results.size(), leis.size());
    QCOMPARE(dialogs, 1); // four connections asked at once: one dialog
    for (const LookupResult &r : std::as_const(results)) {
        if (found)
            QCOMPARE(r.outcome, LookupOutcome::Found);
        else
            QCOMPARE(r.reason, QStringLiteral("proxy authentication required"));
    }
    if (!found)
        return;
    // Remembered for the session: the next run asks nobody, and the settings hold no password.
    std::tie(done, results) = runOnce(false);
    QVERIFY(done);
    QCOMPARE(results.size(), leis.size());
    QCOMPARE(dialogs, 1);
    QSettings stored;
    for (const QString &key : stored.allKeys())
        QVERIFY2(!stored.value(key).toString().contains(password), qPrintable(key));
}

QTEST_MAIN(NetworkSettingsTest)
#include "networksettings_test.moc"
