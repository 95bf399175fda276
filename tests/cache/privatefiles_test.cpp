#include "leicache.h"
#include "lei.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

// The cache says whom the analyst trades with: folder 0700, files 0600, whatever the umask.
// Every test runs under umask 0, where anything not set explicitly would come out 0777/0666.
class PrivateFilesTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void newFoldersAndFilesArePrivate();
    void existingFilesAreTightened();
    void userFolderIsLeftAsItIs();
    void ownDataFolderIsTightened();
    void movedAsideCopyIsPrivate();

private:
    mode_t m_umask = 0;
};

static int modeOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 07777);
}

static QList<LookupResult> answers(int n)
{
    QList<LookupResult> out;
    for (int i = 0; i < n; ++i) {
        const QString body = QStringLiteral("5299PF%1").arg(i, 12, 10, QLatin1Char('0'));
        LookupResult r;
        r.lei = body + Lei::checkDigits(body);
        r.outcome = LookupOutcome::Found;
        r.record.lei = r.lei;
        r.record.legalName = QStringLiteral("Private Files Entity %1").arg(i);
        r.record.country = QStringLiteral("DE");
        r.record.rawJson = QByteArray(R"({"id":")") + r.lei.toLatin1() + "\"}";
        r.fetchedAt = QDateTime::currentDateTimeUtc();
        out.append(r);
    }
    return out;
}

static void writeFile(const QString &path, const QByteArray &bytes, int mode)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(mode)), 0);
}

void PrivateFilesTest::initTestCase()
{
    m_umask = ::umask(0);
    QStandardPaths::setTestModeEnabled(true);
}

void PrivateFilesTest::cleanupTestCase()
{
    ::umask(m_umask);
}

void PrivateFilesTest::newFoldersAndFilesArePrivate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("a/b/cache.sqlite"));
    LeiCache cache;
    QVERIFY2(cache.open(path), qPrintable(cache.lastError()));
    QVERIFY2(cache.store(answers(10)), qPrintable(cache.lastError()));
    QCOMPARE(modeOf(dir.filePath(QStringLiteral("a"))), 0700);
    QCOMPARE(modeOf(dir.filePath(QStringLiteral("a/b"))), 0700);
    QCOMPARE(modeOf(path), 0600);
    // Open: the write-ahead log and its index exist now, created by SQLite.
    QCOMPARE(modeOf(path + QStringLiteral("-wal")), 0600);
    QCOMPARE(modeOf(path + QStringLiteral("-shm")), 0600);
}

void PrivateFilesTest::existingFilesAreTightened()
{
    // As an earlier release left them.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    {
        LeiCache cache;
        QVERIFY(cache.open(path));
        QVERIFY(cache.store(answers(5)));
    }
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0644), 0);
    writeFile(path + QStringLiteral("-journal"), QByteArray(), 0666);
    LeiCache cache;
    QVERIFY2(cache.open(path), qPrintable(cache.lastError()));
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(modeOf(path + QStringLiteral("-journal")), 0600);
    QCOMPARE(modeOf(path + QStringLiteral("-wal")), 0600);
    QCOMPARE(cache.countEntries(QString()), 5);
}

void PrivateFilesTest::userFolderIsLeftAsItIs()
{
    // A folder the user made and chose may be shared on purpose: the files in it are private.
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("shared"));
    QVERIFY(QDir().mkdir(folder));
    QCOMPARE(::chmod(QFile::encodeName(folder).constData(), 0755), 0);
    LeiCache cache;
    QVERIFY2(cache.open(folder + QStringLiteral("/cache.sqlite")), qPrintable(cache.lastError()));
    QCOMPARE(modeOf(folder), 0755);
    QCOMPARE(modeOf(folder + QStringLiteral("/cache.sqlite")), 0600);
}

void PrivateFilesTest::ownDataFolderIsTightened()
{
    const QString folder = QFileInfo(LeiCache::defaultPath()).absolutePath();
    QDir(folder).removeRecursively();
    QVERIFY(QDir().mkpath(folder));
    QCOMPARE(::chmod(QFile::encodeName(folder).constData(), 0755), 0); // as earlier releases made it
    LeiCache cache;
    QVERIFY2(cache.open(LeiCache::defaultPath()), qPrintable(cache.lastError()));
    QCOMPARE(modeOf(folder), 0700);
    QCOMPARE(modeOf(LeiCache::defaultPath()), 0600);
    cache.close();
    QDir(folder).removeRecursively();
    // And made 0700 when it does not exist yet.
    LeiCache fresh;
    QVERIFY2(fresh.open(LeiCache::defaultPath()), qPrintable(fresh.lastError()));
    QCOMPARE(modeOf(folder), 0700);
    fresh.close();
    QDir(folder).removeRecursively();
}

void PrivateFilesTest::movedAsideCopyIsPrivate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    writeFile(path, QByteArray("SQLite format 3\0", 16) + QByteArray(8176, 'z'), 0644);
    LeiCache cache;
    QVERIFY2(cache.open(path), qPrintable(cache.lastError()));
    QVERIFY(!cache.movedAsidePath().isEmpty());
    QCOMPARE(modeOf(cache.movedAsidePath()), 0600);
    QCOMPARE(modeOf(path), 0600);
}

QTEST_GUILESS_MAIN(PrivateFilesTest)
#include "privatefiles_test.moc"
