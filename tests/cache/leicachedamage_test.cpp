#include "leicache.h"
#include "lei.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>

#include <unistd.h>

// Damage the schema check at open cannot see (pages of entries in the middle of the file):
// the first operation that reaches it moves the file aside and carries on with a new cache.
class LeiCacheDamageTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void damagedPagesAreMovedAsideOnFirstUse_data();
    void damagedPagesAreMovedAsideOnFirstUse();
    // Only a file that starts with SQLite's header is ever treated as a damaged cache.
    void filesThatAreNotSqliteAreLeftAlone_data();
    void filesThatAreNotSqliteAreLeftAlone();
    void emptyFileBecomesTheCache();
    void damagedSqliteFileIsMovedAside();
    void fileOverwrittenAfterOpenIsNotMoved_data();
    void fileOverwrittenAfterOpenIsNotMoved();
};

namespace {

// What a refused file must still be afterwards: the same bytes and modification time, and
// nothing created beside it.
struct Snapshot
{
    QByteArray bytes;
    QDateTime modified;
    QStringList folder;

    static Snapshot of(const QString &path)
    {
        Snapshot s;
        QFile f(path);
        if (QFileInfo(path).isFile() && f.open(QIODevice::ReadOnly))
            s.bytes = f.readAll();
        s.modified = QFileInfo(path).lastModified();
        s.folder = QFileInfo(path).dir().entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::System | QDir::Hidden);
        return s;
    }
    bool operator==(const Snapshot &o) const { return bytes == o.bytes && modified == o.modified && folder == o.folder; }
};

} // namespace

// Back-dates a file's or folder's modification time (QFileDevice::setFileTime() needs an open
// file), so that any write to it would show.
static void backdate(const QString &path, const QDateTime &when)
{
    struct timespec times[2] = {{0, UTIME_OMIT}, {time_t(when.toSecsSinceEpoch()), 0}};
    QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0), 0);
}

static QByteArray readHead(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(16) : QByteArray();
}

static QList<LookupResult> answers(int n)
{
    QList<LookupResult> out;
    for (int i = 0; i < n; ++i) {
        const QString body = QStringLiteral("5299DM%1").arg(i, 12, 10, QLatin1Char('0'));
        LookupResult r;
        r.lei = body + Lei::checkDigits(body);
        r.outcome = LookupOutcome::Found;
        r.record.lei = r.lei;
        r.record.legalName = QStringLiteral("Damage Test Entity %1 Limited").arg(i);
        r.record.country = QStringLiteral("GB");
        r.record.bics = {QStringLiteral("DMGTGB2LXXX")};
        r.record.rawJson = QByteArray(R"({"type":"lei-records","id":")") + r.lei.toLatin1() + "\"}";
        r.fetchedAt = QDateTime::currentDateTimeUtc();
        out.append(r);
    }
    return out;
}

void LeiCacheDamageTest::damagedPagesAreMovedAsideOnFirstUse_data()
{
    QTest::addColumn<QString>("operation");
    QTest::newRow("stats") << QStringLiteral("stats");
    QTest::newRow("lookup") << QStringLiteral("lookup");
    QTest::newRow("clear") << QStringLiteral("clear");
}

