#include "goldencopygen.h"
#include "mirrordialog.h"
#include "mirrorstore.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

// Tools > GLEIF Data: the mirror's state, importing files by hand (on a worker thread, with
// progress and cancel), removing it; a failed or cancelled import leaves the mirror as it was.
class MirrorDialogTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void noMirrorSaysSo();
    void importShowsTheCountsThenRemove();
    void failedImportKeepsTheMirror();
    void cancelledImportKeepsTheMirror();

private:
    QStringList files(const QString &name, qint64 records);
    static bool waitForStatus(MirrorDialog &dialog, QSignalSpy &shown);
    std::unique_ptr<QTemporaryDir> m_dir;
    GoldenCopyGenerator m_gen;
    QString m_mirror;
};

namespace {
const QDateTime kPublished(QDate(2026, 9, 30), QTime(8, 0), QTimeZone::utc());
}

void MirrorDialogTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void MirrorDialogTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_mirror = m_dir->filePath(QStringLiteral("m/gleif-mirror.sqlite"));
}

QStringList MirrorDialogTest::files(const QString &name, qint64 records)
{
    const QString dir = m_dir->filePath(name);
    QDir().mkpath(dir);
    const QList<GoldenCopyGenerator::Range> all{{0, records, 0}};
    return {m_gen.writeLei2(dir, kPublished, all), m_gen.writeRelationships(dir, kPublished, all),
            m_gen.writeExceptions(dir, kPublished, all), m_gen.writeBicMap(dir, kPublished, all)};
}

bool MirrorDialogTest::waitForStatus(MirrorDialog &, QSignalSpy &shown)
{
    return !shown.isEmpty() || shown.wait(60000);
}

void MirrorDialogTest::noMirrorSaysSo()
{
    MirrorDialog dialog(m_mirror);
    QSignalSpy shown(&dialog, &MirrorDialog::statusShown);
    QVERIFY(waitForStatus(dialog, shown));
    QVERIFY2(dialog.statusText().contains(QStringLiteral("No GLEIF mirror yet")), qPrintable(dialog.statusText()));
    for (QPushButton *b : dialog.findChildren<QPushButton *>())
        if (b->text() == MirrorDialog::tr("&Remove"))
            QVERIFY(!b->isEnabled());
    QVERIFY(!QFile::exists(m_mirror)); // looking creates nothing
}

void MirrorDialogTest::importShowsTheCountsThenRemove()
{
    MirrorDialog dialog(m_mirror);
    QSignalSpy shown(&dialog, &MirrorDialog::statusShown);
    QVERIFY(waitForStatus(dialog, shown));
    QSignalSpy finished(&dialog, &MirrorDialog::importFinished);
    shown.clear();
    dialog.importFiles(files(QStringLiteral("full"), 30));
    QVERIFY(dialog.isBusy());
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!dialog.isBusy());
    QVERIFY(waitForStatus(dialog, shown));
    const QString status = dialog.statusText();
    QVERIFY2(status.contains(QStringLiteral("30 entities")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("LEI records 2026-09-30 08:00 UTC")), qPrintable(status));
    MirrorStore store;
    QVERIFY(store.open(m_mirror));
    QCOMPARE(store.lookup({GoldenCopyGenerator::lei(3)}).size(), 1);

    shown.clear();
    dialog.removeMirror(true);
    QVERIFY(waitForStatus(dialog, shown));
    QVERIFY(!QFile::exists(m_mirror));
    QVERIFY(dialog.statusText().contains(QStringLiteral("No GLEIF mirror yet")));
}

void MirrorDialogTest::failedImportKeepsTheMirror()
{
    {
        MirrorStore store;
        store.open(m_mirror);
        QVERIFY2(store.importFiles(files(QStringLiteral("full"), 20), QDateTime(), nullptr, nullptr), qPrintable(store.error()));
    }
    QFile junk(m_dir->filePath(QStringLiteral("notes.csv")));
    QVERIFY(junk.open(QIODevice::WriteOnly) && junk.write("a,b\n1,2\n") > 0);
    junk.close();
    MirrorDialog dialog(m_mirror);
    QSignalSpy shown(&dialog, &MirrorDialog::statusShown);
    QVERIFY(waitForStatus(dialog, shown));
    const QString before = dialog.statusText();
    QSignalSpy finished(&dialog, &MirrorDialog::importFinished);
    shown.clear();
    dialog.importFiles({junk.fileName()});
    QVERIFY(finished.wait(60000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(dialog.errorText().contains(QStringLiteral("notes.csv")) && dialog.errorText().contains(QStringLiteral("as it was")),
             qPrintable(dialog.errorText()));
    QVERIFY(waitForStatus(dialog, shown));
    QCOMPARE(dialog.statusText(), before);
}

void MirrorDialogTest::cancelledImportKeepsTheMirror()
{
    MirrorDialog dialog(m_mirror);
    QSignalSpy finished(&dialog, &MirrorDialog::importFinished);
    dialog.importFiles(files(QStringLiteral("big"), 20000));
    dialog.cancel(); // long before 20,000 records are in
    QVERIFY(finished.wait(60000));
    QVERIFY(!finished.first().at(0).toBool());
    QCOMPARE(finished.first().at(1).toString(), MirrorDialog::tr("Import cancelled."));
    QVERIFY(!QFile::exists(m_mirror)); // no half mirror
    QCOMPARE(QDir(m_dir->filePath(QStringLiteral("m"))).entryList(QDir::Files), QStringList());
}

QTEST_MAIN(MirrorDialogTest)
#include "mirrordialog_test.moc"
