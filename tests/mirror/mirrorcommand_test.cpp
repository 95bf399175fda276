// `lei-enrich mirror import|status|remove` run as a user would: exit codes, messages, and the
// previous mirror left usable when an import fails (also on a full disk, or interrupted).
#include "goldencopygen.h"
#include "mirrorstore.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <csignal>
#include <sys/resource.h>

namespace {

const QDateTime kFull(QDate(2026, 9, 30), QTime(8, 0), QTimeZone::utc());
const QDateTime kDelta(QDate(2026, 10, 1), QTime(8, 0), QTimeZone::utc());

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class MirrorCommandTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void importStatusRemove();
    void statusWithoutMirror();
    void usage_data();
    void usage();
    void failedImportKeepsMirror_data();
    void failedImportKeepsMirror();
    void diskFull_data();
    void diskFull();
    void interrupted_data();
    void interrupted();
    void enrichFromTheMirror();

private:
    Run run(const QStringList &args, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
            bool limitFileSize = false);
    QString mirror() const { return m_dir->filePath(QStringLiteral("m/gleif-mirror.sqlite")); }
    QStringList fullSet(qint64 records);
    qint64 records() const;

    std::unique_ptr<QTemporaryDir> m_dir;
    GoldenCopyGenerator m_gen;
};

void MirrorCommandTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

Run MirrorCommandTest::run(const QStringList &args, const QProcessEnvironment &env, bool limitFileSize)
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (limitFileSize) {
        p.setChildProcessModifier([] {
            const rlimit limit{1 << 20, 1 << 20};
            ::setrlimit(RLIMIT_FSIZE, &limit);
            ::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails with EFBIG instead of killing
        });
    }
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(LEI_ENRICH_EXE), QStringList{QStringLiteral("mirror")} + args);
    Run r;
    if (!finished.wait(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QStringList MirrorCommandTest::fullSet(qint64 records)
{
    const QString dir = m_dir->filePath(QStringLiteral("files"));
    QDir().mkpath(dir);
    const QList<GoldenCopyGenerator::Range> all{{0, records, 0}};
    return {m_gen.writeLei2(dir, kFull, all), m_gen.writeRelationships(dir, kFull, all),
            m_gen.writeExceptions(dir, kFull, all), m_gen.writeBicMap(dir, kFull, all)};
}

qint64 MirrorCommandTest::records() const
{
    MirrorStore store;
    return store.open(mirror()) ? store.status().records : -1;
}

void MirrorCommandTest::importStatusRemove()
{
    Run r = run(QStringList{QStringLiteral("import"), QStringLiteral("--mirror"), mirror()} + fullSet(50));
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("50 records")), qPrintable(r.out));

    r = run({QStringLiteral("status"), QStringLiteral("--mirror"), mirror()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QStringLiteral("Records:         50\n")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("Name index:      yes")), qPrintable(r.out));
    QVERIFY(r.out.contains(QStringLiteral("2026-09-30 08:00 UTC")));

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LEI_ENRICHER_MIRROR"), mirror());
    r = run({QStringLiteral("status")}, env);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains(QDir::toNativeSeparators(mirror())));

    r = run({QStringLiteral("remove"), QStringLiteral("--mirror"), mirror()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(!QFileInfo::exists(mirror()));
    r = run({QStringLiteral("remove"), QStringLiteral("--mirror"), mirror()});
    QCOMPARE(r.exitCode, 0); // nothing to remove is done too
}

void MirrorCommandTest::statusWithoutMirror()
{
    const Run r = run({QStringLiteral("status"), QStringLiteral("--mirror"), mirror()});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.startsWith(QStringLiteral("lei-enrich: ")) && r.err.contains(mirror()), qPrintable(r.err));
    QCOMPARE(r.err.count(u'\n'), 1);
}

void MirrorCommandTest::usage_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")};
    QTest::newRow("no command") << QStringList{};
    QTest::newRow("import without files") << QStringList{QStringLiteral("import")};
    QTest::newRow("status with a file") << QStringList{QStringLiteral("status"), QStringLiteral("x.zip")};
    QTest::newRow("unknown option") << QStringList{QStringLiteral("status"), QStringLiteral("--frob")};
}