void LeiCacheDamageTest::damagedPagesAreMovedAsideOnFirstUse()
{
    QFETCH(QString, operation);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    const QList<LookupResult> stored = answers(20000);
    {
        LeiCache cache;
        QVERIFY2(cache.open(path), qPrintable(cache.lastError()));
        QVERIFY2(cache.store(stored), qPrintable(cache.lastError()));
        cache.close();
    }
    // Everything checkpointed into the main file; now overwrite pages in its middle.
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 size = f.size();
    QVERIFY(size > 1 << 20);
    for (qint64 at = size / 4; at < size * 3 / 4; at += 8192 * 3) {
        f.seek(at);
        f.write(QByteArray(8192, '\xA5'));
    }
    f.close();

    LeiCache cache;
    QVERIFY2(cache.open(path), qPrintable(cache.lastError())); // the schema page is intact
    if (operation == u"stats") {
        const auto s = cache.stats();
        QVERIFY2(s, qPrintable(cache.lastError()));
        QCOMPARE(s->total, 0); // a new, empty cache
    } else if (operation == u"lookup") {
        QStringList leis;
        for (const LookupResult &r : stored)
            leis << r.lei;
        cache.lookup(leis);
        QVERIFY2(cache.store(stored.mid(0, 10)), qPrintable(cache.lastError())); // the new file works
        QCOMPARE(cache.lookup({stored.first().lei}).size(), 1);
    } else {
        QCOMPARE(cache.clear(), 0);
    }
    QVERIFY2(cache.warning().contains(QStringLiteral("damaged")), qPrintable(cache.warning()));
    QVERIFY(!cache.movedAsidePath().isEmpty());
    QVERIFY(QFileInfo::exists(cache.movedAsidePath())); // kept, never deleted
}

void LeiCacheDamageTest::filesThatAreNotSqliteAreLeftAlone_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text") << QStringLiteral("file") << QByteArray("my notes on counterparties\nGB: call Tuesday\n");
    QTest::newRow("8 kB of z") << QStringLiteral("file") << QByteArray(8192, 'z');
    QTest::newRow("one byte") << QStringLiteral("file") << QByteArray("x");
    QTest::newRow("SQLite 2 header") << QStringLiteral("file") << QByteArray("** This file contains an SQLite 2.1 database **");
    QTest::newRow("header cut short") << QStringLiteral("file") << QByteArray("SQLite format 3");
    QTest::newRow("zip") << QStringLiteral("file") << QByteArray("PK\x03\x04\x14\x00\x06\x00", 8) + QByteArray(4000, '\0');
    QTest::newRow("folder") << QStringLiteral("folder") << QByteArray();
    QTest::newRow("fifo") << QStringLiteral("fifo") << QByteArray();
    // Reading its first bytes fails (EIO), even for root.
    QTest::newRow("read fails") << QStringLiteral("/proc/self/mem") << QByteArray();
    QTest::newRow("unreadable") << QStringLiteral("unreadable") << QByteArray("SQLite format 3\0", 16) + QByteArray(4080, '\0');
}

void LeiCacheDamageTest::filesThatAreNotSqliteAreLeftAlone()
{
    QFETCH(QString, kind);
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString path = kind.startsWith(u'/') ? kind : dir.filePath(QStringLiteral("notes.txt"));
    if (kind.startsWith(u'/')) {
        // a file of the system, as it is
    } else if (kind == u"folder") {
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("notes.txt")));
    } else if (kind == u"fifo") {
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    } else {
        if (kind == u"unreadable" && ::geteuid() == 0)
            QSKIP("root reads any file: no unreadable file to test with");
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        if (kind == u"unreadable")
            QVERIFY(f.setPermissions(QFileDevice::WriteOwner));
    }
    if (!kind.startsWith(u'/'))
        backdate(path, QDateTime::currentDateTimeUtc().addDays(-3));
    const Snapshot before = Snapshot::of(path);

    LeiCache cache;
    QVERIFY(!cache.open(path));
    QVERIFY2(cache.lastError().contains(path), qPrintable(cache.lastError()));
    QVERIFY(!cache.lastError().contains(u'\n'));
    QVERIFY(cache.warning().isEmpty());
    QVERIFY(cache.movedAsidePath().isEmpty());
    QVERIFY(!LeiCache::unusableReason(path).isEmpty());
    QVERIFY(Snapshot::of(path) == before);
}

