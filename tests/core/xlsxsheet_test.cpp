#include "csvloader.h"
#include "testfiles.h"
#include "xlsxreader.h"
#include "xlsxsheet.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <xlsxwriter.h>

#include <functional>

// Reading .xlsx input: every kind of cell as the text CsvFile then serves, the sheet chosen by
// name, and hostile or damaged files refused with one line naming the file.
class XlsxSheetTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cells_data();
    void cells();
    void handMadeSheet();
    void sheetByName();
    void unknownSheetListsTheSheets();
    void refused_data();
    void refused();
    void loaderShowsFirstRowsThenTheWholeSheet_data();
    void loaderShowsFirstRowsThenTheWholeSheet();
    void temporaryCopyGoesWithTheFile();
    void damageAfterTheFirstRowsKeepsThemAndSaysWhy();
    void defaultOutputFollowsTheInput();

private:
    using Fill = std::function<void(lxw_workbook *, lxw_worksheet *)>;
    // A workbook whose first sheet has header "h" in A1 and what `fill` writes below.
    QString book(const QString &name, const Fill &fill, bool constantMemory = false);
    QString handMade(const QString &name, const QByteArray &sheetXml,
                     const QByteArray &styles = QByteArray(), const QByteArray &workbookPr = QByteArray());
    QTemporaryDir m_dir;
    QString m_tmp; // TMPDIR for the conversions: what is left in it shows
};

void XlsxSheetTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_tmp = m_dir.filePath(QStringLiteral("tmp"));
    QVERIFY(QDir().mkpath(m_tmp));
    qputenv("TMPDIR", QFile::encodeName(m_tmp));
}

