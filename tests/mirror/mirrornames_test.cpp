// The mirror's name index (issue 14): candidates for names as users write them, by BIC, after a
// delta that renames, and a mirror built before the index.
#include "generatednames.h"
#include "goldencopygen.h"
#include "mirrorstore.h"
#include "namematcher.h"

#include <QDir>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sqlite3.h>

namespace {

const QDateTime kFull(QDate(2026, 9, 30), QTime(8, 0), QTimeZone::utc());
const QDateTime kDelta(QDate(2026, 10, 1), QTime(16, 0), QTimeZone::utc());
constexpr qint64 kRecords = 400;

bool runSql(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    const bool ok = sqlite3_open(QFile::encodeName(path).constData(), &db) == SQLITE_OK
        && sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

QStringList leis(const QVector<Match::Entity> &entities)
{
    QStringList out;
    for (const Match::Entity &e : entities)
        out << e.lei;
    return out;
}

} // namespace

class MirrorNamesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void byName_data();
    void byName();
    void entityFields();
    void longList();
    void distractors();
    void byBic_data();
    void byBic();
    void deltaRenames();
    void olderMirror();

private:
    QString filesDir() const { return m_dir->filePath(QStringLiteral("files")); }
    QString mirrorPath() const { return m_dir->filePath(QStringLiteral("gleif-mirror.sqlite")); }
    QStringList fullSet() const;
    Match::Result match(const MirrorStore &store, const QString &name, const QString &country = {},
                        const QString &bic = {}) const;

    GoldenCopyGenerator m_gen;
    std::unique_ptr<QTemporaryDir> m_dir;
    MirrorStore m_store;
};

void MirrorNamesTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void MirrorNamesTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(filesDir()));
    m_store.open(mirrorPath());
    QVERIFY2(m_store.importFiles(fullSet(), QDateTime(), nullptr, nullptr), qPrintable(m_store.error()));
    QVERIFY(m_store.hasNameIndex());
}

QStringList MirrorNamesTest::fullSet() const
{
    const QList<GoldenCopyGenerator::Range> all{{0, kRecords, 0}};
    return {m_gen.writeLei2(filesDir(), kFull, all), m_gen.writeRelationships(filesDir(), kFull, all),
            m_gen.writeExceptions(filesDir(), kFull, all), m_gen.writeBicMap(filesDir(), kFull, all)};
}

Match::Result MirrorNamesTest::match(const MirrorStore &store, const QString &name, const QString &country,
                                     const QString &bic) const
{
    const Match::Query query{name, country, bic};
    const QVector<QVector<Match::Entity>> candidates = store.matchCandidates({query});
    return candidates.size() == 1 ? Match::rank(query, candidates.first()) : Match::Result();
}

void MirrorNamesTest::byName_data()
{
    QTest::addColumn<qint64>("index");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("status");
    QTest::newRow("as registered") << qint64(1) << "Bergmann Bau GmbH" << "exact";
    QTest::newRow("case, punctuation, spaces") << qint64(1) << "  BERGMANN-BAU  G.m.b.H." << "exact";
    QTest::newRow("form written out") << qint64(1) << "Bergmann Bau Gesellschaft mit beschränkter Haftung" << "exact";
    QTest::newRow("diacritics dropped") << qint64(2) << "Construction Beaubert Societe Anonyme" << "exact";
    QTest::newRow("The dropped") << qint64(9) << "Brookford Construction L.L.C." << "exact";
    QTest::newRow("form left out") << qint64(14) << "Construcciones Bartero" << "probable";
    QTest::newRow("typo in first word") << qint64(1) << "Bergmnan Bau GmbH" << "probable";
    QTest::newRow("typo in last word") << qint64(7) << "Bradford Constructoin Corporation" << "probable";
    QTest::newRow("other name") << qint64(3) << "Berg Construction Limited" << "exact";
    QTest::newRow("transliterated name") << qint64(11) << "HOFFMANN BAU AG" << "exact";
    QTest::newRow("line end and quotes in the record") << qint64(5) << GeneratedNames::name(5).legalName << "exact";
}

void MirrorNamesTest::byName()
{
    QFETCH(qint64, index);
    QFETCH(QString, name);
    QFETCH(QString, status);
    const Match::Result r = match(m_store, name);
    const QString lei = m_gen.entity(index).record.lei;
    QVERIFY2(!r.candidates.isEmpty(), qPrintable(r.reason));
    QCOMPARE(r.candidates.first().entity.lei, lei);
    QCOMPARE(r.status, status == u"exact" ? Match::Status::Exact : Match::Status::Probable);
    QCOMPARE(r.lei, lei);
}

