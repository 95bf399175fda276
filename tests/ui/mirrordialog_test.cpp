#include "appsettings.h"
#include "fakegleif.h"
#include "goldencopyfile.h"
#include "goldencopygen.h"
#include "mainwindow.h"
#include "mirrordialog.h"
#include "mirrorupdater.h"
#include "mirrorstore.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLocale>
#include <QNetworkProxy>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

// Tools > GLEIF Data: the mirror's state, importing files by hand (on a worker thread, with
// progress and cancel), removing it; a failed or cancelled import leaves the mirror as it was.
// Update Now against the loopback fake's Golden Copy and mapping APIs: the mirror then answers,
// and a failed or cancelled update leaves it as it was, said in the dialog.
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
    void updateNowFillsTheMirrorThenUpToDate();
    void failedUpdateKeepsTheMirror_data();
    void failedUpdateKeepsTheMirror();
    void cancelDuringADownloadKeepsTheMirror();
    void aBackgroundUpdateShowsInTheDialog();
    void windowStartUpdatesAnOldMirror_data();
    void windowStartUpdatesAnOldMirror();

private:
    // The fake publishes full files of kLatest (records 0..kUpdateRecords-1), every type, and the BIC map.
    void publishAll(FakeGleif &fake);
    void makeOldMirror(); // the full files of 40 days before, and an older BIC map
    static QPushButton *button(MirrorDialog &dialog, const QString &text);
    QStringList answers() const; // the mirror's legal names of a few generated LEIs
    QString m_latestDir; // the generated files the fake publishes
    QStringList files(const QString &name, qint64 records);
    static bool waitForStatus(MirrorDialog &dialog, QSignalSpy &shown);
    std::unique_ptr<QTemporaryDir> m_dir;
    GoldenCopyGenerator m_gen;
    QString m_mirror;
};

namespace {
const QDateTime kPublished(QDate(2026, 9, 30), QTime(8, 0), QTimeZone::utc());
const QDateTime kLatest = kPublished; // the fake's Golden Copy publish date
const QDateTime kOld = kLatest.addDays(-40); // older than every delta: the update takes the full files
constexpr qint64 kUpdateRecords = 300;

qint64 countRecords(const QString &path)
{
    GoldenCopyFile file;
    if (!file.open(path))
        return -1;
    while (file.next()) { }
    return file.error().isEmpty() ? file.records() : -1;
}

QByteArray contents(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
} // namespace

void MirrorDialogTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("LEI Enricher Tests"));
    QApplication::setApplicationName(QStringLiteral("mirrordialog_test"));
    QSettings().clear();
    for (const char *name : {"http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY", "LEI_ENRICHER_CA_BUNDLE"})
        qunsetenv(name);
}

void MirrorDialogTest::publishAll(FakeGleif &fake)
{
    const QString dir = m_dir->filePath(QStringLiteral("published"));
    QDir().mkpath(dir);
    const QList<GoldenCopyGenerator::Range> all{{0, kUpdateRecords, 0}};
    const QString mapDir = dir + QStringLiteral("/map");
    QDir().mkpath(mapDir);
    const std::pair<QString, QString> files[] = {
        {QStringLiteral("lei2"), m_gen.writeLei2(dir, kLatest, all)},
        {QStringLiteral("rr"), m_gen.writeRelationships(dir, kLatest, all)},
        {QStringLiteral("repex"), m_gen.writeExceptions(dir, kLatest, all)},
        {QStringLiteral("bic-map"), m_gen.writeBicMap(mapDir, QDateTime(QDate(2026, 9, 1), QTime(0, 0), QTimeZone::utc()), all)}};
    for (const auto &[type, path] : files)
        fake.addPublishedFile({type, {}, {}, path, countRecords(path), -1});
    m_latestDir = dir;
    // Both APIs of the fake, as a desktop behind a mirror of GLEIF would name them.
    qputenv("LEI_ENRICHER_GOLDEN_COPY_URL", fake.goldenCopyBaseUrl().toString().toUtf8());
    qputenv("LEI_ENRICHER_MAPPING_URL", fake.mappingBaseUrl().toString().toUtf8());
}

