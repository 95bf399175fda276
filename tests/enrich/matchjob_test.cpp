#include "costrules.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "exporter.h"
#include "fakegleif.h"
#include "goldencopygen.h"
#include "leicache.h"
#include "mirrorstore.h"
#include "samplemirror.h"
#include "testfiles.h"
#include "xlsxreader.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// Matching in a run (issue 14): rows lacking an LEI get one from their name, country or BIC,
// found through the fake GLEIF's search endpoints, and are enriched from it; the input's LEI
// cell stays; decisions in the cache apply; searches and records are cached.
class MatchJobTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void matchesAndEnrichesFromTheMatchedLei();
    void acceptProbable_data();
    void acceptProbable();
    void decisionsApply();
    void warmRunAsksNothing();
    void badInputIsNoneWithAReason_data();
    void badInputIsNoneWithAReason();
    void everyRowWithoutAnLeiColumn();
    void searchThatCannotBeMade_data();
    void searchThatCannotBeMade();
    void mirrorAnswersWithoutRequests_data();
    void mirrorAnswersWithoutRequests();
    void decisionsApplyWithTheMirrorOnly();

private:
    std::shared_ptr<CsvFile> file(const QByteArray &rows);
    // A mirror of the sample entities (published an hour ago), with its name index.
    QString makeMirror(const QString &name);
    EnrichmentSettings settings(const FakeGleif &fake, const QString &cache) const;
    static bool run(EnrichmentJob &job, const std::shared_ptr<CsvFile> &file, const EnrichmentSettings &s);
    static void addAcmeTwins(FakeGleif &fake);
    QTemporaryDir m_dir;
    int m_files = 0;
};

namespace {

const QString kHsbc = QStringLiteral("MP6I5ZYZBEU3UXPYFY54");
const QString kLloyds = QStringLiteral("213800MBWEIJDM5CU638");
const QString kCommerzbank = QStringLiteral("851WYGNLUQLFZBSYGB56");
const QString kCiti = QStringLiteral("XKZZ2JZF41MRHTR1V493");
constexpr int kLei = 2, kName = 3, kCountry = 4, kBic = 5; // columns of file()

// The match columns of a row: matched_lei, match_score, match_status, match_candidates.
QStringList matchFields(const EnrichmentResults &r, qint64 row)
{
    return r.fields(row).mid(r.matchColumn(), 4);
}

} // namespace

void MatchJobTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

std::shared_ptr<CsvFile> MatchJobTest::file(const QByteArray &rows)
{
    QString error;
    auto loaded = CsvFile::load(writeTestFile(m_dir.path(), QStringLiteral("in%1.csv").arg(++m_files),
                                              "notional,rate,lei,name,country,bic\n" + rows),
                                {}, &error);
    if (!loaded)
        qWarning() << error;
    return loaded;
}

EnrichmentSettings MatchJobTest::settings(const FakeGleif &fake, const QString &cache) const
{
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.gleif.requestsPerMinute = 100000;
    s.gleif.maxAttempts = 2;
    s.gleif.backoffBase = std::chrono::milliseconds(20);
    s.gleif.backoffMax = std::chrono::milliseconds(100);
    s.useCache = true;
    s.cachePath = m_dir.filePath(cache);
    s.match.name = kName;
    s.match.country = kCountry;
    s.match.bic = kBic;
    return s;
}

bool MatchJobTest::run(EnrichmentJob &job, const std::shared_ptr<CsvFile> &file, const EnrichmentSettings &s)
{
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QString error;
    if (!job.start(file, file->findColumn(), CostRules::defaults(), s, &error)) {
        qWarning() << error;
        return false;
    }
    return finished.wait(60000) && finished.first().first().toBool();
}

