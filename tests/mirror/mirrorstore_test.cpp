// MirrorStore: imports of generated Golden Copy files (full, deltas, damaged ones) and lookups
// checked against what the generator wrote.
#include "goldencopygen.h"
#include "mirrorstore.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sqlite3.h>
#include <sys/stat.h>

namespace {

const QDateTime kFull(QDate(2026, 9, 30), QTime(8, 0), QTimeZone::utc());
const QDateTime kDelta(QDate(2026, 10, 1), QTime(16, 0), QTimeZone::utc());
constexpr qint64 kRecords = 120; // generated entities besides the samples

using Range = GoldenCopyGenerator::Range;

// What the API path fills, as text, so a failure shows which field differs.
QStringList fields(const GleifRecord &r)
{
    return {r.lei, r.legalName, r.bics.join(u';'), r.country, r.hqCountry, r.jurisdiction, r.legalForm,
            r.category, r.otherNames.join(u'|'), r.entityStatus, r.registrationStatus, r.nextRenewalDate,
            r.lastUpdateDate, r.successorLei, QString::number(int(r.directParent)), QString::number(int(r.ultimateParent))};
}

int mode(const QString &path)
{
    struct stat st;
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

// Runs `sql` on the SQLite file; the first column of its last row (empty if none), or "error".
QString runSql(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    QString value;
    const auto row = [](void *out, int, char **values, char **) {
        *static_cast<QString *>(out) = QString::fromUtf8(values[0]);
        return 0;
    };
    if (sqlite3_open(QFile::encodeName(path).constData(), &db) != SQLITE_OK
        || sqlite3_exec(db, sql, row, &value, nullptr) != SQLITE_OK)
        value = QStringLiteral("error");
    sqlite3_close(db);
    return value;
}

} // namespace

class MirrorStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void header();
    void fullImport();
    void readsByHeaderName_data();
    void readsByHeaderName();
    void deltas_data();
    void deltas();
    void deltaNeedsFullFile();
    void publishDatePerFile();
    void damagedFiles_data();
    void damagedFiles();
    void cancel_data();
    void cancel();
    void notAMirror();
    void readerSeesNewImport();
    void schema1Mirror();
    void remove();

private:
    QString filesDir() const { return m_dir->filePath(QStringLiteral("files")); }
    QString mirrorPath() const { return m_dir->filePath(QStringLiteral("mirror/gleif-mirror.sqlite")); }
    // The four full files of kRecords (+ samples) entities.
    QStringList fullSet(const GoldenCopyFileOptions &options = {}) const;
    qint64 total() const { return m_gen.sampleCount() + kRecords; }
    // Checks every answer against the generator's entity(i, versions[i] or 0).
    // BICs are expected of the first `withBics` (-1: all) only: the BIC map is not in deltas.
    void checkAnswers(const MirrorStore &store, qint64 count, const QHash<qint64, int> &versions = {},
                      qint64 withBics = -1);
    QStringList allLeis(qint64 count) const;
    QStringList mirrorFolderListing() const;

    GoldenCopyGenerator m_gen;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void MirrorStoreTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_gen.loadSamples(QStringLiteral(LEI_RESOURCES_DIR "/gleif_sample_records.json")));
}

void MirrorStoreTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(filesDir()));
}

QStringList MirrorStoreTest::fullSet(const GoldenCopyFileOptions &options) const
{
    const QList<Range> all{{0, total(), 0}};
    return {m_gen.writeLei2(filesDir(), kFull, all, options), m_gen.writeRelationships(filesDir(), kFull, all, options),
            m_gen.writeExceptions(filesDir(), kFull, all, options), m_gen.writeBicMap(filesDir(), kFull, all, options)};
}

QStringList MirrorStoreTest::allLeis(qint64 count) const
{
    QStringList leis;
    for (qint64 i = 0; i < count; ++i)
        leis << m_gen.entity(i).record.lei;
    return leis;
}

// The files beside the mirror, less SQLite's -wal and -shm of open connections.
QStringList MirrorStoreTest::mirrorFolderListing() const
{
    QStringList files = QDir(QFileInfo(mirrorPath()).absolutePath()).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    files.removeIf([](const QString &f) { return f.endsWith(u"-wal") || f.endsWith(u"-shm"); });
    return files;
}

