#include "answerstore.h"
#include "costrules.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "fakegleif.h"
#include "goldencopygen.h"
#include "leicache.h"
#include "mirrorstore.h"
#include "samplemirror.h"
#include "testfiles.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>
#include <QTimeZone>

using Source = EnrichmentSettings::Source;

// Where answers come from (contract, "Mirror"): --source mirror reads only the local Golden
// Copy; auto takes per LEI the fresher of the cache entry and the mirror record within the
// lifetime, else the API, and when GLEIF cannot be reached the fresher older answer, stale.
class SourcesTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void mirrorGivesWhatTheApiGives();
    void mirrorOnlyNeedsNoNetwork();
    void missingMirror_data();
    void missingMirror();
    void autoTakesTheFresher_data();
    void autoTakesTheFresher();
    void parentsFromTheMirrorCostNoRequest();
    void enrichmentDuringAnImport();
    void anotherStorePlugsIn();

private:
    // A mirror of the fake GLEIF's sample entities plus `synthetic` generated ones, published
    // at `published`.
    QString makeMirror(const QString &name, const QDateTime &published, qint64 synthetic = 0);
    std::shared_ptr<CsvFile> load(const QString &name, const QByteArray &csv);
    EnrichmentSettings settings(const FakeGleif &fake, Source source, const QString &mirror, const QString &cache = {}) const;
    static bool run(EnrichmentJob &job, const std::shared_ptr<CsvFile> &file, const EnrichmentSettings &s);
    static QStringList table(const EnrichmentJob &job);

    QTemporaryDir m_dir;
    GoldenCopyGenerator m_gen;
};

namespace {

const QString kSampleLei = QStringLiteral("XKZZ2JZF41MRHTR1V493"); // one of the sample entities

// A store of the test's own behind the job's one storage interface, as a team store on
// PostgreSQL would be: kept in memory, no file.
class MemoryStore final : public AnswerStore
{
public:
    QHash<QString, LookupResult> answers;
    int opened = 0;

    QString open() override
    {
        ++opened;
        return {};
    }
    QDateTime registerPublished() const override { return {}; }
    StoredAnswers lookup(const QStringList &leis, bool kept) override
    {
        StoredAnswers held;
        for (const QString &lei : leis) {
            if (const auto it = answers.constFind(lei); kept && it != answers.cend()) {
                CachedAnswer &c = held.kept[lei];
                c.result = *it;
                c.expiresAt = it->fetchedAt.addDays(1);
                c.fresh = true;
            }
        }
        return held;
    }
    QString store(const QList<LookupResult> &list) override
    {
        for (const LookupResult &r : list)
            if (r.outcome != LookupOutcome::Failed)
                answers.insert(r.lei, r);
        return {};
    }
    QHash<QString, ParentResult> lookupParents(const QStringList &) override { return {}; }
    QString storeParents(const QList<ParentResult> &) override { return {}; }
};

} // namespace

void SourcesTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY(m_gen.loadSamples(QStringLiteral(LEI_RESOURCES_DIR "/gleif_sample_records.json")));
    QVERIFY(m_gen.sampleCount() >= 6);
}

QString SourcesTest::makeMirror(const QString &name, const QDateTime &published, qint64 synthetic)
{
    return ::makeMirror(m_gen, m_dir.path(), name, published, {{0, m_gen.sampleCount() + synthetic, 0}});
}

std::shared_ptr<CsvFile> SourcesTest::load(const QString &name, const QByteArray &csv)
{
    QString error;
    auto file = CsvFile::load(writeTestFile(m_dir.path(), name, csv), {}, &error);
    if (!file)
        qWarning() << error;
    return file;
}

