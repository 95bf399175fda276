#include "fakegleif.h"
#include "gleifrecord.h"
#include "leicache.h"
#include "testfiles.h"
#include "csvfile.h"
#include "xlsxfixture.h"
#include "xlsxreader.h"
#include "testproxy.h"
#include "tlsfront.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>

#include <clocale>
#include <csignal>
#include <sys/resource.h>

// Back-dates a file's or folder's modification time (QFileDevice::setFileTime() needs an open
// file), so that any write to it would show.
static void backdate(const QString &path, const QDateTime &when)
{
    struct timespec times[2] = {{0, UTIME_OMIT}, {time_t(when.toSecsSinceEpoch()), 0}};
    QCOMPARE(::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, 0), 0);
}

// The loopback fake is plain http, which is itself a notice: tests about other notices leave it out.
static QString withoutPlainHttpNotice(QString err)
{
    return err.remove(QRegularExpression(QStringLiteral("lei-enrich: warning: [^\\n]*plain http[^\\n]*\\n")));
}

static QJsonArray noticesWithoutPlainHttp(const QJsonObject &report)
{
    QJsonArray out;
    for (const QJsonValue &v : report.value(u"notices").toArray())
        if (!v.toString().contains(QStringLiteral("plain http")))
            out.append(v);
    return out;
}

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
    void sigintDuringXlsxExportWritesNothing();
    void cacheCommand();
    void cacheThatIsNotSqliteIsRefused_data();
    void cacheThatIsNotSqliteIsRefused();
    void xlsxCutByAFileSizeLimitExitsThree();
    void germanLocaleWritesCNumbers();
    void neutraliseFormulasOption();
    void windows1252NoticeOnStderrAndInReport();
    void proxyAndCaBundle_data();
    void proxyAndCaBundle();
    void unusableCaBundle_data();
    void unusableCaBundle();
    void rowsOfAnotherWidthAreWarningsAndExitOne_data();
    void rowsOfAnotherWidthAreWarningsAndExitOne();
    void reEnrichingTheOutputReplacesTheAddedColumns();
    void reEnrichingWithFieldsReplacesOnlyThatRunsColumns_data();
    void reEnrichingWithFieldsReplacesOnlyThatRunsColumns();
    void inputCutShortDuringTheRunWritesNothing();
    void plainHttpApiIsANotice();
    void leiHealthWarningsAndStrict_data();
    void leiHealthWarningsAndStrict();
    void fieldsAllFromAWarmCacheWithoutRequests();
    void decimalCommas_data();
    void decimalCommas();
    void costTotalsPerCountryAndCurrency_data();
    void costTotalsPerCountryAndCurrency();
    void parentsOnline_data();
    void parentsOnline();
    void allowSlowMakesThemAnyway();
    void xlsxWritesGleifDatesAsDates();
    void xlsxInputEnrichesLikeTheCsv();
    void matchByName_data();
    void matchByName();
    void decisionsCommand();
    void slowSearchesAreANotice();

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
    // lei-enrich reads a GLEIF mirror at the default place when one is there (--source auto):
    // these runs are about the API, whatever the machine holds.
    qputenv("LEI_ENRICHER_MIRROR", QFile::encodeName(m_dir.filePath(QStringLiteral("no-mirror.sqlite"))));
    qunsetenv("LEI_ENRICHER_SOURCE");
    QFile::copy(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), m_dir.filePath(QStringLiteral("sample.csv")));
    writeTestFile(m_dir.path(), QStringLiteral("nolei.csv"), "id,counterparty\n1,XKZZ2JZF41MRHTR1V493\n");
    writeTestFile(m_dir.path(), QStringLiteral("empty.csv"), QByteArray());
    writeTestFile(m_dir.path(), QStringLiteral("twolei.csv"), "lei,notional,rate, LEI\nXKZZ2JZF41MRHTR1V493,1,1,x\n");
    writeTestFile(m_dir.path(), QStringLiteral("tworates.csv"), "notional,rate,rate,lei\n1,1,2,XKZZ2JZF41MRHTR1V493\n");
    QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("adir")));
    // The sample as an analyst's workbook: notional and rate as numbers.
    QVERIFY(writeCsvAsXlsx(m_dir.filePath(QStringLiteral("sample.csv")), m_dir.filePath(QStringLiteral("sample.xlsx")), {2, 6}));
    writeTestFile(m_dir.path(), QStringLiteral("notzip.xlsx"), "lei\nXKZZ2JZF41MRHTR1V493\n");
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
    err = withoutPlainHttpNotice(err);
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

void CliTest::sigintDuringXlsxExportWritesNothing()
{
    // SIGINT once the workbook's temporary file exists (the export has begun): exit 130, no
    // workbook, no temporary file left beside it.
    QByteArray csv("id,notional,rate,lei\n");
    for (int i = 0; i < 300000; ++i)
        csv += QByteArray::number(i) + ",763000,0.0070956,XKZZ2JZF41MRHTR1V493\n";
    QTemporaryDir dir(m_dir.filePath(QStringLiteral("xlsx-sig-XXXXXX")));
    QVERIFY(dir.isValid());
    writeTestFile(dir.path(), QStringLiteral("big.csv"), csv);
    QProcess p;
    p.setWorkingDirectory(dir.path());
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(),
                                              QStringLiteral("--cache"), dir.filePath(QStringLiteral("c.sqlite")),
                                              QStringLiteral("-o"), QStringLiteral("out.xlsx"), QStringLiteral("big.csv")});
    QVERIFY(p.waitForStarted(60000));
    const QStringList temporary{QStringLiteral(".out.xlsx.*")};
    QTRY_VERIFY_WITH_TIMEOUT(!QDir(dir.path()).entryList(temporary, QDir::Files | QDir::Hidden).isEmpty()
                                 || p.state() == QProcess::NotRunning, 60000);
    QVERIFY2(p.state() != QProcess::NotRunning, p.readAllStandardError().constData()); // caught during the export
    ::kill(pid_t(p.processId()), SIGINT);
    QVERIFY(finished.wait(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QCOMPARE(p.exitCode(), 130);
    QVERIFY(QString::fromUtf8(p.readAllStandardError()).contains(QStringLiteral("interrupted")));
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out.xlsx"))));
    QCOMPARE(QDir(dir.path()).entryList(temporary, QDir::Files | QDir::Hidden), QStringList());
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
    // The first answer comes at once; the second is held far longer than the test waits for
    // the process, so an exit at all shows the run did not wait for its request.
    FakeGleif slow;
    slow.enqueue({});
    FakeGleif::Scripted held;
    held.delayMs = 600000;
    slow.enqueue(held);
    QVERIFY(slow.listen());
    const QString cache = m_dir.filePath(QStringLiteral("sig-%1.sqlite").arg(signal));
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("--api-url"), slow.baseUrl().toString(), QStringLiteral("--cache"), cache,
                                              QStringLiteral("--batch-size"), QStringLiteral("2"), QStringLiteral("--concurrency"), QStringLiteral("1"),
                                              QStringLiteral("--timeout"), QStringLiteral("3600"),
                                              QStringLiteral("-o"), QStringLiteral("sig.csv"), QStringLiteral("sample.csv")});
    QVERIFY(p.waitForStarted(60000));
    QTRY_VERIFY_WITH_TIMEOUT(slow.stats().requests >= 2, 60000); // one answer in, one held
    ::kill(pid_t(p.processId()), signal);
    QVERIFY2(finished.wait(120000), "the run must stop at once, not wait for its held request");
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
    QVERIFY(p.waitForFinished(60000));
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

void CliTest::cacheThatIsNotSqliteIsRefused_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: a folder
    QTest::newRow("text") << QByteArray("GB desk: call back Tuesday\n");
    QTest::newRow("binary") << QByteArray(8192, 'z');
    QTest::newRow("folder") << QByteArray();
}

// `--cache notes.txt` for an enrichment: exit 3 naming the file, nothing written, the file
// left byte for byte with its modification time (it used to be renamed aside and replaced).
void CliTest::cacheThatIsNotSqliteIsRefused()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    QVERIFY(QFile::copy(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), dir.filePath(QStringLiteral("sample.csv"))));
    const QString notes = dir.filePath(QStringLiteral("notes.txt"));
    if (content.isEmpty())
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("notes.txt")));
    else
        writeTestFile(dir.path(), QStringLiteral("notes.txt"), content);
    const QDateTime modified = QDateTime::currentDateTimeUtc().addDays(-2);
    backdate(notes, modified);
    const QStringList before = QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);

    QProcess p;
    p.setWorkingDirectory(dir.path());
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"), notes,
                                              QStringLiteral("--report"), QStringLiteral("report.json"), QStringLiteral("sample.csv")});
    QVERIFY(finished.wait(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), 3);
    QVERIFY2(err.contains(notes), qPrintable(err));
    QCOMPARE(err.trimmed().count(u'\n'), 0); // one line
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), before); // no output, no report
    QCOMPARE(QFileInfo(notes).lastModified().toSecsSinceEpoch(), modified.toSecsSinceEpoch());
    if (!content.isEmpty())
        QCOMPARE(readTestFile(notes), content);
}