void MirrorStoreTest::checkAnswers(const MirrorStore &store, qint64 count, const QHash<qint64, int> &versions,
                                   qint64 withBics)
{
    QHash<QString, qint64> indexOf;
    for (qint64 i = 0; i < count; ++i)
        indexOf.insert(m_gen.entity(i).record.lei, i);
    const QString absent = GoldenCopyGenerator::lei(count + 1000);
    const QHash<QString, MirrorAnswer> answers = store.lookup(allLeis(count) << absent << QStringLiteral("not-an-lei\""));
    QCOMPARE(answers.size(), count);
    QVERIFY(!answers.contains(absent));
    for (qint64 i = 0; i < count; ++i) {
        GoldenCopyGenerator::Entity e = m_gen.entity(i, versions.value(i, 0));
        if (withBics >= 0 && i >= withBics)
            e.record.bics.clear();
        const MirrorAnswer a = answers.value(e.record.lei);
        QCOMPARE(fields(a.record), fields(e.record));
        QCOMPARE(a.initialRegistrationDate, e.initialRegistrationDate);
        QCOMPARE(a.managingLou, e.managingLou);
        QCOMPARE(a.publishDate, store.publishDate(MirrorFileType::Lei2));
        QCOMPARE(a.directParent.lei, e.directParent);
        QCOMPARE(a.ultimateParent.lei, e.ultimateParent);
        QCOMPARE(a.directParent.exception, e.directException);
        QCOMPARE(a.ultimateParent.exception, e.ultimateException);
        const auto nameOf = [&](const QString &lei) {
            return indexOf.contains(lei) ? m_gen.entity(indexOf.value(lei), versions.value(indexOf.value(lei), 0)).record.legalName
                                         : QString();
        };
        QCOMPARE(a.directParent.name, nameOf(e.directParent));
        QCOMPARE(a.ultimateParent.name, nameOf(e.ultimateParent));
    }
}

void MirrorStoreTest::header()
{
    const QStringList header = GoldenCopyGenerator::lei2Header();
    QCOMPARE(header.size(), 338);
    QCOMPARE(QSet<QString>(header.begin(), header.end()).size(), 338);
    QCOMPARE(header.first(), QStringLiteral("LEI"));
    for (const char *name : {"Entity.LegalName", "Entity.OtherEntityNames.OtherEntityName.5", "Entity.LegalAddress.Country",
                             "Entity.HeadquartersAddress.Country", "Entity.LegalJurisdiction", "Entity.EntityCategory",
                             "Entity.LegalForm.EntityLegalFormCode", "Entity.LegalForm.OtherLegalForm", "Entity.EntityStatus",
                             "Entity.SuccessorEntity.1.SuccessorLEI", "Registration.InitialRegistrationDate",
                             "Registration.LastUpdateDate", "Registration.RegistrationStatus",
                             "Registration.NextRenewalDate", "Registration.ManagingLOU", "ConformityFlag"})
        QVERIFY2(header.contains(QLatin1String(name)), name);
}

