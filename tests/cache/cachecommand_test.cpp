#include "cachetestdata.h"
#include "leicache.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>

namespace Data = CacheTestData;

// Back-dates a file's or folder's modification time (QFileDevice::setFileTime() needs an open
// file), so that any write to it would show.
static void backdate(const QString &path, const QDateTime &when)
{
    struct timespec times[2] = {{0, UTIME_OMIT}, {time_t(when.toSecsSinceEpoch()), 0}};
    QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0), 0);
}


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
    void notSqliteIsRefusedUntouched_data();
    void notSqliteIsRefusedUntouched();
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

void CacheCommandTest::notSqliteIsRefusedUntouched_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QByteArray>("content"); // empty: a folder
    const QByteArray text("GB desk: call back Tuesday\n");
    const QByteArray binary = QByteArray(8192, 'z');
    for (const char *command : {"stats", "purge-expired", "clear"}) {
        QTest::addRow("%s text", command) << QString::fromLatin1(command) << text;
        QTest::addRow("%s binary", command) << QString::fromLatin1(command) << binary;
        QTest::addRow("%s folder", command) << QString::fromLatin1(command) << QByteArray();
    }
}

// Only a file that starts with SQLite's header may be taken for a damaged cache: anything else
// is the user's, refused with exit 3 and left byte for byte, with its modification time.
void CacheCommandTest::notSqliteIsRefusedUntouched()
{
    QFETCH(QString, command);
    QFETCH(QByteArray, content);
    const QString notes = m_dir->filePath(QStringLiteral("notes.txt"));
    if (content.isEmpty()) {
        QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("notes.txt")));
    } else {
        QFile f(notes);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const QDateTime modified = QDateTime::currentDateTimeUtc().addDays(-2);
    backdate(notes, modified);
    const QStringList before = QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);

    const Run r = run({command, QStringLiteral("--cache"), notes});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(notes), qPrintable(r.err));
    QCOMPARE(r.err.count(u'\n'), 1); // one line
    QVERIFY(r.out.isEmpty());
    QCOMPARE(QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), before);
    QCOMPARE(QFileInfo(notes).lastModified().toSecsSinceEpoch(), modified.toSecsSinceEpoch());
    if (!content.isEmpty()) {
        QFile f(notes);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
    }
}

void CacheCommandTest::damagedFileStillWorks()
{
    // An SQLite file whose pages cannot be read: moved aside, and a new cache answers.
    QFile f(path());
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("SQLite format 3\0", 16) + QByteArray(8176, 'z'));
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