void MirrorCommandTest::usage()
{
    QFETCH(QStringList, args);
    QCOMPARE(run(args << QStringLiteral("--mirror") << mirror()).exitCode, 2);
    QVERIFY(!QFileInfo::exists(mirror()));
}

void MirrorCommandTest::failedImportKeepsMirror_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("name");
    QTest::newRow("unrecognised header") << QByteArray("a,b,c\n1,2,3\n") << QStringLiteral("20261001-0800-gleif-goldencopy-lei2-golden-copy.csv");
    QTest::newRow("not a ZIP inside") << QByteArray("PK\x03\x04garbage", 11) << QStringLiteral("20261001-0800-gleif-goldencopy-lei2-golden-copy.csv.zip");
    QTest::newRow("missing file") << QByteArray() << QString();
}

void MirrorCommandTest::failedImportKeepsMirror()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, name);
    QCOMPARE(run(QStringList{QStringLiteral("import"), QStringLiteral("-q"), QStringLiteral("--mirror"), mirror()} + fullSet(30)).exitCode, 0);
    const QString bad = m_dir->filePath(name.isEmpty() ? QStringLiteral("absent.csv") : name);
    if (!name.isEmpty()) {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const Run r = run({QStringLiteral("import"), QStringLiteral("--mirror"), mirror(), bad});
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(bad) && r.err.count(u'\n') == 1, qPrintable(r.err));
    QCOMPARE(records(), 30);
}

void MirrorCommandTest::diskFull_data()
{
    QTest::addColumn<bool>("asDelta");
    QTest::newRow("full import") << false;
    QTest::newRow("delta") << true;
}

void MirrorCommandTest::diskFull()
{
    QFETCH(bool, asDelta);
    // 8,000 records make a mirror of several MB; the child may write 1 MB per file.
    const qint64 base = asDelta ? 8000 : 30;
    QCOMPARE(run(QStringList{QStringLiteral("import"), QStringLiteral("-q"), QStringLiteral("--mirror"), mirror()} + fullSet(base)).exitCode, 0);
    const QStringList before = QDir(QFileInfo(mirror()).absolutePath()).entryList(QDir::Files);

    GoldenCopyFileOptions options;
    options.delta = asDelta ? QStringLiteral("LastDay") : QString();
    const QString file = m_gen.writeLei2(m_dir->path(), kDelta, {{0, 8000, 1}}, options);
    const Run r = run({QStringLiteral("import"), QStringLiteral("-q"), QStringLiteral("--mirror"), mirror(), file},
                      QProcessEnvironment::systemEnvironment(), true);
    QCOMPARE(r.exitCode, 3);
    QVERIFY2(r.err.contains(mirror()) && r.err.count(u'\n') == 1, qPrintable(r.err));
    QCOMPARE(records(), base);
    MirrorStore store;
    QVERIFY(store.open(mirror()));
    const QString lei = m_gen.entity(5).record.lei;
    QCOMPARE(store.lookup({lei}).value(lei).record.legalName, m_gen.entity(5).record.legalName);
    QStringList after = QDir(QFileInfo(mirror()).absolutePath()).entryList(QDir::Files);
    after.removeIf([](const QString &f) { return f.endsWith(u"-wal") || f.endsWith(u"-shm"); });
    QCOMPARE(after, before);
}

void MirrorCommandTest::interrupted_data()
{
    QTest::addColumn<int>("signal");
    QTest::addColumn<bool>("asDelta");
    QTest::newRow("SIGINT, full import") << int(SIGINT) << false;
    QTest::newRow("SIGTERM, delta") << int(SIGTERM) << true;
    QTest::newRow("SIGKILL, full import") << int(SIGKILL) << false;
    QTest::newRow("SIGKILL, delta") << int(SIGKILL) << true;
}