// A record with a value in every field the catalogue reads (dates with offsets, a formula-like
// name); its renewal date is long past, so renewal_due whatever the run's date. Restored by the guard.
static auto richRecord(FakeGleif &fake, const QString &lei)
{
    const QJsonObject original = fake.record(lei);
    QJsonObject record = original;
    QJsonObject attributes = record[u"attributes"].toObject();
    QJsonObject entity = attributes[u"entity"].toObject(), registration = attributes[u"registration"].toObject();
    entity[u"legalName"] = QJsonObject{{QStringLiteral("name"), QStringLiteral("=Rich & Co")}};
    entity[u"headquartersAddress"] = QJsonObject{{QStringLiteral("country"), QStringLiteral("FR")}};
    entity[u"jurisdiction"] = QStringLiteral("DE-BY");
    entity[u"legalForm"] = QJsonObject{{QStringLiteral("id"), QJsonValue()}, {QStringLiteral("other"), QStringLiteral("Stiftung")}};
    entity[u"category"] = QStringLiteral("FUND");
    entity[u"otherNames"] = QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Rich One")}},
                                       QJsonObject{{QStringLiteral("name"), QStringLiteral("+Rich Two")}}};
    entity[u"status"] = QStringLiteral("INACTIVE");
    entity[u"successorEntity"] = QJsonObject{{QStringLiteral("lei"), QStringLiteral("213800MBWEIJDM5CU638")}};
    registration[u"status"] = QStringLiteral("RETIRED");
    registration[u"nextRenewalDate"] = QStringLiteral("2020-06-15T23:30:00-02:00"); // UTC: the 16th
    registration[u"lastUpdateDate"] = QStringLiteral("2025-12-31T23:30:00-02:00");  // UTC: 2026-01-01
    attributes[u"entity"] = entity;
    attributes[u"registration"] = registration;
    record[u"attributes"] = attributes;
    fake.addRecord(record);
    return qScopeGuard([&fake, original] { fake.addRecord(original); });
}

void CliTest::fieldsAllFromAWarmCacheWithoutRequests()
{
    // A default run fills the cache; `--fields all` then takes every new field from the cache's
    // raw records, with no request, and a cold run agrees with it but for dataSource.
    const QString rich = QStringLiteral("851WYGNLUQLFZBSYGB56"), plain = QStringLiteral("XKZZ2JZF41MRHTR1V493");
    const auto restore = richRecord(m_fake, rich);
    writeTestFile(m_dir.path(), QStringLiteral("fields.csv"), "id,notional,rate,lei\n1,1,1," + rich.toLatin1() + "\n2,1,1," + plain.toLatin1() + "\n3,1,1,bad\n");
    const QString cache = m_dir.filePath(QStringLiteral("fields.sqlite"));
    QString err;
    QVERIFY2(run({QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"), cache,
                  QStringLiteral("-o"), QStringLiteral("fields.default.csv"), QStringLiteral("fields.csv")}, &err) == 1, qPrintable(err));
    QCOMPARE(readTestFile(m_dir.filePath(QStringLiteral("fields.default.csv"))).split('\n').first(),
             QByteArray("id,notional,rate,lei,legalName,bic,country,transaction_costs,enrichment_status"));
    const int requests = m_fake.stats().requests;
    QVERIFY2(run({QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"), cache,
                  QStringLiteral("--fields"), QStringLiteral("all"), QStringLiteral("--report"), QStringLiteral("fields.json"),
                  QStringLiteral("-o"), QStringLiteral("fields.warm.csv"), QStringLiteral("fields.csv")}, &err) == 1, qPrintable(err));
    QCOMPARE(m_fake.stats().requests, requests);
    QVERIFY2(run({QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"),
                  m_dir.filePath(QStringLiteral("fields-cold.sqlite")), QStringLiteral("--fields"), QStringLiteral(" all "),
                  QStringLiteral("-o"), QStringLiteral("fields.cold.csv"), QStringLiteral("fields.csv")}, &err) == 1, qPrintable(err));

    // The report keeps its keys whatever the fields.
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("fields.json")))).object();
    QCOMPARE(report.value(u"cache_hits").toInt(), 2);
    QCOMPARE(report.value(u"rows_per_status").toObject().value(u"ok").toInt(), 2);

    const QStringList header{QStringLiteral("id"), QStringLiteral("notional"), QStringLiteral("rate"), QStringLiteral("lei"),
        QStringLiteral("legalName"), QStringLiteral("bic"), QStringLiteral("country"), QStringLiteral("hqCountry"),
        QStringLiteral("jurisdiction"), QStringLiteral("legalForm"), QStringLiteral("category"), QStringLiteral("otherNames"),
        QStringLiteral("entityStatus"), QStringLiteral("registrationStatus"), QStringLiteral("nextRenewalDate"),
        QStringLiteral("lastUpdateDate"), QStringLiteral("successorLei"),
        QStringLiteral("directParentLei"), QStringLiteral("directParentName"), QStringLiteral("directParentException"),
        QStringLiteral("ultimateParentLei"), QStringLiteral("ultimateParentName"), QStringLiteral("ultimateParentException"),
        QStringLiteral("leiWarning"), QStringLiteral("dataAsOf"),
        QStringLiteral("dataSource"), QStringLiteral("transaction_costs"), QStringLiteral("enrichment_status")};
    const QHash<QString, QString> richValues{
        {QStringLiteral("legalName"), QStringLiteral("'=Rich & Co")}, // GLEIF's text never a live formula
        {QStringLiteral("bic"), QStringLiteral("BREXCZPPXXX;COBADEFFXXX;COBAGB2XXXX")},
        {QStringLiteral("country"), QStringLiteral("DE")},
        {QStringLiteral("hqCountry"), QStringLiteral("FR")},
        {QStringLiteral("jurisdiction"), QStringLiteral("DE-BY")},
        {QStringLiteral("legalForm"), QStringLiteral("Stiftung")},
        {QStringLiteral("category"), QStringLiteral("FUND")},
        {QStringLiteral("otherNames"), QStringLiteral("Rich One;+Rich Two")}, // starts with R: not a formula
        {QStringLiteral("entityStatus"), QStringLiteral("INACTIVE")},
        {QStringLiteral("registrationStatus"), QStringLiteral("RETIRED")},
        {QStringLiteral("nextRenewalDate"), QStringLiteral("2020-06-16")},
        {QStringLiteral("lastUpdateDate"), QStringLiteral("2026-01-01")},
        {QStringLiteral("successorLei"), QStringLiteral("213800MBWEIJDM5CU638")},
        {QStringLiteral("leiWarning"), QStringLiteral("retired;inactive;successor:213800MBWEIJDM5CU638;renewal_due")},
        {QStringLiteral("transaction_costs"), QStringLiteral("0.0")},
        {QStringLiteral("enrichment_status"), QStringLiteral("ok")},
    };
    const QHash<QString, QString> plainValues{
        {QStringLiteral("legalName"), QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED")},
        {QStringLiteral("bic"), QStringLiteral("SBILGB2LXXX")},
        {QStringLiteral("country"), QStringLiteral("GB")},
        {QStringLiteral("hqCountry"), QStringLiteral("GB")},
        {QStringLiteral("jurisdiction"), QStringLiteral("GB")},
        {QStringLiteral("legalForm"), QStringLiteral("H0PO")},
        {QStringLiteral("category"), QStringLiteral("GENERAL")},
        {QStringLiteral("otherNames"), QString()},
        {QStringLiteral("entityStatus"), QStringLiteral("ACTIVE")},
        {QStringLiteral("registrationStatus"), QStringLiteral("ISSUED")},
        {QStringLiteral("nextRenewalDate"), QStringLiteral("2099-01-01")},
        {QStringLiteral("lastUpdateDate"), QStringLiteral("2026-01-01")},
        {QStringLiteral("successorLei"), QString()}, // null in GLEIF: empty, never "null"
        // The sample records' relationships announce no parent: empty, and no request.
        {QStringLiteral("directParentLei"), QString()},
        {QStringLiteral("ultimateParentException"), QString()},
        {QStringLiteral("enrichment_status"), QStringLiteral("ok")},
    };
    for (const char *run : {"warm", "cold"}) {
        const QList<QByteArray> lines = readTestFile(m_dir.filePath(QStringLiteral("fields.%1.csv").arg(QLatin1String(run)))).split('\n');
        QCOMPARE(lines.size(), 5); // header, three rows, the last line end
        QCOMPARE(QString::fromLatin1(lines[0]).split(u','), header);
        for (int row = 1; row <= 2; ++row) {
            const QStringList cells = QString::fromUtf8(lines[row]).split(u',');
            QCOMPARE(cells.size(), header.size());
            for (const auto &[name, value] : (row == 1 ? richValues : plainValues).asKeyValueRange())
                QVERIFY2(cells[header.indexOf(name)] == value,
                         qPrintable(QStringLiteral("%1 row %2 %3: %4").arg(QLatin1String(run)).arg(row).arg(name, cells[header.indexOf(name)])));
            QCOMPARE(cells[header.indexOf(u"dataSource")], QString::fromLatin1(run == QByteArray("warm") ? "cache" : "api"));
            const QDateTime asOf = QDateTime::fromString(cells[header.indexOf(u"dataAsOf")], Qt::ISODate);
            QVERIFY(asOf.isValid() && asOf.timeSpec() == Qt::UTC);
        }
        // A row without an answer has every added cell, empty but for its status.
        QCOMPARE(QString::fromUtf8(lines[3]).split(u','),
                 (QStringList{QStringLiteral("3"), QStringLiteral("1"), QStringLiteral("1"), QStringLiteral("bad")}
                  + QStringList(header.size() - 5) + QStringList{QStringLiteral("invalid_lei")}));
    }
}