void MirrorNamesTest::entityFields()
{
    const GoldenCopyGenerator::Entity g = m_gen.entity(52); // Cyrillic legal name, a transliteration
    const QVector<QVector<Match::Entity>> found = m_store.matchCandidates({{g.transliteratedNames.value(0), {}, {}}});
    QCOMPARE(found.size(), 1);
    QCOMPARE(leis(found[0]), QStringList{g.record.lei});
    const Match::Entity &e = found[0][0];
    QCOMPARE(e.legalName, g.record.legalName);
    QCOMPARE(e.otherNames, g.record.otherNames + g.transliteratedNames);
    QCOMPARE(e.legalCountry, g.record.country);
    QCOMPARE(e.hqCountry, g.record.hqCountry);
    QCOMPARE(e.city, g.city);
    QCOMPARE(e.legalForm, g.record.legalForm);
    QCOMPARE(e.registrationStatus, g.record.registrationStatus);
    QCOMPARE(e.entityStatus, g.record.entityStatus);
    QVERIFY(!e.byBic);
}

// A long list is read by two connections, half each: every answer in its query's place.
void MirrorNamesTest::longList()
{
    QVector<Match::Query> queries;
    for (qint64 i = 100; i < 300; ++i)
        queries.append({GeneratedNames::name(i).legalName.toUpper(), {}, i % 7 == 0 ? m_gen.entity(i).record.bics.value(0) : QString()});
    const QVector<QVector<Match::Entity>> found = m_store.matchCandidates(queries);
    QCOMPARE(found.size(), queries.size());
    for (qsizetype k = 0; k < queries.size(); ++k) {
        const QString lei = m_gen.entity(100 + k).record.lei;
        QVERIFY2(leis(found[k]).contains(lei), qPrintable(queries[k].name));
        QCOMPARE(leis(found[k]), leis(m_store.matchCandidates({queries[k]}).value(0)));
    }
}

void MirrorNamesTest::distractors()
{
    // 17 has 16's name in another country; 29 has 28's name and country with another legal form.
    const GoldenCopyGenerator::Entity e16 = m_gen.entity(16), e17 = m_gen.entity(17);
    QCOMPARE(Match::normalise(e16.record.legalName), Match::normalise(e17.record.legalName));
    QVERIFY(e16.record.country != e17.record.country);
    const QVector<QVector<Match::Entity>> both = m_store.matchCandidates({{e16.record.legalName, {}, {}}});
    const QStringList found = leis(both[0]);
    QCOMPARE(QSet<QString>(found.begin(), found.end()), (QSet<QString>{e16.record.lei, e17.record.lei}));
    QCOMPARE(match(m_store, e16.record.legalName, e16.record.country).lei, e16.record.lei);
    QCOMPARE(match(m_store, e16.record.legalName, e17.record.country).lei, e17.record.lei);

    const GoldenCopyGenerator::Entity e28 = m_gen.entity(28), e29 = m_gen.entity(29);
    QCOMPARE(e28.record.country, e29.record.country);
    QVERIFY(Match::normalise(e28.record.legalName).legalForm != Match::normalise(e29.record.legalName).legalForm);
    for (const GoldenCopyGenerator::Entity *e : {&e28, &e29}) {
        const Match::Result r = match(m_store, e->record.legalName.toUpper(), e->record.country);
        QCOMPARE(r.status, Match::Status::Exact);
        QCOMPARE(r.lei, e->record.lei);
        QCOMPARE(r.candidates.size(), 2); // the other one, far behind
        QVERIFY(r.candidates[1].score <= 70);
    }
}

void MirrorNamesTest::byBic_data()
{
    QTest::addColumn<qint64>("index");
    QTest::addColumn<QString>("bic");
    const QString bic = m_gen.entity(49).record.bics.value(0); // 49: an 8- and an 11-character BIC
    QVERIFY(bic.size() == 8);
    QTest::newRow("8 characters") << qint64(49) << bic;
    QTest::newRow("the XXX branch") << qint64(49) << bic + QStringLiteral("XXX");
    QTest::newRow("lower case, spaces") << qint64(7) << u' ' + m_gen.entity(7).record.bics.value(0).toLower();
    QTest::newRow("unknown") << qint64(-1) << "ZZZZDEFFXXX";
}

void MirrorNamesTest::byBic()
{
    QFETCH(qint64, index);
    QFETCH(QString, bic);
    const QVector<QVector<Match::Entity>> found = m_store.matchCandidates({{QString(), QString(), bic}});
    QCOMPARE(found.size(), 1);
    QCOMPARE(leis(found[0]), index < 0 ? QStringList() : QStringList{m_gen.entity(index).record.lei});
    for (const Match::Entity &e : found[0])
        QVERIFY(e.byBic);
}

