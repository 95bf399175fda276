#include "costrules.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "exporter.h"
#include "fakegleif.h"
#include "testfiles.h"
#include "lei.h"
#include "leicache.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

// The enrichment job end to end against the local fake GLEIF: every status code, the cache,
// offline and stale use, cancel and resume, retry of failures.
class EnrichmentJobTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void sampleMatchesTheExpectedOutput();
    void everyStatusWithItsReason();
    void secondRunNeedsNoNetwork();
    void refreshFetchesAgain();
    void offlineUsesOnlyTheCache();
    void expiredEntriesServeWhenGleifIsUnreachable();
    void cancelKeepsAnswersAndEnrichAgainResumes();
    void retryFailedRefetchesOnlyFailures();
    void progressSaysWhenTheRateLimitHoldsBack();
    void rulesNamingAMissingColumnAreRefused();
    void chosenFieldsHaveTheRecordsValues_data();
    void chosenFieldsHaveTheRecordsValues();
    void staleAnswerSaysSoInLeiWarning();
    void warmPassOverThreadsMatchesTheColdRun();

private:
    std::shared_ptr<CsvFile> load(const QByteArray &csv);
    void addRichRecord();
    EnrichmentSettings settings() const;
    bool run(EnrichmentJob &job, const std::shared_ptr<CsvFile> &file, const EnrichmentSettings &s,
             CostRules rules = CostRules::defaults());

    QTemporaryDir m_dir;
    std::unique_ptr<FakeGleif> m_fake;
    int m_fileCounter = 0;
    QString m_cachePath;
};

void EnrichmentJobTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void EnrichmentJobTest::init()
{
    m_fake = std::make_unique<FakeGleif>();
    QVERIFY(m_fake->listen());
    m_cachePath = m_dir.filePath(QStringLiteral("cache-%1.sqlite").arg(++m_fileCounter));
}

std::shared_ptr<CsvFile> EnrichmentJobTest::load(const QByteArray &csv)
{
    const QString path = writeTestFile(m_dir.path(), QStringLiteral("in-%1.csv").arg(++m_fileCounter), csv);
    QString error;
    return CsvFile::load(path, {}, &error);
}

EnrichmentSettings EnrichmentJobTest::settings() const
{
    EnrichmentSettings s;
    s.gleif.baseUrl = m_fake->baseUrl();
    s.gleif.maxAttempts = 2;
    s.gleif.backoffBase = std::chrono::milliseconds(10);
    s.gleif.backoffMax = std::chrono::milliseconds(50);
    s.gleif.timeout = std::chrono::seconds(5);
    s.cachePath = m_cachePath;
    return s;
}

bool EnrichmentJobTest::run(EnrichmentJob &job, const std::shared_ptr<CsvFile> &file,
                            const EnrichmentSettings &s, CostRules rules)
{
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QString error;
    if (!job.start(file, file->findColumn(), std::move(rules), s, &error)) {
        qWarning() << error;
        return false;
    }
    if (!finished.wait(60000))
        return false;
    return finished.first().first().toBool();
}

void EnrichmentJobTest::sampleMatchesTheExpectedOutput()
{
    QString error;
    auto file = CsvFile::load(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), {}, &error);
    QVERIFY2(file, qPrintable(error));
    EnrichmentJob job;
    QSignalSpy progress(&job, &EnrichmentJob::progressChanged);
    QVERIFY(run(job, file, settings()));
    const auto results = job.results();
    QCOMPARE(results->countOf(RowStatus::Ok), 20);
    const EnrichmentProgress p = job.progress();
    QCOMPARE(p.distinct, 6);
    QCOMPARE(p.fetched, 6);
    QCOMPARE(p.requests, 1); // six LEIs, one batch
    QCOMPARE(p.rowsDone, 20);
    QVERIFY(progress.size() >= 1);

    const QString out = m_dir.filePath(QStringLiteral("sample.enriched.csv"));
    QVERIFY2(Exporter::write(*file, results.get(), out, &error), qPrintable(error));
    QFile produced(out);
    QFile expected(QStringLiteral(LEI_TEST_DATA_DIR "/sample_transactions.expected.csv"));
    QVERIFY(produced.open(QIODevice::ReadOnly) && expected.open(QIODevice::ReadOnly));
    const QList<QByteArray> got = produced.readAll().split('\n');
    const QList<QByteArray> want = expected.readAll().split('\n');
    QCOMPARE(got.size(), want.size());
    for (int i = 0; i < want.size(); ++i) {
        const QList<QByteArray> g = got[i].split(','), w = want[i].split(',');
        QCOMPARE(g.size(), w.size());
        for (int c = 0; c < w.size(); ++c) {
            if (i > 0 && c == 11) { // transaction_costs: to 1e-9 relative
                const double gv = g[c].toDouble(), wv = w[c].toDouble();
                QVERIFY2(std::abs(gv - wv) <= 1e-9 * std::abs(wv), g[c].constData());
            } else {
                QCOMPARE(g[c], w[c]);
            }
        }
    }
}