void MirrorStoreTest::fullImport()
{
    MirrorStore store;
    QVERIFY(!store.open(mirrorPath()));
    QVERIFY(store.error().contains(mirrorPath()));
    QVERIFY(!store.publishDate(MirrorFileType::Lei2).isValid());

    QList<MirrorImportProgress> seen;
    QVERIFY2(store.importFiles(fullSet(), QDateTime(), [&](const MirrorImportProgress &p) { seen << p; }, nullptr),
             qPrintable(store.error()));
    QVERIFY(!seen.isEmpty());
    QCOMPARE(seen.last().bytes, seen.last().totalBytes);
    QVERIFY(seen.last().records > total());

    checkAnswers(store, total());
    // The fake GLEIF's entities answer as the API does (its BICs in its order).
    const QHash<QString, MirrorAnswer> abn = store.lookup({QStringLiteral("BFXS5XCH7N0Y05NIXW11")});
    QCOMPARE(abn.value(QStringLiteral("BFXS5XCH7N0Y05NIXW11")).record.bics.first(), QStringLiteral("ABNANL2AXXX"));
    QCOMPARE(abn.value(QStringLiteral("BFXS5XCH7N0Y05NIXW11")).record.bics.size(), 6);

    QCOMPARE(store.publishDate(MirrorFileType::Lei2), kFull);
    QCOMPARE(store.publishDate(MirrorFileType::Relationships), kFull);
    QCOMPARE(store.publishDate(MirrorFileType::Exceptions), kFull);
    QCOMPARE(store.publishDate(MirrorFileType::BicMap), QDateTime(kFull.date(), QTime(0, 0), QTimeZone::utc()));
    const MirrorStatus s = store.status();
    qint64 relationships = 0, exceptions = 0, bics = 0;
    for (qint64 i = 0; i < total(); ++i) {
        const GoldenCopyGenerator::Entity e = m_gen.entity(i);
        relationships += !e.directParent.isEmpty() + !e.ultimateParent.isEmpty();
        exceptions += !e.directException.isEmpty() + !e.ultimateException.isEmpty();
        bics += e.record.bics.size();
    }
    QCOMPARE(s.records, total());
    QCOMPARE(s.relationships, relationships);
    QCOMPARE(s.exceptions, exceptions);
    QCOMPARE(s.bics, bics);
    QVERIFY(s.sizeOnDisk > 0);
    QCOMPARE(mode(mirrorPath()), 0600);
    QCOMPARE(mode(QFileInfo(mirrorPath()).absolutePath()), 0700);
    QCOMPARE(mirrorFolderListing(), QStringList{QStringLiteral("gleif-mirror.sqlite")});

    // A publish date given wins over the names.
    const QDateTime given(QDate(2026, 11, 2), QTime(0, 0), QTimeZone::utc());
    QVERIFY(store.importFiles(fullSet(), given, nullptr, nullptr));
    QCOMPARE(store.publishDate(MirrorFileType::Relationships), given);
}

void MirrorStoreTest::readsByHeaderName_data()
{
    QTest::addColumn<bool>("zip");
    QTest::addColumn<bool>("shuffle");
    QTest::addColumn<bool>("bom");
    QTest::addColumn<bool>("crlf");
    QTest::addColumn<bool>("bicLei");
    QTest::newRow("plain CSV") << false << false << false << false << false;
    QTest::newRow("ZIP, columns shuffled") << true << true << false << false << false;
    QTest::newRow("BOM and CRLF") << true << false << true << true << false;
    QTest::newRow("plain, shuffled, BOM, CRLF, BIC,LEI map") << false << true << true << true << true;
}

void MirrorStoreTest::readsByHeaderName()
{
    QFETCH(bool, zip);
    GoldenCopyFileOptions options;
    options.zip = zip;
    QFETCH(bool, shuffle);
    options.shuffleColumns = shuffle;
    QFETCH(bool, bom);
    options.bom = bom;
    QFETCH(bool, crlf);
    options.crlf = crlf;
    QFETCH(bool, bicLei);
    options.bicLeiOrder = bicLei;
    MirrorStore store;
    store.open(mirrorPath());
    QVERIFY2(store.importFiles(fullSet(options), QDateTime(), nullptr, nullptr), qPrintable(store.error()));
    checkAnswers(store, total());
}

void MirrorStoreTest::deltas_data()
{
    QTest::addColumn<QString>("delta");
    for (const char *d : {"IntraDay", "LastDay", "LastWeek", "LastMonth"})
        QTest::newRow(d) << QString::fromLatin1(d);
}

void MirrorStoreTest::deltas()
{
    QFETCH(QString, delta);
    MirrorStore store;
    store.open(mirrorPath());
    QVERIFY(store.importFiles(fullSet(), QDateTime(), nullptr, nullptr));

    // Changed records (newer), stale ones (older LastUpdateDate: must not win) and new ones.
    const QList<Range> changes{{20, 40, 1}, {40, 50, -1}, {total(), total() + 15, 0}};
    GoldenCopyFileOptions options;
    options.delta = delta;
    const QStringList files{m_gen.writeLei2(filesDir(), kDelta, changes, options),
                            m_gen.writeRelationships(filesDir(), kDelta, changes, options),
                            m_gen.writeExceptions(filesDir(), kDelta, changes, options)};
    QVERIFY2(store.importFiles(files, QDateTime(), nullptr, nullptr), qPrintable(store.error()));
    QCOMPARE(mirrorFolderListing(), QStringList{QStringLiteral("gleif-mirror.sqlite")});

    QHash<qint64, int> versions;
    for (qint64 i = 20; i < 40; ++i)
        versions.insert(i, 1);
    checkAnswers(store, total() + 15, versions, total());
    QVERIFY(store.lookup({m_gen.entity(25).record.lei}).value(m_gen.entity(25).record.lei).record.legalName.endsWith(u"(RENAMED)"));
    QCOMPARE(store.publishDate(MirrorFileType::Lei2), kDelta);
    QCOMPARE(store.publishDate(MirrorFileType::BicMap), QDateTime(kFull.date(), QTime(0, 0), QTimeZone::utc()));
    QCOMPARE(store.status().records, total() + 15);

    // An older delta applied late changes nothing, and the publish date stays the newest.
    const QDateTime earlier = kDelta.addSecs(-8 * 3600);
    QVERIFY(store.importFiles({m_gen.writeLei2(filesDir(), earlier, {{20, 40, -1}}, options)}, QDateTime(), nullptr, nullptr));
    checkAnswers(store, total() + 15, versions, total());
    QCOMPARE(store.publishDate(MirrorFileType::Lei2), kDelta);
}

