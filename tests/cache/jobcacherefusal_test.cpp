#include "costrules.h"
#include "csvfile.h"
#include "enrichmentjob.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

// The enrichment job (the window's Enrich and lei-enrich alike) refuses a cache path naming a
// file that is not SQLite before anything starts: start() fails with a one-line reason naming
// it, which the window shows in a message box and the CLI prints with exit 3.
class JobCacheRefusalTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refusedBeforeAnythingStarts_data();
    void refusedBeforeAnythingStarts();
};

void JobCacheRefusalTest::refusedBeforeAnythingStarts_data()
{
    QTest::addColumn<QByteArray>("content"); // empty: a folder
    QTest::newRow("text") << QByteArray("GB desk: call back Tuesday\n");
    QTest::newRow("binary") << QByteArray(8192, 'z');
    QTest::newRow("folder") << QByteArray();
}

void JobCacheRefusalTest::refusedBeforeAnythingStarts()
{
    QFETCH(QByteArray, content);
    QTemporaryDir dir;
    const QString notes = dir.filePath(QStringLiteral("notes.txt"));
    if (content.isEmpty()) {
        QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("notes.txt")));
    } else {
        QFile f(notes);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    const QDateTime modified = QFileInfo(notes).lastModified();
    QString error;
    auto file = CsvFile::load(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), {}, &error);
    QVERIFY2(file, qPrintable(error));

    EnrichmentSettings settings;
    settings.cachePath = notes;
    settings.gleif.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:9/api/v1")); // never reached
    EnrichmentJob job;
    QVERIFY(!job.start(file, file->findColumn(), CostRules::defaults(), settings, &error));
    QVERIFY(!job.isRunning());
    QVERIFY2(error.contains(notes), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
    QCOMPARE(QFileInfo(notes).lastModified(), modified);
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{QStringLiteral("notes.txt")});
    if (!content.isEmpty()) {
        QFile f(notes);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
    }
}

QTEST_GUILESS_MAIN(JobCacheRefusalTest)
#include "jobcacherefusal_test.moc"