void MirrorDialogTest::makeOldMirror()
{
    const QString dir = m_dir->filePath(QStringLiteral("old"));
    QDir().mkpath(dir);
    const QList<GoldenCopyGenerator::Range> all{{0, 100, -1}}; // older names: "... (OLD)"
    const QDateTime oldMap(QDate(2026, 8, 1), QTime(0, 0), QTimeZone::utc());
    MirrorStore store;
    store.open(m_mirror);
    QVERIFY2(store.importFiles({m_gen.writeLei2(dir, kOld, all), m_gen.writeRelationships(dir, kOld, all),
                                m_gen.writeExceptions(dir, kOld, all), m_gen.writeBicMap(dir, oldMap, all)},
                               QDateTime(), nullptr, nullptr),
             qPrintable(store.error()));
}

QPushButton *MirrorDialogTest::button(MirrorDialog &dialog, const QString &text)
{
    for (QPushButton *b : dialog.findChildren<QPushButton *>())
        if (b->text() == text)
            return b;
    return nullptr;
}

QStringList MirrorDialogTest::answers() const
{
    MirrorStore store;
    if (!store.open(m_mirror))
        return {store.error()};
    QStringList leis;
    for (qint64 i : {qint64(3), qint64(99), qint64(250)})
        leis << GoldenCopyGenerator::lei(i);
    const QHash<QString, MirrorAnswer> found = store.lookup(leis);
    QStringList result;
    for (const QString &lei : std::as_const(leis))
        result << (found.contains(lei) ? found.value(lei).record.legalName : QStringLiteral("absent"));
    return result;
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

void MirrorDialogTest::updateNowFillsTheMirrorThenUpToDate()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    publishAll(fake);
    MirrorDialog dialog(m_mirror);
    GleifSettings network;
    network.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    dialog.setNetwork(network);
    QSignalSpy shown(&dialog, &MirrorDialog::statusShown);
    QVERIFY(waitForStatus(dialog, shown));
    QSignalSpy finished(&dialog, &MirrorDialog::updateFinished);
    QPushButton *update = button(dialog, MirrorDialog::tr("&Update Now"));
    QVERIFY(update && update->isEnabled());
    shown.clear();
    update->click();
    QVERIFY(dialog.isBusy());
    QVERIFY(!update->isEnabled());
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(dialog.errorText().isEmpty());
    QVERIFY2(dialog.noteText().contains(QStringLiteral("Updated to the Golden Copy of 2026-09-30 08:00 UTC")), qPrintable(dialog.noteText()));
    QVERIFY(waitForStatus(dialog, shown));
    QVERIFY2(dialog.statusText().contains(QStringLiteral("%1 entities").arg(kUpdateRecords)), qPrintable(dialog.statusText()));
    QVERIFY2(dialog.statusText().contains(QStringLiteral("BIC map 2026-09-01 00:00 UTC")), qPrintable(dialog.statusText()));
    const QStringList filled = answers();
    for (int i = 0; i < filled.size(); ++i)
        QCOMPARE(filled.at(i), m_gen.entity(QList<qint64>{3, 99, 250}.at(i)).record.legalName);
    QVERIFY(!QFileInfo::exists(m_mirror + QStringLiteral(".downloads"))); // imported: the downloads go

    // Nothing newer published: nothing downloaded, said so.
    const int requests = int(fake.storageLog().size());
    finished.clear();
    update->click();
    QVERIFY(finished.wait(60000));
    QVERIFY(finished.first().at(0).toBool());
    QVERIFY2(dialog.noteText().startsWith(QStringLiteral("Up to date")), qPrintable(dialog.noteText()));
    QCOMPARE(int(fake.storageLog().size()), requests);
}

void MirrorDialogTest::failedUpdateKeepsTheMirror_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addColumn<QString>("message");
    QTest::newRow("truncated ZIP") << QStringLiteral("truncated") << QStringLiteral("20260930-0800-gleif-goldencopy-lei2-golden-copy.csv.zip");
    QTest::newRow("storage 404") << QStringLiteral("404") << QStringLiteral("HTTP 404");
    QTest::newRow("nothing listening") << QStringLiteral("down") << QStringLiteral("publishes/latest");
}