void MirrorStoreTest::deltaNeedsFullFile()
{
    GoldenCopyFileOptions options;
    options.delta = QStringLiteral("LastDay");
    const QString delta = m_gen.writeLei2(filesDir(), kDelta, {{0, 10, 1}}, options);
    MirrorStore store;
    store.open(mirrorPath());
    QVERIFY(!store.importFiles({delta}, QDateTime(), nullptr, nullptr));
    QVERIFY2(store.error().contains(QFileInfo(delta).fileName()) && store.error().contains(u"full"), qPrintable(store.error()));
    QVERIFY(!QFileInfo::exists(mirrorPath()));
}

// mirror update's one import of a publication's files and an older BIC map: each type gets the
// date stated for its file, over the call's and the name's.
void MirrorStoreTest::publishDatePerFile()
{
    const QStringList files = fullSet();
    const QDateTime mapDate(QDate(2026, 9, 1), QTime(10, 23, 45), QTimeZone::utc());
    MirrorStore store;
    store.open(mirrorPath());
    store.setPublishDate(files.last(), mapDate);
    QVERIFY2(store.importFiles(files, kDelta, nullptr, nullptr), qPrintable(store.error()));
    QCOMPARE(store.publishDate(MirrorFileType::Lei2), kDelta);
    QCOMPARE(store.publishDate(MirrorFileType::Exceptions), kDelta);
    QCOMPARE(store.publishDate(MirrorFileType::BicMap), mapDate);
}

void MirrorStoreTest::damagedFiles_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<bool>("asDelta");
    for (const char *damage : {"truncated ZIP", "corrupt deflate data", "CSV cut mid-record", "unrecognised header",
                               "empty file", "fewer records than published", "second file a bad one",
                               "ZIP with two files"}) {
        QTest::addRow("%s, full", damage) << QString::fromLatin1(damage) << false;
        QTest::addRow("%s, delta", damage) << QString::fromLatin1(damage) << true;
    }
}

