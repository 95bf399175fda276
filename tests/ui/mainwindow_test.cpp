#include "csvfile.h"
#include "csvtablemodel.h"
#include "mainwindow.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

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

private:
    QString write(const QByteArray &bytes, const QString &name);
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

QString MainWindowTest::write(const QByteArray &bytes, const QString &name)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qFatal("cannot write test file");
    return path;
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
    QVERIFY(ready.wait(5000));
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
            QCOMPARE(dialog->comboBoxItems(), (QStringList{QStringLiteral("id"), QStringLiteral("counterparty")}));
            dialog->setTextValue(QStringLiteral("counterparty"));
            dialog->accept();
        }
    });
    answer.start();
    QVERIFY(w.openFile(path));
    QVERIFY(ready.wait(5000));
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
    QVERIFY(ready.wait(5000));
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
    QVERIFY(ready.wait(5000));
    const QStringList recent = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    QVERIFY(!recent.isEmpty());
    QCOMPARE(recent.first(), QFileInfo(path).absoluteFilePath());
}

QTEST_MAIN(MainWindowTest)
#include "mainwindow_test.moc"