// Two German entities of one legal name, both ISSUED and ACTIVE: nothing tells them apart.
void MatchJobTest::addAcmeTwins(FakeGleif &fake)
{
    for (int index : {1, 2}) {
        QJsonObject record = FakeGleif::syntheticRecord(index);
        QJsonObject attributes = record.value(u"attributes").toObject();
        QJsonObject entity = attributes.value(u"entity").toObject();
        entity.insert(QStringLiteral("legalName"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Acme Holding AG")},
                                                               {QStringLiteral("language"), QStringLiteral("de")}});
        QJsonObject address = entity.value(u"legalAddress").toObject();
        address.insert(QStringLiteral("country"), QStringLiteral("DE"));
        entity.insert(QStringLiteral("legalAddress"), address);
        attributes.insert(QStringLiteral("entity"), entity);
        record.insert(QStringLiteral("attributes"), attributes);
        fake.addRecord(record);
    }
}

void MatchJobTest::matchesAndEnrichesFromTheMatchedLei()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    addAcmeTwins(fake);
    const auto in = file("1000,0.5," + kCiti.toLatin1() + ",,,\n"          // 0: its own LEI
                         "1000,0.5,,HSBC BANK PLC,GB,\n"                     // 1: exact
                         "1000,0.5,NOTALEI,hsbc  bank plc,GBR,\n"            // 2: exact, the same search
                         "1000,0.5,,Lloyds Bank Corporate Markts PLC,United Kingdom,\n" // 3: a typo: probable
                         "1000,0.5,,Acme Holding AG,DE,\n"                   // 4: two entities: ambiguous
                         "1000,0.5,,Zebra Widgets Unlimited,,\n"             // 5: nothing like it: none
                         "1000,0.5,,,,COBADEFF\n"                            // 6: by BIC (the XXX branch)
                         "1000,0.5,,HSBC BANK PLC,GB,\n");                   // 7: row 1 again
    QVERIFY(in);
    EnrichmentJob job;
    QVERIFY(run(job, in, settings(fake, QStringLiteral("first.sqlite"))));
    const auto r = job.results();
    QVERIFY(r->hasMatching());

    QCOMPARE(r->status(0), RowStatus::Ok);
    QCOMPARE(matchFields(*r, 0), QStringList(4, QString())); // a valid LEI of its own: no match
    for (qint64 row : {1, 2, 7}) {
        QCOMPARE(r->status(row), RowStatus::Ok);
        QCOMPARE(r->answer(row)->lei, kHsbc);
        QCOMPARE(r->field(row, 0), QStringLiteral("HSBC BANK PLC")); // enriched from the matched LEI
        const QStringList m = matchFields(*r, row);
        QCOMPARE(m.mid(0, 3), (QStringList{kHsbc, QStringLiteral("100"), QStringLiteral("exact")}));
        QVERIFY2(m[3].startsWith(kHsbc + QStringLiteral(":100")), qPrintable(m[3]));
        QVERIFY(m[3].split(u';').size() <= 3);
    }
    // A candidate from GLEIF's API carries what a review shows, its city too.
    const Match::Candidate &best = r->match(1)->candidates.first();
    QCOMPARE(best.entity.lei, kHsbc);
    QCOMPARE(best.entity.city, QStringLiteral("London"));
    QCOMPARE(best.entity.legalCountry, QStringLiteral("GB"));
    QCOMPARE(r->status(3), RowStatus::InvalidLei); // probable: enriched only with --accept probable
    QCOMPARE(matchFields(*r, 3).mid(0, 1), QStringList{kLloyds});
    QCOMPARE(matchFields(*r, 3)[2], QStringLiteral("probable"));
    QVERIFY(r->field(3, 0).isEmpty());
    QCOMPARE(r->status(4), RowStatus::InvalidLei);
    QCOMPARE(matchFields(*r, 4)[2], QStringLiteral("ambiguous"));
    QVERIFY(matchFields(*r, 4)[0].isEmpty());
    QVERIFY(matchFields(*r, 4)[3].contains(FakeGleif::syntheticLei(1)));
    QVERIFY(matchFields(*r, 4)[3].contains(FakeGleif::syntheticLei(2)));
    QCOMPARE(r->status(5), RowStatus::InvalidLei);
    QCOMPARE(matchFields(*r, 5), (QStringList{QString(), QString(), QStringLiteral("none"), QString()}));
    QVERIFY2(r->reason(5).contains(QStringLiteral("none")), qPrintable(r->reason(5)));
    QCOMPARE(r->status(6), RowStatus::Ok);
    QCOMPARE(matchFields(*r, 6).mid(0, 3), (QStringList{kCommerzbank, QStringLiteral("100"), QStringLiteral("exact")}));
    QCOMPARE(r->countOfMatch(Match::Status::Exact), 4);
    QCOMPARE(r->countOfMatch(Match::Status::Probable), 1);
    QCOMPARE(r->countOfMatch(Match::Status::Ambiguous), 1);
    QCOMPARE(r->countOfMatch(Match::Status::None), 1);

    // One search per distinct name (case and spaces folded) and BIC: four names, one BIC.
    QCOMPARE(fake.searchRequests(), 5);

    // The export: the input's cells as they were (row 2 keeps NOTALEI), the match columns last,
    // under their own names although the input has columns named country and bic.
    const QString out = m_dir.filePath(QStringLiteral("out.csv"));
    QString error;
    QVERIFY2(Exporter::write(*in, r.get(), out, &error), qPrintable(error));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = f.readAll().split('\n');
    QCOMPARE(lines[0], QByteArray("notional,rate,lei,name,country,bic,legalName,bic,country,transaction_costs,enrichment_status,"
                                  "matched_lei,match_score,match_status,match_candidates"));
    QVERIFY2(lines[3].startsWith("1000,0.5,NOTALEI,hsbc  bank plc,GBR,,HSBC BANK PLC,"), lines[3].constData());
    QVERIFY2(lines[3].contains(QByteArray(",ok," + kHsbc.toLatin1() + ",100,exact,")), lines[3].constData());
    QVERIFY2(lines[1].endsWith(",ok,,,,"), lines[1].constData());

    // XLSX: the same columns, the score a number (M: the 13th column; row 3 is data row 2).
    const QString xlsx = m_dir.filePath(QStringLiteral("out.xlsx"));
    QVERIFY2(Exporter::write(*in, r.get(), xlsx, &error), qPrintable(error));
    const QByteArray sheet = readZip(xlsx, &error).value(QStringLiteral("xl/worksheets/sheet1.xml"));
    QVERIFY2(!sheet.isEmpty(), qPrintable(error));
    QVERIFY(sheet.contains("<t>match_candidates</t>"));
    QVERIFY2(QRegularExpression(QStringLiteral("<c r=\"M3\"[^>]*><v>100</v>")).match(QString::fromUtf8(sheet)).hasMatch(), sheet.left(3000).constData());
    QVERIFY(QRegularExpression(QStringLiteral("<c r=\"N3\"[^>]*><is><t>exact</t>")).match(QString::fromUtf8(sheet)).hasMatch());
}

