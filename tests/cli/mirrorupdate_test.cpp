// `lei-enrich mirror update` (issue 13) end to end: the loopback fake publishes Golden Copy files
// made by the generator, the command downloads what the mirror lacks and imports it into the real
// MirrorStore, and the test asks the mirror afterwards (lookups of generated LEIs, `mirror
// status`). Also: resuming cut downloads, and every failure leaving the previous mirror answering.
#include "fakegleif.h"
#include "goldencopyfile.h"
#include "goldencopygen.h"
#include "mirrorstore.h"

#include <QDir>
#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <csignal>

namespace {

const QDateTime kLatest(QDate(2026, 9, 30), QTime(8, 0), QTimeZone::utc()); // the fake's default
const QDateTime kMap(QDate(2026, 9, 1), QTime(0, 0), QTimeZone::utc()); // the fake's default
const QDateTime kOld = kLatest.addDays(-40); // older than every delta's window
const QDateTime kOldMap(QDate(2026, 8, 1), QTime(0, 0), QTimeZone::utc());
constexpr qint64 kRecords = 1000; // full files: about 40 KB of LEI2 zipped, imported at once
constexpr qint64 kChanged = 50; // a delta's changed records (0..49), and its new ones:
constexpr qint64 kNew = 20; // kRecords..kRecords+19
const QStringList kDeltas { QStringLiteral("IntraDay"), QStringLiteral("LastDay"), QStringLiteral("LastWeek"), QStringLiteral("LastMonth") };
const QStringList kTypes { QStringLiteral("lei2"), QStringLiteral("rr"), QStringLiteral("repex") };

qint64 countRecords(const QString &path)
{
    GoldenCopyFile file;
    if (!file.open(path))
        return -1;
    while (file.next()) { }
    return file.error().isEmpty() ? file.records() : -1;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class MirrorUpdateTest final : public QObject
{
    Q_OBJECT

private:
    GoldenCopyGenerator m_gen;
    QTemporaryDir m_data; // the generated files, shared by every test
    QHash<QString, QString> m_files; // "lei2", "lei2:LastDay", "lei2-old", "bic-map" → path
    std::unique_ptr<FakeGleif> m_fake;
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_mirror;

    void publish(const QString &key, qint64 recordCount = -2, qint64 publishedSize = -1)
    {
        const QString path = m_files.value(key);
        m_fake->addPublishedFile({ key.section(u':', 0, 0), key.section(u':', 1), {}, path,
                                   recordCount == -2 ? countRecords(path) : recordCount, publishedSize });
    }
    void publishBytes(const QString &key, const QByteArray &bytes, qint64 recordCount)
    {
        m_fake->addPublishedFile({ key.section(u':', 0, 0), key.section(u':', 1), bytes, {}, recordCount, -1 });
    }
    // The full files, every delta of every type and the BIC map.
    void publishAll()
    {
        for (const QString &type : kTypes) {
            publish(type);
            for (const QString &delta : kDeltas)
                publish(type + u':' + delta);
        }
        publish(QStringLiteral("bic-map"));
    }

    // A mirror as an earlier run left it: the full files of kOld (LEI2 names in their older
    // version, "... (OLD)") and an older BIC map.
    void makeOldMirror()
    {
        MirrorStore store;
        QVERIFY(!store.open(m_mirror));
        QVERIFY2(store.importFiles({ m_files.value(QStringLiteral("lei2-old")), m_files.value(QStringLiteral("rr")), m_files.value(QStringLiteral("repex")) },
                                   kOld, {}, nullptr), qPrintable(store.error()));
        QVERIFY2(store.importFiles({ m_files.value(QStringLiteral("bic-map")) }, kOldMap, {}, nullptr), qPrintable(store.error()));
    }

    // What the mirror answers for a few generated LEIs: a changed one (11, moved under another
    // parent by a delta), one with BICs (14), an untouched one (521) and a new one (kRecords + 1).
    QStringList answers() const
    {
        MirrorStore store;
        if (!store.open(m_mirror))
            return { store.error() };
        const QList<qint64> indexes { 11, 14, 521, kRecords + 1 };
        QStringList leis;
        for (qint64 i : indexes)
            leis << GoldenCopyGenerator::lei(i);
        const QHash<QString, MirrorAnswer> found = store.lookup(leis);
        QStringList result;
        for (const QString &lei : std::as_const(leis)) {
            const auto it = found.constFind(lei);
            result << (it == found.cend() ? QStringLiteral("absent")
                                          : it->record.legalName + u'|' + it->directParent.lei + u'|' + it->record.bics.join(u';'));
        }
        return result;
    }
    // The same as the generator says: the names' and the parents' versions, whether the delta's
    // new records are there.
    QStringList expected(int nameVersion, int parentVersion, bool withNew) const
    {
        QStringList result;
        for (qint64 i : { qint64(11), qint64(14), qint64(521), kRecords + 1 }) {
            const bool changed = i < kChanged;
            if (i >= kRecords && !withNew) {
                result << QStringLiteral("absent");
                continue;
            }
            const GoldenCopyGenerator::Entity name = m_gen.entity(i, changed ? nameVersion : 0);
            const GoldenCopyGenerator::Entity parent = m_gen.entity(i, changed ? parentVersion : 0);
            const QStringList bics = i < kRecords ? m_gen.entity(i).record.bics : QStringList(); // the BIC map's
            result << name.record.legalName + u'|' + parent.directParent + u'|' + bics.join(u';');
        }
        return result;
    }
    QDateTime published(MirrorFileType type) const
    {
        MirrorStore store;
        return store.open(m_mirror) ? store.publishDate(type) : QDateTime();
    }

    QStringList args(const QStringList &more = {}) const
    {
        return QStringList { QStringLiteral("mirror"), QStringLiteral("update"),
                   QStringLiteral("--golden-copy-url"), m_fake->goldenCopyBaseUrl().toString(),
                   QStringLiteral("--mapping-url"), m_fake->mappingBaseUrl().toString(),
                   QStringLiteral("--mirror"), m_mirror } + more;
    }

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &name : env.keys())
            if (name.toLower().endsWith(u"_proxy") || name.startsWith(u"LEI_ENRICHER_"))
                env.remove(name);
        return env;
    }