QString XlsxSheetTest::book(const QString &name, const Fill &fill, bool constantMemory)
{
    const QString path = m_dir.filePath(name);
    lxw_workbook_options options{};
    options.constant_memory = constantMemory ? LXW_TRUE : LXW_FALSE;
    lxw_workbook *wb = workbook_new_opt(path.toUtf8().constData(), &options);
    lxw_worksheet *ws = workbook_add_worksheet(wb, nullptr);
    worksheet_write_string(ws, 0, 0, "h", nullptr);
    fill(wb, ws);
    if (workbook_close(wb) != LXW_NO_ERROR)
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QString XlsxSheetTest::handMade(const QString &name, const QByteArray &sheetXml, const QByteArray &styles,
                                const QByteArray &workbookPr)
{
    std::vector<std::pair<QString, QByteArray>> parts{
        {QStringLiteral("xl/workbook.xml"),
         "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
         "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" + workbookPr
             + "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
        {QStringLiteral("xl/_rels/workbook.xml.rels"),
         "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
         "</Relationships>"},
        {QStringLiteral("xl/worksheets/sheet1.xml"),
         "<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
             + sheetXml + "</sheetData></worksheet>"},
    };
    if (!styles.isEmpty())
        parts.emplace_back(QStringLiteral("xl/styles.xml"), styles);
    return writeTestFile(m_dir.path(), name, makeZip(parts));
}

void XlsxSheetTest::cells_data()
{
    QTest::addColumn<bool>("constantMemory");
    QTest::addColumn<std::function<void(lxw_workbook *, lxw_worksheet *)>>("fill");
    QTest::addColumn<QString>("expected");
    auto number = [](double v, const char *format = nullptr) {
        return Fill([v, format](lxw_workbook *wb, lxw_worksheet *ws) {
            lxw_format *f = nullptr;
            if (format) {
                f = workbook_add_format(wb);
                format_set_num_format(f, format);
            }
            worksheet_write_number(ws, 1, 0, v, f);
        });
    };
    auto text = [](const char *s) {
        return Fill([s](lxw_workbook *, lxw_worksheet *ws) { worksheet_write_string(ws, 1, 0, s, nullptr); });
    };
    QTest::newRow("shared string") << false << text("Zürich, \"AG\" €") << QStringLiteral("Zürich, \"AG\" €");
    QTest::newRow("inline string") << true << text("Zürich, \"AG\" €") << QStringLiteral("Zürich, \"AG\" €");
    QTest::newRow("line break in text") << false << text("a\nb") << QStringLiteral("a\nb");
    QTest::newRow("whole number") << false << number(763000) << QStringLiteral("763000");
    QTest::newRow("fraction, shortest round trip") << false << number(0.1) << QStringLiteral("0.1");
    QTest::newRow("negative") << false << number(-0.0070956) << QStringLiteral("-0.0070956");
    QTest::newRow("large") << false << number(1e20) << QStringLiteral("1e+20");
    QTest::newRow("number format that is no date") << false << number(3.14159, "0.00") << QStringLiteral("3.14159");
    QTest::newRow("currency format with a quoted d") << false << number(5, "#,##0 \"dd\"") << QStringLiteral("5");
    // 45351 is 2024-02-29 in Excel's 1900 system.
    QTest::newRow("built-in date 14") << false << Fill([](lxw_workbook *wb, lxw_worksheet *ws) {
        lxw_format *f = workbook_add_format(wb);
        format_set_num_format_index(f, 14);
        worksheet_write_number(ws, 1, 0, 45351, f);
    }) << QStringLiteral("2024-02-29");
    QTest::newRow("built-in date-time 22") << false << Fill([](lxw_workbook *wb, lxw_worksheet *ws) {
        lxw_format *f = workbook_add_format(wb);
        format_set_num_format_index(f, 22);
        worksheet_write_number(ws, 1, 0, 45351.5, f);
    }) << QStringLiteral("2024-02-29T12:00:00");
    QTest::newRow("custom date") << false << number(45351, "dd/mm/yyyy") << QStringLiteral("2024-02-29");
    QTest::newRow("custom date-time") << false << number(45351 + (13 * 3600 + 45 * 60 + 30) / 86400.0, "yyyy-mm-dd hh:mm:ss")
                                      << QStringLiteral("2024-02-29T13:45:30");
    QTest::newRow("custom time") << false << number(0.75, "hh:mm") << QStringLiteral("18:00:00");
    QTest::newRow("date before March 1900") << false << number(1, "yyyy-mm-dd") << QStringLiteral("1900-01-01");
    QTest::newRow("datetime written as a date") << false << Fill([](lxw_workbook *wb, lxw_worksheet *ws) {
        lxw_format *f = workbook_add_format(wb);
        format_set_num_format(f, "yyyy-mm-dd");
        lxw_datetime dt{2020, 11, 25, 15, 6, 22};
        worksheet_write_datetime(ws, 1, 0, &dt, f);
    }) << QStringLiteral("2020-11-25T15:06:22");
    QTest::newRow("true") << false << Fill([](lxw_workbook *, lxw_worksheet *ws) { worksheet_write_boolean(ws, 1, 0, 1, nullptr); })
                          << QStringLiteral("TRUE");
    QTest::newRow("false") << false << Fill([](lxw_workbook *, lxw_worksheet *ws) { worksheet_write_boolean(ws, 1, 0, 0, nullptr); })
                           << QStringLiteral("FALSE");
    QTest::newRow("formula: its number") << false << Fill([](lxw_workbook *, lxw_worksheet *ws) {
        worksheet_write_formula_num(ws, 1, 0, "=6*7", nullptr, 42);
    }) << QStringLiteral("42");
    QTest::newRow("formula: its text") << false << Fill([](lxw_workbook *, lxw_worksheet *ws) {
        worksheet_write_formula_str(ws, 1, 0, "=\"A\"&\"B\"", nullptr, "AB");
    }) << QStringLiteral("AB");
    QTest::newRow("empty (formatted) cell") << false << Fill([](lxw_workbook *wb, lxw_worksheet *ws) {
        lxw_format *f = workbook_add_format(wb);
        format_set_bold(f);
        worksheet_write_string(ws, 0, 1, "h2", nullptr);
        worksheet_write_blank(ws, 1, 0, f);
        worksheet_write_string(ws, 1, 1, "x", nullptr);
    }) << QString();
}

void XlsxSheetTest::cells()
{
    QFETCH(bool, constantMemory);
    QFETCH(Fill, fill);
    QFETCH(QString, expected);
    const QString path = book(QStringLiteral("cells.xlsx"), fill, constantMemory);
    QString error;
    const auto file = Xlsx::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    QCOMPARE(file->path(), path);
    QCOMPARE(file->header().value(0), QStringLiteral("h"));
    QCOMPARE(file->rowCount(), 1);
    QCOMPARE(file->cell(0, 0), expected);
    QCOMPARE(file->problemCount(), 0);
}

void XlsxSheetTest::handMadeSheet()
{
    // Inline strings, sparse rows and cells (positions from the references), rows and cells
    // without references, errors, a formula without a cached value, a blank row, a short row
    // padded and a long row kept, the 1904 date system, rich text with a phonetic run.
    const QByteArray styles =
        "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\"/></numFmts>"
        "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
        "<cellXfs count=\"2\"><xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
    const QByteArray sheet =
        "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>id</t></is></c><c r=\"C2\" t=\"inlineStr\"><is><t>lei</t></is></c></row>"
        "<row r=\"4\"><c r=\"B4\" t=\"e\"><v>#N/A</v></c><c r=\"C4\" t=\"inlineStr\"><is><r><t>XKZZ</t></r>"
        "<r><t>2JZF41MRHTR1V493</t></r><rPh><t>ignored</t></rPh></is></c></row>"
        "<row r=\"5\"><c r=\"A5\" s=\"0\"/></row>"
        "<row><c><f>SUM(A1:A2)</f></c><c t=\"b\"><v>1</v></c></row>"
        "<row r=\"9\"><c r=\"A9\" s=\"1\"><v>0</v></c><c r=\"E9\"><v>7</v></c></row>";
    const QString path = handMade(QStringLiteral("hand.xlsx"), sheet, styles, "<workbookPr date1904=\"1\"/>");
    QString error;
    const auto file = Xlsx::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    QCOMPARE(file->header(), (QStringList{QStringLiteral("id"), QString(), QStringLiteral("lei")}));
    QCOMPARE(file->rowCount(), 3);
    QCOMPARE(file->row(0), (QStringList{QString(), QStringLiteral("#N/A"), QStringLiteral("XKZZ2JZF41MRHTR1V493")}));
    QCOMPARE(file->row(1), (QStringList{QString(), QStringLiteral("TRUE"), QString()}));
    QCOMPARE(file->row(2), (QStringList{QStringLiteral("1904-01-01"), QString(), QString(), QString(), QStringLiteral("7")}));
    QCOMPARE(file->longRows(), std::vector<qint64>{2});
}

void XlsxSheetTest::sheetByName()
{
    const QString path = m_dir.filePath(QStringLiteral("two.xlsx"));
    lxw_workbook *wb = workbook_new(path.toUtf8().constData());
    worksheet_write_string(workbook_add_worksheet(wb, "First"), 0, 0, "first", nullptr);
    lxw_worksheet *second = workbook_add_worksheet(wb, "Zweite Tabelle");
    worksheet_write_string(second, 0, 0, "lei", nullptr);
    worksheet_write_string(second, 1, 0, "XKZZ2JZF41MRHTR1V493", nullptr);
    QCOMPARE(workbook_close(wb), LXW_NO_ERROR);

    QString error;
    QCOMPARE(Xlsx::sheetNames(path, &error), (QStringList{QStringLiteral("First"), QStringLiteral("Zweite Tabelle")}));
    CsvOptions options;
    const auto first = Xlsx::load(path, options, &error);
    QVERIFY2(first, qPrintable(error));
    QCOMPARE(first->header(), QStringList{QStringLiteral("first")});
    options.sheet = QStringLiteral("Zweite Tabelle");
    const auto file = Xlsx::load(path, options, &error);
    QVERIFY2(file, qPrintable(error));
    QCOMPARE(file->header(), QStringList{QStringLiteral("lei")});
    QCOMPARE(file->cell(0, 0), QStringLiteral("XKZZ2JZF41MRHTR1V493"));
}

void XlsxSheetTest::unknownSheetListsTheSheets()
{
    const QString path = book(QStringLiteral("one.xlsx"), [](lxw_workbook *, lxw_worksheet *) {});
    CsvOptions options;
    options.sheet = QStringLiteral("Nope");
    QString error;
    QVERIFY(!Xlsx::load(path, options, &error));
    QCOMPARE(error, path + QStringLiteral(": no sheet named \"Nope\" (sheets: Sheet1)"));
}

void XlsxSheetTest::refused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    const QByteArray valid = readTestFile(book(QStringLiteral("valid.xlsx"), [](lxw_workbook *, lxw_worksheet *ws) {
        for (int r = 1; r < 200; ++r)
            worksheet_write_number(ws, lxw_row_t(r), 0, r, nullptr);
    }));
    auto sheet = [this](const QByteArray &xml) { return readTestFile(handMade(QStringLiteral("part.xlsx"), xml)); };
    QTest::newRow("not a ZIP") << QByteArray("lei\nXKZZ2JZF41MRHTR1V493\n") << QStringLiteral("not an XLSX workbook (not a ZIP file)");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("not an XLSX workbook (not a ZIP file)");
    QTest::newRow("truncated ZIP") << valid.left(valid.size() / 2) << QStringLiteral("corrupt or truncated ZIP file");
    QTest::newRow("ZIP without a workbook")
        << makeZip({{QStringLiteral("readme.txt"), QByteArray("hello")}}) << QStringLiteral("not an XLSX workbook (no xl/workbook.xml)");
    QByteArray damaged = valid;
    const qsizetype sheetData = damaged.indexOf("xl/worksheets/sheet1.xml") + 40; // into the deflated bytes
    for (qsizetype i = sheetData; i < sheetData + 40; ++i)
        damaged[i] = char(~damaged[i]);
    QTest::newRow("damaged deflate stream") << damaged << QStringLiteral("xl/worksheets/sheet1.xml");
    QTest::newRow("entity expansion (billion laughs)")
        << makeZip({{QStringLiteral("xl/workbook.xml"),
                     "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">"
                     "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><workbook><sheets><sheet name=\"&c;\"/></sheets></workbook>"}})
        << QStringLiteral("declares entities");
    QTest::newRow("external entity")
        << makeZip({{QStringLiteral("xl/workbook.xml"),
                     "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><workbook>&x;</workbook>"}})
        << QStringLiteral("declares entities");
    QTest::newRow("column past XFD") << sheet("<row r=\"1\"><c r=\"XFE1\" t=\"inlineStr\"><is><t>a</t></is></c></row>")
                                     << QStringLiteral("cell reference \"XFE1\" is not within the sheet");
    QTest::newRow("absurd reference") << sheet("<row r=\"1\"><c r=\"AAAAAAAAAAAAAAAAAAAA99999999999999999999\"/></row>")
                                      << QStringLiteral("is not within the sheet");
    QTest::newRow("row past 1048576") << sheet("<row r=\"1048577\"><c t=\"inlineStr\"><is><t>a</t></is></c></row>")
                                      << QStringLiteral("row number 1048577");
    QTest::newRow("cells out of order")
        << sheet("<row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>a</t></is></c><c r=\"A1\" t=\"inlineStr\"><is><t>b</t></is></c></row>")
        << QStringLiteral("cell A1 is out of order");
    QTest::newRow("shared string that does not exist") << sheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>5</v></c></row>")
                                                       << QStringLiteral("shared string 5, which does not exist");
    QTest::newRow("unclosed workbook") << makeZip({{QStringLiteral("xl/workbook.xml"), QByteArray("<workbook><sheets>")}})
                                       << QStringLiteral("xl/workbook.xml is damaged");
    QTest::newRow("rows out of order across pieces") << sheet([] {
        QByteArray rows; // over a piece (1 MiB) of rows, then a row number already seen
        for (int r = 1; r <= 30000; ++r)
            rows += "<row r=\"" + QByteArray::number(r) + "\"><c t=\"inlineStr\"><is><t>" + QByteArray(20, 'x') + "</t></is></c></row>";
        rows += "<row r=\"7\"><c t=\"inlineStr\"><is><t>late</t></is></c></row>";
        return rows;
    }()) << QStringLiteral("row number 7 is out of order");
    QTest::newRow("sheet cut inside its rows")
        << makeZip({{QStringLiteral("xl/workbook.xml"), readZip(m_dir.filePath(QStringLiteral("part.xlsx")), nullptr).value(QStringLiteral("xl/workbook.xml"))},
                    {QStringLiteral("xl/_rels/workbook.xml.rels"), readZip(m_dir.filePath(QStringLiteral("part.xlsx")), nullptr).value(QStringLiteral("xl/_rels/workbook.xml.rels"))},
                    {QStringLiteral("xl/worksheets/sheet1.xml"), QByteArray("<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>a</t></is></c></row><row r=\"2\">")}})
        << QStringLiteral("xl/worksheets/sheet1.xml is damaged (it ends inside <sheetData>)");
    QTest::newRow("row over 16 MiB") << sheet("<row r=\"1\"><c t=\"inlineStr\"><is><t>" + QByteArray(17 << 20, 'x') + "</t></is></c></row>")
                                     << QStringLiteral("xl/worksheets/sheet1.xml holds a row or string over 16 MiB long; refused");
    QTest::newRow("no rows") << sheet(QByteArray()) << QStringLiteral("the sheet is empty (no header row)");
    // A part that would inflate past its bound is refused before it is read (the ZIP states its size).
    QTest::newRow("ZIP bomb") << makeZip({{QStringLiteral("xl/workbook.xml"), QByteArray(65 << 20, ' ')}})
                              << QStringLiteral("xl/workbook.xml inflates to over 64 MiB; refused");
}

void XlsxSheetTest::refused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const QString path = writeTestFile(m_dir.path(), QStringLiteral("hostile.xlsx"), bytes);
    QString error;
    QVERIFY(!Xlsx::load(path, {}, &error));
    QVERIFY2(error.startsWith(path + QStringLiteral(": ")), qPrintable(error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY2(!error.contains(u'\n'), qPrintable(error));
    // The window opens through the loader: the same words, at once or (damage past the first
    // rows) when the rest is read; nothing left behind.
    {
        CsvLoader loader;
        QSignalSpy failed(&loader, &CsvLoader::failed);
        QSignalSpy finished(&loader, &CsvLoader::finished);
        QString loaderError;
        if (loader.open(path, {}, &loaderError)) {
            QVERIFY(finished.wait(60000));
            QCOMPARE(failed.size(), 1);
            loaderError = failed.first().first().toString();
        }
        QCOMPARE(loaderError, error);
    }
    QCOMPARE(QDir(m_tmp).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());
}

void XlsxSheetTest::loaderShowsFirstRowsThenTheWholeSheet_data()
{
    QTest::addColumn<bool>("constantMemory");
    QTest::newRow("inline strings") << true;
    // Over a MiB of shared strings: the first rows need only the first of them.
    QTest::newRow("shared strings") << false;
}

static QByteArray bigText(int r) { return "text number " + QByteArray::number(r) + " of the big sheet"; }

void XlsxSheetTest::loaderShowsFirstRowsThenTheWholeSheet()
{
    QFETCH(bool, constantMemory);
    const int rows = 40000; // a few MB of XML: more than the first piece
    const QString path = book(QStringLiteral("big.xlsx"), [](lxw_workbook *, lxw_worksheet *ws) {
        worksheet_write_string(ws, 0, 1, "text", nullptr);
        for (int r = 1; r <= rows; ++r) {
            worksheet_write_number(ws, lxw_row_t(r), 0, r, nullptr);
            worksheet_write_string(ws, lxw_row_t(r), 1, bigText(r).constData(), nullptr);
        }
    }, constantMemory);
    CsvLoader loader;
    QSignalSpy replaced(&loader, &CsvLoader::fileReplaced);
    QSignalSpy finished(&loader, &CsvLoader::finished);
    QString error;
    const auto head = loader.open(path, {}, &error);
    QVERIFY2(head, qPrintable(error));
    // The first rows are there when open() returns, before the rest is converted.
    QVERIFY(head->isComplete());
    QVERIFY(head->rowCount() > 0);
    QVERIFY(head->rowCount() < rows);
    QCOMPARE(head->path(), path);
    QCOMPARE(head->cell(0, 0), QStringLiteral("1"));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), true);
    QCOMPARE(replaced.size(), 1);
    const auto full = replaced.first().first().value<std::shared_ptr<CsvFile>>();
    QVERIFY(full->isComplete());
    QCOMPARE(full->path(), path);
    QCOMPARE(full->rowCount(), rows);
    QCOMPARE(full->problemCount(), 0);
    // Every row once, in order, across the pieces converted on several cores.
    for (int r = 0; r < rows; ++r) {
        QCOMPARE(full->cell(r, 0), QString::number(r + 1));
        QCOMPARE(full->cell(r, 1), QString::fromLatin1(bigText(r + 1)));
    }
}