void EnrichmentJobTest::everyStatusWithItsReason()
{
    const QString unknownBody = QStringLiteral("529900UNKNOWNLEI00");
    const QByteArray unknown = (unknownBody + Lei::checkDigits(unknownBody)).toLatin1();
    const QString failingBody = QStringLiteral("529900FAILINGLEI00");
    const QByteArray failing = (failingBody + Lei::checkDigits(failingBody)).toLatin1();
    FakeGleif::Options o;
    o.errorLeis = {QString::fromLatin1(failing)};
    m_fake->setOptions(o);
    auto file = load("notional,rate,lei\n"
                     "763000,0.0070956,XKZZ2JZF41MRHTR1V493\n"            // ok (GB)
                     "1,0.5,BFXS5XCH7N0Y05NIXW12\n"                       // invalid_lei (check digits)
                     "1,0.5,not-an-lei\n"                                 // invalid_lei (length)
                     "1,0.5," + unknown + "\n"                            // not_found
                     "1,0.5," + failing + "\n"                            // lookup_failed
                     "1000000,0,BFXS5XCH7N0Y05NIXW11\n"                   // bad_number (NL, rate 0)
                     "lots,0.5,XKZZ2JZF41MRHTR1V493\n"                    // bad_number (text)
                     "lots,0.5,851WYGNLUQLFZBSYGB56\n");                  // ok: DE costs 0, no number read
    QVERIFY(file);
    EnrichmentJob job;
    QVERIFY(run(job, file, settings()));
    const auto r = job.results();
    struct Expect { RowStatus status; const char *reason; };
    const Expect expect[] = {
        {RowStatus::Ok, ""},
        {RowStatus::InvalidLei, "check digits wrong"},
        {RowStatus::InvalidLei, "LEI is not 20 characters long"},
        {RowStatus::NotFound, "GLEIF has no record of this LEI"},
        {RowStatus::LookupFailed, "HTTP 500"},
        {RowStatus::BadNumber, "rate is 0: division by zero"},
        {RowStatus::BadNumber, "notional is not a number: \"lots\""},
        {RowStatus::Ok, ""},
    };
    QCOMPARE(r->rowCount(), 8);
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(Status::code(r->status(i)), Status::code(expect[i].status));
        QVERIFY2(r->reason(i).contains(QString::fromUtf8(expect[i].reason)), qPrintable(r->reason(i)));
    }
    QCOMPARE(r->field(0, 3), QStringLiteral("-757586.0572"));
    QCOMPARE(r->field(7, 3), QStringLiteral("0.0"));
    QCOMPARE(r->field(7, 2), QStringLiteral("DE"));
    QCOMPARE(r->field(3, 0), QString()); // nothing to show for an LEI GLEIF does not know
    QCOMPARE(r->field(5, 0), QStringLiteral("ABN AMRO Bank N.V.")); // found, only the cost failed
    QCOMPARE(r->field(5, 3), QString());
    QCOMPARE(r->countOf(RowStatus::Ok), 2);
    QCOMPARE(r->countOf(RowStatus::InvalidLei), 2);
    QCOMPARE(r->countOf(RowStatus::BadNumber), 2);
    QCOMPARE(job.progress().distinct, 5);
    // Invalid LEIs never reach the network.
    for (const auto &request : m_fake->log())
        QVERIFY(!request.leis.contains(QStringLiteral("BFXS5XCH7N0Y05NIXW12")));
}

