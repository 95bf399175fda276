#include "testfiles.h"
#include "csvfile.h"
#include "csvloader.h"
#include "csvtablemodel.h"
#include "extracolumns.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class CsvTableModelTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void sampleThroughTheTester();
    void invalidLeisAreMarked();
    void rowsArriveWhileLoading();
    void longFieldsAreShortenedForDisplayOnly();
    void invalidLeiCount();
    void rowOrderSortsAndHides();
    void longRowsShowTheirExtraFieldsAfterTheAddedColumns();
    void previousRunColumnsAreShownOnce();

private:
    QString write(const QByteArray &bytes, const QString &name) { return writeTestFile(m_dir.path(), name, bytes); }
    QTemporaryDir m_dir;
};

void CsvTableModelTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void CsvTableModelTest::sampleThroughTheTester()
{
    CsvTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    auto file = CsvFile::load(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), {}, &error);
    QVERIFY2(file, qPrintable(error));
    model.setFile(file);
    model.setLeiColumn(file->findColumn());
    QCOMPARE(model.rowCount(), 20);
    QCOMPARE(model.columnCount(), 8);
    QCOMPARE(model.headerData(7, Qt::Horizontal).toString(), QStringLiteral("lei"));
    QCOMPARE(model.headerData(0, Qt::Vertical).toInt(), 1);
    QCOMPARE(model.data(model.index(2, 2)).toString(), QStringLiteral("1.957E7"));
    QCOMPARE(model.data(model.index(19, 7)).toString(), QStringLiteral("4PQUHN3JPFGFNF3BB653"));
    // Every LEI in the sample is valid: nothing is marked.
    for (int r = 0; r < model.rowCount(); ++r)
        QVERIFY(!model.data(model.index(r, 7), CsvTableModel::InvalidLeiRole).toBool());
}

void CsvTableModelTest::invalidLeisAreMarked()
{
    const QString path = write("id,lei\n1,XKZZ2JZF41MRHTR1V493\n2,BFXS5XCH7N0Y05NIXW12\n3,\n4, bfxs5xch7n0y05nixw11 \n",
                               QStringLiteral("marks.csv"));
    QString error;
    auto file = CsvFile::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    CsvTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFile(file);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setLeiColumn(1);
    QCOMPARE(changed.size(), 1);
    QVERIFY(!model.data(model.index(0, 1), CsvTableModel::InvalidLeiRole).toBool());
    QVERIFY(model.data(model.index(1, 1), CsvTableModel::InvalidLeiRole).toBool());
    QCOMPARE(model.data(model.index(1, 1), Qt::ToolTipRole).toString(), QStringLiteral("check digits wrong"));
    QVERIFY(model.data(model.index(1, 1), Qt::BackgroundRole).isValid());
    QCOMPARE(model.data(model.index(2, 1), Qt::ToolTipRole).toString(), QStringLiteral("LEI is empty"));
    QVERIFY(!model.data(model.index(3, 1), CsvTableModel::InvalidLeiRole).toBool()); // lower case, spaces
    QVERIFY(!model.data(model.index(1, 0), CsvTableModel::InvalidLeiRole).toBool()); // not the LEI column
}

void CsvTableModelTest::rowsArriveWhileLoading()
{
    QByteArray bytes("n,lei\n");
    for (int i = 0; i < 300000; ++i)
        bytes += QByteArray::number(i) + ",XKZZ2JZF41MRHTR1V493\n";
    const QString path = write(bytes, QStringLiteral("big.csv"));

    CsvLoader loader;
    CsvTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy available(&loader, &CsvLoader::rowsAvailable);
    QSignalSpy finished(&loader, &CsvLoader::finished);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    connect(&loader, &CsvLoader::rowsAvailable, &model, &CsvTableModel::refreshRowCount);
    QString error;
    auto file = loader.open(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    model.setFile(file);
    QCOMPARE(model.columnCount(), 2); // the header is there before any row
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), true);
    model.refreshRowCount();
    QCOMPARE(model.rowCount(), 300000);
    QVERIFY(available.size() >= 1);
    QVERIFY(inserted.size() >= 1);
    QCOMPARE(model.data(model.index(299999, 0)).toString(), QStringLiteral("299999"));
}

