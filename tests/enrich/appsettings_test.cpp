#include "appsettings.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

// What QSettings holds is read back only when it can be used: a stored 0 or garbage (which
// QVariant reads as 0) must never reach the GLEIF client, where a timeout of 0 means none.
class AppSettingsTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void storedNumbers_data();
    void storedNumbers();
    void cacheFileThatIsNotSqliteIsAProblem();
};

void AppSettingsTest::storedNumbers_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QVariant>("stored");
    QTest::addColumn<qint64>("expected");
    QTest::addColumn<bool>("ignored");
    const QString timeout = QStringLiteral("gleif/timeoutSeconds");
    QTest::newRow("timeout 45") << timeout << QVariant(45) << qint64(45) << false;
    QTest::newRow("timeout as text") << timeout << QVariant(QStringLiteral(" 12 ")) << qint64(12) << false;
    QTest::newRow("timeout 0") << timeout << QVariant(0) << qint64(30) << true;
    QTest::newRow("timeout garbage") << timeout << QVariant(QStringLiteral("soon")) << qint64(30) << true;
    QTest::newRow("timeout empty") << timeout << QVariant(QString()) << qint64(30) << true;
    QTest::newRow("timeout negative") << timeout << QVariant(-5) << qint64(30) << true;
    QTest::newRow("timeout fraction") << timeout << QVariant(QStringLiteral("2.5")) << qint64(30) << true;
    QTest::newRow("timeout over an hour") << timeout << QVariant(86400) << qint64(30) << true;
    QTest::newRow("requests per minute 0") << QStringLiteral("gleif/requestsPerMinute") << QVariant(0) << qint64(60) << true;
    QTest::newRow("requests per minute 30") << QStringLiteral("gleif/requestsPerMinute") << QVariant(30) << qint64(30) << false;
    QTest::newRow("batch size 500") << QStringLiteral("gleif/batchSize") << QVariant(500) << qint64(200) << true;
    QTest::newRow("batch size x") << QStringLiteral("gleif/batchSize") << QVariant(QStringLiteral("x")) << qint64(200) << true;
    QTest::newRow("concurrency 0") << QStringLiteral("gleif/concurrency") << QVariant(0) << qint64(4) << true;
    QTest::newRow("concurrency 8") << QStringLiteral("gleif/concurrency") << QVariant(8) << qint64(8) << false;
}

void AppSettingsTest::storedNumbers()
{
    QFETCH(QString, key);
    QFETCH(QVariant, stored);
    QFETCH(qint64, expected);
    QFETCH(bool, ignored);
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    settings.setValue(key, stored);
    settings.sync();
    QSettings reread(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat); // as the next start reads it
    const AppSettings s = AppSettings::load(reread);
    const GleifSettings &g = s.enrichment.gleif;
    const qint64 actual = key.endsWith(u"timeoutSeconds") ? qint64(std::chrono::duration_cast<std::chrono::seconds>(g.timeout).count())
        : key.endsWith(u"requestsPerMinute")             ? qint64(g.requestsPerMinute)
        : key.endsWith(u"batchSize")                     ? qint64(g.batchSize)
                                                         : qint64(g.concurrency);
    QCOMPARE(actual, expected);
    QVERIFY(g.timeout >= std::chrono::seconds(1));
    QCOMPARE(!s.ignored.isEmpty(), ignored);
    if (ignored)
        QVERIFY2(s.ignored.join(u' ').contains(key), qPrintable(s.ignored.join(u' ')));
    QVERIFY2(s.problems().isEmpty(), qPrintable(s.problems().join(u' '))); // what was loaded can be used
}

// The Settings dialog refuses it with the reason, as enriching would.
void AppSettingsTest::cacheFileThatIsNotSqliteIsAProblem()
{
    QTemporaryDir dir;
    AppSettings s;
    s.enrichment.cachePath = dir.filePath(QStringLiteral("cache.sqlite")); // not there yet: fine
    QVERIFY2(s.problems().isEmpty(), qPrintable(s.problems().join(u' ')));
    const QString notes = dir.filePath(QStringLiteral("notes.txt"));
    QFile f(notes);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("my notes\n");
    f.close();
    s.enrichment.cachePath = notes;
    QCOMPARE(s.problems().size(), 1);
    QVERIFY2(s.problems().constFirst().contains(notes), qPrintable(s.problems().constFirst()));
}

QTEST_GUILESS_MAIN(AppSettingsTest)
#include "appsettings_test.moc"
