#include "costrules.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "failuresmodel.h"
#include "fakegleif.h"
#include "enrichwithfake.h"
#include "testfiles.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class FailuresModelTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void groupsByStatusWithReasons();
    void rowsWithWarningsNeedAttention();
    void rowsOfAnotherWidthNeedAttention_data();
    void rowsOfAnotherWidthNeedAttention();
    void aGroupPerWarningCode();
    void manyRowsAreGroupedByLei_data();
    void manyRowsAreGroupedByLei();

private:
};

void FailuresModelTest::groupsByStatusWithReasons()
{
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    const QString path = writeTestFile(dir.path(), QStringLiteral("f.csv"),
                                       "notional,rate,lei\n"
                                       "1,1,bad1\n"
                                       "763000,0.0070956,XKZZ2JZF41MRHTR1V493\n"
                                       "1,0,BFXS5XCH7N0Y05NIXW11\n"
                                       "1,1,bad2\n");
    QString error;
    auto file = CsvFile::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    FakeGleif fake;
    QVERIFY(fake.listen());
    EnrichmentSettings s;
    s.gleif.baseUrl = fake.baseUrl();
    s.useCache = false;
    EnrichmentJob job;
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QVERIFY(job.start(file, 2, CostRules::defaults(), s, &error));
    QVERIFY(finished.wait(60000));

    FailuresModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResults(job.results(), file);
    QCOMPARE(model.failureCount(), 3);
    QCOMPARE(model.rowCount(), 2); // invalid_lei, bad_number; ok rows are not listed
    const QModelIndex invalid = model.index(0, 0);
    QCOMPARE(invalid.data(FailuresModel::StatusRole).toInt(), int(RowStatus::InvalidLei));
    QCOMPARE(invalid.data().toString(), QStringLiteral("Invalid LEI (invalid_lei): 2"));
    QCOMPARE(model.rowCount(invalid), 2);
    QCOMPARE(model.index(0, 0, invalid).data(FailuresModel::RowRole).toLongLong(), 0);
    QCOMPARE(model.index(1, 0, invalid).data(FailuresModel::RowRole).toLongLong(), 3);
    QCOMPARE(model.index(1, 0, invalid).data().toString(), QStringLiteral("row 4"));
    QCOMPARE(model.index(1, 1, invalid).data().toString(), QStringLiteral("bad2"));
    QCOMPARE(model.index(1, 2, invalid).data().toString(), QStringLiteral("LEI is not 20 characters long"));
    const QModelIndex badNumber = model.index(1, 0);
    QCOMPARE(model.index(0, 1, badNumber).data().toString(), QStringLiteral("BFXS5XCH7N0Y05NIXW11"));
    QCOMPARE(model.index(0, 2, badNumber).data().toString(), QStringLiteral("rate is 0: division by zero"));
    QCOMPARE(model.parent(model.index(0, 2, badNumber)), badNumber);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void FailuresModelTest::rowsWithWarningsNeedAttention()
{
    // Rows with more fields than the header are listed under their own group, failed or not,
    // and lead to the row like a failure does.
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    const QString path = writeTestFile(dir.path(), QStringLiteral("w.csv"),
                                       "notional,rate,lei\n"
                                       "763000,0.0070956,XKZZ2JZF41MRHTR1V493\n"
                                       "763000,0.0070956,XKZZ2JZF41MRHTR1V493,surplus\n"
                                       "1,1,bad,surplus\n");
    QString error;
    auto file = CsvFile::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    const auto results = enrichWithFake(file);
    QVERIFY(results);
    FailuresModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResults(results, file);
    QCOMPARE(model.failureCount(), 1);
    QCOMPARE(model.warningCount(), 2);
    QCOMPARE(model.rowCount(), 2); // invalid_lei, then the warnings
    const QModelIndex attention = model.index(1, 0);
    QCOMPARE(attention.data().toString(), QStringLiteral("Needs attention: extra_fields: 2"));
    QVERIFY(!attention.data(FailuresModel::RowRole).isValid());
    QCOMPARE(model.rowCount(attention), 2);
    QCOMPARE(model.index(0, 0, attention).data(FailuresModel::RowRole).toLongLong(), 1);
    QCOMPARE(model.index(0, 0, attention).data().toString(), QStringLiteral("row 2"));
    QCOMPARE(model.index(0, 1, attention).data().toString(), QStringLiteral("XKZZ2JZF41MRHTR1V493"));
    QCOMPARE(model.index(0, 2, attention).data().toString(),
             QStringLiteral("extra_fields: row has 4 fields, the header 3: the extra fields follow the added columns"));
    QCOMPARE(model.index(0, 0, attention).data(FailuresModel::StatusRole).toInt(), int(RowStatus::Ok));
    QCOMPARE(model.index(0, 0, attention).data(FailuresModel::WarningsRole).toStringList(), QStringList{QStringLiteral("extra_fields")});
    QCOMPARE(model.index(1, 0, attention).data(FailuresModel::RowRole).toLongLong(), 2);
    QCOMPARE(model.index(1, 0, attention).data(FailuresModel::StatusRole).toInt(), int(RowStatus::InvalidLei));
    QCOMPARE(model.parent(model.index(1, 2, attention)), attention);
}

void FailuresModelTest::rowsOfAnotherWidthNeedAttention_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<int>("status");
    QTest::newRow("long, ok") << QByteArray("XKZZ2JZF41MRHTR1V493,763000,0.0070956,n,surplus") << QStringLiteral("extra_fields")
                              << QStringLiteral("row has 5 fields, the header 4: the extra fields follow the added columns")
                              << int(RowStatus::Ok);
    QTest::newRow("short, ok") << QByteArray("XKZZ2JZF41MRHTR1V493,763000,0.0070956") << QStringLiteral("missing_fields")
                               << QStringLiteral("row has 3 fields, the header 4: the missing fields are left empty")
                               << int(RowStatus::Ok);
    QTest::newRow("short, no rate") << QByteArray("XKZZ2JZF41MRHTR1V493,763000") << QStringLiteral("missing_fields")
                                    << QStringLiteral("row has 2 fields, the header 4: the missing fields are left empty")
                                    << int(RowStatus::BadNumber);
    QTest::newRow("short, quoted") << QByteArray("\"XKZZ2JZF41MRHTR1V493\",\"1,5\"") << QStringLiteral("missing_fields")
                                   << QStringLiteral("row has 2 fields, the header 4: the missing fields are left empty")
                                   << int(RowStatus::BadNumber);
}