void EnrichmentJobTest::secondRunNeedsNoNetwork()
{
    QString error;
    auto file = CsvFile::load(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), {}, &error);
    EnrichmentJob first;
    QVERIFY(run(first, file, settings()));
    const int requests = m_fake->stats().requests;
    QVERIFY(requests >= 1);
    EnrichmentJob second;
    QVERIFY(run(second, file, settings()));
    QCOMPARE(m_fake->stats().requests, requests);
    QCOMPARE(second.progress().fromCache, 6);
    QCOMPARE(second.progress().requests, 0);
    QCOMPARE(second.results()->countOf(RowStatus::Ok), 20);
}

void EnrichmentJobTest::refreshFetchesAgain()
{
    QString error;
    auto file = CsvFile::load(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), {}, &error);
    EnrichmentJob first;
    QVERIFY(run(first, file, settings()));
    const int requests = m_fake->stats().requests;
    EnrichmentSettings s = settings();
    s.refresh = true;
    EnrichmentJob again;
    QVERIFY(run(again, file, s));
    QVERIFY(m_fake->stats().requests > requests);
    QCOMPARE(again.progress().fromCache, 0);
    QCOMPARE(again.progress().fetched, 6);
}

void EnrichmentJobTest::offlineUsesOnlyTheCache()
{
    auto file = load("notional,rate,lei\n1,1,XKZZ2JZF41MRHTR1V493\n1,1,213800MBWEIJDM5CU638\n");
    EnrichmentSettings s = settings();
    s.offline = true;
    EnrichmentJob cold;
    QVERIFY(run(cold, file, s));
    QCOMPARE(m_fake->stats().requests, 0);
    QCOMPARE(cold.results()->countOf(RowStatus::LookupFailed), 2);
    QCOMPARE(cold.results()->reason(0), QStringLiteral("not in the cache (offline)"));

    EnrichmentJob online;
    QVERIFY(run(online, file, settings()));
    EnrichmentJob warm;
    QVERIFY(run(warm, file, s));
    QCOMPARE(warm.results()->countOf(RowStatus::Ok), 2);
}

void EnrichmentJobTest::expiredEntriesServeWhenGleifIsUnreachable()
{
    auto file = load("notional,rate,lei\n763000,0.0070956,XKZZ2JZF41MRHTR1V493\n");
    EnrichmentJob first;
    QVERIFY(run(first, file, settings()));

    // A lifetime of zero makes the entry expired; a closed port makes GLEIF unreachable.
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    EnrichmentSettings s = settings();
    s.gleif.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1").arg(closed.serverPort()));
    closed.close();
    s.lifetime = std::chrono::seconds(0);
    EnrichmentJob second;
    QVERIFY(run(second, file, s));
    QCOMPARE(second.results()->countOf(RowStatus::Ok), 1);
    QCOMPARE(second.progress().stale, 1);
    QVERIFY(second.results()->answer(0)->stale);
    QCOMPARE(second.results()->field(0, 0), QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED"));
    QVERIFY(!second.results()->answer(0)->reason.isEmpty()); // why the entry had to be used
}

void EnrichmentJobTest::cancelKeepsAnswersAndEnrichAgainResumes()
{
    FakeGleif::Options o;
    o.latencyMs = 300;
    m_fake->setOptions(o);
    QString error;
    auto file = CsvFile::load(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), {}, &error);
    EnrichmentSettings s = settings();
    s.gleif.batchSize = 2; // six LEIs: three requests, one at a time
    s.gleif.concurrency = 1;

    EnrichmentJob job;
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QSignalSpy updated(&job, &EnrichmentJob::rowsUpdated);
    QVERIFY(job.start(file, 7, CostRules::defaults(), s, &error));
    QTRY_VERIFY_WITH_TIMEOUT(job.progress().resolved >= 2, 60000);
    job.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!job.isRunning());
    const auto r = job.results();
    const qint64 ok = r->countOf(RowStatus::Ok);
    QVERIFY(ok > 0);
    QVERIFY(r->countOf(RowStatus::Pending) > 0);
    QCOMPARE(ok + r->countOf(RowStatus::Pending), 20);
    const int signalsAfterCancel = int(updated.size());
    QTest::qWait(700); // nothing arrives after cancel
    QCOMPARE(int(updated.size()), signalsAfterCancel);
    QCOMPARE(job.results()->countOf(RowStatus::Pending), r->countOf(RowStatus::Pending));

    // What arrived is in the cache: the next run asks only for the rest.
    const int before = m_fake->stats().requests;
    EnrichmentJob resume;
    QVERIFY(run(resume, file, s));
    QVERIFY(resume.progress().fromCache >= 2);
    QCOMPARE(resume.progress().fromCache + resume.progress().fetched, 6);
    QVERIFY(m_fake->stats().requests - before < 3);
    QCOMPARE(resume.results()->countOf(RowStatus::Ok), 20);
}