void CliTest::xlsxWritesGleifDatesAsDates()
{
    writeTestFile(m_dir.path(), QStringLiteral("dates.csv"), "notional,rate,lei\n763000,0.0070956,XKZZ2JZF41MRHTR1V493\n");
    QString err;
    QVERIFY2(run({QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"),
                  m_dir.filePath(QStringLiteral("dates.sqlite")), QStringLiteral("--fields"),
                  QStringLiteral("nextRenewalDate,legalName,lastUpdateDate"), QStringLiteral("-o"), QStringLiteral("dates.xlsx"),
                  QStringLiteral("dates.csv")}, &err) == 0, qPrintable(err));
    const auto zip = readZip(m_dir.filePath(QStringLiteral("dates.xlsx")), &err);
    const QString sheet = QString::fromUtf8(zip.value(QStringLiteral("xl/worksheets/sheet1.xml")));
    auto cell = [&](const QString &ref) {
        const auto m = QRegularExpression(QStringLiteral("<c r=\"%1\"([^>]*)>(.*?)</c>").arg(ref)).match(sheet);
        return m.hasMatch() ? m.captured(1) + u'|' + m.captured(2) : QString();
    };
    // A date is a number (days since 1899-12-30) with a date style; text stays text.
    const QString renewal = QString::number(QDate(1899, 12, 30).daysTo(QDate(2099, 1, 1)));
    const QString update = QString::number(QDate(1899, 12, 30).daysTo(QDate(2026, 1, 1)));
    const QRegularExpression dateCell(QStringLiteral("^ s=\"(\\d+)\"\\|<v>(\\d+)</v>$"));
    const auto d = dateCell.match(cell(QStringLiteral("D2")));
    QVERIFY2(d.hasMatch(), qPrintable(cell(QStringLiteral("D2"))));
    QCOMPARE(d.captured(2), renewal);
    const auto u = dateCell.match(cell(QStringLiteral("F2")));
    QVERIFY2(u.hasMatch(), qPrintable(cell(QStringLiteral("F2"))));
    QCOMPARE(u.captured(2), update);
    QVERIFY2(cell(QStringLiteral("E2")).contains(QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED")), qPrintable(cell(QStringLiteral("E2"))));
    QVERIFY(!cell(QStringLiteral("E2")).contains(QStringLiteral("<v>")));
    // The style it names shows the date as YYYY-MM-DD.
    const QString styles = QString::fromUtf8(zip.value(QStringLiteral("xl/styles.xml")));
    const auto fmt = QRegularExpression(QStringLiteral("<numFmt numFmtId=\"(\\d+)\" formatCode=\"yyyy-mm-dd\"")).match(styles);
    QVERIFY2(fmt.hasMatch(), qPrintable(styles));
    const QString cellXfs = styles.section(QStringLiteral("<cellXfs"), 1).section(QStringLiteral("</cellXfs>"), 0, 0);
    const QStringList xfs = cellXfs.split(QStringLiteral("<xf "), Qt::SkipEmptyParts).mid(1);
    const int style = d.captured(1).toInt();
    QVERIFY(style < xfs.size());
    QVERIFY2(xfs[style].contains(QStringLiteral("numFmtId=\"%1\"").arg(fmt.captured(1))), qPrintable(xfs[style]));
}

void CliTest::help()
{
    QProcess p;
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QString out = QString::fromUtf8(p.readAllStandardOutput());
    for (const char *option : {"--match-name", "--match-country", "--match-bic", "--accept", "--output", "--api-url", "--cache", "--ttl", "--offline", "--refresh", "--rules",
                               "--lei-column", "--delimiter", "--encoding", "--requests-per-minute",
                               "--batch-size", "--concurrency", "--timeout", "--report", "--quiet", "--neutralise-formulas"})
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
    QTest::newRow("empty CA bundle") << QStringList{QStringLiteral("--ca-bundle="), sample} << 2 << QStringLiteral("--ca-bundle needs a file");
    QTest::newRow("bad output suffix") << QStringList{QStringLiteral("-o"), QStringLiteral("out.txt"), sample} << 2 << QStringLiteral("out.txt");
    QTest::newRow("no such currency column") << QStringList{QStringLiteral("--currency-column"), QStringLiteral("ccy_x"), sample} << 3
                                             << QStringLiteral("no column named \"ccy_x\"");
    QTest::newRow("unknown source") << QStringList{QStringLiteral("--source"), QStringLiteral("web"), sample} << 2
                                    << QStringLiteral("--source must be auto, api or mirror: web");
    QTest::newRow("mirror and refresh") << QStringList{QStringLiteral("--source"), QStringLiteral("mirror"), QStringLiteral("--refresh"), sample}
                                        << 2 << QStringLiteral("--source mirror uses no network");
    QTest::newRow("no mirror") << QStringList{QStringLiteral("--source"), QStringLiteral("mirror"), QStringLiteral("--mirror"),
                                              QStringLiteral("/nonexistent/gleif-mirror.sqlite"), sample}
                               << 3 << QStringLiteral("no GLEIF mirror at /nonexistent/gleif-mirror.sqlite");
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
    QTest::newRow("two LEI columns") << QStringList{QStringLiteral("twolei.csv")} << 3 << QStringLiteral("twolei.csv: 2 columns named \"lei\" (columns 1, 4)");
    QTest::newRow("rule on a column named twice") << QStringList{QStringLiteral("tworates.csv")} << 3 << QStringLiteral("uses column \"rate\", which the input has more than once");
    QTest::newRow("unknown field") << QStringList{QStringLiteral("--fields"), QStringLiteral("legalName,lei"), sample} << 2
                                   << QStringLiteral("unknown field \"lei\" (valid: all, legalName, bic, country, hqCountry");
    QTest::newRow("field twice") << QStringList{QStringLiteral("--fields"), QStringLiteral("bic,bic"), sample} << 2 << QStringLiteral("named twice");
    QTest::newRow("unknown sheet") << QStringList{QStringLiteral("--sheet"), QStringLiteral("Nope"), QStringLiteral("sample.xlsx")} << 3
                                   << QStringLiteral("sample.xlsx: no sheet named \"Nope\" (sheets: Sheet1)");
    QTest::newRow("sheet of a CSV") << QStringList{QStringLiteral("--sheet"), QStringLiteral("Sheet1"), sample} << 2
                                    << QStringLiteral("--sheet applies to an .xlsx input only");
    QTest::newRow("xlsx that is no ZIP") << QStringList{QStringLiteral("notzip.xlsx")} << 3
                                         << QStringLiteral("notzip.xlsx: not an XLSX workbook (not a ZIP file)");
    QTest::newRow("unknown match column") << QStringList{QStringLiteral("--match-name"), QStringLiteral("company"), sample} << 3
                                          << QStringLiteral("no column named \"company\" for --match-name");
    QTest::newRow("match country alone") << QStringList{QStringLiteral("--match-country"), QStringLiteral("lei"), sample} << 2
                                         << QStringLiteral("--match-country needs --match-name or --match-bic");
    QTest::newRow("accept what") << QStringList{QStringLiteral("--match-name"), QStringLiteral("lei"), QStringLiteral("--accept"),
                                                QStringLiteral("ambiguous"), sample} << 2 << QStringLiteral("--accept takes probable: ambiguous");
    QTest::newRow("accept without matching") << QStringList{QStringLiteral("--accept"), QStringLiteral("probable"), sample} << 2
                                             << QStringLiteral("--accept probable needs --match-name");
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
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(message), qPrintable(err));
    QCOMPARE(err.trimmed().count(u'\n'), 0); // one line
    QCOMPARE(p.exitCode(), exitCode);
    QCOMPARE(QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), before);
    QCOMPARE(readTestFile(m_dir.filePath(QStringLiteral("sample.csv"))),
             readTestFile(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"))); // input untouched
}

void CliTest::xlsxCutByAFileSizeLimitExitsThree()
{
    // libxlsxwriter writes each sheet to a temporary file first and does not check those writes.
    // A file size limit (as a full disk would) cuts them; the workbook it then assembled was
    // renamed over the old file with no error. 20,000 rows make sheets of several MB, well over
    // the 1 MB limit, while the cache and the finished (compressed) workbook stay under it.
    QByteArray rows("id,notional,rate,lei\n");
    for (int i = 0; i < 20000; ++i)
        rows += QByteArray::number(i) + ",1,1,x\n";
    writeTestFile(m_dir.path(), QStringLiteral("limit.csv"), rows);
    QTemporaryDir outDir;
    const QString out = writeTestFile(outDir.path(), QStringLiteral("limit.xlsx"), "precious");
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    p.setChildProcessModifier([] {
        const rlimit limit{1 << 20, 1 << 20};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        ::signal(SIGXFSZ, SIG_IGN); // a write past the limit fails with EFBIG instead of killing
    });
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("-q"), QStringLiteral("--offline"), QStringLiteral("--cache"),
                                              m_dir.filePath(QStringLiteral("limit.sqlite")), QStringLiteral("-o"), out,
                                              QStringLiteral("limit.csv")});
    QVERIFY(finished.wait(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == 3, qPrintable(QStringLiteral("exit %1: %2").arg(p.exitCode()).arg(err)));
    QVERIFY2(err.startsWith(QStringLiteral("lei-enrich: ") + out + QStringLiteral(": ")), qPrintable(err));
    QCOMPARE(err.trimmed().count(u'\n'), 0);
    QCOMPARE(readTestFile(out), QByteArray("precious"));
    QCOMPARE(QDir(outDir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("limit.xlsx")});
}

void CliTest::germanLocaleWritesCNumbers()
{
    // The locale must exist (packaging/install-deps.sh generates it): a test that cannot switch
    // would prove nothing, so it fails.
    const QByteArray previous = std::setlocale(LC_ALL, nullptr);
    const bool haveGerman = std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr;
    std::setlocale(LC_ALL, previous.constData());
    QVERIFY2(haveGerman, "the de_DE.UTF-8 locale is missing: run packaging/install-deps.sh");

    writeTestFile(m_dir.path(), QStringLiteral("de.csv"), "notional,rate,lei\n763000,0.0070956,XKZZ2JZF41MRHTR1V493\n");
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("de_DE.UTF-8"));
    QString err;
    for (const QString &out : {QStringLiteral("de.xlsx"), QStringLiteral("de.out.csv")})
        QVERIFY2(run({QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"),
                      m_dir.filePath(QStringLiteral("de.sqlite")), QStringLiteral("-o"), out, QStringLiteral("de.csv")}, &err, env) == 0,
                 qPrintable(err));
    const QByteArray sheet = readZip(m_dir.filePath(QStringLiteral("de.xlsx")), &err).value(QStringLiteral("xl/worksheets/sheet1.xml"));
    QVERIFY2(sheet.contains("<v>0.0070956</v>"), sheet.constData());
    QVERIFY(sheet.contains("<v>-757586.0572"));
    QVERIFY(sheet.contains("<pageMargins left=\"0.7\""));
    QVERIFY(readTestFile(m_dir.filePath(QStringLiteral("de.out.csv"))).endsWith(",-757586.0572,ok\n"));
}

