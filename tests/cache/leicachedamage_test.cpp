#include "leicache.h"
#include "lei.h"

#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// Damage the schema check at open cannot see (pages of entries in the middle of the file):
// the first operation that reaches it moves the file aside and carries on with a new cache.
class LeiCacheDamageTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void damagedPagesAreMovedAsideOnFirstUse_data();
    void damagedPagesAreMovedAsideOnFirstUse();
};

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

QTEST_GUILESS_MAIN(LeiCacheDamageTest)
#include "leicachedamage_test.moc"