void EnrichmentJobTest::retryFailedRefetchesOnlyFailures()
{
    FakeGleif::Options o;
    o.errorLeis = {QStringLiteral("BFXS5XCH7N0Y05NIXW11")};
    m_fake->setOptions(o);
    QString error;
    auto file = CsvFile::load(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), {}, &error);
    EnrichmentJob job;
    QVERIFY(run(job, file, settings()));
    QCOMPARE(job.results()->countOf(RowStatus::LookupFailed), 8); // ABN AMRO's rows
    QCOMPARE(job.results()->countOf(RowStatus::Ok), 12);

    m_fake->setOptions(FakeGleif::Options());
    m_fake->clearStats();
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QElapsedTimer sinceRetry; // started before the retry, so it holds the retry's whole time
    sinceRetry.start();
    QVERIFY(job.retryFailed());
    QVERIFY(finished.wait(60000));
    QCOMPARE(job.results()->countOf(RowStatus::Ok), 20);
    // The elapsed time is the retry's, not the first run's plus the pause in between.
    QVERIFY2(job.progress().seconds * 1000 <= double(sinceRetry.nsecsElapsed()) / 1e6,
             qPrintable(QStringLiteral("%1 s").arg(job.progress().seconds)));
    qint64 asked = 0;
    for (const auto &request : m_fake->log())
        asked += request.leis.size();
    QCOMPARE(asked, 1); // only the failed LEI
    QVERIFY(!job.retryFailed()); // nothing left to retry
}

void EnrichmentJobTest::progressSaysWhenTheRateLimitHoldsBack()
{
    // One request per 4 s window, two requests: the second waits, and the progress says so
    // while it does (a tick, since nothing else happens during the wait).
    auto file = load("notional,rate,lei\n1,1,XKZZ2JZF41MRHTR1V493\n1,1,BFXS5XCH7N0Y05NIXW11\n");
    EnrichmentSettings s = settings();
    s.gleif.requestsPerMinute = 1;
    s.gleif.window = std::chrono::seconds(4);
    s.gleif.batchSize = 1;
    EnrichmentJob job;
    QSignalSpy progress(&job, &EnrichmentJob::progressChanged);
    QVERIFY(run(job, file, s));
    QCOMPARE(job.results()->countOf(RowStatus::Ok), 2);
    double longest = 0;
    for (const QList<QVariant> &args : std::as_const(progress))
        longest = std::max(longest, args.first().value<EnrichmentProgress>().rateLimitWait);
    QVERIFY2(longest > 0 && longest <= 4, qPrintable(QString::number(longest)));
    QCOMPARE(job.progress().rateLimitWait, 0.0); // done: nothing waits
}