void CliTest::neutraliseFormulasOption()
{
    writeTestFile(m_dir.path(), QStringLiteral("formula.csv"), "notional,rate,lei,note\n1,1,x,=1+2\n1,1,x,-5\n");
    QString err;
    QCOMPARE(run({QStringLiteral("-q"), QStringLiteral("--offline"), QStringLiteral("--cache"), m_dir.filePath(QStringLiteral("f.sqlite")),
                  QStringLiteral("-o"), QStringLiteral("formula.plain.csv"), QStringLiteral("formula.csv")}, &err), 1);
    QCOMPARE(readTestFile(m_dir.filePath(QStringLiteral("formula.plain.csv"))).split('\n').mid(1, 2),
             (QList<QByteArray>{"1,1,x,=1+2,,,,,invalid_lei", "1,1,x,-5,,,,,invalid_lei"}));
    QCOMPARE(run({QStringLiteral("-q"), QStringLiteral("--offline"), QStringLiteral("--cache"), m_dir.filePath(QStringLiteral("f.sqlite")),
                  QStringLiteral("--neutralise-formulas"), QStringLiteral("-o"), QStringLiteral("formula.safe.csv"),
                  QStringLiteral("formula.csv")}, &err), 1);
    QCOMPARE(readTestFile(m_dir.filePath(QStringLiteral("formula.safe.csv"))).split('\n').mid(1, 2),
             (QList<QByteArray>{"1,1,x,'=1+2,,,,,invalid_lei", "1,1,x,-5,,,,,invalid_lei"}));
}

void CliTest::windows1252NoticeOnStderrAndInReport()
{
    const QString lei = QStringLiteral("851WYGNLUQLFZBSYGB56");
    QJsonObject record = m_fake.record(lei);
    const QJsonObject original = record;
    QJsonObject attributes = record[u"attributes"].toObject(), entity = attributes[u"entity"].toObject();
    entity[u"legalName"] = QJsonObject{{QStringLiteral("name"), QStringLiteral("Sp\u00f3\u0142ka Akcyjna")}};
    attributes[u"entity"] = entity;
    record[u"attributes"] = attributes;
    m_fake.addRecord(record);
    const auto restore = qScopeGuard([&] { m_fake.addRecord(original); });

    writeTestFile(m_dir.path(), QStringLiteral("pl.csv"), "n\xf3te,notional,rate,lei\n\xe9,1,1," + lei.toLatin1() + "\n");
    QString err;
    QCOMPARE(run({QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"),
                  m_dir.filePath(QStringLiteral("pl.sqlite")), QStringLiteral("--report"), QStringLiteral("pl.json"),
                  QStringLiteral("-o"), QStringLiteral("pl.out.csv"), QStringLiteral("pl.csv")}, &err), 0); // a notice changes no exit code
    const QByteArray out = readTestFile(m_dir.filePath(QStringLiteral("pl.out.csv")));
    QVERIFY2(out.startsWith("\xEF\xBB\xBFn\xC3\xB3te,"), out.constData());
    QVERIFY(out.contains(QByteArray("\n\xC3\xA9,1,1," + lei.toLatin1() + ",Sp\xC3\xB3\xC5\x82ka Akcyjna,")));
    QVERIFY2(err.contains(QStringLiteral("lei-enrich: warning: ")) && err.contains(QStringLiteral("UTF-8")), qPrintable(err));
    const QJsonArray notices = noticesWithoutPlainHttp(QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("pl.json")))).object());
    QCOMPARE(notices.size(), 1);
    QVERIFY(notices[0].toString().contains(QStringLiteral("Windows-1252")));
}

// The environment of a machine without any proxy or LEI Enricher variable.
static QProcessEnvironment cleanEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &name : env.keys()) {
        if (name.toLower().endsWith(u"_proxy") || name.startsWith(u"LEI_ENRICHER_"))
            env.remove(name);
    }
    return env;
}

void CliTest::proxyAndCaBundle_data()
{
    QTest::addColumn<bool>("https");
    QTest::addColumn<QString>("bundle"); // "option", "env" or empty
    QTest::addColumn<QString>("proxyCredentials"); // "right", "wrong", "none": https_proxy/http_proxy set; empty: no proxy
    QTest::addColumn<bool>("noProxy"); // no_proxy names 127.0.0.1
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("reason"); // of every failure; starts with it

    QTest::newRow("https without a bundle: TLS failure, not retried") << true << QString() << QString() << false << 1 << QStringLiteral("TLS: ");
    QTest::newRow("--ca-bundle") << true << QStringLiteral("option") << QString() << false << 0 << QString();
    QTest::newRow("LEI_ENRICHER_CA_BUNDLE") << true << QStringLiteral("env") << QString() << false << 0 << QString();
    QTest::newRow("https_proxy with credentials") << true << QStringLiteral("option") << QStringLiteral("right") << false << 0 << QString();
    QTest::newRow("http_proxy with credentials") << false << QString() << QStringLiteral("right") << false << 0 << QString();
    QTest::newRow("https_proxy, wrong password") << true << QStringLiteral("option") << QStringLiteral("wrong") << false << 1
                                                 << QStringLiteral("proxy authentication required");
    QTest::newRow("http_proxy, no credentials") << false << QString() << QStringLiteral("none") << false << 1
                                                << QStringLiteral("proxy authentication required");
    QTest::newRow("no_proxy") << true << QStringLiteral("option") << QStringLiteral("right") << true << 0 << QString();
}

void CliTest::proxyAndCaBundle()
{
    QFETCH(bool, https);
    QFETCH(QString, bundle);
    QFETCH(QString, proxyCredentials);
    QFETCH(bool, noProxy);
    QFETCH(int, exitCode);
    QFETCH(QString, reason);
    TlsFront tls(m_fake.port());
    QVERIFY2(tls.listen(), qPrintable(tls.errorString()));
    TestProxy proxy;
    QVERIFY(proxy.listen());
    proxy.requireCredentials(QStringLiteral("ana lyst"), QStringLiteral("p@ss:word"));

    QProcessEnvironment env = cleanEnvironment();
    QUrl api = https ? tls.baseUrl() : m_fake.baseUrl();
    if (!proxyCredentials.isEmpty() && !noProxy)
        api.setHost(QStringLiteral("gleif.test")); // only the proxy knows it (Qt never proxies 127.0.0.1)
    QStringList args {QStringLiteral("-q"), QStringLiteral("--api-url"), api.toString(),
                      QStringLiteral("--cache"), m_dir.filePath(QStringLiteral("net-%1.sqlite").arg(QString::fromUtf8(QTest::currentDataTag()).replace(u' ', u'-'))),
                      QStringLiteral("--report"), QStringLiteral("net.json"), QStringLiteral("-o"), QStringLiteral("net.csv"),
                      QStringLiteral("--concurrency"), QStringLiteral("1"), QStringLiteral("sample.csv")};
    if (bundle == u"option")
        args.prepend(QStringLiteral("--ca-bundle=") + TlsFront::caPath());
    else if (bundle == u"env")
        env.insert(QStringLiteral("LEI_ENRICHER_CA_BUNDLE"), TlsFront::caPath());
    if (!proxyCredentials.isEmpty()) {
        // Credentials in the URL, percent-encoded.
        const QString userInfo = proxyCredentials == u"right" ? QStringLiteral("ana%20lyst:p%40ss%3Aword@")
            : proxyCredentials == u"wrong"                      ? QStringLiteral("ana%20lyst:guess@")
                                                                : QString();
        const QString url = QStringLiteral("http://") + userInfo + QStringLiteral("127.0.0.1:") + QString::number(proxy.port());
        env.insert(https ? QStringLiteral("https_proxy") : QStringLiteral("http_proxy"), url);
    }
    if (noProxy) // 127.0.0.1 is never proxied anyway: this only shows the variable does no harm
        env.insert(QStringLiteral("no_proxy"), QStringLiteral("localhost,127.0.0.1"));
    QFile::remove(m_dir.filePath(QStringLiteral("net.json")));

    QString err;
    QCOMPARE(run(args, &err, env), exitCode);
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("net.json")))).object();
    const QJsonArray failures = report.value(u"failures").toArray();
    if (exitCode == 0) {
        QCOMPARE(failures.size(), 0);
    } else {
        QCOMPARE(report.value(u"rows_per_status").toObject().value(u"lookup_failed").toInt(), 20);
        for (const QJsonValue &f : failures)
            QVERIFY2(f.toObject().value(u"reason").toString().startsWith(reason), qPrintable(f.toObject().value(u"reason").toString()));
        QCOMPARE(report.value(u"requests_sent").toInt(), 1); // failed at once: no retries
        QCOMPARE(report.value(u"retries").toInt(), 0);
    }
    const bool throughProxy = !proxyCredentials.isEmpty() && !noProxy;
    QCOMPARE(proxy.targets().isEmpty(), !throughProxy);
    if (throughProxy && https)
        QVERIFY(proxy.tunnels() >= 1 || exitCode != 0);
    if (throughProxy && !https && exitCode == 0)
        QVERIFY(proxy.forwarded() >= 1);
}

void CliTest::unusableCaBundle_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("message");
    QTest::newRow("missing") << QStringLiteral("missing.pem") << QStringLiteral("cannot read the CA bundle");
    QTest::newRow("no certificate") << QStringLiteral("nocert.pem") << QStringLiteral("the CA bundle holds no PEM certificate");
}

void CliTest::unusableCaBundle()
{
    QFETCH(QString, file);
    QFETCH(QString, message);
    writeTestFile(m_dir.path(), QStringLiteral("nocert.pem"), "not a certificate\n");
    const QString output = m_dir.filePath(QStringLiteral("bundle-out.csv"));
    QFile::remove(output);
    for (const bool viaEnv : {false, true}) {
        QProcessEnvironment env = cleanEnvironment();
        QStringList args {QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("-o"), output, QStringLiteral("sample.csv")};
        if (viaEnv)
            env.insert(QStringLiteral("LEI_ENRICHER_CA_BUNDLE"), file);
        else
            args << QStringLiteral("--ca-bundle") << file;
        QString err;
        QCOMPARE(run(args, &err, env), 3);
        QVERIFY2(err.startsWith(QStringLiteral("lei-enrich: %1: %2").arg(file, message)), qPrintable(err));
        QCOMPARE(err.count(u'\n'), 1);
        QVERIFY(!QFileInfo::exists(output));
    }
}