void MatchJobTest::acceptProbable_data()
{
    QTest::addColumn<bool>("accept");
    QTest::newRow("without --accept probable") << false;
    QTest::newRow("with --accept probable") << true;
}

void MatchJobTest::acceptProbable()
{
    QFETCH(bool, accept);
    FakeGleif fake;
    QVERIFY(fake.listen());
    const auto in = file("1000,0.5,,Lloyds Bank Corporate Markts PLC,GB,\n");
    QVERIFY(in);
    EnrichmentSettings s = settings(fake, QStringLiteral("accept%1.sqlite").arg(accept));
    s.match.acceptProbable = accept;
    EnrichmentJob job;
    QVERIFY(run(job, in, s));
    const auto r = job.results();
    QCOMPARE(matchFields(*r, 0)[2], QStringLiteral("probable")); // the status stays either way
    QCOMPARE(matchFields(*r, 0)[0], kLloyds);
    QCOMPARE(r->status(0), accept ? RowStatus::Ok : RowStatus::InvalidLei);
    QCOMPARE(r->field(0, 0), accept ? QStringLiteral("LLOYDS BANK CORPORATE MARKETS PLC") : QString());
}

void MatchJobTest::decisionsApply()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString cachePath = m_dir.filePath(QStringLiteral("decisions.sqlite"));
    {
        LeiCache cache;
        QVERIFY(cache.open(cachePath));
        QVERIFY(cache.recordDecision(QStringLiteral("Our Broker"), QStringLiteral("GB"), kCiti));
        QVERIFY(cache.recordDecision(QStringLiteral("Acme Holding AG"), QString(), kLloyds)); // any country
    }
    const auto in = file("1000,0.5,,our   BROKER,GB,\n"       // decided for GB
                         "1000,0.5,,Our Broker,NL,\n"         // not for NL: searched (no such name)
                         "1000,0.5,,Acme Holding AG,,\n");
    QVERIFY(in);
    EnrichmentJob job;
    QVERIFY(run(job, in, settings(fake, QStringLiteral("decisions.sqlite"))));
    const auto r = job.results();
    QCOMPARE(matchFields(*r, 0).mid(0, 3), (QStringList{kCiti, QString(), QStringLiteral("accepted")}));
    QCOMPARE(r->status(0), RowStatus::Ok);
    QCOMPARE(r->field(0, 0), QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED"));
    QCOMPARE(matchFields(*r, 1)[2], QStringLiteral("none"));
    QCOMPARE(r->status(1), RowStatus::InvalidLei);
    QCOMPARE(matchFields(*r, 2).mid(0, 3), (QStringList{kLloyds, QString(), QStringLiteral("accepted")}));
    QCOMPARE(fake.searchRequests(), 1); // only the undecided name
}

