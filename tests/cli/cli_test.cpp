#include "fakegleif.h"
#include "testfiles.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

// Runs the built lei-enrich as a user would and checks exit codes, messages and that nothing
// is written when it refuses.
class CliTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void help();
    void refusals_data();
    void refusals();
    void enrichesTheSample();
    void someRowsNotOkExitsOne();
    void environmentAndCacheReuse();
    void unwritableOutputWritesNothing();
    void sigintStopsWithNothingWritten_data();
    void sigintStopsWithNothingWritten();
    void cacheCommand();
    void plainHttpApiIsANotice();

private:
    // Runs lei-enrich while the in-process fake GLEIF keeps answering.
    int run(const QStringList &args, QString *err = nullptr, const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment());
    FakeGleif m_fake;

private:
    QTemporaryDir m_dir;
};

void CliTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QFile::copy(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), m_dir.filePath(QStringLiteral("sample.csv")));
    writeTestFile(m_dir.path(), QStringLiteral("nolei.csv"), "id,counterparty\n1,XKZZ2JZF41MRHTR1V493\n");
    writeTestFile(m_dir.path(), QStringLiteral("empty.csv"), QByteArray());
    QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("adir")));
    QVERIFY(m_fake.listen());
}

int CliTest::run(const QStringList &args, QString *err, const QProcessEnvironment &env)
{
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.setProcessEnvironment(env);
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(LEI_ENRICH_EXE), args);
    if (!finished.wait(60000))
        return -1;
    if (err)
        *err = QString::fromUtf8(p.readAllStandardError());
    return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
}

void CliTest::enrichesTheSample()
{
    const QString cache = m_dir.filePath(QStringLiteral("sample-cache.sqlite"));
    QString err;
    const int code = run({QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"), cache,
                          QStringLiteral("--report"), QStringLiteral("report.json"), QStringLiteral("sample.csv")}, &err);
    QVERIFY2(code == 0, qPrintable(err));
    QCOMPARE(readTestFile(m_dir.filePath(QStringLiteral("sample.enriched.csv"))),
             readTestFile(QStringLiteral(LEI_TEST_DATA_DIR "/sample_transactions.expected.csv")));
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("report.json")))).object();
    QCOMPARE(report.value(u"rows").toInt(), 20);
    QCOMPARE(report.value(u"distinct_leis").toInt(), 6);
    QCOMPARE(report.value(u"requests_sent").toInt(), 1);
    QCOMPARE(report.value(u"cache_hits").toInt(), 0);
    QCOMPARE(report.value(u"rows_per_status").toObject().value(u"ok").toInt(), 20);
    QCOMPARE(report.value(u"failures").toArray().size(), 0);
    QVERIFY(report.contains(u"seconds"));
    QVERIFY2(err.contains(QStringLiteral("20 ok")), qPrintable(err)); // the closing summary
    QVERIFY(QFileInfo::exists(cache));
}

