#include "cachetestdata.h"
#include "leicache.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace Data = CacheTestData;

class CacheCommandTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void usageErrors_data();
    void usageErrors();
    void help();
    void stats();
    void statsWithTtl();
    void cacheFromEnvironment();
    void purgeExpired();
    void clear();
    void unusableCacheFile();
    void damagedFileStillWorks();
    void leiEnrichDispatches();

private:
    struct Run { int exitCode; QString out; QString err; };
    Run run(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    void fill();
    QString path() const { return m_dir->filePath(QStringLiteral("cache.sqlite")); }
    QString line(const QString &out, const QString &label) const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

CacheCommandTest::Run CacheCommandTest::run(const QStringList &args, const QProcessEnvironment &env)
{
    QProcess p;
    QProcessEnvironment e = env;
    e.remove(QStringLiteral("LEI_ENRICHER_TTL"));
    p.setProcessEnvironment(e);
    p.start(QStringLiteral(LEI_CACHE_COMMAND), QStringList{QStringLiteral("cache")} + args);
    if (!p.waitForFinished(60000))
        return {-1, {}, QStringLiteral("timeout")};
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2,
            QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

QString CacheCommandTest::line(const QString &out, const QString &label) const
{
    const QRegularExpression re(QStringLiteral("^\\s*") + QRegularExpression::escape(label) + QStringLiteral(":\\s*(.*)$"),
                                QRegularExpression::MultilineOption);
    return re.match(out).captured(1).trimmed();
}

void CacheCommandTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

// 3 fresh found, 2 found fetched 30 h ago, 1 not found fetched 2 h ago (expired), 1 fresh not found.
void CacheCommandTest::fill()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    LeiCache cache;
    QVERIFY(cache.open(path()));
    QVERIFY(cache.store({Data::found(1, now), Data::found(2, now), Data::found(3, now.addSecs(-3600)),
                         Data::found(4, now.addSecs(-30 * 3600)), Data::found(5, now.addSecs(-30 * 3600)),
                         Data::notFound(Data::lei(6), now.addSecs(-7200)), Data::notFound(Data::lei(7), now)}));
}

void CacheCommandTest::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList{} << QStringLiteral("expected one of");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("wipe")} << QStringLiteral("unknown command 'wipe'");
    QTest::newRow("two commands") << QStringList{QStringLiteral("stats"), QStringLiteral("clear")} << QStringLiteral("expected one of");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("stats"), QStringLiteral("--frobnicate")} << QStringLiteral("frobnicate");
    QTest::newRow("missing value") << QStringList{QStringLiteral("stats"), QStringLiteral("--cache")} << QStringLiteral("cache");
    QTest::newRow("bad ttl") << QStringList{QStringLiteral("stats"), QStringLiteral("--ttl"), QStringLiteral("soon")} << QStringLiteral("invalid --ttl 'soon'");
}