void MirrorNamesTest::deltaRenames()
{
    GoldenCopyGenerator::FileOptions delta;
    delta.delta = QStringLiteral("LastDay");
    QVERIFY(m_store.importFiles({m_gen.writeLei2(filesDir(), kDelta, {{40, 50, 1}}, delta)}, QDateTime(), nullptr, nullptr));
    const GoldenCopyGenerator::Entity before = m_gen.entity(45), after = m_gen.entity(45, 1);
    QVERIFY(before.record.legalName != after.record.legalName);
    const Match::Result renamed = match(m_store, after.record.legalName);
    QCOMPARE(renamed.status, Match::Status::Exact);
    QCOMPARE(renamed.lei, after.record.lei);
    // The old name is no longer one of its names; its other name (unchanged) still is.
    QVERIFY(match(m_store, before.record.legalName).status != Match::Status::Exact);
    QCOMPARE(match(m_store, after.record.otherNames.value(0)).lei, after.record.lei);
    // A delta with an older record changes nothing.
    QVERIFY(m_store.importFiles({m_gen.writeLei2(filesDir(), kDelta.addDays(1), {{40, 50, -1}}, delta)}, QDateTime(), nullptr, nullptr));
    QCOMPARE(match(m_store, after.record.legalName).lei, after.record.lei);
}

void MirrorNamesTest::olderMirror()
{
    m_store.open(QString()); // let go of the file
    // What an earlier version built: no name index, no matching columns (schema 2).
    QVERIFY(runSql(mirrorPath(), "DROP TABLE names; DROP INDEX bic_leis; ALTER TABLE records DROP COLUMN city; "
                                 "ALTER TABLE records DROP COLUMN transliterated_names; "
                                 "UPDATE meta SET value = '2' WHERE key = 'schema'; DELETE FROM meta WHERE key = 'names'"));
    MirrorStore store;
    QVERIFY2(store.open(mirrorPath()), qPrintable(store.error()));
    const QString lei = m_gen.entity(1).record.lei;
    QCOMPARE(store.lookup({lei}).value(lei).record.legalName, m_gen.entity(1).record.legalName); // still answers
    QVERIFY(!store.hasNameIndex());
    QVERIFY(!store.status().nameIndex);
    const QVector<QVector<Match::Entity>> none = store.matchCandidates({{m_gen.entity(1).record.legalName, {}, {}}});
    QCOMPARE(none.size(), 1);
    QVERIFY(none[0].isEmpty());
    QVERIFY2(store.error().contains(u"name index") && store.error().contains(mirrorPath()), qPrintable(store.error()));

    // A LEI2 delta cannot keep an index there is none of: refused, naming the file.
    GoldenCopyGenerator::FileOptions delta;
    delta.delta = QStringLiteral("LastDay");
    const QString deltaFile = m_gen.writeLei2(filesDir(), kDelta, {{40, 50, 1}}, delta);
    QVERIFY(!store.importFiles({deltaFile}, QDateTime(), nullptr, nullptr));
    QVERIFY2(store.error().contains(deltaFile) && store.error().contains(u"full LEI2"), qPrintable(store.error()));
    // A full RR file rebuilds the mirror and keeps its entities, still without an index.
    QVERIFY2(store.importFiles({m_gen.writeRelationships(filesDir(), kDelta, {{0, kRecords, 0}})}, QDateTime(), nullptr, nullptr),
             qPrintable(store.error()));
    QCOMPARE(store.lookup({lei}).value(lei).record.legalName, m_gen.entity(1).record.legalName);
    QVERIFY(!store.hasNameIndex());
    // A full LEI2 file builds it; a later full RR file keeps it.
    QVERIFY(store.importFiles({m_gen.writeLei2(filesDir(), kDelta, {{0, kRecords, 0}})}, QDateTime(), nullptr, nullptr));
    QVERIFY(store.hasNameIndex());
    QVERIFY(store.status().nameIndex);
    QCOMPARE(match(store, m_gen.entity(1).record.legalName).lei, lei);
    QVERIFY(store.importFiles({m_gen.writeRelationships(filesDir(), kDelta.addDays(1), {{0, kRecords, 0}})}, QDateTime(), nullptr, nullptr));
    QVERIFY(store.hasNameIndex());
    QCOMPARE(match(store, m_gen.entity(52).transliteratedNames.value(0)).lei, m_gen.entity(52).record.lei);
}

QTEST_GUILESS_MAIN(MirrorNamesTest)
#include "mirrornames_test.moc"