void CsvTableModelTest::longFieldsAreShortenedForDisplayOnly()
{
    const QByteArray longText(5000, 'y');
    const QString path = write("a,b\n1," + longText + "\n", QStringLiteral("long.csv"));
    QString error;
    auto file = CsvFile::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    CsvTableModel model;
    model.setFile(file);
    QCOMPARE(model.data(model.index(0, 1), Qt::EditRole).toString().size(), 5000);
    QVERIFY(model.data(model.index(0, 1), Qt::DisplayRole).toString().size() <= 1001);
}

void CsvTableModelTest::invalidLeiCount()
{
    const QString path = write("lei\nXKZZ2JZF41MRHTR1V493\nnope\nBFXS5XCH7N0Y05NIXW12\n\n 213800mbweijdm5cu638\n",
                               QStringLiteral("count.csv"));
    QString error;
    auto file = CsvFile::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    QCOMPARE(countInvalidLeis(*file, 0), 2);
}

void CsvTableModelTest::rowOrderSortsAndHides()
{
    QString error;
    auto file = CsvFile::load(write("n\na\nb\nc\nd\n", QStringLiteral("order.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    CsvTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFile(file);
    QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setRowOrder({3, 1});           // a filter: two rows, d then b
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("d"));
    QCOMPARE(model.headerData(0, Qt::Vertical).toInt(), 4); // the file's row number
    QCOMPARE(model.viewRow(1), 1);
    QCOMPARE(model.viewRow(0), -1);      // hidden
    model.setRowOrder({1, 3});           // same count: a layout change, not a reset
    QCOMPARE(layout.size(), 1);
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("b"));
    QCOMPARE(model.viewRow(3), 1);
    model.clearRowOrder();
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.fileRow(2), 2);
}

namespace {
// Two added columns whose cells name their row and column.
class TwoColumns final : public ExtraColumns
{
public:
    int extraColumnCount() const override { return 2; }
    QString extraHeader(int column) const override { return QStringLiteral("added%1").arg(column); }
    QVariant extraData(qint64 row, int column, int role) const override
    {
        return role == Qt::DisplayRole ? QVariant(QStringLiteral("r%1c%2").arg(row).arg(column)) : QVariant();
    }
    QVariant rowBackground(qint64) const override { return {}; }
};
} // namespace

void CsvTableModelTest::longRowsShowTheirExtraFieldsAfterTheAddedColumns()
{
    CsvTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    auto file = CsvFile::load(write("a,lei\n1,X\n2,Y,e1,e2\n3\n", QStringLiteral("long.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    model.setFile(file);
    QCOMPARE(model.columnCount(), 4);
    QCOMPARE(model.overflowColumnCount(), 2);
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("extra 1"));
    QCOMPARE(model.index(1, 2).data().toString(), QStringLiteral("e1"));
    QCOMPARE(model.index(1, 3).data().toString(), QStringLiteral("e2"));
    QCOMPARE(model.index(0, 2).data().toString(), QString());
    QCOMPARE(model.index(2, 1).data().toString(), QString()); // a short row
    model.setExtraColumns(std::make_shared<TwoColumns>());
    QCOMPARE(model.columnCount(), 6);
    QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("added0"));
    QCOMPARE(model.headerData(4, Qt::Horizontal).toString(), QStringLiteral("extra 1"));
    QCOMPARE(model.index(1, 2).data().toString(), QStringLiteral("r1c0"));
    QCOMPARE(model.index(1, 3).data().toString(), QStringLiteral("r1c1"));
    QCOMPARE(model.index(1, 4).data().toString(), QStringLiteral("e1"));
    QCOMPARE(model.index(1, 5).data().toString(), QStringLiteral("e2"));
}

void CsvTableModelTest::previousRunColumnsAreShownOnce()
{
    CsvTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QString error;
    auto file = CsvFile::load(QStringLiteral(LEI_TEST_DATA_DIR "/sample_transactions.expected.csv"), {}, &error);
    QVERIFY2(file, qPrintable(error));
    model.setFile(file);
    QCOMPARE(model.columnCount(), 8);
    QCOMPARE(model.headerData(7, Qt::Horizontal).toString(), QStringLiteral("lei"));
    QCOMPARE(model.index(0, 7).data().toString(), QStringLiteral("XKZZ2JZF41MRHTR1V493"));
    model.setExtraColumns(std::make_shared<TwoColumns>());
    QCOMPARE(model.columnCount(), 10);
    QCOMPARE(model.index(0, 8).data().toString(), QStringLiteral("r0c0"));
}

QTEST_GUILESS_MAIN(CsvTableModelTest)
#include "csvtablemodel_test.moc"