void EnrichmentJobTest::rulesNamingAMissingColumnAreRefused()
{
    auto file = load("amount,lei\n1,XKZZ2JZF41MRHTR1V493\n");
    EnrichmentJob job;
    QString error;
    QVERIFY(!job.start(file, 1, CostRules::defaults(), settings(), &error));
    QVERIFY2(error.contains(QStringLiteral("uses column \"notional\"")), qPrintable(error));
    QVERIFY(!job.isRunning());
    QCOMPARE(m_fake->stats().requests, 0);
}

void EnrichmentJobTest::warmPassOverThreadsMatchesTheColdRun()
{
    // A warm run computes its rows in file order, in chunks split over two threads; a cold run
    // computes them row by row as each answer arrives. Both give every row the same status,
    // cost and reason (more rows than a few chunks, an odd count, every kind of row in both
    // halves of each chunk).
    const QString unknownBody = QStringLiteral("529900UNKNOWNLEI00");
    const QByteArray unknown = (unknownBody + Lei::checkDigits(unknownBody)).toLatin1();
    const QByteArray kinds[] = {
        "763000,0.0070956,XKZZ2JZF41MRHTR1V493", // GB
        "1000000,0.5,BFXS5XCH7N0Y05NIXW11",      // NL
        "1000000,0,BFXS5XCH7N0Y05NIXW11",        // NL, rate 0
        "lots,0.5,XKZZ2JZF41MRHTR1V493",         // not a number
        "1,0.5," + unknown,                      // not found
        "1,0.5,not-an-lei",                      // invalid
        "7,0.25,851WYGNLUQLFZBSYGB56",           // DE: the default rule
        ",0.5,XKZZ2JZF41MRHTR1V493",             // empty
    };
    QByteArray csv("notional,rate,lei\n");
    const int rows = 40001;
    for (int i = 0; i < rows; ++i)
        csv += kinds[(i * 7 + i / 3) % std::size(kinds)] + '\n';
    auto file = load(csv);
    QVERIFY(file);
    EnrichmentJob cold;
    QVERIFY(run(cold, file, settings()));
    QVERIFY(m_fake->stats().requests >= 1);
    const int requests = m_fake->stats().requests;
    EnrichmentJob warm;
    QVERIFY(run(warm, file, settings()));
    QCOMPARE(m_fake->stats().requests, requests); // all from the cache: the in-order pass
    const auto a = cold.results(), b = warm.results();
    QCOMPARE(b->rowCount(), qint64(rows));
    for (qint64 row = 0; row < rows; ++row) {
        QCOMPARE(b->status(row), a->status(row));
        QCOMPARE(b->reason(row), a->reason(row));
        if (a->status(row) == RowStatus::Ok)
            QCOMPARE(b->cost(row), a->cost(row));
    }
    for (RowStatus s : Status::kAll)
        QCOMPARE(b->countOf(s), a->countOf(s));
    QCOMPARE(b->countOf(RowStatus::Pending), 0);
    QVERIFY(b->countOf(RowStatus::BadNumber) > 0 && b->countOf(RowStatus::Ok) > 0 && b->countOf(RowStatus::NotFound) > 0);
    QCOMPARE(warm.progress().rowsDone, qint64(rows));
    QCOMPARE(b->cost(0), 763000 * 0.0070956 - 763000); // the GB rule on row 1
}

QTEST_GUILESS_MAIN(EnrichmentJobTest)

namespace {
const QString kRich = QStringLiteral("851WYGNLUQLFZBSYGB56");
const QString kPlain = QStringLiteral("XKZZ2JZF41MRHTR1V493");

QVector<Fields::Id> allButParents()
{
    QVector<Fields::Id> ids = Fields::all();
    ids.removeIf([](Fields::Id id) { return Fields::info(id).parent; });
    return ids;
}
} // namespace