void MatchJobTest::warmRunAsksNothing()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    addAcmeTwins(fake);
    const auto in = file("1000,0.5,,HSBC BANK PLC,GB,\n"
                         "1000,0.5,,Acme Holding AG,DE,\n"
                         "1000,0.5,,Zebra Widgets Unlimited,,\n"
                         "1000,0.5,,,,COBADEFFXXX\n");
    QVERIFY(in);
    const EnrichmentSettings s = settings(fake, QStringLiteral("warm.sqlite"));
    QStringList first;
    {
        EnrichmentJob job;
        QVERIFY(run(job, in, s));
        QVERIFY(fake.stats().requests > 0);
        QVERIFY(job.progress().requests >= fake.searchRequests()); // the searches are counted
        for (qint64 row = 0; row < 4; ++row)
            first += job.results()->fields(row);
    }
    fake.clearStats();
    EnrichmentJob job;
    QVERIFY(run(job, in, s));
    QCOMPARE(fake.stats().requests, 0);
    QCOMPARE(job.progress().requests, 0);
    QStringList second;
    for (qint64 row = 0; row < 4; ++row)
        second += job.results()->fields(row);
    QCOMPARE(second.size(), first.size());
    for (qsizetype i = 0; i < first.size(); ++i) // the same answers (the default fields say nothing of the source)
        QCOMPARE(second[i], first[i]);
}

void MatchJobTest::badInputIsNoneWithAReason_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty name") << QByteArray("1000,0.5,,,,\n") << QStringLiteral("no name and no BIC");
    QTest::newRow("one character") << QByteArray("1000,0.5,,X,,\n") << QStringLiteral("name too short");
    QTest::newRow("a number") << QByteArray("1000,0.5,,123456,,\n") << QStringLiteral("no letters in the name");
    QTest::newRow("no country") << QByteArray("1000,0.5,,HSBC BANK PLC,Atlantis,\n") << QStringLiteral("not a country: Atlantis");
    QTest::newRow("no BIC") << QByteArray("1000,0.5,,,,NOT-A-BIC\n") << QStringLiteral("not a BIC");
}

