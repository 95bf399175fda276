// `lei-enrich mirror update` (issue 13) against the loopback fake's Golden Copy and mapping APIs:
// what it downloads for each state of the mirror, resuming a cut run, and its exit codes. The
// mirror is the command's STAND-IN store until the STORE helper's MirrorStore is merged: a JSON
// file recording each import (file names, sizes, SHA-256, publish date).
#include "fakegleif.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

namespace {

QByteArray randomBytes(qsizetype n, quint32 seed)
{
    QByteArray bytes(n, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    for (char &c : bytes)
        c = char(generator.bounded(256));
    return bytes;
}

QString sha256(const QByteArray &bytes)
{
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

const QDateTime latest(QDate(2026, 9, 30), QTime(8, 0), Qt::UTC);

} // namespace

class MirrorUpdateTest final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeGleif> m_fake;
    std::unique_ptr<QTemporaryDir> m_dir;
    QHash<QString, QByteArray> m_files; // "lei2" or "lei2:LastDay" → bytes
    QString m_mirror;

    void publish(const QString &type, const QString &delta, const QByteArray &bytes, qint64 publishedSize = -1)
    {
        m_files.insert(delta.isEmpty() ? type : type + u':' + delta, bytes);
        m_fake->addPublishedFile({ type, delta, bytes, {}, 1, publishedSize });
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

    int run(const QStringList &arguments, QString *err = nullptr, const QProcessEnvironment &env = {})
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
        const QString text = QString::fromUtf8(p.readAllStandardError());
        if (err)
            *err = text;
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    }

    QJsonObject mirror() const
    {
        QFile file(m_mirror);
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    }

    void writeMirror(const QJsonObject &state)
    {
        QFile file(m_mirror);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(QJsonDocument(state).toJson());
    }

    static QJsonObject dates(const QDateTime &lei2, const QDateTime &rr, const QDateTime &repex, const QDateTime &bicMap)
    {
        QJsonObject d;
        const auto put = [&](const char *name, const QDateTime &when) {
            if (when.isValid())
                d.insert(QLatin1String(name), when.toString(Qt::ISODate));
        };
        put("lei2", lei2);
        put("rr", rr);
        put("repex", repex);
        put("bic-map", bicMap);
        return { { QStringLiteral("publishDates"), d } };
    }

    // Each import's files as "name=sha256".
    QList<QStringList> imports() const
    {
        QList<QStringList> result;
        for (const QJsonValue &i : mirror().value(u"imports").toArray()) {
            QStringList files;
            for (const QJsonValue &f : i.toObject().value(u"files").toArray())
                files << f.toObject().value(u"name").toString() + u'=' + f.toObject().value(u"sha256").toString();
            result << files;
        }
        return result;
    }

    QString expected(const QString &name, const QString &key) const
    {
        return name + u'=' + sha256(m_files.value(key));
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

private Q_SLOTS:
    void init()
    {
        m_fake = std::make_unique<FakeGleif>();
        QVERIFY(m_fake->listen());
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_mirror = m_dir->filePath(QStringLiteral("mirror.json"));
        m_files.clear();
        publish(QStringLiteral("lei2"), {}, randomBytes(400 * 1024, 1));
        publish(QStringLiteral("rr"), {}, randomBytes(30 * 1024, 2));
        publish(QStringLiteral("repex"), {}, randomBytes(50 * 1024, 3));
        int seed = 10;
        for (const QString &type : { QStringLiteral("lei2"), QStringLiteral("rr"), QStringLiteral("repex") })
            for (const QString &delta : { QStringLiteral("IntraDay"), QStringLiteral("LastDay"), QStringLiteral("LastWeek"), QStringLiteral("LastMonth") }) {
                publish(type, delta, randomBytes(2000 + seed, quint32(seed)));
                ++seed;
            }
        publish(QStringLiteral("bic-map"), {}, randomBytes(5000, 99));
    }

    void fullFilesWhenThereIsNoMirror()
    {
        QString err;
        QCOMPARE(run(args(), &err), 0);
        QCOMPARE(imports(), (QList<QStringList> {
            { expected(QStringLiteral("lei2-full-20260930-080000.zip"), QStringLiteral("lei2")),
              expected(QStringLiteral("rr-full-20260930-080000.zip"), QStringLiteral("rr")),
              expected(QStringLiteral("repex-full-20260930-080000.zip"), QStringLiteral("repex")) },
            { expected(QStringLiteral("bic-map-20260901-000000.zip"), QStringLiteral("bic-map")) } }));
        const QJsonArray all = mirror().value(u"imports").toArray();
        QCOMPARE(all[0].toObject().value(u"publishDate").toString(), QStringLiteral("2026-09-30T08:00:00Z"));
        QCOMPARE(all[1].toObject().value(u"publishDate").toString(), QStringLiteral("2026-09-01T00:00:00Z"));
        QVERIFY(!QFileInfo::exists(downloads())); // gone once imported
        QVERIFY2(err.contains(QStringLiteral("updated to the Golden Copy of 2026-09-30 08:00 UTC")), qPrintable(err));

        // Now up to date: nothing is downloaded.
        const int before = m_fake->storageLog().size();
        QCOMPARE(run(args(), &err), 0);
        QVERIFY2(err.contains(QStringLiteral("up to date")), qPrintable(err));
        QCOMPARE(m_fake->storageLog().size(), before);
        QCOMPARE(imports().size(), 2);
    }

    // The mirror's own publish dates decide, per type.
    void deltasByTheMirrorsAge_data()
    {
        QTest::addColumn<QDateTime>("lei2");
        QTest::addColumn<QDateTime>("rr");
        QTest::addColumn<QDateTime>("repex");
        QTest::addColumn<QStringList>("files"); // of the Golden Copy import
        QTest::newRow("8 h, 24 h, 7 d behind") << latest.addSecs(-8 * 3600) << latest.addSecs(-24 * 3600) << latest.addDays(-7)
                                               << QStringList { QStringLiteral("lei2:IntraDay"), QStringLiteral("rr:LastDay"), QStringLiteral("repex:LastWeek") };
        QTest::newRow("9 h behind, up to date, 30 d behind") << latest.addSecs(-9 * 3600) << latest << latest.addDays(-30)
                                                              << QStringList { QStringLiteral("lei2:LastDay"), QStringLiteral("repex:LastMonth") };
        QTest::newRow("32 d behind, none, up to date") << latest.addDays(-32) << QDateTime() << latest
                                                        << QStringList { QStringLiteral("lei2"), QStringLiteral("rr") };
    }
    void deltasByTheMirrorsAge()
    {
        QFETCH(QDateTime, lei2);
        QFETCH(QDateTime, rr);
        QFETCH(QDateTime, repex);
        QFETCH(QStringList, files);
        writeMirror(dates(lei2, rr, repex, QDateTime(QDate(2026, 9, 1), QTime(0, 0), Qt::UTC)));
        QString err;
        QCOMPARE(run(args({ QStringLiteral("-q") }), &err), 0);
        QVERIFY2(err.isEmpty(), qPrintable(err)); // -q: nothing on stderr
        QStringList wanted;
        for (const QString &key : files) {
            const QString type = key.section(u':', 0, 0);
            const QString delta = key.section(u':', 1);
            wanted << expected(type + u'-' + (delta.isEmpty() ? QStringLiteral("full") : delta) + QStringLiteral("-20260930-080000.zip"), key);
        }
        QCOMPARE(imports(), QList<QStringList> { wanted }); // the BIC map is current
    }

    // Cuts are resumed within the run, up to three attempts a file; a file cut more often fails
    // the run (exit 3, the mirror untouched) and the next run continues it with Range.
    void resumesACutDownload()
    {
        QString err;
        m_fake->setDownloadFaults({ 150 * 1024, true, -1, false, false }); // lei2 is 400 KiB
        QCOMPARE(run(args(), &err), 0);
        QVERIFY2(err.contains(QStringLiteral("(resumed at 300.00 KiB)")), qPrintable(err));
        QCOMPARE(imports().first().first(), expected(QStringLiteral("lei2-full-20260930-080000.zip"), QStringLiteral("lei2")));
        QCOMPARE(ranged(), (QList<QByteArray> { "bytes=153600-", "bytes=307200-" }));
    }

    void aFailedRunLeavesThePartForTheNext()
    {
        publish(QStringLiteral("lei2"), {}, randomBytes(1024 * 1024, 7));
        m_fake->setDownloadFaults({ 100 * 1024, true, -1, false, false }); // every answer cut
        QString err;
        QCOMPARE(run(args(), &err), 3);
        QVERIFY2(err.contains(QStringLiteral("run again to resume")), qPrintable(err));
        QVERIFY(!QFileInfo::exists(m_mirror)); // nothing imported
        const QString part = QDir(downloads()).filePath(QStringLiteral("lei2-full-20260930-080000.zip.part"));
        QCOMPARE(QFileInfo(part).size(), 3 * 100 * 1024); // three attempts, each resuming

        m_fake->setDownloadFaults({});
        QCOMPARE(run(args(), &err), 0);
        QCOMPARE(imports().first().first(), expected(QStringLiteral("lei2-full-20260930-080000.zip"), QStringLiteral("lei2")));
        QCOMPARE(ranged().last(), QByteArray("bytes=307200-"));
        QVERIFY(!QFileInfo::exists(downloads()));
    }

    void sigintKeepsTheDownloadForTheNextRun_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGTERM") << int(SIGTERM);
    }
    void sigintKeepsTheDownloadForTheNextRun()
    {
        QFETCH(int, signal);
        m_fake->setDownloadFaults({ -1, false, 64 * 1024, false, false }); // then silence
        QProcess p;
        p.setProcessEnvironment(environment());
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(LEI_ENRICH_EXE), args({ QStringLiteral("--timeout"), QStringLiteral("3600") }));
        QVERIFY(p.waitForStarted(60000));
        const QString part = QDir(downloads()).filePath(QStringLiteral("lei2-full-20260930-080000.zip.part"));
        QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(part).size(), 64 * 1024, 60000);
        ::kill(pid_t(p.processId()), signal);
        QVERIFY2(finished.wait(60000), "the run must stop at once, not wait for the stalled download");
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("interrupted")), qPrintable(err));
        QVERIFY(!QFileInfo::exists(m_mirror));
        QCOMPARE(QFileInfo(part).size(), 64 * 1024);

        m_fake->setDownloadFaults({});
        QCOMPARE(run(args()), 0);
        QCOMPARE(ranged(), QList<QByteArray> { "bytes=65536-" });
        QCOMPARE(imports().first().first(), expected(QStringLiteral("lei2-full-20260930-080000.zip"), QStringLiteral("lei2")));
    }

    // What a failed run downloaded completely is not fetched again by the next.
    void completeDownloadsAreKeptForTheNextRun()
    {
        publish(QStringLiteral("repex"), {}, randomBytes(50 * 1024, 3), 999); // a wrong size
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

        publish(QStringLiteral("repex"), {}, randomBytes(50 * 1024, 3));
        QCOMPARE(run(args(), &err), 0);
        QVERIFY2(err.contains(QStringLiteral("lei2 full file: downloaded by an earlier run")), qPrintable(err));
        QCOMPARE(lei2Requests(), 1);
        QCOMPARE(imports().first().first(), expected(QStringLiteral("lei2-full-20260930-080000.zip"), QStringLiteral("lei2")));
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

    // Whatever goes wrong, exit 3 with the reason, and the mirror as it was.
    void failuresLeaveTheMirror_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::addColumn<QString>("message");
        QTest::newRow("storage 404") << QStringLiteral("404") << QStringLiteral("HTTP 404");
        QTest::newRow("wrong published size") << QStringLiteral("size") << QStringLiteral("GLEIF published 999");
        QTest::newRow("no rr published") << QStringLiteral("no-rr") << QStringLiteral("data.rr: missing");
        QTest::newRow("no BIC map published") << QStringLiteral("no-map") << QStringLiteral("bic-lei/latest: HTTP 404");
        QTest::newRow("import fails") << QStringLiteral("import") << QStringLiteral("stand-in import failure");
        QTest::newRow("nothing listening") << QStringLiteral("down") << QStringLiteral("publishes/latest");
    }
    void failuresLeaveTheMirror()
    {
        QFETCH(QString, fault);
        QFETCH(QString, message);
        const QJsonObject before { { QStringLiteral("failImport"), fault == u"import" } };
        writeMirror(before);
        QStringList arguments = args();
        if (fault == u"404") {
            m_fake->setDownloadFaults({ -1, false, -1, false, true });
        } else if (fault == u"size") {
            publish(QStringLiteral("rr"), {}, randomBytes(1000, 5), 999);
        } else if (fault == u"no-rr" || fault == u"no-map") {
            const QHash<QString, QByteArray> files = m_files;
            m_fake->clearPublishedFiles();
            for (auto it = files.cbegin(); it != files.cend(); ++it)
                if (!it.key().startsWith(fault == u"no-rr" ? QStringLiteral("rr") : QStringLiteral("bic-map")))
                    m_fake->addPublishedFile({ it.key().section(u':', 0, 0), it.key().section(u':', 1), *it, {}, 1, -1 });
        } else if (fault == u"down") {
            const QUrl base = m_fake->goldenCopyBaseUrl();
            m_fake.reset(new FakeGleif); // not listening: the old port is closed
            arguments[3] = base.toString();
            arguments[5] = base.toString();
        }
        QString err;
        QCOMPARE(run(arguments, &err), 3);
        QVERIFY2(err.contains(message), qPrintable(err));
        QVERIFY2(err.trimmed().count(u'\n') == 0 || err.contains(QStringLiteral("downloaded")), qPrintable(err));
        QCOMPARE(mirror(), before);
    }

    void usageAndEnvironment()
    {
        QString err;
        QCOMPARE(run(args({ QStringLiteral("--golden-copy-url"), QStringLiteral("ftp://x") }), &err), 2);
        QVERIFY2(err.contains(QStringLiteral("--golden-copy-url")), qPrintable(err));
        QCOMPARE(run(args({ QStringLiteral("--timeout"), QStringLiteral("0") }), &err), 2);
        QCOMPARE(run(args({ QStringLiteral("extra") }), &err), 2);

        // The environment stands in for the options.
        QProcessEnvironment env = environment();
        env.insert(QStringLiteral("LEI_ENRICHER_GOLDEN_COPY_URL"), m_fake->goldenCopyBaseUrl().toString());
        env.insert(QStringLiteral("LEI_ENRICHER_MAPPING_URL"), m_fake->mappingBaseUrl().toString());
        env.insert(QStringLiteral("LEI_ENRICHER_MIRROR"), m_mirror);
        QCOMPARE(run({ QStringLiteral("mirror"), QStringLiteral("update"), QStringLiteral("-q") }, &err, env), 0);
        QCOMPARE(imports().size(), 2);
    }

    // Leftovers of an older publication in the download folder are deleted, not imported.
    void oldLeftoversGo()
    {
        QVERIFY(QDir().mkpath(downloads()));
        QFile old(QDir(downloads()).filePath(QStringLiteral("lei2-full-20200101-000000.zip.part")));
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("old");
        old.close();
        QCOMPARE(run(args({ QStringLiteral("-q") })), 0);
        QVERIFY(!old.exists());
        QCOMPARE(imports().first().size(), 3);
    }
};

QTEST_GUILESS_MAIN(MirrorUpdateTest)
#include "mirrorupdate_test.moc"