// A record with a value in every field the catalogue reads, timestamps with offsets included.
void EnrichmentJobTest::addRichRecord()
{
    QJsonObject record = m_fake->record(kRich);
    QJsonObject attributes = record[u"attributes"].toObject();
    QJsonObject entity = attributes[u"entity"].toObject(), registration = attributes[u"registration"].toObject();
    entity[u"legalName"] = QJsonObject{{QStringLiteral("name"), QStringLiteral("=Rich & Co")}};
    entity[u"headquartersAddress"] = QJsonObject{{QStringLiteral("country"), QStringLiteral("FR")}};
    entity[u"jurisdiction"] = QStringLiteral("DE-BY");
    entity[u"legalForm"] = QJsonObject{{QStringLiteral("id"), QStringLiteral("8888")}, {QStringLiteral("other"), QStringLiteral("Stiftung")}};
    entity[u"category"] = QStringLiteral("FUND");
    entity[u"otherNames"] = QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("Rich One")}, {QStringLiteral("language"), QStringLiteral("de")}},
                                       QJsonObject{{QStringLiteral("name"), QStringLiteral("Rich Two")}}};
    entity[u"status"] = QStringLiteral("INACTIVE");
    entity[u"successorEntity"] = QJsonObject{{QStringLiteral("lei"), QStringLiteral("213800MBWEIJDM5CU638")}, {QStringLiteral("name"), QJsonValue()}};
    registration[u"status"] = QStringLiteral("LAPSED");
    registration[u"nextRenewalDate"] = QStringLiteral("2026-06-15T23:30:00-02:00"); // UTC: the 16th
    registration[u"lastUpdateDate"] = QStringLiteral("2025-12-31T23:30:00-02:00");  // UTC: 2026-01-01
    attributes[u"entity"] = entity;
    attributes[u"registration"] = registration;
    attributes[u"bic"] = QJsonArray{QStringLiteral("AAAAGB2LXXX"), QStringLiteral("BBBBGB2LXXX")};
    record[u"attributes"] = attributes;
    m_fake->addRecord(record);
}

void EnrichmentJobTest::chosenFieldsHaveTheRecordsValues_data()
{
    QTest::addColumn<bool>("warmCache"); // the first run had the default fields; this one reads the cache
    QTest::addColumn<QString>("lei");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    const QList<std::tuple<QString, QString, QString>> values{
        {kRich, QStringLiteral("legalName"), QStringLiteral("=Rich & Co")}, // neutralised by the exporters, not here
        {kRich, QStringLiteral("bic"), QStringLiteral("AAAAGB2LXXX;BBBBGB2LXXX")},
        {kRich, QStringLiteral("country"), QStringLiteral("DE")},
        {kRich, QStringLiteral("hqCountry"), QStringLiteral("FR")},
        {kRich, QStringLiteral("jurisdiction"), QStringLiteral("DE-BY")},
        {kRich, QStringLiteral("legalForm"), QStringLiteral("Stiftung")},
        {kRich, QStringLiteral("category"), QStringLiteral("FUND")},
        {kRich, QStringLiteral("otherNames"), QStringLiteral("Rich One;Rich Two")},
        {kRich, QStringLiteral("entityStatus"), QStringLiteral("INACTIVE")},
        {kRich, QStringLiteral("registrationStatus"), QStringLiteral("LAPSED")},
        {kRich, QStringLiteral("nextRenewalDate"), QStringLiteral("2026-06-16")},
        {kRich, QStringLiteral("lastUpdateDate"), QStringLiteral("2026-01-01")},
        {kRich, QStringLiteral("successorLei"), QStringLiteral("213800MBWEIJDM5CU638")},
        {kRich, QStringLiteral("leiWarning"), QStringLiteral("lapsed;inactive;successor:213800MBWEIJDM5CU638;renewal_due")},
        {kPlain, QStringLiteral("legalForm"), QStringLiteral("H0PO")},
        {kPlain, QStringLiteral("otherNames"), QString()},    // empty, never "null"
        {kPlain, QStringLiteral("successorLei"), QString()},  // successorEntity.lei is null
        {kPlain, QStringLiteral("leiWarning"), QString()},
        {kPlain, QStringLiteral("nextRenewalDate"), QStringLiteral("2099-01-01")},
    };
    for (bool warm : {false, true}) {
        for (const auto &[lei, field, value] : values)
            QTest::addRow("%s %s %s", warm ? "cache" : "api", qPrintable(lei.left(4)), qPrintable(field)) << warm << lei << field << value;
        QTest::addRow("%s dataSource", warm ? "cache" : "api") << warm << kRich << QStringLiteral("dataSource")
                                                                << QString::fromLatin1(warm ? "cache" : "api");
    }
}