void CacheCommandTest::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = run(QStringList{QStringLiteral("--cache=") + path()} + args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void CacheCommandTest::help()
{
    const Run r = run({QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(u"purge-expired"));
    QVERIFY(r.out.contains(u"--cache"));
    QVERIFY(r.out.contains(u"--ttl"));
}

void CacheCommandTest::stats()
{
    fill();
    const Run r = run({QStringLiteral("stats"), QStringLiteral("--cache"), path()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
    QCOMPARE(line(r.out, QStringLiteral("Cache file")), path());
    QCOMPARE(line(r.out, QStringLiteral("Entries")), QStringLiteral("7"));
    QCOMPARE(line(r.out, QStringLiteral("fresh")), QStringLiteral("4"));
    QCOMPARE(line(r.out, QStringLiteral("expired")), QStringLiteral("3"));
    QCOMPARE(line(r.out, QStringLiteral("not found")), QStringLiteral("2"));
    QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC$"))
                .match(line(r.out, QStringLiteral("Oldest fetch"))).hasMatch());
    QVERIFY(line(r.out, QStringLiteral("Size on disk")).contains(QRegularExpression(QStringLiteral("\\(\\d+ bytes\\)"))));
    QCOMPARE(line(r.out, QStringLiteral("Lifetime")), QStringLiteral("1d (not found: 1h)"));
}

void CacheCommandTest::statsWithTtl()
{
    fill();
    Run r = run({QStringLiteral("stats"), QStringLiteral("--cache"), path(), QStringLiteral("--ttl"), QStringLiteral("2d")});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(line(r.out, QStringLiteral("fresh")), QStringLiteral("6")); // the 30 h old ones are fresh again
    r = run({QStringLiteral("stats"), QStringLiteral("--cache"), path(), QStringLiteral("--ttl"), QStringLiteral("30m")});
    QCOMPARE(line(r.out, QStringLiteral("fresh")), QStringLiteral("3"));
    QCOMPARE(line(r.out, QStringLiteral("Lifetime")), QStringLiteral("30m (not found: 30m)"));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QProcess p;
    env.insert(QStringLiteral("LEI_ENRICHER_TTL"), QStringLiteral("2d"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(LEI_CACHE_COMMAND), {QStringLiteral("cache"), QStringLiteral("stats"), QStringLiteral("--cache"), path()});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(line(QString::fromUtf8(p.readAllStandardOutput()), QStringLiteral("fresh")), QStringLiteral("6"));
}

void CacheCommandTest::cacheFromEnvironment()
{
    fill();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LEI_ENRICHER_CACHE"), path());
    const Run r = run({QStringLiteral("stats")}, env);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(line(r.out, QStringLiteral("Entries")), QStringLiteral("7"));
}

void CacheCommandTest::purgeExpired()
{
    fill();
    const Run r = run({QStringLiteral("purge-expired"), QStringLiteral("--cache"), path()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.startsWith(QStringLiteral("Purged 3 expired entries")), qPrintable(r.out));
    QVERIFY(r.out.contains(u"4 left"));
    LeiCache cache;
    QVERIFY(cache.open(path()));
    QCOMPARE(cache.countEntries(QString()), 4);
    QVERIFY(cache.lookup({Data::lei(4), Data::lei(5), Data::lei(6)}).isEmpty());
}

void CacheCommandTest::clear()
{
    fill();
    const Run r = run({QStringLiteral("clear"), QStringLiteral("--cache"), path()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(u"removed 7 entries"), qPrintable(r.out));
    LeiCache cache;
    QVERIFY(cache.open(path()));
    QCOMPARE(cache.countEntries(QString()), 0);
}

void CacheCommandTest::unusableCacheFile()
{
    QFile plain(m_dir->filePath(QStringLiteral("plain")));
    QVERIFY(plain.open(QIODevice::WriteOnly));
    plain.close();
    const QString bad = m_dir->filePath(QStringLiteral("plain/cache.sqlite"));
    const Run r = run({QStringLiteral("stats"), QStringLiteral("--cache"), bad});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(m_dir->filePath(QStringLiteral("plain"))), qPrintable(r.err));
    QCOMPARE(r.err.count(u'\n'), 1); // one line
}

void CacheCommandTest::damagedFileStillWorks()
{
    QFile f(path());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'z'));
    f.close();
    const Run r = run({QStringLiteral("stats"), QStringLiteral("--cache"), path()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains(u"warning:") && r.err.contains(u".corrupt-"), qPrintable(r.err));
    QCOMPARE(line(r.out, QStringLiteral("Entries")), QStringLiteral("0"));
}

// The real lei-enrich hands `cache ...` to runCacheCommand(); the runner above stands in for it
// everywhere else so these tests do not depend on the rest of its command line.
void CacheCommandTest::leiEnrichDispatches()
{
    fill();
    QProcess p;
    p.start(QStringLiteral(LEI_ENRICH_BINARY), {QStringLiteral("cache"), QStringLiteral("stats"), QStringLiteral("--cache"), path()});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(line(QString::fromUtf8(p.readAllStandardOutput()), QStringLiteral("Entries")), QStringLiteral("7"));
    p.start(QStringLiteral(LEI_ENRICH_BINARY), {QStringLiteral("cache"), QStringLiteral("vacuum")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
}

QTEST_GUILESS_MAIN(CacheCommandTest)
#include "cachecommand_test.moc"