void MirrorStoreTest::damagedFiles()
{
    QFETCH(QString, damage);
    QFETCH(bool, asDelta);
    MirrorStore store;
    store.open(mirrorPath());
    QVERIFY(store.importFiles(fullSet(), QDateTime(), nullptr, nullptr));
    const QStringList listing = mirrorFolderListing();
    const MirrorStatus before = store.status();

    // A damaged LEI2 file of changed records, named as a full file or as a delta.
    GoldenCopyFileOptions options;
    options.delta = asDelta ? QStringLiteral("LastDay") : QString();
    options.zip = damage.contains(u"ZIP") || damage.contains(u"deflate") || damage.startsWith(u"second");
    options.secondMember = damage == u"ZIP with two files";
    const QDir bad(m_dir->filePath(QStringLiteral("bad")));
    QVERIFY(QDir().mkpath(bad.path()));
    const QList<Range> changed{{0, total(), 1}};
    QString path = m_gen.writeLei2(bad.path(), kDelta, changed, options);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QByteArray bytes = file.readAll();
    if (damage == u"truncated ZIP") {
        bytes.truncate(bytes.size() * 2 / 3);
    } else if (damage == u"corrupt deflate data") {
        for (qsizetype k = bytes.size() / 2; k < bytes.size() / 2 + 64; ++k)
            bytes[k] = char(bytes[k] ^ 0x5a);
    } else if (damage == u"CSV cut mid-record") {
        qsizetype cut = bytes.size() * 2 / 3;
        while (bytes[cut - 1] == '\n' || bytes[cut - 1] == '"' || bytes[cut - 1] == ',')
            --cut; // inside a field, so no reader could take it for a record's end
        bytes.truncate(cut);
    } else if (damage == u"unrecognised header") {
        bytes = "LEI,Name,Country\n" + m_gen.entity(0).record.lei.toLatin1() + ",X,GB\n";
    } else if (damage == u"empty file") {
        bytes.clear();
    } else if (damage == u"fewer records than published") {
        store.expectRecords(path, total() + 1);
    }
    QVERIFY(file.resize(0) && file.write(bytes) == bytes.size());
    file.close();
    QStringList paths{path};
    if (damage == u"second file a bad one") { // a good RR file first, then a truncated LEI2
        paths.prepend(m_gen.writeRelationships(bad.path(), kDelta, changed, options));
        QVERIFY(QFile::resize(path, QFileInfo(path).size() / 2));
    }

    QVERIFY(!store.importFiles(paths, QDateTime(), nullptr, nullptr));
    QVERIFY2(store.error().contains(QFileInfo(path).fileName()), qPrintable(store.error()));
    // The message says what is wrong (deflate damage shows as a bad CRC or as garbled records).
    const QHash<QString, QString> says{{QStringLiteral("truncated ZIP"), QStringLiteral("truncated ZIP")},
                                       {QStringLiteral("CSV cut mid-record"), QStringLiteral("cut or corrupt")},
                                       {QStringLiteral("unrecognised header"), QStringLiteral("not a Golden Copy")},
                                       {QStringLiteral("empty file"), QStringLiteral("empty file")},
                                       {QStringLiteral("fewer records than published"), QStringLiteral("cut short")},
                                       {QStringLiteral("ZIP with two files"), QStringLiteral("more than one file")}};
    QVERIFY2(store.error().contains(says.value(damage)), qPrintable(store.error()));
    QVERIFY(!store.error().contains(u'\n'));
    // The previous mirror, as it was: same answers, same counts, no file left behind.
    checkAnswers(store, total());
    QCOMPARE(store.status().records, before.records);
    QCOMPARE(store.status().relationships, before.relationships);
    QCOMPARE(mirrorFolderListing(), listing);
    MirrorStore other;
    QVERIFY(other.open(mirrorPath()));
    checkAnswers(other, total());
}

void MirrorStoreTest::cancel_data()
{
    QTest::addColumn<bool>("asDelta");
    QTest::newRow("full") << false;
    QTest::newRow("delta") << true;
}

void MirrorStoreTest::cancel()
{
    QFETCH(bool, asDelta);
    MirrorStore store;
    store.open(mirrorPath());
    QVERIFY(store.importFiles(fullSet(), QDateTime(), nullptr, nullptr));
    const QStringList listing = mirrorFolderListing();

    GoldenCopyFileOptions options;
    options.zip = false;
    options.delta = asDelta ? QStringLiteral("LastDay") : QString();
    const QString big = m_gen.writeLei2(filesDir(), kDelta, {{0, 10000, 1}}, options); // progress every 4096 records
    std::atomic<bool> cancel{false};
    qint64 recordsAtCancel = -1;
    QVERIFY(!store.importFiles({big}, QDateTime(), [&](const MirrorImportProgress &p) {
        if (recordsAtCancel < 0)
            recordsAtCancel = p.records;
        cancel.store(true);
    }, &cancel));
    QVERIFY(recordsAtCancel > 0 && recordsAtCancel < 10000);
    QVERIFY2(store.error().contains(u"cancelled") && store.error().contains(QFileInfo(big).fileName()), qPrintable(store.error()));
    checkAnswers(store, total());
    QCOMPARE(mirrorFolderListing(), listing);
}