void CliTest::rowsOfAnotherWidthAreWarningsAndExitOne_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<QByteArray>("written");
    QTest::addColumn<QString>("warning"); // its code; empty: none
    QTest::addColumn<int>("exitCode");
    QTest::newRow("as wide as the header")
        << QByteArray("763000,0.0070956,XKZZ2JZF41MRHTR1V493,n")
        << QByteArray("763000,0.0070956,XKZZ2JZF41MRHTR1V493,n,CITIGROUP GLOBAL MARKETS LIMITED,SBILGB2LXXX,GB,-757586.0572,ok")
        << QString() << 0;
    QTest::newRow("more fields")
        << QByteArray("763000,0.0070956,XKZZ2JZF41MRHTR1V493,n,surplus")
        << QByteArray("763000,0.0070956,XKZZ2JZF41MRHTR1V493,n,CITIGROUP GLOBAL MARKETS LIMITED,SBILGB2LXXX,GB,-757586.0572,ok,surplus")
        << QStringLiteral("extra_fields") << 1;
    QTest::newRow("fewer fields")
        << QByteArray("763000,0.0070956,XKZZ2JZF41MRHTR1V493")
        << QByteArray("763000,0.0070956,XKZZ2JZF41MRHTR1V493,,CITIGROUP GLOBAL MARKETS LIMITED,SBILGB2LXXX,GB,-757586.0572,ok")
        << QStringLiteral("missing_fields") << 1;
}

void CliTest::rowsOfAnotherWidthAreWarningsAndExitOne()
{
    // Every row ok, but one has fewer or more fields than the header: its new columns stay
    // under their headings (a short row padded, a long row's extra fields after them), and the
    // run says so (exit 1, report warnings). A blank line is no row and no warning.
    QFETCH(QByteArray, row);
    QFETCH(QByteArray, written);
    QFETCH(QString, warning);
    QFETCH(int, exitCode);
    const QString name = QStringLiteral("width-%1").arg(QString::fromLatin1(QTest::currentDataTag())).replace(u' ', u'-');
    writeTestFile(m_dir.path(), name + QStringLiteral(".csv"),
                  "notional,rate,lei,note\n763000,0.0070956,XKZZ2JZF41MRHTR1V493,n\n\n" + row + "\n");
    QString err;
    const int code = run({QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"),
                          m_dir.filePath(QStringLiteral("width.sqlite")), QStringLiteral("--report"), name + QStringLiteral(".json"),
                          name + QStringLiteral(".csv")}, &err);
    QVERIFY2(code == exitCode, qPrintable(err));
    const QList<QByteArray> lines = readTestFile(m_dir.filePath(name + QStringLiteral(".enriched.csv"))).split('\n');
    QCOMPARE(lines.size(), 4); // header, two rows, the last line end
    QCOMPARE(lines[2], written);
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(name + QStringLiteral(".json")))).object();
    QCOMPARE(report.value(u"rows").toInt(), 2);
    QCOMPARE(report.value(u"rows_per_status").toObject().value(u"ok").toInt(), 2);
    QCOMPARE(report.value(u"failures").toArray().size(), 0);
    QVERIFY(report.value(u"warnings").isArray()); // there, even when empty
    const QJsonArray warnings = report.value(u"warnings").toArray();
    if (warning.isEmpty()) {
        QCOMPARE(warnings.size(), 0);
        QVERIFY2(!err.contains(QStringLiteral("with warnings")), qPrintable(err));
        return;
    }
    QCOMPARE(warnings.size(), 1);
    QCOMPARE(warnings[0].toObject().value(u"row").toInt(), 2);
    QCOMPARE(warnings[0].toObject().value(u"lei").toString(), QStringLiteral("XKZZ2JZF41MRHTR1V493"));
    QCOMPARE(warnings[0].toObject().value(u"codes").toArray(), QJsonArray{warning});
    QVERIFY2(err.contains(QStringLiteral("1 with warnings")), qPrintable(err));
}

void CliTest::reEnrichingTheOutputReplacesTheAddedColumns()
{
    // The sample's enriched output fed in again: same output as enriching the original.
    QFile::copy(QStringLiteral(LEI_TEST_DATA_DIR "/sample_transactions.expected.csv"), m_dir.filePath(QStringLiteral("again.csv")));
    QString err;
    const int code = run({QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"),
                          m_dir.filePath(QStringLiteral("again.sqlite")), QStringLiteral("--report"), QStringLiteral("again.json"),
                          QStringLiteral("again.csv")}, &err);
    QVERIFY2(code == 0, qPrintable(err)); // a notice changes no exit code
    QCOMPARE(readTestFile(m_dir.filePath(QStringLiteral("again.enriched.csv"))),
             readTestFile(QStringLiteral(LEI_TEST_DATA_DIR "/sample_transactions.expected.csv")));
    QVERIFY2(err.contains(QStringLiteral("previous enrichment columns replaced")), qPrintable(err));
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("again.json")))).object();
    const QJsonArray notices = noticesWithoutPlainHttp(report);
    QCOMPARE(notices.size(), 1);
    QVERIFY(notices[0].toString().contains(QStringLiteral("previous enrichment columns replaced")));
    QCOMPARE(report.value(u"warnings").toArray().size(), 0);
}

void CliTest::reEnrichingWithFieldsReplacesOnlyThatRunsColumns_data()
{
    QTest::addColumn<QString>("first");  // --fields of the run that wrote the input
    QTest::addColumn<QString>("second"); // --fields of the run reading it
    QTest::addColumn<bool>("replaced");
    QTest::newRow("same fields") << QStringLiteral("hqCountry,legalName") << QStringLiteral("hqCountry, legalName") << true;
    QTest::newRow("all") << QStringLiteral("all") << QStringLiteral("all") << true;
    QTest::newRow("other order") << QStringLiteral("hqCountry,legalName") << QStringLiteral("legalName,hqCountry") << false;
    QTest::newRow("default after fields") << QStringLiteral("hqCountry,legalName") << QString() << false;
    QTest::newRow("fields after default") << QString() << QStringLiteral("legalName,bic") << false;
}

void CliTest::reEnrichingWithFieldsReplacesOnlyThatRunsColumns()
{
    // Only exactly this run's added columns at the header's end are a previous run's; anything
    // else stays the input's own (safe: nothing of the user's is dropped).
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(bool, replaced);
    writeTestFile(m_dir.path(), QStringLiteral("re.csv"), "notional,rate,lei\n1,1,XKZZ2JZF41MRHTR1V493\n");
    auto fields = [](const QString &list) { return list.isEmpty() ? QStringList() : QStringList{QStringLiteral("--fields"), list}; };
    const QStringList common{QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"),
                             m_dir.filePath(QStringLiteral("re.sqlite"))};
    QString err;
    QVERIFY2(run(common + fields(first) + QStringList{QStringLiteral("-o"), QStringLiteral("re1.csv"), QStringLiteral("re.csv")}, &err) == 0,
             qPrintable(err));
    QVERIFY2(run(common + fields(second) + QStringList{QStringLiteral("-o"), QStringLiteral("re2.csv"), QStringLiteral("--report"),
                                                       QStringLiteral("re2.json"), QStringLiteral("re1.csv")}, &err) == 0,
             qPrintable(err));
    const QByteArray once = readTestFile(m_dir.filePath(QStringLiteral("re1.csv")));
    const QByteArray twice = readTestFile(m_dir.filePath(QStringLiteral("re2.csv")));
    const QByteArray firstHeader = once.left(once.indexOf('\n'));
    const QByteArray secondHeader = twice.left(twice.indexOf('\n'));
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("re2.json")))).object();
    const bool noticed = noticesWithoutPlainHttp(report).size() == 1;
    QCOMPARE(noticed, replaced);
    if (replaced) {
        QCOMPARE(secondHeader, firstHeader);
        QCOMPARE(twice.count('\n'), once.count('\n'));
    } else {
        QVERIFY2(secondHeader.startsWith(QByteArray(firstHeader + ',')), secondHeader.constData()); // kept as the input's own
    }
}

void CliTest::inputCutShortDuringTheRunWritesNothing()
{
    // `cp new.csv same.csv` while the run waits for GLEIF: the rows read afterwards lie past
    // the file's new end (this used to kill the process with SIGBUS).
    QByteArray bytes = readTestFile(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"));
    const QByteArray rows = bytes.mid(bytes.indexOf('\n') + 1);
    for (int i = 0; i < 150; ++i)
        bytes += rows;
    const QString input = writeTestFile(m_dir.path(), QStringLiteral("cut.csv"), bytes);
    QFile::remove(m_dir.filePath(QStringLiteral("cut.sqlite"))); // every LEI is looked up
    FakeGleif fake;
    // The file is cut the moment the first lookup arrives, before the fake answers it: the run
    // cannot have finished by then, however slow or fast the machine.
    int arrived = 0;
    connect(&fake, &FakeGleif::requestArrived, this, [&] {
        if (++arrived == 1)
            writeTestFile(m_dir.path(), QStringLiteral("cut.csv"), bytes.left(bytes.indexOf('\n') + 1)); // in place
    });
    QVERIFY(fake.listen());
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("-q"), QStringLiteral("--api-url"), fake.baseUrl().toString(),
                                              QStringLiteral("--cache"), m_dir.filePath(QStringLiteral("cut.sqlite")),
                                              QStringLiteral("--batch-size"), QStringLiteral("1"), QStringLiteral("--concurrency"), QStringLiteral("1"),
                                              QStringLiteral("-o"), QStringLiteral("cut.out.csv"), QStringLiteral("cut.csv")});
    QVERIFY(p.waitForStarted(60000));
    QVERIFY(finished.wait(120000));
    QVERIFY(arrived >= 1);
    const QString err = withoutPlainHttpNotice(QString::fromUtf8(p.readAllStandardError()));
    QCOMPARE(p.exitStatus(), QProcess::NormalExit);
    QVERIFY2(p.exitCode() == 3, qPrintable(err));
    QVERIFY2(err.contains(input + QStringLiteral(": changed while it was being read")) || err.contains(QStringLiteral("cut.csv: changed while it was being read")), qPrintable(err));
    QCOMPARE(err.trimmed().count(u'\n'), 0);
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("cut.out.csv"))));
}