EnrichmentSettings SourcesTest::settings(const FakeGleif &fake, Source source, const QString &mirror, const QString &cache) const
{
    EnrichmentSettings s;
    s.source = source;
    s.mirrorPath = mirror;
    s.gleif.baseUrl = fake.baseUrl();
    s.gleif.requestsPerMinute = 100000;
    s.gleif.maxAttempts = 1;
    s.useCache = !cache.isEmpty();
    s.cachePath = cache.isEmpty() ? QString() : m_dir.filePath(cache);
    return s;
}

bool SourcesTest::run(EnrichmentJob &job, const std::shared_ptr<CsvFile> &file, const EnrichmentSettings &s)
{
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QString error;
    if (!job.start(file, file->findColumn(), CostRules::defaults(), s, &error)) {
        qWarning() << error;
        return false;
    }
    return finished.wait(60000) && finished.first().first().toBool();
}

QStringList SourcesTest::table(const EnrichmentJob &job)
{
    QStringList rows;
    const auto results = job.results();
    for (qint64 row = 0; row < results->rowCount(); ++row)
        rows << results->fields(row).join(u'|');
    return rows;
}

void SourcesTest::mirrorGivesWhatTheApiGives()
{
    // The sample file, default fields: the mirror's table is the API's, with no request.
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QDateTime published(QDate(2026, 9, 30), QTime(8, 0), QTimeZone::utc());
    const QString mirror = makeMirror(QStringLiteral("same"), published);
    QVERIFY(!mirror.isEmpty());
    QFile sample(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    auto file = load(QStringLiteral("sample.csv"), sample.readAll());
    QVERIFY(file);
    EnrichmentJob api, local;
    QVERIFY(run(api, file, settings(fake, Source::Api, mirror)));
    const int requests = fake.stats().requests;
    QVERIFY(requests > 0);
    QVERIFY(run(local, file, settings(fake, Source::Mirror, mirror)));
    QCOMPARE(fake.stats().requests, requests);
    QCOMPARE(table(local), table(api));
    QCOMPARE(local.progress().fromMirror, 6);
    QCOMPARE(local.progress().fetched, 0);

    // dataSource and dataAsOf say where and as of when.
    EnrichmentSettings s = settings(fake, Source::Mirror, mirror);
    s.fields = {Fields::Id::DataSource, Fields::Id::DataAsOf, Fields::Id::Bic};
    EnrichmentJob described;
    QVERIFY(run(described, file, s));
    const QStringList first = described.results()->fields(0);
    QCOMPARE(first.at(0), QStringLiteral("mirror"));
    QCOMPARE(first.at(1), QStringLiteral("2026-09-30T08:00:00Z"));
}

void SourcesTest::mirrorOnlyNeedsNoNetwork()
{
    // No server at all: the mirror answers; an LEI it lacks is not_found, never a failure.
    const QString mirror = makeMirror(QStringLiteral("alone"), QDateTime(QDate(2026, 9, 30), QTime(0, 0), QTimeZone::utc()));
    QVERIFY(!mirror.isEmpty());
    const QString unknown = GoldenCopyGenerator::lei(999999); // valid, absent
    auto file = load(QStringLiteral("alone.csv"), "notional,rate,lei\n763000,0.0070956," + kSampleLei.toLatin1() + "\n1,1,"
                                                      + unknown.toLatin1() + "\n");
    QVERIFY(file);
    EnrichmentSettings s;
    s.source = Source::Mirror;
    s.mirrorPath = mirror;
    s.gleif.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/api/v1")); // nothing listens there
    s.useCache = false;
    EnrichmentJob job;
    QVERIFY(run(job, file, s));
    const auto results = job.results();
    QCOMPARE(results->status(0), RowStatus::Ok);
    QCOMPARE(results->field(0, 0), QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED"));
    QCOMPARE(results->cost(0), -757586.0572);
    QCOMPARE(results->status(1), RowStatus::NotFound);
    QCOMPARE(job.progress().requests, 0);
}

void SourcesTest::missingMirror_data()
{
    QTest::addColumn<int>("source");
    QTest::newRow("mirror: refused") << int(Source::Mirror);
    QTest::newRow("auto: the API") << int(Source::Auto);
}

void SourcesTest::missingMirror()
{
    QFETCH(int, source);
    FakeGleif fake;
    QVERIFY(fake.listen());
    auto file = load(QStringLiteral("missing.csv"), "notional,rate,lei\n1,1," + kSampleLei.toLatin1() + "\n");
    QVERIFY(file);
    const QString path = m_dir.filePath(QStringLiteral("no-such-mirror.sqlite"));
    EnrichmentJob job;
    QString error;
    const bool started = job.start(file, file->findColumn(), CostRules::defaults(), settings(fake, Source(source), path), &error);
    if (Source(source) == Source::Mirror) {
        QVERIFY(!started);
        QVERIFY2(error.contains(QStringLiteral("no GLEIF mirror at")) && error.contains(QStringLiteral("mirror update")), qPrintable(error));
        QCOMPARE(fake.stats().requests, 0);
        QVERIFY(!QFile::exists(path)); // nothing created
        return;
    }
    QVERIFY2(started, qPrintable(error));
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QVERIFY(finished.wait(60000));
    QCOMPARE(job.results()->status(0), RowStatus::Ok);
    QCOMPARE(fake.stats().requests, 1);
    QVERIFY(!QFile::exists(path));
}

void SourcesTest::autoTakesTheFresher_data()
{
    // Ages in hours before now (the lifetime is 24 h); -1: none held.
    QTest::addColumn<int>("cacheAge");
    QTest::addColumn<int>("mirrorAge");
    QTest::addColumn<bool>("apiUp");
    QTest::addColumn<QString>("source"); // dataSource of the answer
    QTest::addColumn<bool>("stale");
    QTest::addColumn<int>("requests");
    QTest::newRow("cache fresher") << 1 << 5 << true << QStringLiteral("cache") << false << 0;
    QTest::newRow("mirror fresher") << 5 << 1 << true << QStringLiteral("mirror") << false << 0;
    QTest::newRow("cache expired, mirror fresh") << 30 << 20 << true << QStringLiteral("mirror") << false << 0;
    QTest::newRow("mirror expired, cache fresh") << 20 << 30 << true << QStringLiteral("cache") << false << 0;
    QTest::newRow("only the mirror") << -1 << 2 << true << QStringLiteral("mirror") << false << 0;
    QTest::newRow("both expired: the API") << 30 << 40 << true << QStringLiteral("api") << false << 1;
    QTest::newRow("both expired, API down: the fresher, stale") << 40 << 30 << false << QStringLiteral("mirror") << true << 1;
    QTest::newRow("both expired, API down: cache fresher") << 30 << 40 << false << QStringLiteral("cache") << true << 1;
}

void SourcesTest::autoTakesTheFresher()
{
    QFETCH(int, cacheAge);
    QFETCH(int, mirrorAge);
    QFETCH(bool, apiUp);
    QFETCH(QString, source);
    QFETCH(bool, stale);
    QFETCH(int, requests);
    FakeGleif::Options o;
    o.serverErrorEvery = apiUp ? 0 : 1;
    FakeGleif fake(o);
    QVERIFY(fake.listen());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    static int rows = 0; // a mirror and a cache of its own per row
    const QString tag = QString::number(++rows);
    const QString mirror = makeMirror(QStringLiteral("auto-") + tag, now.addSecs(-3600 * mirrorAge));
    QVERIFY(!mirror.isEmpty());
    const QString cacheName = QStringLiteral("cache-%1.sqlite").arg(tag);
    if (cacheAge >= 0) {
        LeiCache cache;
        QVERIFY2(cache.open(m_dir.filePath(cacheName)), qPrintable(cache.lastError()));
        LookupResult r;
        r.lei = kSampleLei;
        r.outcome = LookupOutcome::Found;
        QVERIFY(GleifRecord::fromJson(fake.record(kSampleLei), &r.record));
        r.fetchedAt = now.addSecs(-3600 * cacheAge);
        QVERIFY(cache.store({r}));
    }
    auto file = load(QStringLiteral("auto.csv"), "notional,rate,lei\n1,1," + kSampleLei.toLatin1() + "\n");
    QVERIFY(file);
    EnrichmentSettings s = settings(fake, Source::Auto, mirror, cacheName);
    s.fields = {Fields::Id::LegalName, Fields::Id::DataSource, Fields::Id::LeiWarning};
    EnrichmentJob job;
    QVERIFY(run(job, file, s));
    const auto results = job.results();
    QCOMPARE(results->status(0), RowStatus::Ok);
    QCOMPARE(results->field(0, 0), QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED"));
    QCOMPARE(results->field(0, 1), source);
    QCOMPARE(results->field(0, 2).split(u';').contains(QStringLiteral("stale")), stale);
    QCOMPARE(fake.stats().requests, requests);
}

void SourcesTest::parentsFromTheMirrorCostNoRequest()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const qint64 synthetic = 40;
    const QString mirror = makeMirror(QStringLiteral("parents"), QDateTime::currentDateTimeUtc().addSecs(-3600), synthetic);
    QVERIFY(!mirror.isEmpty());
    QByteArray csv = "notional,rate,lei\n";
    const qint64 first = m_gen.sampleCount();
    for (qint64 i = first; i < first + synthetic; ++i)
        csv += "1,1," + GoldenCopyGenerator::lei(i).toLatin1() + "\n";
    auto file = load(QStringLiteral("parents.csv"), csv);
    QVERIFY(file);
    EnrichmentSettings s = settings(fake, Source::Auto, mirror, QStringLiteral("parents-cache.sqlite"));
    s.fields = {Fields::Id::DirectParentLei, Fields::Id::DirectParentName, Fields::Id::DirectParentException,
                Fields::Id::UltimateParentLei, Fields::Id::UltimateParentException};
    {
        // The cache's answers are fresher than the mirror's, so the records come from the cache:
        // the parents still come from the mirror, with no request.
        LeiCache cache;
        QVERIFY(cache.open(s.cachePath));
        QList<LookupResult> fresher;
        for (qint64 i = first; i < first + synthetic; ++i) {
            LookupResult r;
            r.lei = GoldenCopyGenerator::lei(i);
            r.outcome = LookupOutcome::Found;
            r.record = m_gen.entity(i).record;
            r.record.directParent = r.record.ultimateParent = GleifRecord::ParentLink::Reported; // would cost requests
            r.fetchedAt = QDateTime::currentDateTimeUtc();
            fresher << r;
        }
        QVERIFY(cache.store(fresher));
    }
    EnrichmentJob job;
    QSignalSpy cost(&job, &EnrichmentJob::parentsCostKnown);
    QVERIFY(run(job, file, s));
    QCOMPARE(job.progress().fromCache, synthetic);
    QCOMPARE(fake.stats().requests, 0);
    QCOMPARE(cost.size(), 0);
    const auto results = job.results();
    int parents = 0, exceptions = 0;
    for (qint64 row = 0; row < synthetic; ++row) {
        const GoldenCopyGenerator::Entity e = m_gen.entity(first + row);
        QCOMPARE(results->field(row, 0), e.directParent);
        QCOMPARE(results->field(row, 2), e.directException);
        QCOMPARE(results->field(row, 3), e.ultimateParent);
        QCOMPARE(results->field(row, 4), e.ultimateException);
        if (!e.directParent.isEmpty()) {
            ++parents;
            // The parent's name from the mirror when it holds the parent.
            const qint64 parentIndex = [&] {
                for (qint64 i = 0; i < first + synthetic; ++i)
                    if (GoldenCopyGenerator::lei(i) == e.directParent)
                        return i;
                return qint64(-1);
            }();
            if (parentIndex >= first)
                QCOMPARE(results->field(row, 1), m_gen.entity(parentIndex).record.legalName);
        }
        exceptions += !e.directException.isEmpty();
    }
    QVERIFY(parents > 0);
    QVERIFY(exceptions > 0);
}

void SourcesTest::enrichmentDuringAnImport()
{
    // A full import builds a new file and renames it over the mirror: runs reading the mirror
    // meanwhile keep answering (from the old one), and the next run sees the new publication.
    const QDateTime first(QDate(2026, 9, 30), QTime(8, 0), QTimeZone::utc());
    const QString mirror = makeMirror(QStringLiteral("during"), first);
    QVERIFY(!mirror.isEmpty());
    const QDateTime second = first.addDays(1);
    const QString files = m_dir.filePath(QStringLiteral("during-next"));
    QDir().mkpath(files);
    const QList<GoldenCopyGenerator::Range> all{{0, m_gen.sampleCount() + 30000, 0}};
    const QStringList next{m_gen.writeLei2(files, second, all), m_gen.writeRelationships(files, second, all),
                           m_gen.writeExceptions(files, second, all), m_gen.writeBicMap(files, second, all)};
    auto file = load(QStringLiteral("during.csv"), "notional,rate,lei\n763000,0.0070956," + kSampleLei.toLatin1() + "\n");
    QVERIFY(file);
    EnrichmentSettings s;
    s.source = Source::Mirror;
    s.mirrorPath = mirror;
    s.useCache = false;
    s.fields = {Fields::Id::LegalName, Fields::Id::DataAsOf};
    std::atomic<bool> importing{true};
    QFuture<QString> import = QtConcurrent::run([&] {
        MirrorStore store;
        store.open(mirror);
        const bool ok = store.importFiles(next, second, nullptr, nullptr);
        importing = false;
        return ok ? QString() : store.error();
    });
    int during = 0;
    do { // at least one run, however quick the import
        EnrichmentJob job;
        QVERIFY(run(job, file, s));
        QCOMPARE(job.results()->status(0), RowStatus::Ok);
        QCOMPARE(job.results()->field(0, 0), QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED"));
        ++during;
    } while (importing && during < 1000);
    QCOMPARE(import.result(), QString());
    EnrichmentJob after;
    QVERIFY(run(after, file, s));
    QCOMPARE(after.results()->field(0, 1), QStringLiteral("2026-10-01T08:00:00Z"));
    qInfo("%d runs while the import ran", during);
}

void SourcesTest::anotherStorePlugsIn()
{
    // The run keeps its answers in the store it is given and finds them there the next time;
    // no cache file is made.
    FakeGleif fake;
    QVERIFY(fake.listen());
    QFile sample(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"));
    QVERIFY(sample.open(QIODevice::ReadOnly));
    auto file = load(QStringLiteral("plug.csv"), sample.readAll());
    QVERIFY(file);
    auto memory = std::make_shared<MemoryStore>();
    EnrichmentSettings s = settings(fake, Source::Auto, m_dir.filePath(QStringLiteral("no-mirror.sqlite")),
                                    QStringLiteral("unused-cache.sqlite"));
    s.store = memory;
    EnrichmentJob first;
    QVERIFY(run(first, file, s));
    const int requests = fake.stats().requests;
    QVERIFY(requests > 0);
    QCOMPARE(memory->opened, 1);
    QCOMPARE(memory->answers.size(), 6);
    QCOMPARE(first.progress().fetched, 6);

    EnrichmentJob second;
    QVERIFY(run(second, file, s));
    QCOMPARE(fake.stats().requests, requests);
    QCOMPARE(second.progress().fromCache, 6);
    QCOMPARE(table(second), table(first));
    QVERIFY(!QFile::exists(s.cachePath));
}

QTEST_GUILESS_MAIN(SourcesTest)
#include "sources_test.moc"