void CliTest::someRowsNotOkExitsOne()
{
    writeTestFile(m_dir.path(), QStringLiteral("mixed.csv"),
                  "notional,rate,lei\n763000,0.0070956,XKZZ2JZF41MRHTR1V493\n1,1,garbage\n1000,0,BFXS5XCH7N0Y05NIXW11\n");
    QString err;
    const int code = run({QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(),
                          QStringLiteral("--cache"), m_dir.filePath(QStringLiteral("mixed.sqlite")),
                          QStringLiteral("-o"), QStringLiteral("mixed.xlsx"), QStringLiteral("--report"), QStringLiteral("mixed.json"),
                          QStringLiteral("mixed.csv")}, &err);
    QCOMPARE(code, 1);
    // -q: nothing but notices (the fake is plain http, which is one)
    err.remove(QRegularExpression(QStringLiteral("lei-enrich: warning: [^\\n]*plain http[^\\n]*\\n")));
    QVERIFY2(err.isEmpty(), qPrintable(err));
    QCOMPARE(readTestFile(m_dir.filePath(QStringLiteral("mixed.xlsx"))).left(2), QByteArray("PK"));
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("mixed.json")))).object();
    const QJsonArray failures = report.value(u"failures").toArray();
    QCOMPARE(failures.size(), 2);
    QCOMPARE(failures[0].toObject().value(u"row").toInt(), 2);
    QCOMPARE(failures[0].toObject().value(u"status").toString(), QStringLiteral("invalid_lei"));
    QCOMPARE(failures[0].toObject().value(u"lei").toString(), QStringLiteral("garbage"));
    QCOMPARE(failures[1].toObject().value(u"row").toInt(), 3);
    QCOMPARE(failures[1].toObject().value(u"reason").toString(), QStringLiteral("rate is 0: division by zero"));

    // A chosen LEI column is the one the report quotes, and a stray quote inside a field is text.
    writeTestFile(m_dir.path(), QStringLiteral("named.csv"),
                  "item,notional,rate,Counterparty\n12\" screen,1,1,XKZZ2JZF41MRHTR1V493\nx,1,1,nope\n");
    QCOMPARE(run({QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"),
                  m_dir.filePath(QStringLiteral("named.sqlite")), QStringLiteral("--lei-column"), QStringLiteral("counterparty"),
                  QStringLiteral("--report"), QStringLiteral("named.json"), QStringLiteral("named.csv")}, &err), 1);
    const QJsonObject r2 = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("named.json")))).object();
    QCOMPARE(r2.value(u"rows_per_status").toObject().value(u"ok").toInt(), 1);
    QCOMPARE(r2.value(u"failures").toArray().at(0).toObject().value(u"lei").toString(), QStringLiteral("nope"));
    const QList<QByteArray> lines = readTestFile(m_dir.filePath(QStringLiteral("named.enriched.csv"))).split('\n');
    QCOMPARE(lines[1], QByteArray("12\" screen,1,1,XKZZ2JZF41MRHTR1V493,CITIGROUP GLOBAL MARKETS LIMITED,SBILGB2LXXX,GB,0.0,ok"));
}

void CliTest::environmentAndCacheReuse()
{
    // LEI_ENRICHER_* stand in for the options; a second run is served by the cache alone.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LEI_ENRICHER_API_URL"), m_fake.baseUrl().toString());
    env.insert(QStringLiteral("LEI_ENRICHER_CACHE"), m_dir.filePath(QStringLiteral("env-cache.sqlite")));
    env.insert(QStringLiteral("LEI_ENRICHER_TTL"), QStringLiteral("2h"));
    QString err;
    QCOMPARE(run({QStringLiteral("-o"), QStringLiteral("env1.csv"), QStringLiteral("sample.csv")}, &err, env), 0);
    QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("env-cache.sqlite"))));
    const int requests = m_fake.stats().requests;
    QCOMPARE(run({QStringLiteral("-o"), QStringLiteral("env2.csv"), QStringLiteral("--report"), QStringLiteral("env2.json"),
                  QStringLiteral("sample.csv")}, &err, env), 0);
    QCOMPARE(m_fake.stats().requests, requests);
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("env2.json")))).object();
    QCOMPARE(report.value(u"cache_hits").toInt(), 6);
    QCOMPARE(readTestFile(m_dir.filePath(QStringLiteral("env1.csv"))), readTestFile(m_dir.filePath(QStringLiteral("env2.csv"))));
    env.insert(QStringLiteral("LEI_ENRICHER_TTL"), QStringLiteral("soon"));
    QCOMPARE(run({QStringLiteral("sample.csv")}, &err, env), 2);
    QVERIFY2(err.contains(QStringLiteral("--ttl")), qPrintable(err));
}

void CliTest::unwritableOutputWritesNothing()
{
    QString err;
    QCOMPARE(run({QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("-o"),
                  QStringLiteral("/proc/lei-enricher.csv"), QStringLiteral("sample.csv")}, &err), 3);
    QVERIFY2(err.contains(QStringLiteral("/proc/lei-enricher.csv")), qPrintable(err));
}