void MatchJobTest::badInputIsNoneWithAReason()
{
    QFETCH(QByteArray, row);
    QFETCH(QString, reason);
    FakeGleif fake;
    QVERIFY(fake.listen());
    const auto in = file(row + row); // twice: still judged once, never searched
    QVERIFY(in);
    EnrichmentJob job;
    QVERIFY(run(job, in, settings(fake, QStringLiteral("bad.sqlite"))));
    const auto r = job.results();
    for (qint64 i = 0; i < 2; ++i) {
        QCOMPARE(r->status(i), RowStatus::InvalidLei);
        QCOMPARE(matchFields(*r, i), (QStringList{QString(), QString(), QStringLiteral("none"), QString()}));
        QVERIFY2(r->reason(i).contains(reason), qPrintable(r->reason(i)));
    }
    QCOMPARE(fake.stats().requests, 0);
}

void MatchJobTest::everyRowWithoutAnLeiColumn()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    QString error;
    const auto in = CsvFile::load(writeTestFile(m_dir.path(), QStringLiteral("nolei.csv"),
                                                "notional,rate,name\n1000,0.5,HSBC BANK PLC\n1000,0.5,Zebra Widgets Unlimited\n"),
                                  {}, &error);
    QVERIFY2(in, qPrintable(error));
    EnrichmentSettings s = settings(fake, QStringLiteral("nolei.sqlite"));
    s.match = {};
    s.match.name = 2;
    EnrichmentJob job;
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QVERIFY2(job.start(in, -1, CostRules::defaults(), s, &error), qPrintable(error));
    QVERIFY(finished.wait(60000));
    const auto r = job.results();
    QCOMPARE(r->leiColumn(), -1);
    QCOMPARE(r->status(0), RowStatus::Ok);
    QCOMPARE(r->answer(0)->lei, kHsbc);
    QCOMPARE(r->status(1), RowStatus::InvalidLei); // unmatched: invalid_lei, as without a column
    QVERIFY2(r->reason(1).startsWith(QStringLiteral("no LEI column")), qPrintable(r->reason(1)));

    // Without anything to match by, no LEI column is still an error.
    s.match = {};
    QVERIFY(!job.start(in, -1, CostRules::defaults(), s, &error));
}

void MatchJobTest::searchThatCannotBeMade_data()
{
    QTest::addColumn<bool>("offline");
    QTest::addColumn<QString>("reason");
    QTest::newRow("offline, nothing cached") << true << QStringLiteral("not in the cache (offline)");
    QTest::newRow("GLEIF answers 503") << false << QStringLiteral("search failed: HTTP 503");
}

// A search with no answer leaves its rows unmatched (none, with why), never the run failed.
void MatchJobTest::searchThatCannotBeMade()
{
    QFETCH(bool, offline);
    QFETCH(QString, reason);
    FakeGleif::Options o;
    o.serverErrorEvery = 1;
    FakeGleif fake(o);
    QVERIFY(fake.listen());
    const auto in = file("1000,0.5,,HSBC BANK PLC,GB,\n1000,0.5," + kCiti.toLatin1() + ",,,\n");
    QVERIFY(in);
    EnrichmentSettings s = settings(fake, QStringLiteral("failing%1.sqlite").arg(offline));
    s.offline = offline;
    EnrichmentJob job;
    QVERIFY(run(job, in, s));
    const auto r = job.results();
    QCOMPARE(r->status(0), RowStatus::InvalidLei);
    QCOMPARE(matchFields(*r, 0), (QStringList{QString(), QString(), QStringLiteral("none"), QString()}));
    QVERIFY2(r->reason(0).contains(reason), qPrintable(r->reason(0)));
    QCOMPARE(fake.searchRequests(), offline ? 0 : 2); // two attempts (maxAttempts)
}

void MatchJobTest::mirrorAnswersWithoutRequests_data()
{
    QTest::addColumn<int>("source");
    QTest::newRow("--source auto, a mirror there") << int(EnrichmentSettings::Source::Auto);
    QTest::newRow("--source mirror") << int(EnrichmentSettings::Source::Mirror);
}