void XlsxSheetTest::temporaryCopyGoesWithTheFile()
{
    const QString path = book(QStringLiteral("temp.xlsx"), [](lxw_workbook *, lxw_worksheet *ws) {
        worksheet_write_string(ws, 1, 0, "x", nullptr);
    });
    QString error;
    auto file = Xlsx::load(path, {}, &error);
    QVERIFY2(file, qPrintable(error));
    const QStringList folders = QDir(m_tmp).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(folders.size(), 1);
    QCOMPARE(QFileInfo(QDir(m_tmp).filePath(folders.first())).permissions() & (QFile::ReadOther | QFile::ReadGroup),
             QFile::Permissions());
    QVERIFY(!file->hasChanged());
    file.reset();
    QCOMPARE(QDir(m_tmp).entryList(QDir::NoDotAndDotDot | QDir::AllEntries), QStringList());
}

void XlsxSheetTest::damageAfterTheFirstRowsKeepsThemAndSaysWhy()
{
    const int rows = 60000;
    const QString path = book(QStringLiteral("damaged.xlsx"), [](lxw_workbook *, lxw_worksheet *ws) {
        worksheet_write_string(ws, 0, 1, "text", nullptr);
        for (int r = 1; r <= rows; ++r) {
            worksheet_write_number(ws, lxw_row_t(r), 0, r, nullptr);
            worksheet_write_string(ws, lxw_row_t(r), 1, QByteArray::number(r * 7919).constData(), nullptr);
        }
    }, true);
    // Spoil the deflated sheet three quarters in: past the first rows.
    QByteArray bytes = readTestFile(path);
    const qsizetype name = bytes.indexOf("xl/worksheets/sheet1.xml");
    const qsizetype next = bytes.indexOf("PK\x03\x04", name);
    QVERIFY(name > 0 && next > name);
    const qsizetype at = name + (next - name) * 3 / 4;
    for (qsizetype i = at; i < at + 64; ++i)
        bytes[i] = char(bytes[i] ^ 0x5A);
    writeTestFile(m_dir.path(), QStringLiteral("damaged.xlsx"), bytes);

    CsvLoader loader;
    QSignalSpy replaced(&loader, &CsvLoader::fileReplaced);
    QSignalSpy failed(&loader, &CsvLoader::failed);
    QSignalSpy finished(&loader, &CsvLoader::finished);
    QString error;
    const auto head = loader.open(path, {}, &error);
    QVERIFY2(head, qPrintable(error));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(failed.size(), 1);
    const QString why = failed.first().first().toString();
    QVERIFY2(why.startsWith(path + QStringLiteral(": ")) && why.contains(QStringLiteral("xl/worksheets/sheet1.xml")), qPrintable(why));
    // The rows before the damage are there, in order.
    QCOMPARE(replaced.size(), 1);
    const auto partial = replaced.first().first().value<std::shared_ptr<CsvFile>>();
    QVERIFY(partial->rowCount() >= head->rowCount());
    QVERIFY(partial->rowCount() < rows);
    for (qint64 r = 0; r < partial->rowCount(); ++r)
        QCOMPARE(partial->cell(r, 0), QString::number(r + 1));
}

void XlsxSheetTest::defaultOutputFollowsTheInput()
{
    QCOMPARE(Xlsx::enrichedPath(QStringLiteral("/data/q3.trades.xlsx")), QStringLiteral("/data/q3.trades.enriched.xlsx"));
    QCOMPARE(Xlsx::enrichedPath(QStringLiteral("/data/Book.XLSX")), QStringLiteral("/data/Book.enriched.xlsx"));
    QCOMPARE(Xlsx::enrichedPath(QStringLiteral("/data/q3.csv")), QStringLiteral("/data/q3.enriched.csv"));
}

QTEST_GUILESS_MAIN(XlsxSheetTest)
#include "xlsxsheet_test.moc"