void FailuresModelTest::rowsOfAnotherWidthNeedAttention()
{
    // A row with fewer or more fields than the header is enriched and listed under "Needs
    // attention" with the code and both counts; the blank line between the rows is no row.
    QFETCH(QByteArray, row);
    QFETCH(QString, code);
    QFETCH(QString, reason);
    QFETCH(int, status);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    const QString path = writeTestFile(dir.path(), QStringLiteral("width.csv"),
                                       "lei,notional,rate,note\n"
                                       "XKZZ2JZF41MRHTR1V493,763000,0.0070956,n\n"
                                       "\n" + row + "\n");
    QString error;
    auto file = CsvFile::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    QCOMPARE(file->rowCount(), 2);
    const auto results = enrichWithFake(file);
    QVERIFY(results);
    QCOMPARE(int(results->status(1)), status);
    QCOMPARE(results->warnings(0), QStringList());
    QCOMPARE(results->warnings(1), QStringList{code});
    QCOMPARE(results->countOfWarning(code), 1);
    FailuresModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResults(results, file);
    QCOMPARE(model.warningCount(), 1);
    QCOMPARE(model.failureCount(), status == int(RowStatus::Ok) ? 0 : 1);
    const QModelIndex attention = model.index(model.rowCount() - 1, 0);
    QCOMPARE(attention.data().toString(), QStringLiteral("Needs attention: %1: 1").arg(code));
    QCOMPARE(attention.data(FailuresModel::WarningCodeRole).toString(), code);
    QCOMPARE(model.rowCount(attention), 1);
    QCOMPARE(model.index(0, 0, attention).data(FailuresModel::RowRole).toLongLong(), 1);
    QCOMPARE(model.index(0, 0, attention).data().toString(), QStringLiteral("row 2"));
    QCOMPARE(model.index(0, 1, attention).data().toString(), QStringLiteral("XKZZ2JZF41MRHTR1V493"));
    QCOMPARE(model.index(0, 2, attention).data().toString(), code + QStringLiteral(": ") + reason);
    QCOMPARE(model.index(0, 0, attention).data(FailuresModel::WarningsRole).toStringList(), QStringList{code});
}