void CliTest::sigintStopsWithNothingWritten_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGINT") << 2;
    QTest::newRow("SIGTERM") << 15;
}

void CliTest::sigintStopsWithNothingWritten()
{
    QFETCH(int, signal);
    FakeGleif::Options o;
    o.latencyMs = 400;
    FakeGleif slow(o);
    QVERIFY(slow.listen());
    const QString cache = m_dir.filePath(QStringLiteral("sig-%1.sqlite").arg(signal));
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("--api-url"), slow.baseUrl().toString(), QStringLiteral("--cache"), cache,
                                              QStringLiteral("--batch-size"), QStringLiteral("2"), QStringLiteral("--concurrency"), QStringLiteral("1"),
                                              QStringLiteral("-o"), QStringLiteral("sig.csv"), QStringLiteral("sample.csv")});
    QVERIFY(p.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(slow.stats().requests >= 2, 10000); // one answer in, one in flight
    QElapsedTimer stop;
    stop.start();
    ::kill(pid_t(p.processId()), signal);
    QVERIFY(finished.wait(10000));
    QVERIFY2(stop.elapsed() < 2000, "the run must stop at once, not after its requests");
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("sig.csv"))));
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("interrupted")));
    // What had arrived is in the cache: an offline run finds at least those LEIs.
    QString err;
    run({QStringLiteral("--offline"), QStringLiteral("--cache"), cache, QStringLiteral("-o"), QStringLiteral("sig-offline.csv"),
         QStringLiteral("--report"), QStringLiteral("sig.json"), QStringLiteral("sample.csv")}, &err);
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("sig.json")))).object();
    QVERIFY2(report.value(u"cache_hits").toInt() >= 2, qPrintable(err));
}

void CliTest::cacheCommand()
{
    const QString cache = m_dir.filePath(QStringLiteral("stats-cache.sqlite"));
    QString err;
    QCOMPARE(run({QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"), cache,
                  QStringLiteral("-o"), QStringLiteral("stats.csv"), QStringLiteral("sample.csv")}, &err), 0);
    QProcess p;
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("cache"), QStringLiteral("stats"), QStringLiteral("--cache"), cache});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    QVERIFY2(QRegularExpression(QStringLiteral("Entries:\\s+6\\n")).match(out).hasMatch(), qPrintable(out));
    QVERIFY2(QRegularExpression(QStringLiteral("fresh:\\s+6\\n")).match(out).hasMatch(), qPrintable(out));
}

void CliTest::plainHttpApiIsANotice()
{
    // A notice on stderr (even with -q) and in the report, and the exit code stays 0.
    const QString cache = m_dir.filePath(QStringLiteral("http-cache.sqlite"));
    const QString notice = QStringLiteral("the GLEIF API URL %1 is plain http").arg(m_fake.baseUrl().toString());
    QString err;
    QCOMPARE(run({QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"), cache,
                  QStringLiteral("-o"), QStringLiteral("http.csv"), QStringLiteral("--report"), QStringLiteral("http.json"),
                  QStringLiteral("sample.csv")}, &err), 0);
    QVERIFY2(err.startsWith(QStringLiteral("lei-enrich: warning: ") + notice), qPrintable(err));
    QCOMPARE(err.count(u'\n'), 1);
    const QJsonArray notices = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("http.json"))))
                                   .object().value(u"notices").toArray();
    QCOMPARE(notices.size(), 1);
    QVERIFY2(notices.at(0).toString().startsWith(notice), qPrintable(notices.at(0).toString()));
    // Offline nothing goes over the network: nothing to warn about.
    QCOMPARE(run({QStringLiteral("-q"), QStringLiteral("--offline"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(),
                  QStringLiteral("--cache"), cache, QStringLiteral("-o"), QStringLiteral("http2.csv"), QStringLiteral("sample.csv")}, &err), 0);
    QVERIFY2(err.isEmpty(), qPrintable(err));
}