void MirrorCommandTest::interrupted()
{
    QFETCH(int, signal);
    QFETCH(bool, asDelta);
    QCOMPARE(run(QStringList{QStringLiteral("import"), QStringLiteral("-q"), QStringLiteral("--mirror"), mirror()} + fullSet(30)).exitCode, 0);
    GoldenCopyFileOptions options;
    options.zip = false;
    options.delta = asDelta ? QStringLiteral("LastDay") : QString();
    const QString big = m_gen.writeLei2(m_dir->path(), kDelta, {{0, 30000, 1}}, options);

    QProcess p;
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("mirror"), QStringLiteral("import"), QStringLiteral("--mirror"), mirror(), big});
    // Stopped once it reports progress (every 4,096 records of 30,000).
    QByteArray progress;
    QTRY_VERIFY_WITH_TIMEOUT((progress += p.readAllStandardError()).contains("records"), 60000);
    ::kill(pid_t(p.processId()), signal);
    QVERIFY(finished.wait(60000));
    if (signal == SIGKILL) {
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
    } else {
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        QVERIFY(!QFileInfo::exists(mirror() + QStringLiteral(".import")));
    }
    // The previous mirror answers as before (a killed delta's journal is rolled back on open).
    QCOMPARE(records(), 30);
    MirrorStore store;
    QVERIFY(store.open(mirror()));
    const QString lei = m_gen.entity(7).record.lei;
    QCOMPARE(store.lookup({lei}).value(lei).record.legalName, m_gen.entity(7).record.legalName);
    // The next import clears what a killed one left and completes.
    QCOMPARE(run({QStringLiteral("import"), QStringLiteral("-q"), QStringLiteral("--mirror"), mirror(),
                  m_gen.writeLei2(m_dir->path(), kDelta.addDays(1), {{0, 30, 1}})}).exitCode, 0);
    QStringList left = QDir(QFileInfo(mirror()).absolutePath()).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(left.join(u' '), QStringLiteral("gleif-mirror.sqlite"));
    QCOMPARE(store.lookup({lei}).value(lei).record.legalName, m_gen.entity(7, 1).record.legalName);
}

QTEST_GUILESS_MAIN(MirrorCommandTest)
void MirrorCommandTest::enrichFromTheMirror()
{
    // A mirror holding the sample's entities enriches the sample exactly as the API does (the
    // expected output was made against GLEIF's records), with no network at all.
    QVERIFY(m_gen.loadSamples(QStringLiteral(LEI_RESOURCES_DIR "/gleif_sample_records.json")));
    QCOMPARE(run(QStringList{QStringLiteral("import"), QStringLiteral("--mirror"), mirror()} + fullSet(m_gen.sampleCount() + 10)).exitCode, 0);
    QVERIFY(QFile::copy(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), m_dir->filePath(QStringLiteral("sample.csv"))));
    QProcess p;
    p.setWorkingDirectory(m_dir->path());
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("--source"), QStringLiteral("mirror"), QStringLiteral("--mirror"), mirror(),
        QStringLiteral("--api-url"), QStringLiteral("http://127.0.0.1:9/api/v1"), // nothing listens: no network used
        QStringLiteral("--report"), QStringLiteral("report.json"), QStringLiteral("sample.csv")});
    QVERIFY(finished.wait(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, qPrintable(err));
    QFile out(m_dir->filePath(QStringLiteral("sample.enriched.csv")));
    QFile expected(QStringLiteral(LEI_TEST_DATA_DIR "/sample_transactions.expected.csv"));
    QVERIFY(out.open(QIODevice::ReadOnly) && expected.open(QIODevice::ReadOnly));
    QCOMPARE(out.readAll(), expected.readAll());
    QFile report(m_dir->filePath(QStringLiteral("report.json")));
    QVERIFY(report.open(QIODevice::ReadOnly));
    const QJsonObject json = QJsonDocument::fromJson(report.readAll()).object();
    QCOMPARE(json.value(u"sources").toObject(), (QJsonObject{{QStringLiteral("cache"), 0}, {QStringLiteral("mirror"), 6},
                                                             {QStringLiteral("api"), 0}}));
    QCOMPARE(json.value(u"requests_sent").toInt(), 0);
}

#include "mirrorcommand_test.moc"