void MirrorStoreTest::notAMirror()
{
    QVERIFY(QDir().mkpath(QFileInfo(mirrorPath()).absolutePath()));
    QFile file(mirrorPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("precious spreadsheet, not a mirror\n");
    file.close();
    MirrorStore store;
    QVERIFY(!store.open(mirrorPath()));
    QVERIFY(store.error().contains(mirrorPath()));
    QVERIFY(!store.importFiles(fullSet(), QDateTime(), nullptr, nullptr));
    QString error;
    QVERIFY(!MirrorStore::remove(mirrorPath(), &error));
    QVERIFY(error.contains(mirrorPath()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("precious spreadsheet, not a mirror\n"));
}

void MirrorStoreTest::readerSeesNewImport()
{
    MirrorStore writer;
    writer.open(mirrorPath());
    QVERIFY(writer.importFiles(fullSet(), QDateTime(), nullptr, nullptr));
    MirrorStore reader;
    QVERIFY(reader.open(mirrorPath()));
    const QString lei = m_gen.entity(30).record.lei;
    QCOMPARE(reader.lookup({lei}).value(lei).record.legalName, m_gen.entity(30).record.legalName);
    QCOMPARE(reader.lookup(allLeis(total())).size(), total()); // a long list: read on two connections

    // A newer full file replaces the mirror file; the open reader answers from the new one.
    const QDateTime later = kFull.addDays(1);
    QVERIFY(writer.importFiles({m_gen.writeLei2(filesDir(), later, {{0, total(), 1}})}, QDateTime(), nullptr, nullptr));
    QCOMPARE(reader.lookup({lei}).value(lei).record.legalName, m_gen.entity(30, 1).record.legalName);
    const QHash<QString, MirrorAnswer> all = reader.lookup(allLeis(total()));
    for (qint64 i = 0; i < total(); ++i)
        QCOMPARE(all.value(m_gen.entity(i).record.lei).record.legalName, m_gen.entity(i, 1).record.legalName);
    QCOMPARE(reader.publishDate(MirrorFileType::Lei2), later);
    QCOMPARE(reader.publishDate(MirrorFileType::Relationships), kFull); // kept from the old mirror
    QCOMPARE(reader.status().bics, writer.status().bics);
    QVERIFY(reader.status().bics > 0);
}

// A mirror imported before the parents' names had an index of their own (schema 1) answers the
// same, and its next full import makes it a current (schema-3) mirror.
void MirrorStoreTest::schema1Mirror()
{
    {
        MirrorStore writer;
        writer.open(mirrorPath());
        QVERIFY(writer.importFiles(fullSet(), QDateTime(), nullptr, nullptr));
    }
    QCOMPARE(runSql(mirrorPath(), "DROP INDEX entity_names; UPDATE meta SET value = '1' WHERE key = 'schema'"), QString());
    MirrorStore store;
    QVERIFY2(store.open(mirrorPath()), qPrintable(store.error()));
    checkAnswers(store, total());

    QVERIFY(store.importFiles({m_gen.writeLei2(filesDir(), kFull.addDays(1), {{0, total(), 1}})}, QDateTime(), nullptr, nullptr));
    QCOMPARE(runSql(mirrorPath(), "SELECT value FROM meta WHERE key = 'schema'"), QStringLiteral("3"));
    QCOMPARE(runSql(mirrorPath(), "SELECT count(*) FROM sqlite_schema WHERE name = 'entity_names'"), QStringLiteral("1"));
    const QString child = m_gen.entity(30).record.lei;
    const QString parent = m_gen.entity(30).directParent;
    QVERIFY(!parent.isEmpty());
    const MirrorAnswer a = store.lookup({child}).value(child);
    QCOMPARE(a.record.legalName, m_gen.entity(30, 1).record.legalName);
    QCOMPARE(a.directParent.lei, parent);
    QVERIFY(!a.directParent.name.isEmpty());
    QCOMPARE(a.directParent.name, store.lookup({parent}).value(parent).record.legalName);
}

void MirrorStoreTest::remove()
{
    MirrorStore store;
    store.open(mirrorPath());
    QVERIFY(store.importFiles(fullSet(), QDateTime(), nullptr, nullptr));
    QString error;
    QVERIFY2(MirrorStore::remove(mirrorPath(), &error), qPrintable(error));
    QVERIFY(mirrorFolderListing().isEmpty());
    QVERIFY(MirrorStore::remove(mirrorPath(), &error)); // nothing there: done
    QVERIFY(!MirrorStore().open(mirrorPath()));
}

QTEST_GUILESS_MAIN(MirrorStoreTest)
#include "mirrorstore_test.moc"