void FailuresModelTest::aGroupPerWarningCode()
{
    // LEI health codes get a "Needs attention" group each, in the contract's order, with every
    // successor:LEI under "successor" (the LEI in the reason); field counts come after them.
    // A row is listed under each of its codes but counted once in warningCount().
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    QByteArray csv = "notional,rate,lei\n";
    for (int i = 0; i < 8; ++i)
        csv += "1000,0.01," + FakeGleif::syntheticLei(i).toLatin1() + (i == 1 ? ",surplus\n" : "\n");
    const QString path = writeTestFile(dir.path(), QStringLiteral("health.csv"), csv);
    QString error;
    auto file = CsvFile::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    FakeGleif::Options o;
    o.syntheticEntities = 8;
    o.healthVariety = true;
    const auto results = enrichWithFake(file, o);
    QVERIFY(results);
    FailuresModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResults(results, file);
    QCOMPARE(model.failureCount(), 0);
    QCOMPARE(model.warningCount(), 6); // rows 2..7 of the file (indices 1..6)
    struct Expected { const char *code; QList<qint64> rows; };
    const QList<Expected> expected{
        {"lapsed", {1}}, {"retired", {2}}, {"annulled", {6}}, {"merged", {3}}, {"inactive", {4}},
        {"successor", {3, 6}}, {"renewal_due", {5}}, {"extra_fields", {1}}};
    QCOMPARE(model.rowCount(), expected.size());
    for (int g = 0; g < expected.size(); ++g) {
        const QModelIndex group = model.index(g, 0);
        const QString code = QString::fromLatin1(expected[g].code);
        QCOMPARE(group.data(FailuresModel::WarningCodeRole).toString(), code);
        QCOMPARE(group.data().toString(), QStringLiteral("Needs attention: %1: %2").arg(code).arg(expected[g].rows.size()));
        QCOMPARE(model.rowCount(group), expected[g].rows.size());
        for (int r = 0; r < expected[g].rows.size(); ++r) {
            const QModelIndex entry = model.index(r, 0, group);
            QCOMPARE(entry.data(FailuresModel::RowRole).toLongLong(), expected[g].rows[r]); // leads to the row
            QCOMPARE(entry.data(FailuresModel::StatusRole).toInt(), int(RowStatus::Ok));
            QCOMPARE(model.index(r, 1, group).data().toString(), FakeGleif::syntheticLei(int(expected[g].rows[r])));
            const QString reason = model.index(r, 2, group).data().toString();
            QVERIFY2(reason.startsWith(code), qPrintable(reason));
        }
    }
    // The successor's LEI is named in the reason.
    const QModelIndex successors = model.index(5, 0);
    const QString merged = model.index(0, 2, successors).data().toString();
    QVERIFY2(merged.startsWith(QStringLiteral("successor:") + FakeGleif::syntheticLei(4)), qPrintable(merged));
    QVERIFY2(merged.contains(QStringLiteral(": GLEIF names a successor entity: ") + FakeGleif::syntheticLei(4)), qPrintable(merged));
    QCOMPARE(model.index(1, 2, successors).data().toString().left(30), QString(QStringLiteral("successor:") + FakeGleif::syntheticLei(5)));
    // Every code of the row is still there for whoever needs them all.
    QCOMPARE(model.index(0, 0, model.index(0, 0)).data(FailuresModel::WarningsRole).toStringList(),
             (QStringList{QStringLiteral("extra_fields"), QStringLiteral("lapsed")}));
}