void CliTest::help()
{
    QProcess p;
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    for (const char *option : {"--output", "--api-url", "--cache", "--ttl", "--offline", "--refresh", "--rules",
                               "--lei-column", "--delimiter", "--encoding", "--requests-per-minute",
                               "--batch-size", "--concurrency", "--timeout", "--report", "--quiet"})
        QVERIFY2(out.contains(QLatin1String(option)), option);
}

void CliTest::refusals_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString sample = QStringLiteral("sample.csv");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate"), sample} << 2 << QStringLiteral("frobnicate");
    QTest::newRow("no input") << QStringList{} << 2 << QStringLiteral("no input file");
    QTest::newRow("bad batch size") << QStringList{QStringLiteral("--batch-size"), QStringLiteral("500"), sample} << 2 << QStringLiteral("--batch-size");
    QTest::newRow("bad delimiter") << QStringList{QStringLiteral("--delimiter"), QStringLiteral("ab"), sample} << 2 << QStringLiteral("--delimiter");
    QTest::newRow("bad encoding") << QStringList{QStringLiteral("--encoding"), QStringLiteral("ebcdic"), sample} << 2 << QStringLiteral("--encoding");
    QTest::newRow("bad output suffix") << QStringList{QStringLiteral("-o"), QStringLiteral("out.txt"), sample} << 2 << QStringLiteral("out.txt");
    QTest::newRow("missing input") << QStringList{QStringLiteral("missing.csv")} << 3 << QStringLiteral("missing.csv: no such file");
    QTest::newRow("directory") << QStringList{QStringLiteral("adir")} << 3 << QStringLiteral("adir: is a directory");
    QTest::newRow("empty input") << QStringList{QStringLiteral("empty.csv")} << 3 << QStringLiteral("empty.csv: the file is empty");
    QTest::newRow("no LEI column") << QStringList{QStringLiteral("nolei.csv")} << 3 << QStringLiteral("no column named \"lei\"");
    QTest::newRow("named LEI column missing") << QStringList{QStringLiteral("--lei-column"), QStringLiteral("code"), sample} << 3 << QStringLiteral("no column named \"code\"");
    QTest::newRow("output is input") << QStringList{QStringLiteral("-o"), sample, sample} << 3 << QStringLiteral("overwrite the input");
    QTest::newRow("report over the input") << QStringList{QStringLiteral("--report"), sample, sample} << 3 << QStringLiteral("report would overwrite the input");
    QTest::newRow("cache over the input") << QStringList{QStringLiteral("--cache"), sample, sample} << 2 << QStringLiteral("cache must be a file of its own");
    QTest::newRow("report is the output") << QStringList{QStringLiteral("--report"), QStringLiteral("o.csv"), QStringLiteral("-o"), QStringLiteral("o.csv"), sample} << 2 << QStringLiteral("same file");
    QTest::newRow("bad ttl before the input is read") << QStringList{QStringLiteral("--ttl"), QStringLiteral("bogus"), QStringLiteral("missing.csv")} << 2 << QStringLiteral("--ttl");
    QTest::newRow("offline and refresh") << QStringList{QStringLiteral("--offline"), QStringLiteral("--refresh"), QStringLiteral("missing.csv")} << 2 << QStringLiteral("--offline and --refresh");
    QTest::newRow("bad api url") << QStringList{QStringLiteral("--api-url"), QStringLiteral("ftp://x"), sample} << 2 << QStringLiteral("--api-url");
    QTest::newRow("output folder missing") << QStringList{QStringLiteral("-o"), QStringLiteral("nowhere/out.csv"), sample} << 3 << QStringLiteral("folder does not exist");
}

void CliTest::refusals()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QStringList before = QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral(LEI_ENRICH_EXE), args);
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
    QCOMPARE(err.trimmed().count(u'\n'), 0); // one line
    QCOMPARE(p.exitCode(), exitCode);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
    QCOMPARE(readTestFile(m_dir.filePath(QStringLiteral("sample.csv"))),
             readTestFile(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"))); // input untouched
}

QTEST_GUILESS_MAIN(CliTest)
#include "cli_test.moc"