void CliTest::leiHealthWarningsAndStrict_data()
{
    QTest::addColumn<bool>("strict");
    QTest::addColumn<bool>("unhealthy"); // LEIs with health codes in the file
    QTest::addColumn<bool>("extraFields"); // a row with a field too many
    QTest::addColumn<int>("exitCode");
    QTest::newRow("health warnings") << false << true << false << 0;
    QTest::newRow("health warnings, --strict") << true << true << false << 1;
    QTest::newRow("healthy, --strict") << true << false << false << 0;
    QTest::newRow("extra fields") << false << false << true << 1;
    QTest::newRow("health warnings and extra fields") << false << true << true << 1;
}

void CliTest::leiHealthWarningsAndStrict()
{
    // LEI health codes are row warnings in the report (codes per row, contract order); they
    // change the exit code only with --strict, unlike extra fields, which always give 1.
    QFETCH(bool, strict);
    QFETCH(bool, unhealthy);
    QFETCH(bool, extraFields);
    QFETCH(int, exitCode);
    FakeGleif fake;
    FakeGleif::Options o;
    o.syntheticEntities = 8;
    o.healthVariety = true;
    fake.setOptions(o);
    QVERIFY(fake.listen());
    const QList<int> indices = unhealthy ? QList<int>{0, 1, 3, 5, 7} : QList<int>{0, 7};
    QByteArray csv = "notional,rate,lei\n";
    for (int i : indices)
        csv += "1000,0.01," + FakeGleif::syntheticLei(i).toLatin1() + "\n";
    if (extraFields)
        csv += "1000,0.01," + FakeGleif::syntheticLei(0).toLatin1() + ",surplus\n";
    const QString name = QStringLiteral("health-%1").arg(QString::fromLatin1(QTest::currentDataTag()))
                             .replace(u' ', u'-').remove(u',');
    writeTestFile(m_dir.path(), name + QStringLiteral(".csv"), csv);
    QStringList args{QStringLiteral("--api-url"), fake.baseUrl().toString(), QStringLiteral("--cache"),
                     m_dir.filePath(name + QStringLiteral(".sqlite")), QStringLiteral("--report"), name + QStringLiteral(".json"),
                     name + QStringLiteral(".csv")};
    if (strict)
        args.prepend(QStringLiteral("--strict"));
    QString err;
    const int code = run(args, &err);
    QVERIFY2(code == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(code).arg(err)));
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(name + QStringLiteral(".json")))).object();
    QCOMPARE(report.value(u"rows_per_status").toObject().value(u"ok").toInt(), indices.size() + (extraFields ? 1 : 0));
    QMap<int, QJsonArray> byRow;
    for (const QJsonValue &w : report.value(u"warnings").toArray())
        byRow.insert(w.toObject().value(u"row").toInt(), w.toObject().value(u"codes").toArray());
    QMap<int, QJsonArray> expected;
    for (int r = 0; r < indices.size(); ++r)
        if (const QStringList codes = FakeGleif::syntheticHealth(indices[r], true); !codes.isEmpty())
            expected.insert(r + 1, QJsonArray::fromStringList(codes));
    if (extraFields)
        expected.insert(indices.size() + 1, QJsonArray{QStringLiteral("extra_fields")});
    QCOMPARE(byRow, expected);
    if (unhealthy) {
        QCOMPARE(byRow.value(2), (QJsonArray{QStringLiteral("lapsed")}));
        QCOMPARE(byRow.value(3), (QJsonArray{QStringLiteral("merged"), QString(QStringLiteral("successor:") + FakeGleif::syntheticLei(4))}));
        QCOMPARE(byRow.value(4), (QJsonArray{QStringLiteral("renewal_due")}));
    }
}

void CliTest::decimalCommas_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("output"); // the rows' last two cells, one line each
    const QByteArray german = "id;notional;rate;lei\n1;763000;0,0070956;XKZZ2JZF41MRHTR1V493\n"
                              "2;1.234.567,89;0,5;XKZZ2JZF41MRHTR1V493\n3;8e6;0,0054013;BFXS5XCH7N0Y05NIXW11\n";
    QTest::newRow("detected in a ;-separated file") << german << QStringList{} << 0
                                                    << QByteArray("-757586,0572;ok\n-617283,945;ok\n1473124914,3724658;ok\n");
    QTest::newRow("forced point: not numbers, never misread") << german << QStringList{QStringLiteral("--decimal-point")} << 1
                                                               << QByteArray(";bad_number\n;bad_number\n;bad_number\n");
    QTest::newRow("forced comma in a ,-separated file: the cost quoted")
        << QByteArray("id,notional,rate,lei\n1,763000,\"0,0070956\",XKZZ2JZF41MRHTR1V493\n")
        << QStringList{QStringLiteral("--decimal-comma")} << 0 << QByteArray("\"-757586,0572\",ok\n");
    QTest::newRow("English thousands, detected") << QByteArray("id,notional,rate,lei\n1,\"1,234,567.89\",0.5,XKZZ2JZF41MRHTR1V493\n")
                                                 << QStringList{} << 0 << QByteArray("-617283.945,ok\n");
}

void CliTest::decimalCommas()
{
    // A German spreadsheet's file (decimal commas, dots grouping thousands) is read as written,
    // and its costs are written back the same way; forcing the other convention refuses the
    // numbers rather than misreading them.
    QFETCH(QByteArray, input);
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, output);
    const QString name = QStringLiteral("decimal-%1").arg(QTest::currentDataTag() ? qHash(QByteArray(QTest::currentDataTag())) : 0);
    writeTestFile(m_dir.path(), name + QStringLiteral(".csv"), input);
    QString err;
    const int code = run(options + QStringList{QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(),
                         QStringLiteral("--cache"), m_dir.filePath(QStringLiteral("decimal.sqlite")), name + QStringLiteral(".csv")}, &err);
    QVERIFY2(code == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(code).arg(err)));
    QByteArray tails;
    const QList<QByteArray> lines = readTestFile(m_dir.filePath(name + QStringLiteral(".enriched.csv"))).split('\n');
    const char delimiter = input.contains(';') ? ';' : ',';
    for (qsizetype i = 1; i < lines.size(); ++i) {
        if (lines.at(i).isEmpty())
            continue;
        // The cost and the status: the last two fields (the cost may be quoted).
        const QByteArray line = lines.at(i);
        const qsizetype status = line.lastIndexOf(delimiter);
        const qsizetype cost = line.at(status - 1) == '"' ? line.lastIndexOf('"', status - 2) - 1 : line.lastIndexOf(delimiter, status - 1);
        tails += line.mid(cost + 1) + '\n';
    }
    QCOMPARE(tails, output);
}

void CliTest::costTotalsPerCountryAndCurrency_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("currencyColumn"); // as the test reads the output; empty: none
    QTest::newRow("detected (notional_currency)") << QStringList{} << QStringLiteral("notional_currency");
    QTest::newRow("named") << QStringList{QStringLiteral("--currency-column"), QStringLiteral("transaction_type")}
                           << QStringLiteral("transaction_type");
}

void CliTest::costTotalsPerCountryAndCurrency()
{
    // A cost is in its notional's currency: the report totals ok rows per country and currency,
    // never across currencies (the sample's GB rows are in GBP and in EUR). Checked against the
    // output's own columns.
    QFETCH(QStringList, options);
    QFETCH(QString, currencyColumn);
    const QString name = QStringLiteral("totals-%1").arg(QString::fromLatin1(QTest::currentDataTag())).section(u' ', 0, 0);
    QString err;
    const int code = run(options + QStringList{QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(),
                         QStringLiteral("--cache"), m_dir.filePath(QStringLiteral("totals.sqlite")), QStringLiteral("--report"),
                         name + QStringLiteral(".json"), QStringLiteral("-o"), name + QStringLiteral(".csv"), QStringLiteral("sample.csv")}, &err);
    QVERIFY2(code == 0, qPrintable(err));
    const QList<QByteArray> lines = readTestFile(m_dir.filePath(name + QStringLiteral(".csv"))).trimmed().split('\n');
    const QStringList header = QString::fromLatin1(lines.first()).split(u',');
    const int country = int(header.indexOf(QStringLiteral("country")));
    const int currency = int(header.indexOf(currencyColumn));
    const int cost = int(header.indexOf(QStringLiteral("transaction_costs")));
    QVERIFY(country > 0 && currency >= 0 && cost > 0);
    QMap<QPair<QString, QString>, QPair<double, int>> expected;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList cells = QString::fromLatin1(lines.at(i)).split(u',');
        if (cells.last() != u"ok")
            continue;
        auto &e = expected[{cells.at(country), cells.at(currency).toUpper()}];
        e.first += cells.at(cost).toDouble();
        ++e.second;
    }
    QVERIFY(expected.size() >= 3);
    const QJsonArray totals = QJsonDocument::fromJson(readTestFile(m_dir.filePath(name + QStringLiteral(".json")))).object()
                                  .value(u"cost_totals").toArray();
    QCOMPARE(totals.size(), expected.size());
    qsizetype k = 0;
    for (auto it = expected.cbegin(); it != expected.cend(); ++it, ++k) { // sorted by country, then currency
        const QJsonObject t = totals.at(k).toObject();
        QCOMPARE(t.value(u"country").toString(), it.key().first);
        QCOMPARE(t.value(u"currency").toString(), it.key().second);
        QCOMPARE(t.value(u"rows").toInt(), it->second);
        QVERIFY2(qAbs(t.value(u"total").toDouble() - it->first) <= 1e-6 * qMax(1.0, qAbs(it->first)),
                 qPrintable(QStringLiteral("%1 %2: %3 against %4").arg(it.key().first, it.key().second)
                                .arg(t.value(u"total").toDouble(), 0, 'f', 4).arg(it->first, 0, 'f', 4)));
    }
}