void EnrichmentJobTest::chosenFieldsHaveTheRecordsValues()
{
    QFETCH(bool, warmCache);
    QFETCH(QString, lei);
    QFETCH(QString, field);
    QFETCH(QString, value);
    addRichRecord();
    auto file = load(QByteArray("notional,rate,lei\n1,1,") + kRich.toLatin1() + "\n1,1," + kPlain.toLatin1() + "\n");
    const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-1);
    // Many runs in a row: the process-wide rate limit would hold the later ones back.
    EnrichmentSettings s = settings();
    s.gleif.requestsPerMinute = 100000;
    if (warmCache) {
        EnrichmentJob first; // default fields: what the cache holds came from a run that did not need the rest
        QVERIFY(run(first, file, s));
    }
    const int requests = m_fake->stats().requests;
    s.fields = allButParents();
    s.runDate = QDate(2026, 6, 1);
    EnrichmentJob job;
    QVERIFY(run(job, file, s));
    if (warmCache)
        QCOMPARE(m_fake->stats().requests, requests); // newly chosen fields come from the cache's raw records
    const auto r = job.results();
    QCOMPARE(r->addedColumnNames().size(), s.fields.size() + 2);
    const int column = int(r->addedColumnNames().indexOf(field));
    QVERIFY(column >= 0);
    const qint64 row = lei == kRich ? 0 : 1;
    QCOMPARE(r->field(row, column), value);
    QCOMPARE(r->extraHeader(column), field);
    QCOMPARE(r->field(row, r->statusColumn()), QStringLiteral("ok"));
    // The table's extra columns follow the chosen list: the cost (a number for sorting) after them.
    QCOMPARE(r->extraColumnCount(), int(s.fields.size()) + 2);
    QCOMPARE(r->extraData(row, column, Qt::DisplayRole).toString(), value);
    QCOMPARE(r->extraData(row, r->costColumn(), Qt::EditRole).typeId(), int(QMetaType::Double));
    QCOMPARE(r->extraHeader(r->costColumn()), QStringLiteral("transaction_costs"));

    const QDateTime asOf = QDateTime::fromString(r->field(row, int(r->addedColumnNames().indexOf(u"dataAsOf"))), Qt::ISODate);
    QVERIFY(asOf.isValid());
    QCOMPARE(asOf.timeSpec(), Qt::UTC);
    QVERIFY(asOf >= before && asOf <= QDateTime::currentDateTimeUtc().addSecs(1));
}

void EnrichmentJobTest::staleAnswerSaysSoInLeiWarning()
{
    addRichRecord();
    auto file = load(QByteArray("notional,rate,lei\n1,1,") + kRich.toLatin1() + "\n");
    EnrichmentSettings s = settings();
    s.gleif.requestsPerMinute = 100000; // the runs before used up the default's window
    EnrichmentJob first;
    QVERIFY(run(first, file, s));
    QTcpServer closed;
    QVERIFY(closed.listen(QHostAddress::LocalHost));
    s.gleif.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/api/v1").arg(closed.serverPort()));
    closed.close();
    s.lifetime = std::chrono::seconds(0);
    s.fields = {Fields::Id::LeiWarning, Fields::Id::DataSource, Fields::Id::HqCountry};
    s.runDate = QDate(2026, 6, 1);
    EnrichmentJob second;
    QVERIFY(run(second, file, s));
    QVERIFY(second.results()->answer(0)->stale);
    QCOMPARE(second.results()->fields(0).mid(0, 3),
             (QStringList{QStringLiteral("lapsed;inactive;successor:213800MBWEIJDM5CU638;renewal_due;stale"),
                          QStringLiteral("cache"), QStringLiteral("FR")}));
}

#include "enrichmentjob_test.moc"