void FailuresModelTest::manyRowsAreGroupedByLei_data()
{
    QTest::addColumn<int>("rows"); // of invalid_lei: "badA" and, the last 400, "badB"
    QTest::newRow("at the limit: flat") << int(FailuresModel::kGroupByLeiAbove);
    QTest::newRow("over it: by LEI") << int(FailuresModel::kGroupByLeiAbove) + 1;
}

void FailuresModelTest::manyRowsAreGroupedByLei()
{
    // A status with over kGroupByLeiAbove rows lists its LEIs (most rows first, with counts),
    // each LEI its rows; a status with few rows beside it is listed flat.
    QFETCH(int, rows);
    QStandardPaths::setTestModeEnabled(true);
    QTemporaryDir dir;
    QByteArray csv = "notional,rate,lei\n";
    for (int i = 0; i < rows; ++i)
        csv += i < rows - 400 ? "1,1,badA\n" : "1,1,badB\n";
    csv += "1000,0,BFXS5XCH7N0Y05NIXW11\n1000,0,BFXS5XCH7N0Y05NIXW11\n"; // bad_number
    QString error;
    auto file = CsvFile::load(writeTestFile(dir.path(), QStringLiteral("many.csv"), csv), {}, &error);
    QVERIFY2(file, qPrintable(error));
    const auto results = enrichWithFake(file);
    QVERIFY(results);
    FailuresModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setResults(results, file);
    QCOMPARE(model.failureCount(), rows + 2);
    QCOMPARE(model.rowCount(), 2);
    const QModelIndex invalid = model.index(0, 0);
    QCOMPARE(invalid.data(FailuresModel::StatusRole).toInt(), int(RowStatus::InvalidLei));
    QCOMPARE(invalid.data(FailuresModel::RowCountRole).toLongLong(), rows);
    QCOMPARE(invalid.data().toString(), QStringLiteral("Invalid LEI (invalid_lei): %L1").arg(rows));
    if (rows <= int(FailuresModel::kGroupByLeiAbove)) {
        QCOMPARE(model.rowCount(invalid), rows);
        QCOMPARE(model.index(rows - 1, 0, invalid).data(FailuresModel::RowRole).toLongLong(), rows - 1);
        QCOMPARE(model.rowCount(model.index(0, 0, invalid)), 0);
    } else {
        QCOMPARE(model.rowCount(invalid), 2);
        const QModelIndex badA = model.index(0, 0, invalid);
        const QModelIndex badB = model.index(1, 0, invalid);
        QCOMPARE(model.index(0, 1, invalid).data().toString(), QStringLiteral("badA"));
        QCOMPARE(badA.data(FailuresModel::RowCountRole).toLongLong(), rows - 400);
        QVERIFY(badA.data().toString().startsWith(QLocale().toString(rows - 400) + u' ')); // "600 rows"
        QCOMPARE(model.index(0, 2, invalid).data().toString(), QStringLiteral("LEI is not 20 characters long"));
        QCOMPARE(model.index(1, 1, invalid).data().toString(), QStringLiteral("badB"));
        QCOMPARE(model.rowCount(badA), rows - 400);
        QCOMPARE(model.rowCount(badB), 400);
        QCOMPARE(badB.data(FailuresModel::RowRole).toLongLong(), rows - 400); // its first row
        const QModelIndex lastB = model.index(399, 1, badB);
        QCOMPARE(lastB.parent(), badB.siblingAtColumn(0));
        QCOMPARE(lastB.data(FailuresModel::RowRole).toLongLong(), rows - 1);
        QCOMPARE(lastB.data().toString(), QStringLiteral("badB"));
        QCOMPARE(model.index(399, 0, badB).data().toString(), QStringLiteral("row %L1").arg(rows));
        QCOMPARE(model.rowCount(lastB.siblingAtColumn(0)), 0);
    }
    const QModelIndex badNumber = model.index(1, 0);
    QCOMPARE(model.rowCount(badNumber), 2);
    QCOMPARE(model.index(1, 0, badNumber).data(FailuresModel::RowRole).toLongLong(), rows + 1);
    QCOMPARE(model.index(1, 2, badNumber).data().toString(), QStringLiteral("rate is 0: division by zero"));
}

QTEST_GUILESS_MAIN(FailuresModelTest)
#include "failuresmodel_test.moc"