void CliTest::parentsOnline_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("failing"); // every parent request answered 503
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<bool>("sent"); // parent requests made, output written
    // 20 entities: 24 requests; at 2 a minute 12 minutes, over the 10-minute line.
    const QStringList slow{QStringLiteral("--requests-per-minute"), QStringLiteral("2")};
    const QStringList quick{QStringLiteral("--requests-per-minute"), QStringLiteral("600")};
    QTest::newRow("quick") << quick << false << 0 << true;
    QTest::newRow("over 10 minutes") << slow << false << 2 << false;
    QTest::newRow("failing") << quick << true << 0 << true;
    QTest::newRow("failing, --strict") << (quick + QStringList{QStringLiteral("--strict")}) << true << 1 << true;
}

void CliTest::parentsOnline()
{
    // The cost is said on stderr before any parent request; over 10 minutes nothing is sent or
    // written (exit 2) unless --allow-slow; a failed parent lookup is parent_lookup_failed.
    QFETCH(QStringList, options);
    QFETCH(bool, failing);
    QFETCH(int, exitCode);
    QFETCH(bool, sent);
    constexpr int entities = 20;
    FakeGleif fake;
    FakeGleif::Options o;
    o.syntheticEntities = entities;
    fake.setOptions(o);
    QVERIFY(fake.listen());
    QByteArray csv = "notional,rate,lei\n";
    for (int i = 0; i < entities; ++i)
        csv += "1000,0.5," + FakeGleif::syntheticLei(i).toLatin1() + "\n";
    const QString name = QStringLiteral("parents-%1").arg(QString::fromLatin1(QTest::currentDataTag()))
                             .replace(u' ', u'-').remove(u',');
    writeTestFile(m_dir.path(), name + QStringLiteral(".csv"), csv);
    const QString cache = m_dir.filePath(name + QStringLiteral(".sqlite"));
    QString err;
    if (failing) { // the entities are cached first; then every request, a parent one, fails
        QCOMPARE(run({QStringLiteral("-q"), QStringLiteral("--api-url"), fake.baseUrl().toString(), QStringLiteral("--cache"), cache,
                      QStringLiteral("-o"), name + QStringLiteral(".plain.csv"), name + QStringLiteral(".csv")}, &err), 0);
        o.serverErrorEvery = 1;
        fake.setOptions(o);
    }
    const QStringList args = options + QStringList{QStringLiteral("--api-url"), fake.baseUrl().toString(), QStringLiteral("--cache"), cache,
        QStringLiteral("--timeout"), QStringLiteral("2"), QStringLiteral("--fields"),
        QStringLiteral("directParentLei,directParentName,ultimateParentException,leiWarning"),
        QStringLiteral("--report"), name + QStringLiteral(".json"), QStringLiteral("-o"), name + QStringLiteral(".out.csv"),
        name + QStringLiteral(".csv")};
    const int code = run(args, &err);
    QVERIFY2(code == exitCode, qPrintable(QStringLiteral("exit %1: %2").arg(code).arg(err)));
    const QString rate = options.at(1);
    QVERIFY2(err.contains(QStringLiteral("parent lookups: 24 requests to GLEIF, about %1 minutes at %2 requests a minute")
                              .arg(24.0 / rate.toDouble(), 0, 'f', 1).arg(rate)), qPrintable(err));
    const int parentRequests = fake.parentRequests();
    const QString output = m_dir.filePath(name + QStringLiteral(".out.csv"));
    if (!sent) {
        QCOMPARE(parentRequests, 0);
        QVERIFY(!QFile::exists(output));
        QVERIFY2(err.contains(QStringLiteral("--allow-slow")) && err.contains(QStringLiteral("mirror")), qPrintable(err));
        return;
    }
    if (failing)
        QVERIFY(parentRequests > 0); // how many depends on when the client gives GLEIF up
    else
        QCOMPARE(parentRequests, 24); // each once, as the estimate said
    const QList<QByteArray> lines = readTestFile(output).split('\n');
    QCOMPARE(lines.first(), QByteArray("notional,rate,lei,directParentLei,directParentName,ultimateParentException,leiWarning,"
                                       "transaction_costs,enrichment_status"));
    QMap<int, QJsonArray> warned;
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(name + QStringLiteral(".json")))).object();
    for (const QJsonValue &w : report.value(u"warnings").toArray())
        warned.insert(w.toObject().value(u"row").toInt(), w.toObject().value(u"codes").toArray());
    for (int i = 0; i < entities; ++i) {
        const QStringList cells = QString::fromUtf8(lines.at(i + 1)).split(u',');
        const FakeGleif::SyntheticParent direct = FakeGleif::syntheticDirectParent(i);
        const FakeGleif::SyntheticParent ultimate = FakeGleif::syntheticUltimateParent(i);
        const bool asks = direct.parentIndex >= 0 || !direct.exception.isEmpty() || ultimate.parentIndex >= 0
            || !ultimate.exception.isEmpty();
        QStringList codes = FakeGleif::syntheticHealth(i, false);
        if (failing && asks)
            codes << QStringLiteral("parent_lookup_failed");
        QCOMPARE(cells.at(6), codes.join(u';'));
        QCOMPARE(warned.value(i + 1), QJsonArray::fromStringList(codes));
        QCOMPARE(cells.last(), QStringLiteral("ok"));
        if (failing) {
            QCOMPARE(cells.mid(3, 3), (QStringList{QString(), QString(), QString()}));
            continue;
        }
        QCOMPARE(cells.at(3), direct.parentIndex >= 0 ? FakeGleif::syntheticLei(direct.parentIndex) : QString());
        QCOMPARE(cells.at(5), ultimate.exception);
        if (direct.parentIndex >= 0) {
            GleifRecord parent;
            QVERIFY(GleifRecord::fromJson(fake.record(cells.at(3)), &parent));
            QCOMPARE(cells.at(4), parent.legalName);
        }
    }
}

void CliTest::allowSlowMakesThemAnyway()
{
    // Twelve minutes of parent lookups with --allow-slow: they start (the rate limit lets the
    // first go at once) and the run is interrupted once one has arrived.
    constexpr int entities = 20;
    FakeGleif fake;
    FakeGleif::Options o;
    o.syntheticEntities = entities;
    fake.setOptions(o);
    QVERIFY(fake.listen());
    QByteArray csv = "notional,rate,lei\n";
    for (int i = 0; i < entities; ++i)
        csv += "1000,0.5," + FakeGleif::syntheticLei(i).toLatin1() + "\n";
    writeTestFile(m_dir.path(), QStringLiteral("slow.csv"), csv);
    QProcess p;
    p.setWorkingDirectory(m_dir.path());
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("--requests-per-minute"), QStringLiteral("2"), QStringLiteral("--allow-slow"),
        QStringLiteral("--api-url"), fake.baseUrl().toString(), QStringLiteral("--cache"), m_dir.filePath(QStringLiteral("slow.sqlite")),
        QStringLiteral("--fields"), QStringLiteral("directParentLei,ultimateParentLei"), QStringLiteral("-o"), QStringLiteral("slow.out.csv"),
        QStringLiteral("slow.csv")});
    QTRY_VERIFY_WITH_TIMEOUT(fake.parentRequests() > 0 || finished.size() > 0, 60000);
    QCOMPARE(finished.size(), 0);
    p.terminate();
    QVERIFY(finished.size() > 0 || finished.wait(60000));
    QCOMPARE(p.exitCode(), 130);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(err.contains(QStringLiteral("parent lookups: 24 requests to GLEIF, about 12.0 minutes at 2 requests a minute\n")),
             qPrintable(err));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("slow.out.csv"))));
}

void CliTest::xlsxInputEnrichesLikeTheCsv()
{
    const QString cache = m_dir.filePath(QStringLiteral("xlsx-in.sqlite"));
    auto enrich = [&](const QStringList &args) {
        QString err;
        const int code = run(QStringList{QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(),
                                         QStringLiteral("--cache"), cache} + args, &err);
        return code == 0 ? QString() : QStringLiteral("exit %1: %2").arg(code).arg(err);
    };
    QString why = enrich({QStringLiteral("-o"), QStringLiteral("from-csv.csv"), QStringLiteral("sample.csv")});
    QVERIFY2(why.isEmpty(), qPrintable(why));
    why = enrich({QStringLiteral("-o"), QStringLiteral("from-xlsx.csv"), QStringLiteral("--sheet"), QStringLiteral("Sheet1"),
                  QStringLiteral("sample.xlsx")});
    QVERIFY2(why.isEmpty(), qPrintable(why));

    // A CSV export of a workbook is UTF-8 (no BOM), comma-separated, LF.
    const QByteArray bytes = readTestFile(m_dir.filePath(QStringLiteral("from-xlsx.csv")));
    QVERIFY(!bytes.startsWith("\xEF\xBB\xBF"));
    QVERIFY(!bytes.contains('\r'));
    QVERIFY(bytes.startsWith("transaction_uti,isin,notional,notional_currency,"));
    QString error;
    const auto fromCsv = CsvFile::load(m_dir.filePath(QStringLiteral("from-csv.csv")), {}, &error);
    const auto fromXlsx = CsvFile::load(m_dir.filePath(QStringLiteral("from-xlsx.csv")), {}, &error);
    QVERIFY2(fromCsv && fromXlsx, qPrintable(error));
    QCOMPARE(fromXlsx->header(), fromCsv->header());
    QCOMPARE(fromXlsx->rowCount(), 20);
    // The same enriched values (names, BICs, countries, costs, statuses); the input's own text
    // too, but for the numbers, which a workbook holds as numbers (763000.0 reads 763000).
    for (qint64 r = 0; r < 20; ++r) {
        for (int c = 0; c < fromCsv->header().size(); ++c) {
            if (c == 2 || c == 6)
                QCOMPARE(fromXlsx->cell(r, c).toDouble(), fromCsv->cell(r, c).toDouble());
            else
                QCOMPARE(fromXlsx->cell(r, c), fromCsv->cell(r, c));
        }
    }
    QCOMPARE(fromXlsx->cell(0, 2), QStringLiteral("763000"));

    // No -o: INPUT-stem.enriched.xlsx beside the input.
    QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("sample.xlsx")), m_dir.filePath(QStringLiteral("book.xlsx"))));
    why = enrich({QStringLiteral("book.xlsx")});
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("book.enriched.csv"))));
    const QHash<QString, QByteArray> parts = readZip(m_dir.filePath(QStringLiteral("book.enriched.xlsx")), &error);
    QVERIFY2(parts.contains(QStringLiteral("xl/worksheets/sheet1.xml")), qPrintable(error));
}

