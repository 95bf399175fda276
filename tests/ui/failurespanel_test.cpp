#include "csvtablemodel.h"
#include "enrichmentjob.h"
#include "fakegleif.h"
#include "failuresmodel.h"
#include "failurespanel.h"
#include "mainwindow.h"
#include "testfiles.h"

#include <QApplication>
#include <QDockWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

// The Failures dock with a status of many rows: its LEIs are listed, an entry under one still
// leads to its row, and Retry Failed Lookups still fetches them again.
class FailuresPanelTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void manyFailuresAreListedByLei();

private:
    QTemporaryDir m_dir;
};

void FailuresPanelTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("LEI Enricher Tests"));
    QApplication::setApplicationName(QStringLiteral("failurespanel_test"));
    QSettings().clear();
    QVERIFY(m_dir.isValid());
}

void FailuresPanelTest::manyFailuresAreListedByLei()
{
    // 1,001 rows of an LEI whose lookups fail, and a valid one between them.
    const QString failing = FakeGleif::syntheticLei(1);
    QByteArray csv = "notional,rate,lei\n";
    for (int i = 0; i < 1002; ++i)
        csv += "1000,0.5," + (i == 500 ? FakeGleif::syntheticLei(0) : failing).toLatin1() + '\n';
    FakeGleif fake;
    FakeGleif::Options o;
    o.syntheticEntities = 2;
    o.errorLeis = {failing};
    fake.setOptions(o);
    QVERIFY(fake.listen());
    MainWindow w;
    w.show();
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.gleif.maxAttempts = 1;
    s.gleif.batchSize = 1; // the failing LEI fails alone
    s.cachePath = m_dir.filePath(QStringLiteral("cache.sqlite"));
    w.setEnrichmentSettings(s);
    QSignalSpy ready(&w, &MainWindow::fileReady);
    QVERIFY(w.openFile(writeTestFile(m_dir.path(), QStringLiteral("many.csv"), csv)));
    QVERIFY(ready.wait(60000));
    QSignalSpy finished(&w, &MainWindow::enrichmentFinished);
    QVERIFY(w.enrich());
    QVERIFY(finished.wait(60000));

    FailuresModel *model = w.failuresModel();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex failed = model->index(0, 0);
    QCOMPARE(failed.data(FailuresModel::StatusRole).toInt(), int(RowStatus::LookupFailed));
    QCOMPARE(model->rowCount(failed), 1); // one LEI, not 1,001 lines
    const QModelIndex lei = model->index(0, 0, failed);
    QCOMPARE(model->index(0, 1, failed).data().toString(), failing);
    QCOMPARE(lei.data(FailuresModel::RowCountRole).toLongLong(), 1001);
    QVERIFY(w.failuresView()->isExpanded(failed));
    QVERIFY(!w.failuresView()->isExpanded(lei));

    // An entry under the LEI selects its row (row 502 of the file is the 501st failure).
    const QModelIndex entry = model->index(500, 0, lei);
    QCOMPARE(entry.data(FailuresModel::RowRole).toLongLong(), 501);
    Q_EMIT w.failuresView()->activated(entry);
    QCOMPARE(w.tableModel()->fileRow(w.tableView()->currentIndex().row()), 501);

    // Retry, from the panel's button, with GLEIF answering now.
    o.errorLeis.clear();
    fake.setOptions(o);
    auto *retry = w.findChild<QDockWidget *>(QStringLiteral("failuresDock"))->findChild<QPushButton *>();
    QVERIFY(retry && retry->isEnabled());
    finished.clear();
    retry->click();
    QVERIFY(finished.wait(60000));
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(w.job()->results()->countOf(RowStatus::Ok), 1002);
}

QTEST_MAIN(FailuresPanelTest)
#include "failurespanel_test.moc"