    int run(const QStringList &arguments, QString *err = nullptr, const QProcessEnvironment &env = {}, QString *out = nullptr)
    {
        QProcess p;
        p.setProcessEnvironment(env.isEmpty() ? environment() : env);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(LEI_ENRICH_EXE), arguments);
        if (!finished.wait(60000)) {
            p.kill();
            p.waitForFinished(60000);
            return -1;
        }
        if (err)
            *err = QString::fromUtf8(p.readAllStandardError());
        if (out)
            *out = QString::fromUtf8(p.readAllStandardOutput());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    }

    // The names of the files fetched from storage (from the `from`th request on), in order, each once.
    QStringList downloaded(int from = 0) const
    {
        QStringList names;
        for (const FakeGleif::StorageRequest &s : m_fake->storageLog().mid(from)) {
            const QString name = s.path.section(u'/', -1);
            if (!names.contains(name))
                names << name;
        }
        return names;
    }
    // The Range of each storage request that had one; a request Qt sent again by itself after a
    // cut (the same Range twice in a row) counts once.
    QList<QByteArray> ranged() const
    {
        QList<QByteArray> r;
        for (const FakeGleif::StorageRequest &s : m_fake->storageLog())
            if (!s.range.isEmpty() && (r.isEmpty() || r.last() != s.range))
                r << s.range;
        return r;
    }
    QString downloads() const { return m_mirror + QStringLiteral(".downloads"); }
    static QString lei2Name(const QDateTime &date = kLatest)
    {
        return date.toString(QStringLiteral("yyyyMMdd-HHmm")) + QStringLiteral("-gleif-goldencopy-lei2-golden-copy.csv.zip");
    }
    qint64 lei2Size() const { return QFileInfo(m_files.value(QStringLiteral("lei2"))).size(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_data.isValid());
        const QString dir = m_data.path();
        const QList<GoldenCopyGenerator::Range> full { { 0, kRecords, 0 } };
        m_files.insert(QStringLiteral("lei2"), m_gen.writeLei2(dir, kLatest, full));
        m_files.insert(QStringLiteral("rr"), m_gen.writeRelationships(dir, kLatest, full));
        m_files.insert(QStringLiteral("repex"), m_gen.writeExceptions(dir, kLatest, full));
        m_files.insert(QStringLiteral("bic-map"), m_gen.writeBicMap(dir, kMap, full));
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/old")));
        m_files.insert(QStringLiteral("lei2-old"), m_gen.writeLei2(dir + QStringLiteral("/old"), kOld, { { 0, kRecords, -1 } }));
        // Deltas: records 0..49 changed (new names, 10..49 under new parents), 20 new ones.
        const QList<GoldenCopyGenerator::Range> delta { { 0, kChanged, 1 }, { kRecords, kRecords + kNew, 0 } };
        for (const QString &name : kDeltas) {
            GoldenCopyGenerator::FileOptions options;
            options.delta = name;
            m_files.insert(QStringLiteral("lei2:") + name, m_gen.writeLei2(dir, kLatest, delta, options));
            m_files.insert(QStringLiteral("rr:") + name, m_gen.writeRelationships(dir, kLatest, delta, options));
            m_files.insert(QStringLiteral("repex:") + name, m_gen.writeExceptions(dir, kLatest, delta, options));
        }
        for (auto it = m_files.cbegin(); it != m_files.cend(); ++it)
            QVERIFY2(countRecords(*it) > 0, qPrintable(it.key()));
    }

    void init()
    {
        m_fake = std::make_unique<FakeGleif>();
        QVERIFY(m_fake->listen());
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_mirror = m_dir->filePath(QStringLiteral("m/gleif-mirror.sqlite"));
        publishAll();
    }

    // No mirror: the full files make one. A later publication: each type's delta applies (LEI2's
    // LastDay, RR's LastWeek when that is the narrowest published). Then: up to date.
    void fullFilesThenDeltasThenUpToDate()
    {
        QString err;
        QCOMPARE(run(args(), &err), 0);
        QVERIFY2(err.contains(QStringLiteral("updated to the Golden Copy of 2026-09-30 08:00 UTC")), qPrintable(err));
        QCOMPARE(downloaded(), (QStringList { lei2Name(), QStringLiteral("20260930-0800-gleif-goldencopy-rr-golden-copy.csv.zip"),
                                              QStringLiteral("20260930-0800-gleif-goldencopy-repex-golden-copy.csv.zip"),
                                              QStringLiteral("LEI-BIC-20260901.zip") }));
        QCOMPARE(answers(), expected(0, 0, false));
        QCOMPARE(published(MirrorFileType::Lei2), kLatest);
        QCOMPARE(published(MirrorFileType::BicMap), kMap);
        QVERIFY(!QFileInfo::exists(downloads())); // gone once imported
        QString out;
        QCOMPARE(run({ QStringLiteral("mirror"), QStringLiteral("status"), QStringLiteral("--mirror"), m_mirror }, &err, {}, &out), 0);
        QVERIFY2(out.contains(QStringLiteral("Records:         %1\n").arg(kRecords)), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("(map of 2026-09-01 00:00 UTC)")), qPrintable(out));

        // 24 h later: LEI2 and repex have every delta, RR only its LastWeek.
        const QDateTime next = kLatest.addDays(1);
        m_fake->clearPublishedFiles();
        m_fake->setGoldenCopyPublishDate(next);
        for (const QString &key : { QStringLiteral("lei2"), QStringLiteral("rr"), QStringLiteral("repex"), QStringLiteral("bic-map"),
                                    QStringLiteral("rr:LastWeek") })
            publish(key);
        for (const QString &delta : kDeltas) {
            publish(QStringLiteral("lei2:") + delta);
            publish(QStringLiteral("repex:") + delta);
        }
        const int before = int(m_fake->storageLog().size());
        QCOMPARE(run(args(), &err), 0);
        QCOMPARE(downloaded(before), (QStringList { QStringLiteral("20261001-0800-gleif-goldencopy-lei2-last-day.csv.zip"),
                                                          QStringLiteral("20261001-0800-gleif-goldencopy-rr-last-week.csv.zip"),
                                                          QStringLiteral("20261001-0800-gleif-goldencopy-repex-last-day.csv.zip") }));
        // Applied as deltas: changed records changed, the untouched and the BICs kept, new ones added.
        QCOMPARE(answers(), expected(1, 1, true));
        QCOMPARE(published(MirrorFileType::Lei2), next);
        QCOMPARE(published(MirrorFileType::Relationships), next);
        QCOMPARE(published(MirrorFileType::BicMap), kMap);
        QCOMPARE(run({ QStringLiteral("mirror"), QStringLiteral("status"), QStringLiteral("--mirror"), m_mirror }, &err, {}, &out), 0);
        QVERIFY2(out.contains(QStringLiteral("Records:         %1\n").arg(kRecords + kNew)), qPrintable(out));

        // Up to date: nothing is downloaded, nothing changes.
        const int requests = int(m_fake->storageLog().size());
        QCOMPARE(run(args(), &err), 0);
        QVERIFY2(err.contains(QStringLiteral("up to date")), qPrintable(err));
        QCOMPARE(int(m_fake->storageLog().size()), requests);
        QCOMPARE(answers(), expected(1, 1, true));
    }

    // The mirror's own publish dates decide, per type.
    void deltasByTheMirrorsAge_data()
    {
        QTest::addColumn<QDateTime>("lei2");
        QTest::addColumn<QDateTime>("rr");
        QTest::addColumn<QDateTime>("repex");
        QTest::addColumn<QStringList>("files"); // downloaded
        QTest::newRow("8 h, 24 h, 7 d behind") << kLatest.addSecs(-8 * 3600) << kLatest.addSecs(-24 * 3600) << kLatest.addDays(-7)
                                               << QStringList { QStringLiteral("lei2-intra-day"), QStringLiteral("rr-last-day"), QStringLiteral("repex-last-week") };
        QTest::newRow("9 h behind, up to date, 30 d behind") << kLatest.addSecs(-9 * 3600) << kLatest << kLatest.addDays(-30)
                                                              << QStringList { QStringLiteral("lei2-last-day"), QStringLiteral("repex-last-month") };
        QTest::newRow("32 d behind, none, up to date") << kLatest.addDays(-32) << QDateTime() << kLatest
                                                        << QStringList { QStringLiteral("lei2-golden-copy"), QStringLiteral("rr-golden-copy") };
    }
    void deltasByTheMirrorsAge()
    {
        QFETCH(QDateTime, lei2);
        QFETCH(QDateTime, rr);
        QFETCH(QDateTime, repex);
        QFETCH(QStringList, files);
        MirrorStore store;
        QVERIFY(!store.open(m_mirror));
        const auto import = [&](const QString &key, const QDateTime &date) {
            return store.importFiles({ m_files.value(key) }, date, {}, nullptr);
        };
        QVERIFY2(import(QStringLiteral("lei2"), lei2) && import(QStringLiteral("bic-map"), kMap), qPrintable(store.error()));
        QVERIFY2((!rr.isValid() || import(QStringLiteral("rr"), rr)) && import(QStringLiteral("repex"), repex), qPrintable(store.error()));

        QString err;
        QCOMPARE(run(args({ QStringLiteral("-q") }), &err), 0);
        QVERIFY2(err.isEmpty(), qPrintable(err)); // -q: nothing on stderr
        QStringList wanted;
        for (const QString &file : files)
            wanted << QStringLiteral("20260930-0800-gleif-goldencopy-") + file + QStringLiteral(".csv.zip");
        QCOMPARE(downloaded(), wanted); // the BIC map is current
        for (MirrorFileType type : { MirrorFileType::Lei2, MirrorFileType::Relationships, MirrorFileType::Exceptions })
            QCOMPARE(published(type), kLatest);
        const bool lei2Delta = !files.contains(QStringLiteral("lei2-golden-copy"));
        // A delta changes records and keeps the others (the new ones' parents depend on RR's file).
        QCOMPARE(answers().mid(0, 3), expected(lei2Delta ? 1 : 0, files.contains(QStringLiteral("rr-last-day")) ? 1 : 0, lei2Delta).mid(0, 3));
    }

    // Cuts are resumed within the run, up to three attempts a file.
    void resumesACutDownload()
    {
        const qint64 cut = lei2Size() * 2 / 5;
        m_fake->setDownloadFaults({ cut, true, -1, false, false });
        QString err;
        QCOMPARE(run(args(), &err), 0);
        QVERIFY2(err.contains(QStringLiteral("(resumed at %1)").arg(QLocale::c().formattedDataSize(2 * cut))), qPrintable(err));
        QCOMPARE(ranged().mid(0, 2), (QList<QByteArray> { "bytes=" + QByteArray::number(cut) + '-', "bytes=" + QByteArray::number(2 * cut) + '-' }));
        QCOMPARE(answers(), expected(0, 0, false));
    }

    // A file cut more often fails the run (exit 3, no mirror made) and the next run continues it.
    void aFailedRunLeavesThePartForTheNext()
    {
        const qint64 cut = lei2Size() / 4;
        m_fake->setDownloadFaults({ cut, true, -1, false, false });
        QString err;
        QCOMPARE(run(args(), &err), 3);
        QVERIFY2(err.contains(QStringLiteral("run again to resume")), qPrintable(err));
        QVERIFY(!QFileInfo::exists(m_mirror));
        const QString part = QDir(downloads()).filePath(lei2Name() + QStringLiteral(".part"));
        QCOMPARE(QFileInfo(part).size(), 3 * cut); // three attempts, each resuming

        m_fake->setDownloadFaults({});
        QCOMPARE(run(args(), &err), 0);
        QCOMPARE(ranged().last(), "bytes=" + QByteArray::number(3 * cut) + '-');
        QVERIFY(!QFileInfo::exists(downloads()));
        QCOMPARE(answers(), expected(0, 0, false));
    }

    void interruptedKeepsTheMirrorAndTheDownload_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }
    void interruptedKeepsTheMirrorAndTheDownload()
    {
        QFETCH(int, signal);
        makeOldMirror();
        const QStringList before = answers();
        QVERIFY2(before.at(2).startsWith(m_gen.entity(521, -1).record.legalName + u'|'), qPrintable(before.join(u'\n')));
        const qint64 stall = lei2Size() / 2;
        m_fake->setDownloadFaults({ -1, false, stall, false, false }); // then silence
        QProcess p;
        p.setProcessEnvironment(environment());
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(LEI_ENRICH_EXE), args({ QStringLiteral("--timeout"), QStringLiteral("3600") }));
        QVERIFY(p.waitForStarted(60000));
        const QString part = QDir(downloads()).filePath(lei2Name() + QStringLiteral(".part"));
        QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(part).size(), stall, 60000);
        ::kill(pid_t(p.processId()), signal);
        QVERIFY2(finished.wait(60000), "the run must stop at once, not wait for the stalled download");
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("interrupted")), qPrintable(err));
        QCOMPARE(answers(), before);
        QCOMPARE(published(MirrorFileType::Lei2), kOld);
        QCOMPARE(QFileInfo(part).size(), stall);

        m_fake->setDownloadFaults({});
        QCOMPARE(run(args()), 0);
        QCOMPARE(ranged(), QList<QByteArray> { "bytes=" + QByteArray::number(stall) + '-' });
        QCOMPARE(answers(), expected(0, 0, false));
        QCOMPARE(published(MirrorFileType::BicMap), kMap);
    }

    // What a failed run downloaded completely is not fetched again by the next.
    void completeDownloadsAreKeptForTheNextRun()
    {
        publish(QStringLiteral("repex"), -2, 999); // a wrong size
        QString err;
        QCOMPARE(run(args(), &err), 3);
        QVERIFY2(err.contains(QStringLiteral("GLEIF published 999")), qPrintable(err));
        const auto lei2Requests = [this] {
            int n = 0;
            for (const FakeGleif::StorageRequest &r : m_fake->storageLog())
                n += r.path.contains(QStringLiteral("-lei2-")) ? 1 : 0;
            return n;
        };
        QCOMPARE(lei2Requests(), 1);

        publish(QStringLiteral("repex"));
        QCOMPARE(run(args(), &err), 0);
        QVERIFY2(err.contains(QStringLiteral("lei2 full file: downloaded by an earlier run")), qPrintable(err));
        QCOMPARE(lei2Requests(), 1);
        QCOMPARE(answers(), expected(0, 0, false));
        QVERIFY(!QFileInfo::exists(downloads()));
    }

    void aStallFailsTheRun()
    {
        m_fake->setDownloadFaults({ -1, false, 1000, false, false });
        QString err;
        QCOMPARE(run(args({ QStringLiteral("--timeout"), QStringLiteral("1") }), &err), 3);
        QVERIFY2(err.contains(QStringLiteral("stalled")), qPrintable(err));
        QVERIFY(!QFileInfo::exists(m_mirror));
    }

    // Whatever goes wrong, exit 3 with the reason, and the mirror answering as before.
    void failuresLeaveTheMirror_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("message");
        QTest::newRow("storage 404") << QStringLiteral("404") << QStringLiteral("HTTP 404");
        QTest::newRow("wrong published size") << QStringLiteral("size") << QStringLiteral("GLEIF published 999");
        QTest::newRow("no rr published") << QStringLiteral("no-rr") << QStringLiteral("data.rr: missing");
        QTest::newRow("no BIC map published") << QStringLiteral("no-map") << QStringLiteral("bic-lei/latest: HTTP 404");
        QTest::newRow("nothing listening") << QStringLiteral("down") << QStringLiteral("publishes/latest");
        QTest::newRow("truncated ZIP") << QStringLiteral("truncated") << lei2Name();
        QTest::newRow("fewer records than published") << QStringLiteral("short") << QStringLiteral("records where GLEIF published %1 (file cut short)").arg(kRecords + 1);
        QTest::newRow("not a Golden Copy file") << QStringLiteral("not-csv") << lei2Name();
        // The Golden Copy's files are fine: they are not imported without the BIC map either.
        QTest::newRow("truncated BIC map") << QStringLiteral("bic-map") << QStringLiteral("LEI-BIC-20260901.zip");
    }
    void failuresLeaveTheMirror()
    {
        QFETCH(QString, fault);
        QFETCH(QString, message);
        makeOldMirror();
        const QStringList before = answers();
        QStringList arguments = args();
        if (fault == u"404") {
            m_fake->setDownloadFaults({ -1, false, -1, false, true });
        } else if (fault == u"size") {
            publish(QStringLiteral("rr"), -2, 999);
        } else if (fault == u"no-rr" || fault == u"no-map") {
            m_fake->clearPublishedFiles();
            for (const QString &key : m_files.keys())
                if (key != u"lei2-old" && !key.startsWith(fault == u"no-rr" ? QStringLiteral("rr") : QStringLiteral("bic-map")))
                    publish(key);
        } else if (fault == u"down") {
            const QUrl base = m_fake->goldenCopyBaseUrl();
            m_fake.reset(new FakeGleif); // not listening: the old port is closed
            arguments[3] = base.toString();
            arguments[5] = base.toString();
        } else if (fault == u"truncated") {
            const QByteArray zip = contents(m_files.value(QStringLiteral("lei2")));
            publishBytes(QStringLiteral("lei2"), zip.left(zip.size() / 2), kRecords);
        } else if (fault == u"short") {
            publish(QStringLiteral("lei2"), kRecords + 1);
        } else if (fault == u"not-csv") {
            publishBytes(QStringLiteral("lei2"), "<html>Service unavailable</html>\n", kRecords);
        } else if (fault == u"bic-map") {
            const QByteArray zip = contents(m_files.value(QStringLiteral("bic-map")));
            publishBytes(QStringLiteral("bic-map"), zip.left(zip.size() / 2), -1);
        }
        QString err;
        QCOMPARE(run(arguments, &err), 3);
        const QString last = err.trimmed().section(u'\n', -1);
        QVERIFY2(last.startsWith(QStringLiteral("lei-enrich: ")) && last.contains(message), qPrintable(err));
        QCOMPARE(answers(), before);
        QCOMPARE(published(MirrorFileType::Lei2), kOld);
        QCOMPARE(published(MirrorFileType::BicMap), kOldMap);
        QVERIFY(!QFileInfo::exists(m_mirror + QStringLiteral(".import")));
    }

    // A file that is not a mirror is never overwritten.
    void refusesAFileThatIsNotAMirror()
    {
        QVERIFY(QDir().mkpath(QFileInfo(m_mirror).path()));
        QFile file(m_mirror);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("precious,data\n");
        file.close();
        QString err;
        QCOMPARE(run(args(), &err), 3);
        QVERIFY2(err.contains(QStringLiteral("not a GLEIF mirror")), qPrintable(err));
        QCOMPARE(contents(m_mirror), QByteArray("precious,data\n"));
        QVERIFY(m_fake->storageLog().isEmpty());
    }

    void usageAndEnvironment()
    {
        QString err;
        QString out;
        QCOMPARE(run(args({ QStringLiteral("--golden-copy-url"), QStringLiteral("ftp://x") }), &err), 2);
        QVERIFY2(err.contains(QStringLiteral("--golden-copy-url")), qPrintable(err));
        QCOMPARE(run(args({ QStringLiteral("--timeout"), QStringLiteral("0") }), &err), 2);
        QCOMPARE(run(args({ QStringLiteral("extra") }), &err), 2);
        QCOMPARE(run({ QStringLiteral("mirror"), QStringLiteral("--help") }, &err, {}, &out), 0);
        QVERIFY2(out.contains(QStringLiteral("  update ")), qPrintable(out));

        // The environment stands in for the options; options may come before the word.
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("LEI_ENRICHER_GOLDEN_COPY_URL"), m_fake->goldenCopyBaseUrl().toString());
        env.insert(QStringLiteral("LEI_ENRICHER_MAPPING_URL"), m_fake->mappingBaseUrl().toString());
        env.insert(QStringLiteral("LEI_ENRICHER_MIRROR"), m_mirror);
        QCOMPARE(run({ QStringLiteral("mirror"), QStringLiteral("-q"), QStringLiteral("update") }, &err, env), 0);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(answers(), expected(0, 0, false));
    }

    // Leftovers of an older publication in the download folder are deleted, not imported.
    void oldLeftoversGo()
    {
        QVERIFY(QDir().mkpath(downloads()));
        QFile old(QDir(downloads()).filePath(lei2Name(kOld) + QStringLiteral(".part")));
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
        old.close();
        QCOMPARE(run(args({ QStringLiteral("-q") })), 0);
        QVERIFY(!old.exists());
        QCOMPARE(answers(), expected(0, 0, false));
    }
};

QTEST_GUILESS_MAIN(MirrorUpdateTest)
#include "mirrorupdate_test.moc"