QTEST_GUILESS_MAIN(CliTest)
#include "cli_test.moc"

void CliTest::matchByName_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("matches"); // exact,probable,ambiguous,none,accepted
    const QByteArray header = "notional,rate,lei,counterparty,ctry\n";
    const QByteArray exact = "1000,0.5,,HSBC BANK PLC,GB\n";
    const QByteArray typo = "1000,0.5,bad,Lloyds Bank Corporate Markts PLC,GBR\n";
    const QStringList byName{QStringLiteral("--match-name"), QStringLiteral("counterparty"), QStringLiteral("--match-country"),
                             QStringLiteral("ctry")};
    QTest::newRow("exact: all ok") << header + exact << byName << 0 << QStringLiteral("1,0,0,0,0");
    QTest::newRow("probable: not ok") << header + exact + typo << byName << 1 << QStringLiteral("1,1,0,0,0");
    QTest::newRow("probable accepted") << header + exact + typo << byName + QStringList{QStringLiteral("--accept"), QStringLiteral("probable")}
                                       << 0 << QStringLiteral("1,1,0,0,0");
    QTest::newRow("none: not ok") << header + "1,1,,Zebra Widgets Unlimited,\n" << byName << 1 << QStringLiteral("0,0,0,1,0");
    QTest::newRow("no LEI column") << QByteArray("notional,rate,counterparty\n1000,0.5,HSBC BANK PLC\n")
                                   << QStringList{QStringLiteral("--match-name"), QStringLiteral("counterparty")} << 0
                                   << QStringLiteral("1,0,0,0,0");
    QTest::newRow("by BIC") << QByteArray("notional,rate,swift\n1000,0.5,COBADEFFXXX\n")
                            << QStringList{QStringLiteral("--match-bic"), QStringLiteral("swift")} << 0 << QStringLiteral("1,0,0,0,0");
}

void CliTest::matchByName()
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, matches);
    writeTestFile(m_dir.path(), QStringLiteral("names.csv"), csv);
    QString err;
    const int code = run(QStringList{QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(),
                                     QStringLiteral("--cache"), m_dir.filePath(QStringLiteral("names.sqlite")),
                                     QStringLiteral("--report"), QStringLiteral("names.json"), QStringLiteral("-o"),
                                     QStringLiteral("names-out.csv"), QStringLiteral("names.csv")} + args, &err);
    QVERIFY2(withoutPlainHttpNotice(err).isEmpty(), qPrintable(err));
    QCOMPARE(code, exitCode);
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("names.json")))).object();
    const QJsonObject m = report.value(u"matches").toObject();
    QStringList counts;
    for (const char *key : {"exact", "probable", "ambiguous", "none", "accepted"})
        counts << QString::number(m.value(QLatin1String(key)).toInt(-1));
    QCOMPARE(counts.join(u','), matches);
    const QList<QByteArray> lines = readTestFile(m_dir.filePath(QStringLiteral("names-out.csv"))).split('\n');
    QVERIFY2(lines[0].endsWith(",enrichment_status,matched_lei,match_score,match_status,match_candidates"), lines[0].constData());
    QCOMPARE(lines[0].left(csv.indexOf('\n')), csv.left(csv.indexOf('\n'))); // the input's header first, unchanged
    for (qsizetype i = 1; i < lines.size() - 1; ++i) // every input row as it was, then the added columns
        QVERIFY2(lines[i].startsWith(QByteArray(csv.split('\n')[i] + ',')), lines[i].constData());
}

void CliTest::decisionsCommand()
{
    const QString cache = m_dir.filePath(QStringLiteral("decided.sqlite"));
    {
        LeiCache c;
        QVERIFY(c.open(cache));
        QVERIFY(c.recordDecision(QStringLiteral("Our Broker"), QStringLiteral("GB"), QStringLiteral("XKZZ2JZF41MRHTR1V493")));
        QVERIFY(c.recordDecision(QStringLiteral("Other Desk"), QString(), QStringLiteral("MP6I5ZYZBEU3UXPYFY54")));
        QVERIFY(c.recordDecision(QStringLiteral("Rejected Name"), QStringLiteral("DE"), QStringLiteral(""))); // none of the candidates
    }
    writeTestFile(m_dir.path(), QStringLiteral("decided.csv"), "notional,rate,name,country\n1000,0.5,our broker,United Kingdom\n");
    QString err;
    QCOMPARE(run({QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"), cache,
                  QStringLiteral("--match-name"), QStringLiteral("name"), QStringLiteral("--match-country"), QStringLiteral("country"),
                  QStringLiteral("--report"), QStringLiteral("decided.json"), QStringLiteral("decided.csv")}, &err), 0);
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("decided.json")))).object();
    QCOMPARE(report.value(u"matches").toObject().value(u"accepted").toInt(), 1);
    const QList<QByteArray> lines = readTestFile(m_dir.filePath(QStringLiteral("decided.enriched.csv"))).split('\n');
    QCOMPARE(lines[1], QByteArray("1000,0.5,our broker,United Kingdom,CITIGROUP GLOBAL MARKETS LIMITED,SBILGB2LXXX,GB,-500.0,ok,"
                                  "XKZZ2JZF41MRHTR1V493,,accepted,"));

    auto decisions = [&](const QStringList &args, QString *out) {
        QProcess p;
        p.start(QStringLiteral(LEI_ENRICH_EXE), QStringList{QStringLiteral("decisions")} + args + QStringList{QStringLiteral("--cache"), cache});
        if (!p.waitForFinished(60000))
            return -1;
        *out = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        return p.exitCode();
    };
    QString out;
    QCOMPARE(decisions({QStringLiteral("list")}, &out), 0);
    QStringList listed = out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(listed.size(), 3);
    QVERIFY2(listed[0].startsWith(QStringLiteral("Other Desk\t-\tMP6I5ZYZBEU3UXPYFY54\t")), qPrintable(out));
    QVERIFY2(listed[1].startsWith(QStringLiteral("Our Broker\tGB\tXKZZ2JZF41MRHTR1V493\t")), qPrintable(out));
    QVERIFY2(listed[2].startsWith(QStringLiteral("Rejected Name\tDE\t(rejected)\t")), qPrintable(out));
    QCOMPARE(decisions({QStringLiteral("forget"), QStringLiteral("OUR  broker")}, &out), 0); // case and spaces folded
    QVERIFY2(out.contains(QStringLiteral("Removed 1 decision")), qPrintable(out));
    QCOMPARE(decisions({QStringLiteral("list")}, &out), 0);
    QCOMPARE(out.split(u'\n', Qt::SkipEmptyParts).size(), 2);
    QCOMPARE(decisions({QStringLiteral("clear")}, &out), 0);
    QVERIFY2(out.contains(QStringLiteral("Removed 2 decision")), qPrintable(out));
    QCOMPARE(decisions({QStringLiteral("list")}, &out), 0);
    QVERIFY(out.isEmpty());
    QCOMPARE(decisions({QStringLiteral("forget")}, &out), 2); // NAME missing
    QCOMPARE(decisions({QStringLiteral("frobnicate")}, &out), 2);
    writeTestFile(m_dir.path(), QStringLiteral("notacache.txt"), "hello\n");
    QProcess p;
    p.start(QStringLiteral(LEI_ENRICH_EXE), {QStringLiteral("decisions"), QStringLiteral("list"), QStringLiteral("--cache"),
                                             m_dir.filePath(QStringLiteral("notacache.txt"))});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 3);
    QCOMPARE(readTestFile(m_dir.filePath(QStringLiteral("notacache.txt"))), QByteArray("hello\n"));
}

// Searches that take a minute or more at the rate limit are said on stderr (and in the report),
// pointing at the mirror; the run goes on.
void CliTest::slowSearchesAreANotice()
{
    writeTestFile(m_dir.path(), QStringLiteral("slow.csv"), "notional,rate,counterparty\n1,1,Zebra Widgets Unlimited\n");
    QString err;
    QCOMPARE(run({QStringLiteral("-q"), QStringLiteral("--api-url"), m_fake.baseUrl().toString(), QStringLiteral("--cache"),
                  m_dir.filePath(QStringLiteral("slow.sqlite")), QStringLiteral("--requests-per-minute"), QStringLiteral("1"),
                  QStringLiteral("--match-name"), QStringLiteral("counterparty"), QStringLiteral("--report"), QStringLiteral("slow.json"),
                  QStringLiteral("slow.csv")}, &err), 1);
    const QString notice = QStringLiteral("matching asks GLEIF 1 name or BIC searches, about 1.0 minutes at 1 requests a minute");
    QVERIFY2(err.contains(QStringLiteral("lei-enrich: warning: ") + notice), qPrintable(err));
    const QJsonObject report = QJsonDocument::fromJson(readTestFile(m_dir.filePath(QStringLiteral("slow.json")))).object();
    QVERIFY(noticesWithoutPlainHttp(report).first().toString().startsWith(notice));
}