void MirrorDialogTest::failedUpdateKeepsTheMirror()
{
    QFETCH(QString, fault);
    QFETCH(QString, message);
    makeOldMirror();
    const QStringList before = answers();
    QVERIFY2(before.first().endsWith(QStringLiteral("(OLD)")), qPrintable(before.join(u'|')));
    auto fake = std::make_unique<FakeGleif>();
    QVERIFY(fake->listen());
    publishAll(*fake);
    if (fault == u"truncated") {
        const QByteArray zip = contents(QDir(m_latestDir).filePath(QStringLiteral("20260930-0800-gleif-goldencopy-lei2-golden-copy.csv.zip")));
        QVERIFY(!zip.isEmpty());
        fake->addPublishedFile({QStringLiteral("lei2"), {}, zip.left(zip.size() / 2), {}, kUpdateRecords, -1});
    } else if (fault == u"404") {
        fake->setDownloadFaults({-1, false, -1, false, true});
    } else if (fault == u"down") {
        fake.reset(); // the URLs in the environment now reach a closed port
    }
    MirrorDialog dialog(m_mirror);
    GleifSettings network;
    network.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    dialog.setNetwork(network);
    QSignalSpy shown(&dialog, &MirrorDialog::statusShown);
    QVERIFY(waitForStatus(dialog, shown));
    const QString statusBefore = dialog.statusText();
    QSignalSpy finished(&dialog, &MirrorDialog::updateFinished);
    shown.clear();
    button(dialog, MirrorDialog::tr("&Update Now"))->click();
    QVERIFY(finished.wait(60000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(dialog.errorText().contains(message) && dialog.errorText().contains(QStringLiteral("as it was")), qPrintable(dialog.errorText()));
    QVERIFY(dialog.noteText().isEmpty());
    QVERIFY(!dialog.isBusy());
    QVERIFY(waitForStatus(dialog, shown));
    QCOMPARE(dialog.statusText(), statusBefore);
    QCOMPARE(answers(), before);
}

void MirrorDialogTest::cancelDuringADownloadKeepsTheMirror()
{
    makeOldMirror();
    const QStringList before = answers();
    FakeGleif fake;
    QVERIFY(fake.listen());
    publishAll(fake);
    const qint64 stall = 1000;
    fake.setDownloadFaults({-1, false, stall, false, false}); // then silence, the connection open
    MirrorDialog dialog(m_mirror);
    GleifSettings network;
    network.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    network.timeout = std::chrono::seconds(3600); // only the cancel ends the download
    dialog.setNetwork(network);
    QSignalSpy finished(&dialog, &MirrorDialog::updateFinished);
    button(dialog, MirrorDialog::tr("&Update Now"))->click();
    const QString part = m_mirror + QStringLiteral(".downloads/20260930-0800-gleif-goldencopy-lei2-golden-copy.csv.zip.part");
    // The download shows the bytes it has (buffered: the .part has them once the download stops).
    auto *line = dialog.findChild<QLabel *>(QStringLiteral("mirrorProgressText"));
    QVERIFY(line);
    QTRY_VERIFY2_WITH_TIMEOUT(line->text().contains(QStringLiteral("lei2 full file (1 of 4): %1 of").arg(QLocale().formattedDataSize(stall))),
                              qPrintable(line->text()), 60000);
    QVERIFY(finished.isEmpty());
    QPushButton *cancel = button(dialog, MirrorDialog::tr("Cancel Update"));
    QVERIFY(cancel && cancel->isVisibleTo(&dialog));
    cancel->click(); // the download stops at once: maybe before click() returns
    QVERIFY(!finished.isEmpty() || finished.wait(60000));
    QVERIFY(!finished.first().at(0).toBool());
    QVERIFY2(dialog.errorText().contains(QStringLiteral("cancelled")), qPrintable(dialog.errorText()));
    QCOMPARE(answers(), before);
    QCOMPARE(QFileInfo(part).size(), stall); // kept: the next update resumes it
}

// The window's background update, running when the dialog opens, shows there (busy: no second
// update or import writes beside it) and the dialog's Cancel stops it.
void MirrorDialogTest::aBackgroundUpdateShowsInTheDialog()
{
    makeOldMirror();
    const QStringList before = answers();
    FakeGleif fake;
    QVERIFY(fake.listen());
    publishAll(fake);
    fake.setDownloadFaults({-1, false, 1000, false, false}); // then silence
    MirrorUpdater updater;
    QSignalSpy finished(&updater, &MirrorUpdater::finished);
    MirrorUpdater::Settings settings;
    settings.mirrorPath = m_mirror;
    settings.network.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    settings.network.timeout = std::chrono::seconds(3600);
    updater.start(settings);
    QVERIFY(updater.isRunning());
    MirrorDialog dialog(m_mirror);
    dialog.useUpdater(&updater);
    QVERIFY(dialog.isBusy());
    QVERIFY(!button(dialog, MirrorDialog::tr("&Update Now"))->isEnabled());
    QVERIFY(!button(dialog, MirrorDialog::tr("&Import Files..."))->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(!fake.storageLog().isEmpty(), 60000); // downloading
    QSignalSpy dialogFinished(&dialog, &MirrorDialog::updateFinished);
    button(dialog, MirrorDialog::tr("Cancel Update"))->click();
    QVERIFY(!finished.isEmpty() || finished.wait(60000));
    QCOMPARE(finished.first().at(0).value<MirrorUpdater::Outcome>(), MirrorUpdater::Outcome::Cancelled);
    QCOMPARE(dialogFinished.size(), 1);
    QVERIFY(!dialog.isBusy());
    QVERIFY2(dialog.errorText().contains(QStringLiteral("cancelled")), qPrintable(dialog.errorText()));
    QCOMPARE(answers(), before);
}

// Settings' "update the GLEIF mirror when older than N hours": the window starts an update in the
// background when the mirror (98 days old here) is older, and says so in the status bar.
void MirrorDialogTest::windowStartUpdatesAnOldMirror_data()
{
    QTest::addColumn<int>("hours");
    QTest::addColumn<bool>("updates");
    QTest::newRow("off (the default)") << 0 << false;
    QTest::newRow("older than 24 hours") << 24 << true;
    QTest::newRow("younger than a year") << AppSettings::maxMirrorUpdateHours << false;
}

void MirrorDialogTest::windowStartUpdatesAnOldMirror()
{
    QFETCH(int, hours);
    QFETCH(bool, updates);
    makeOldMirror();
    const QStringList before = answers();
    FakeGleif fake;
    QVERIFY(fake.listen());
    publishAll(fake);
    AppSettings settings;
    settings.enrichment.mirrorPath = m_mirror;
    settings.mirrorUpdateHours = hours;
    {
        QSettings stored;
        settings.save(stored);
    }
    MainWindow window; // checks the mirror's age once its constructor has returned
    QSignalSpy finished(&window, &MainWindow::mirrorUpdateFinished);
    QSignalSpy messages(window.statusBar(), &QStatusBar::messageChanged);
    if (!updates) {
        QCoreApplication::processEvents(); // the start's check
        QVERIFY(!window.updateMirrorIfOld()); // and before an Enrich
        QVERIFY(fake.storageLog().isEmpty());
        QVERIFY(finished.isEmpty());
        QCOMPARE(answers(), before);
        return;
    }
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!messages.isEmpty());
    QVERIFY2(messages.first().at(0).toString().contains(QStringLiteral("Updating the GLEIF mirror in the background")),
             qPrintable(messages.first().at(0).toString()));
    QVERIFY2(window.statusBar()->currentMessage().contains(QStringLiteral("updated to the Golden Copy of 2026-09-30 08:00 UTC")),
             qPrintable(window.statusBar()->currentMessage()));
    QCOMPARE(answers().first(), m_gen.entity(3).record.legalName);
}

QTEST_MAIN(MirrorDialogTest)
#include "mirrordialog_test.moc"