void LeiCacheDamageTest::emptyFileBecomesTheCache()
{
    // 0 bytes: nothing of the user's to lose, SQLite starts a database in it, and a cache
    // killed before its first write leaves exactly this.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QVERIFY(LeiCache::unusableReason(path).isEmpty());
    LeiCache cache;
    QVERIFY2(cache.open(path), qPrintable(cache.lastError()));
    QVERIFY(cache.warning().isEmpty());
    QVERIFY2(cache.store(answers(3)), qPrintable(cache.lastError()));
    QCOMPARE(cache.countEntries(QString()), 3);
    QCOMPARE(readHead(path), QByteArray("SQLite format 3\0", 16));
}

void LeiCacheDamageTest::damagedSqliteFileIsMovedAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    const QByteArray damaged = QByteArray("SQLite format 3\0", 16) + QByteArray(8176, 'z');
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(damaged);
    f.close();
    LeiCache cache;
    QVERIFY2(cache.open(path), qPrintable(cache.lastError()));
    QVERIFY2(cache.warning().contains(QStringLiteral("damaged")), qPrintable(cache.warning()));
    QFile moved(cache.movedAsidePath());
    QVERIFY(moved.open(QIODevice::ReadOnly));
    QCOMPARE(moved.readAll(), damaged); // kept as it was
    QVERIFY2(cache.store(answers(2)), qPrintable(cache.lastError()));
}

void LeiCacheDamageTest::fileOverwrittenAfterOpenIsNotMoved_data()
{
    QTest::addColumn<QString>("operation");
    QTest::newRow("stats") << QStringLiteral("stats");
    QTest::newRow("store") << QStringLiteral("store");
    QTest::newRow("clear") << QStringLiteral("clear");
}

// Damage found by a statement after open() moves the file aside, but only while it still is
// an SQLite file: one written over by something else meanwhile is not ours to move.
void LeiCacheDamageTest::fileOverwrittenAfterOpenIsNotMoved()
{
    QFETCH(QString, operation);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("cache.sqlite"));
    const QList<LookupResult> stored = answers(20000);
    {
        LeiCache cache;
        QVERIFY2(cache.open(path), qPrintable(cache.lastError()));
        QVERIFY2(cache.store(stored), qPrintable(cache.lastError()));
    }
    LeiCache cache; // opening reads the schema only: the entries' pages are read later
    QVERIFY2(cache.open(path), qPrintable(cache.lastError()));
    // Written over in place, at least as long as the database (the connection maps the file).
    const qint64 size = QFileInfo(path).size();
    const QByteArray line("quarterly notes, not a database\n");
    const QByteArray text = line.repeated(int(size / line.size()) + 2);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QCOMPARE(f.write(text), text.size());
    }
    backdate(path, QDateTime::currentDateTimeUtc().addDays(-3));
    const Snapshot before = Snapshot::of(path);

    if (operation == u"stats")
        QVERIFY(!cache.stats());
    else if (operation == u"store")
        QVERIFY(!cache.store(stored.mid(0, 100)));
    else
        QCOMPARE(cache.clear(), -1);
    QVERIFY2(cache.lastError().contains(QStringLiteral("not an SQLite database")), qPrintable(cache.lastError()));
    QVERIFY2(cache.movedAsidePath().isEmpty(), qPrintable(cache.movedAsidePath()));
    QVERIFY(Snapshot::of(path).bytes == before.bytes);
    QCOMPARE(Snapshot::of(path).modified, before.modified);
    const QStringList corrupt = QDir(dir.path()).entryList({QStringLiteral("*.corrupt-*")});
    QVERIFY2(corrupt.isEmpty(), qPrintable(corrupt.join(u' ')));
    // Closing must not write into it either (the log holds nothing: answers in it would be
    // copied into the file by SQLite's checkpoint, which no check here can prevent).
    cache.close();
    QVERIFY(Snapshot::of(path).bytes == before.bytes);
    QCOMPARE(Snapshot::of(path).modified, before.modified);
}

QTEST_GUILESS_MAIN(LeiCacheDamageTest)
#include "leicachedamage_test.moc"