// With a mirror the source rules allow, its name index proposes the candidates: no search is
// sent, and the rows come out as they do from GLEIF's API.
void MatchJobTest::mirrorAnswersWithoutRequests()
{
    QFETCH(int, source);
    const QString mirrorPath = makeMirror(QStringLiteral("mirror%1").arg(source));
    QVERIFY(!mirrorPath.isEmpty());

    FakeGleif fake;
    QVERIFY(fake.listen());
    const auto in = file("1000,0.5,,HSBC BANK PLC,GB,\n"
                         "1000,0.5,,Zebra Widgets Unlimited,,\n");
    QVERIFY(in);
    EnrichmentSettings s = settings(fake, QStringLiteral("mirror%1-cache.sqlite").arg(source));
    s.source = EnrichmentSettings::Source(source);
    s.mirrorPath = mirrorPath;
    EnrichmentJob job;
    QVERIFY(run(job, in, s));
    const auto r = job.results();
    QCOMPARE(matchFields(*r, 0).mid(0, 3), (QStringList{kHsbc, QStringLiteral("100"), QStringLiteral("exact")}));
    QCOMPARE(r->status(0), RowStatus::Ok);
    QCOMPARE(r->field(0, 0), QStringLiteral("HSBC BANK PLC"));
    QCOMPARE(matchFields(*r, 1)[2], QStringLiteral("none"));
    QCOMPARE(fake.stats().requests, 0);
}

QString MatchJobTest::makeMirror(const QString &name)
{
    GoldenCopyGenerator gen;
    if (!gen.loadSamples(QStringLiteral(LEI_RESOURCES_DIR "/gleif_sample_records.json")))
        return {};
    return ::makeMirror(gen, m_dir.path(), name, QDateTime::currentDateTimeUtc().addSecs(-3600), {{0, gen.sampleCount(), 0}});
}

// --source mirror keeps no answers, yet the analyst's decisions in the cache apply; a cache that
// is not there is not made.
void MatchJobTest::decisionsApplyWithTheMirrorOnly()
{
    const QString mirrorPath = makeMirror(QStringLiteral("decided-mirror"));
    QVERIFY(!mirrorPath.isEmpty());
    const QString cachePath = m_dir.filePath(QStringLiteral("decided-mirror-cache.sqlite"));
    {
        LeiCache cache;
        QVERIFY(cache.open(cachePath));
        QVERIFY(cache.recordDecision(QStringLiteral("Our Broker"), QStringLiteral("GB"), kCiti));
    }
    FakeGleif fake;
    QVERIFY(fake.listen());
    const auto in = file("1000,0.5,,Our Broker,GB,\n");
    QVERIFY(in);
    EnrichmentSettings s = settings(fake, QStringLiteral("decided-mirror-cache.sqlite"));
    s.source = EnrichmentSettings::Source::Mirror;
    s.mirrorPath = mirrorPath;
    EnrichmentJob job;
    QVERIFY(run(job, in, s));
    const auto r = job.results();
    QCOMPARE(matchFields(*r, 0).mid(0, 3), (QStringList{kCiti, QString(), QStringLiteral("accepted")}));
    QCOMPARE(r->status(0), RowStatus::Ok);
    QCOMPARE(r->field(0, 0), QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED"));
    QCOMPARE(fake.stats().requests, 0);
    LeiCache cache;
    QVERIFY(cache.open(cachePath));
    const auto stats = cache.stats();
    QVERIFY(stats);
    QCOMPARE(stats->total, 0); // the mirror's answers are not kept in it

    // No cache file at the path: none is made.
    const QString missing = m_dir.filePath(QStringLiteral("no-cache-here.sqlite"));
    s.cachePath = missing;
    EnrichmentJob again;
    QVERIFY(run(again, in, s));
    QCOMPARE(matchFields(*again.results(), 0)[2], QStringLiteral("none"));
    QVERIFY(!QFile::exists(missing));
}

QTEST_GUILESS_MAIN(MatchJobTest)
#include "matchjob_test.moc"
