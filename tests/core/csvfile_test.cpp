#include "testfiles.h"
#include "csvfile.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

using Rows = QList<QStringList>;
Q_DECLARE_METATYPE(Rows)
using RowList = std::vector<qint64>;
Q_DECLARE_METATYPE(RowList)

class CsvFileTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void parse_data();
    void parse();
    void encodings_data();
    void encodings();
    void invalidUtf8InTheMiddleOfUtf8File();
    void overrides();
    void utf8CutByTheSniffingWindowIsStillUtf8();
    void chosenEncodingIsKept();
    void raggedRowsAreKeptAndReported();
    void unclosedQuoteReportsTheLineItStarts();
    void errors_data();
    void errors();
    void headerOnly();
    void veryLongField();
    void findColumn();
    void inputIsNeverWritten();
    void indexingCanBeCancelledAndRowsStayUsable();
    void sampleFile();
    void sniffDelimiter_data();
    void sniffDelimiter();
    void fieldsEnd_data();
    void fieldsEnd();
    void rowsOfAnotherWidthAreListed_data();
    void rowsOfAnotherWidthAreListed();
    void previousEnrichmentColumnsAreLeftOut_data();
    void previousEnrichmentColumnsAreLeftOut();
    void enrichedSampleReadsAsTheOriginal();
    void truncatedWhileMappedIsReportedNotFatal_data();
    void truncatedWhileMappedIsReportedNotFatal();
    void replacedOrTouchedFileIsChanged();

private:
    QString write(const QByteArray &bytes, const QString &name = QStringLiteral("in.csv")) { return writeTestFile(m_dir.path(), name, bytes); }
    QTemporaryDir m_dir;
};

void CsvFileTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
}

void CsvFileTest::parse_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<char>("delimiter");
    QTest::addColumn<int>("lineEnding");
    QTest::addColumn<QStringList>("header");
    QTest::addColumn<Rows>("rows");

    const QStringList ab{QStringLiteral("a"), QStringLiteral("b")};
    const int lf = int(LineEnding::LF), crlf = int(LineEnding::CRLF), cr = int(LineEnding::CR);
    auto r = [](std::initializer_list<const char *> cells) {
        QStringList l;
        for (const char *c : cells)
            l << QString::fromUtf8(c);
        return l;
    };
    QTest::newRow("LF") << QByteArray("a,b\n1,2\n3,4\n") << ',' << lf << ab << Rows{r({"1", "2"}), r({"3", "4"})};
    QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n3,4\r\n") << ',' << crlf << ab << Rows{r({"1", "2"}), r({"3", "4"})};
    QTest::newRow("CR") << QByteArray("a,b\r1,2\r3,4\r") << ',' << cr << ab << Rows{r({"1", "2"}), r({"3", "4"})};
    QTest::newRow("no final newline") << QByteArray("a,b\n1,2\n3,4") << ',' << lf << ab << Rows{r({"1", "2"}), r({"3", "4"})};
    QTest::newRow("semicolon") << QByteArray("a;b\n1,5;2\n") << ';' << lf << ab << Rows{r({"1,5", "2"})};
    QTest::newRow("tab") << QByteArray("a\tb\nx y\t2\n") << '\t' << lf << ab << Rows{r({"x y", "2"})};
    QTest::newRow("pipe") << QByteArray("a|b\n1|2\n") << '|' << lf << ab << Rows{r({"1", "2"})};
    QTest::newRow("quoted delimiter") << QByteArray("a,b\n\"1,5\",2\n") << ',' << lf << ab << Rows{r({"1,5", "2"})};
    QTest::newRow("escaped quotes") << QByteArray("a,b\n\"say \"\"hi\"\"\",\"\"\n") << ',' << lf << ab << Rows{r({"say \"hi\"", ""})};
    QTest::newRow("newline in quotes") << QByteArray("a,b\r\n\"line1\r\nline2\",2\r\n3,4\r\n") << ',' << crlf << ab
                                       << Rows{r({"line1\r\nline2", "2"}), r({"3", "4"})};
    QTest::newRow("empty fields") << QByteArray("a,b,c\n,,\n1,,\n") << ',' << lf
                                  << QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}
                                  << Rows{r({"", "", ""}), r({"1", "", ""})};
    QTest::newRow("blank lines skipped") << QByteArray("a,b\n1,2\n\n\n3,4\n\n") << ',' << lf << ab << Rows{r({"1", "2"}), r({"3", "4"})};
    QTest::newRow("quoted header") << QByteArray("\"a\",\"b\"\n1,2\n") << ',' << lf << ab << Rows{r({"1", "2"})};
    QTest::newRow("delimiters in quotes do not fool the sniffer")
        << QByteArray("a;b\n\"x,y,z\";1\n\"p,q\";2\n") << ';' << lf << ab << Rows{r({"x,y,z", "1"}), r({"p,q", "2"})};
    QTest::newRow("stray quote inside a field is text")
        << QByteArray("a,b\n12\" screen,XKZZ2JZF41MRHTR1V493\n\"q\"x,2\n") << ',' << lf << ab
        << Rows{r({"12\" screen", "XKZZ2JZF41MRHTR1V493"}), r({"qx", "2"})};
    // The header is read by the same quoting rules as the rows: a stray quote in it is text.
    QTest::newRow("stray quote in the header")
        << QByteArray("a,b\"c\n1,2\n3,4\n") << ',' << lf << QStringList{QStringLiteral("a"), QStringLiteral("b\"c")}
        << Rows{r({"1", "2"}), r({"3", "4"})};
    QTest::newRow("stray quotes in the header, CRLF")
        << QByteArray("12\" screen;a\"b\"\r\nx;y\r\n") << ';' << crlf
        << QStringList{QStringLiteral("12\" screen"), QStringLiteral("a\"b\"")} << Rows{r({"x", "y"})};
    QTest::newRow("quoted header field with a newline and a closing quote mid-field")
        << QByteArray("\"a\nb\"c,d\n1,2\n") << ',' << lf << QStringList{QStringLiteral("a\nbc"), QStringLiteral("d")}
        << Rows{r({"1", "2"})};
    QTest::newRow("UTF-8 text") << QByteArray("a,b\nKaiserstra\xc3\x9f" "e,\xe2\x82\xac\n") << ',' << lf << ab
                                << Rows{r({"Kaiserstraße", "€"})};
}

void CsvFileTest::parse()
{
    QFETCH(QByteArray, bytes);
    QFETCH(char, delimiter);
    QFETCH(int, lineEnding);
    QFETCH(QStringList, header);
    QFETCH(Rows, rows);

    QString error;
    auto f = CsvFile::load(write(bytes), {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(f->dialect().delimiter, delimiter);
    QCOMPARE(int(f->dialect().lineEnding), lineEnding);
    QCOMPARE(f->header(), header);
    QCOMPARE(f->rowCount(), qint64(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        QCOMPARE(f->row(i), rows[i]);
        for (int c = 0; c < rows[i].size(); ++c)
            QCOMPARE(f->cell(i, c), rows[i][c]);
        QCOMPARE(f->cell(i, int(rows[i].size())), QString()); // past the last field
        QCOMPARE(CsvFile::fieldCount(f->rawRow(i), delimiter), int(rows[i].size()));
    }
    QCOMPARE(f->problemCount(), 0);
}

void CsvFileTest::encodings_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("encoding");
    QTest::addColumn<bool>("bom");

    const QString text = QStringLiteral("name,lei\nSoci\u00e9t\u00e9 G\u00e9n\u00e9rale,O2RNE8IBXP4R0TD8PU41\n");
    QStringEncoder le(QStringConverter::Utf16LE, QStringConverter::Flag::WriteBom);
    QStringEncoder be(QStringConverter::Utf16BE, QStringConverter::Flag::WriteBom);
    QTest::newRow("UTF-8") << text.toUtf8() << int(CsvEncoding::Utf8) << false;
    QTest::newRow("UTF-8 BOM") << QByteArray("\xEF\xBB\xBF") + text.toUtf8() << int(CsvEncoding::Utf8) << true;
    QTest::newRow("UTF-16LE BOM") << QByteArray(le.encode(text)) << int(CsvEncoding::Utf16LE) << true;
    QTest::newRow("UTF-16BE BOM") << QByteArray(be.encode(text)) << int(CsvEncoding::Utf16BE) << true;
    QTest::newRow("Windows-1252") << text.toLatin1() << int(CsvEncoding::Windows1252) << false;
}

void CsvFileTest::encodings()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, encoding);
    QFETCH(bool, bom);
    QString error;
    auto f = CsvFile::load(write(bytes), {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(int(f->dialect().encoding), encoding);
    QCOMPARE(f->dialect().bom, bom);
    QCOMPARE(f->header(), (QStringList{QStringLiteral("name"), QStringLiteral("lei")}));
    QCOMPARE(f->rowCount(), 1);
    QCOMPARE(f->cell(0, 0), QStringLiteral("Soci\u00e9t\u00e9 G\u00e9n\u00e9rale"));
    QCOMPARE(f->cell(0, 1), QStringLiteral("O2RNE8IBXP4R0TD8PU41"));
}

void CsvFileTest::invalidUtf8InTheMiddleOfUtf8File()
{
    // Mostly good UTF-8 with one stray byte deep inside: stays UTF-8, the bad byte is reported
    // with its line and shown as U+FFFD; a file with no UTF-8 at all is read as Windows-1252.
    QByteArray bytes("name,city\n");
    for (int i = 0; i < 20000; ++i)
        bytes += "Stra\xc3\x9f" "e " + QByteArray::number(i) + ",M\xc3\xbcnchen\n";
    bytes += "bad \x96 dash,x\n"; // line 20002
    bytes += "Stra\xc3\x9f" "e,M\xc3\xbcnchen\n";
    QString error;
    auto f = CsvFile::load(write(bytes), {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(int(f->dialect().encoding), int(CsvEncoding::Utf8));
    QCOMPARE(f->rowCount(), 20002);
    QCOMPARE(f->cell(0, 1), QStringLiteral("M\u00fcnchen"));
    QCOMPARE(f->cell(20000, 0), QStringLiteral("bad \uFFFD dash"));
    QVERIFY2(f->encodingNote().contains(QStringLiteral("line 20002")), qPrintable(f->encodingNote()));
    const auto problems = f->problems();
    QCOMPARE(problems.size(), 1);
    QCOMPARE(int(problems[0].kind), int(CsvProblem::Kind::InvalidUtf8));
    QCOMPARE(problems[0].line, 20002);

    // Windows-1252 only past the 64 kB sniffing window: detected at the end, header re-decoded.
    QByteArray late("n\xe4me,x\n");
    for (int i = 0; i < 10000; ++i)
        late += "plain ascii text " + QByteArray::number(i) + ",1\n";
    late += "caf\xe9 \x80,2\n";
    auto g = CsvFile::load(write(late, QStringLiteral("late.csv")), {}, &error);
    QVERIFY2(g, qPrintable(error));
    QCOMPARE(int(g->dialect().encoding), int(CsvEncoding::Windows1252));
    QCOMPARE(g->header().first(), QStringLiteral("n\u00e4me"));
    QCOMPARE(g->cell(10000, 0), QStringLiteral("caf\u00e9 \u20ac"));
}

void CsvFileTest::utf8CutByTheSniffingWindowIsStillUtf8()
{
    // The first non-ASCII character straddles the 64 kB sample's end.
    QByteArray bytes("name\n");
    while (bytes.size() < 65535)
        bytes += "x";
    bytes += "\xc3\xa9\nZ\xc3\xbcrich\n";
    QString error;
    auto f = CsvFile::load(write(bytes, QStringLiteral("cut.csv")), {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(int(f->dialect().encoding), int(CsvEncoding::Utf8));
    QCOMPARE(f->cell(1, 0), QStringLiteral("Z\u00fcrich"));
    QVERIFY(!f->hasInvalidUtf8());
}

void CsvFileTest::chosenEncodingIsKept()
{
    CsvOptions options;
    options.encoding = CsvEncoding::Utf8;
    QString error;
    auto f = CsvFile::load(write("name\ncaf\xe9\n", QStringLiteral("forced.csv")), options, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(int(f->dialect().encoding), int(CsvEncoding::Utf8)); // not switched to Windows-1252
    QCOMPARE(f->cell(0, 0), QStringLiteral("caf\uFFFD"));
    QVERIFY(f->hasInvalidUtf8());
}

void CsvFileTest::overrides()
{
    const QString path = write("a;b,c\n1;2,3\n");
    QString error;
    CsvOptions options;
    options.delimiter = ',';
    options.encoding = CsvEncoding::Windows1252;
    auto f = CsvFile::load(path, options, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(f->dialect().delimiter, ',');
    QCOMPARE(f->header(), (QStringList{QStringLiteral("a;b"), QStringLiteral("c")}));
    QCOMPARE(int(f->dialect().encoding), int(CsvEncoding::Windows1252));
    QCOMPARE(Csv::delimiterFromName(u"tab"), std::optional<char>('\t'));
    QCOMPARE(Csv::delimiterFromName(u";"), std::optional<char>(';'));
    QVERIFY(!Csv::delimiterFromName(u"ab"));
    QCOMPARE(Csv::encodingFromName(u"cp1252"), std::optional<CsvEncoding>(CsvEncoding::Windows1252));
    QCOMPARE(Csv::encodingFromName(u"UTF_8"), std::optional<CsvEncoding>(CsvEncoding::Utf8));
    QVERIFY(!Csv::encodingFromName(u"klingon"));
}

void CsvFileTest::raggedRowsAreKeptAndReported()
{
    // Line numbers count physical lines, including the newline inside a quoted field.
    const QByteArray bytes("a,b,c\n1,2,3\n\"multi\nline\",2,3\n4,5\n6,7,8,9\n10,11,12\n");
    QString error;
    auto f = CsvFile::load(write(bytes), {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(f->rowCount(), 5);
    QCOMPARE(f->row(2), (QStringList{QStringLiteral("4"), QStringLiteral("5")}));
    QCOMPARE(f->row(3).size(), 4);
    const auto problems = f->problems();
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems[0].row, 2);
    QCOMPARE(problems[0].line, 5);
    QCOMPARE(problems[0].fields, 2);
    QCOMPARE(problems[1].row, 3);
    QCOMPARE(problems[1].line, 6);
    QVERIFY(problems[1].message().contains(QStringLiteral("line 6")));
}

void CsvFileTest::unclosedQuoteReportsTheLineItStarts()
{
    const QByteArray bytes("a,b\n1,2\n3,\"never closed\n4,5\n6,7\n");
    QString error;
    auto f = CsvFile::load(write(bytes), {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(f->rowCount(), 2); // the open quote swallows the rest, and nothing is dropped
    QCOMPARE(f->cell(1, 1), QStringLiteral("never closed\n4,5\n6,7"));
    const auto problems = f->problems();
    QCOMPARE(problems.size(), 1);
    QCOMPARE(int(problems[0].kind), int(CsvProblem::Kind::UnclosedQuote));
    QCOMPARE(problems[0].line, 3);
    QVERIFY(problems[0].message().startsWith(QStringLiteral("line 3:")));
}

void CsvFileTest::errors_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("empty");
    QTest::newRow("only a BOM") << QByteArray("\xEF\xBB\xBF") << QStringLiteral("empty");
    QTest::newRow("blank first line") << QByteArray("\n1,2\n") << QStringLiteral("header");
    QByteArray garbage;
    for (int i = 0; i < 5000; ++i)
        garbage.append(char((i * 7919 + 13) % 256));
    QTest::newRow("binary garbage") << garbage << QStringLiteral("binary");
}

void CsvFileTest::errors()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const QString path = write(bytes);
    QString error;
    auto f = CsvFile::load(path, {}, &error);
    QVERIFY(!f);
    QVERIFY2(error.startsWith(path + QStringLiteral(": ")), qPrintable(error));
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void CsvFileTest::headerOnly()
{
    QString error;
    auto f = CsvFile::load(write("a,lei\n"), {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(f->rowCount(), 0);
    QCOMPARE(f->findColumn(), 1);
    QVERIFY(!CsvFile::load(m_dir.filePath(QStringLiteral("missing.csv")), {}, &error));
    QVERIFY(error.contains(QStringLiteral("no such file")));
    QVERIFY(!CsvFile::load(m_dir.path(), {}, &error));
    QVERIFY(error.contains(QStringLiteral("directory")));
}

void CsvFileTest::veryLongField()
{
    QByteArray big(10 * 1024 * 1024, 'x');
    const QByteArray bytes = "a,b\n1,\"" + big + "\"\n2,3\n";
    QString error;
    auto f = CsvFile::load(write(bytes), {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(f->rowCount(), 2);
    QCOMPARE(f->cell(0, 1).size(), big.size());
    QCOMPARE(f->cell(1, 1), QStringLiteral("3"));
}

void CsvFileTest::findColumn()
{
    QString error;
    auto f = CsvFile::load(write("id, LEI ,Counterparty\n1,x,y\n"), {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(f->findColumn(), 1);
    QCOMPARE(f->findColumn(QStringLiteral("counterparty")), 2);
    QCOMPARE(f->findColumn(QStringLiteral("nope")), -1);
}

void CsvFileTest::inputIsNeverWritten()
{
    const QString path = write("a,b\n1,2\n");
    QFile::setPermissions(path, QFile::ReadOwner); // read-only: opening for write would fail
    const QDateTime before = QFileInfo(path).lastModified();
    QString error;
    auto f = CsvFile::load(path, {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(f->rowCount(), 1);
    f.reset();
    QCOMPARE(QFileInfo(path).lastModified(), before);
    QFile check(path);
    QVERIFY(check.open(QIODevice::ReadOnly));
    QCOMPARE(check.readAll(), QByteArray("a,b\n1,2\n"));
}

void CsvFileTest::indexingCanBeCancelledAndRowsStayUsable()
{
    QByteArray bytes("a,b\n");
    for (int i = 0; i < 1000000; ++i)
        bytes += QByteArray::number(i) + ",x\n";
    QString error;
    auto f = CsvFile::open(write(bytes), {}, &error);
    QVERIFY2(f, qPrintable(error));
    std::atomic_bool cancel{false};
    CsvFile::IndexObserver observer;
    observer.cancel = &cancel;
    qint64 seen = 0;
    observer.progress = [&](qint64 rows, qint64, qint64) {
        seen = rows;
        cancel = true;
    };
    QVERIFY(!f->index(observer));
    QVERIFY(!f->isComplete());
    QVERIFY(seen > 0);
    QVERIFY(f->rowCount() < 1000000);
    QCOMPARE(f->rowCount(), seen);
    QCOMPARE(f->cell(seen - 1, 0), QString::number(seen - 1));
}

void CsvFileTest::sampleFile()
{
    QString error;
    auto f = CsvFile::load(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(f->rowCount(), 20);
    QCOMPARE(f->columnCount(), 8);
    QCOMPARE(f->findColumn(), 7);
    QCOMPARE(f->cell(0, 7), QStringLiteral("XKZZ2JZF41MRHTR1V493"));
    QCOMPARE(f->cell(2, 2), QStringLiteral("1.957E7"));
    QCOMPARE(f->rawRow(19), QByteArrayView("10302389174A38DCE0DBA811E9B389B9699A7DC0CC,EZ69M311SB39,1.1E7,GBP,Buy,2015-03-04T12:00:00Z,0.0011000000,4PQUHN3JPFGFNF3BB653"));
}

void CsvFileTest::sniffDelimiter_data()
{
    QTest::addColumn<QByteArray>("sample");
    QTest::addColumn<char>("expected");
    QTest::newRow("commas") << QByteArray("a,b,c\n1,2,3\n") << ',';
    QTest::newRow("semicolons with decimal commas") << QByteArray("a;b\n1,5;2\n3,5;4\n") << ';';
    QTest::newRow("delimiters inside quoted fields") << QByteArray("a;b\n\"x,y,z\";1\n\"p,q\";2\n") << ';';
    // A quote inside a field is text for the sniffer as for the reader: it hides nothing.
    QTest::newRow("stray quote in the header") << QByteArray("a,b;12\" x;c\n1,2;3;4\n5,6;7;8\n") << ';';
    QTest::newRow("stray quote in a row") << QByteArray("a|b|c\n12\" screen|x,y|z\n1|2|3\n") << '|';
    QTest::newRow("tabs") << QByteArray("a\tb\n\"q\"\"\t\"\t2\n") << '\t';
    QTest::newRow("nothing to go by") << QByteArray("abc\n") << ',';
}

void CsvFileTest::sniffDelimiter()
{
    QFETCH(QByteArray, sample);
    QFETCH(char, expected);
    QCOMPARE(Csv::sniffDelimiter(sample), expected);
}

void CsvFileTest::fieldsEnd_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("end");
    QTest::addColumn<int>("found");
    QTest::newRow("first of three") << QByteArray("a,b,c") << 1 << 1 << 1;
    QTest::newRow("two of three") << QByteArray("a,b,c") << 2 << 3 << 2;
    QTest::newRow("all three") << QByteArray("a,b,c") << 3 << 5 << 3;
    QTest::newRow("more than there are") << QByteArray("a,b") << 4 << 3 << 2;
    QTest::newRow("empty last field") << QByteArray("a,") << 2 << 2 << 2;
    QTest::newRow("quoted delimiter") << QByteArray("\"a,b\",c,d") << 2 << 7 << 2;
    QTest::newRow("stray quote is text") << QByteArray("1\"2,c,d") << 1 << 3 << 1;
    QTest::newRow("escaped quote and newline") << QByteArray("\"x\"\",\ny\",z") << 1 << 8 << 1;
}

void CsvFileTest::fieldsEnd()
{
    QFETCH(QByteArray, raw);
    QFETCH(int, count);
    QFETCH(int, end);
    QFETCH(int, found);
    int have = -1;
    QCOMPARE(CsvFile::fieldsEnd(raw, count, ',', &have), qsizetype(end));
    QCOMPARE(have, found);
}

void CsvFileTest::rowsOfAnotherWidthAreListed_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<qint64>("rows");
    QTest::addColumn<RowList>("longRows");
    QTest::addColumn<RowList>("shortRows");
    QTest::addColumn<int>("maxFields");
    QTest::newRow("mixed") << QByteArray("a,b\n1,2\n1,2,3,4\n1\n\"x,y\",2,3\n") << qint64(4) << RowList{1, 3} << RowList{2} << 4;
    QTest::newRow("as wide as the header") << QByteArray("a,b\n1,2\n,\n") << qint64(2) << RowList{} << RowList{} << 2;
    QTest::newRow("blank lines are not rows") << QByteArray("a,b\n1,2\n\n3,4\n\r\n\n") << qint64(2) << RowList{} << RowList{} << 2;
    QTest::newRow("blank lines between short rows") << QByteArray("a,b,c\r\n\r\n1\r\n\r\n2,3\r\n") << qint64(2) << RowList{} << RowList{0, 1} << 3;
    QTest::newRow("an empty quoted field is a field") << QByteArray("a,b\n\"\"\n1,2\n") << qint64(2) << RowList{} << RowList{0} << 2;
    QTest::newRow("a quoted line end is not a row end") << QByteArray("a,b\n\"x\ny\",2\n\"p\n\nq\"\n") << qint64(2) << RowList{} << RowList{1} << 2;
    QTest::newRow("last row without a line end") << QByteArray("a,b,c\n1,2,3\n4,5") << qint64(2) << RowList{} << RowList{1} << 3;
    QTest::newRow("semicolons") << QByteArray("a;b;c\n1;2\n1;2;3;4\n") << qint64(2) << RowList{1} << RowList{0} << 4;
    QTest::newRow("one column: nothing is short") << QByteArray("a\n1\n\n2\n") << qint64(2) << RowList{} << RowList{} << 1;
}

void CsvFileTest::rowsOfAnotherWidthAreListed()
{
    QFETCH(QByteArray, bytes);
    QFETCH(qint64, rows);
    QFETCH(RowList, longRows);
    QFETCH(RowList, shortRows);
    QFETCH(int, maxFields);
    QString error;
    auto f = CsvFile::load(write(bytes, QStringLiteral("width.csv")), {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(f->rowCount(), rows);
    QCOMPARE(f->longRows(), longRows);
    QCOMPARE(f->shortRows(), shortRows);
    QCOMPARE(f->maxFieldCount(), maxFields);
}

void CsvFileTest::previousEnrichmentColumnsAreLeftOut_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QStringList>("own");
    QTest::addColumn<QStringList>("replaced");
    const QString tc = QStringLiteral("transaction_costs"), es = QStringLiteral("enrichment_status");
    const QStringList added{QStringLiteral("legalName"), QStringLiteral("bic"), QStringLiteral("country"), tc, es};
    auto names = [](const QByteArray &header) { return QString::fromUtf8(header).split(u','); };
    QTest::newRow("default columns")
        << QByteArray("id,lei,legalName,bic,country,transaction_costs,enrichment_status")
        << QStringList{QStringLiteral("id"), QStringLiteral("lei")} << added;
    QTest::newRow("the input's own country stays")
        << QByteArray("id,lei,country,legalName,bic,country,transaction_costs,enrichment_status")
        << QStringList{QStringLiteral("id"), QStringLiteral("lei"), QStringLiteral("country")} << added;
    // A field name from the contract's catalogue is the input's own: this build never adds it.
    QTest::newRow("the input's own category stays")
        << QByteArray("id,lei,category,legalName,bic,country,transaction_costs,enrichment_status")
        << QStringList{QStringLiteral("id"), QStringLiteral("lei"), QStringLiteral("category")} << added;
    QTest::newRow("quoted header")
        << QByteArray("\"id\",\"lei\",\"legalName\",\"bic\",\"country\",\"transaction_costs\",\"enrichment_status\"")
        << QStringList{QStringLiteral("id"), QStringLiteral("lei")} << added;
    QTest::newRow("catalogue fields are the input's")
        << QByteArray("id,lei,hqCountry,leiWarning,dataSource,transaction_costs,enrichment_status")
        << names("id,lei,hqCountry,leiWarning,dataSource,transaction_costs,enrichment_status") << QStringList{};
    QTest::newRow("costs and status alone are the input's")
        << QByteArray("\"id\",\"lei\",\"transaction_costs\",\"enrichment_status\"")
        << names("id,lei,transaction_costs,enrichment_status") << QStringList{};
    QTest::newRow("a column of the run missing")
        << QByteArray("id,lei,legalName,country,transaction_costs,enrichment_status")
        << names("id,lei,legalName,country,transaction_costs,enrichment_status") << QStringList{};
    QTest::newRow("names in another case are the input's")
        << QByteArray("id,lei,LegalName,BIC,Country,transaction_costs,enrichment_status")
        << names("id,lei,LegalName,BIC,Country,transaction_costs,enrichment_status") << QStringList{};
    QTest::newRow("not ending in enrichment_status")
        << QByteArray("id,lei,legalName,bic,country,transaction_costs,enrichment_status,note")
        << names("id,lei,legalName,bic,country,transaction_costs,enrichment_status,note") << QStringList{};
    QTest::newRow("status without costs is the input's")
        << QByteArray("id,lei,enrichment_status")
        << QStringList{QStringLiteral("id"), QStringLiteral("lei"), es} << QStringList{};
    QTest::newRow("one column is always left")
        << QByteArray("legalName,bic,country,transaction_costs,enrichment_status")
        << added << QStringList{};
}

void CsvFileTest::previousEnrichmentColumnsAreLeftOut()
{
    QFETCH(QByteArray, header);
    QFETCH(QStringList, own);
    QFETCH(QStringList, replaced);
    const int all = CsvFile::fieldCount(header, ',');
    // A row as the header wide, a short row, and a long row whose last field is extra.
    QByteArray full, longer;
    for (int c = 0; c < all; ++c)
        full += (c ? "," : "") + QByteArray::number(c);
    longer = full + ",extra";
    QString error;
    auto f = CsvFile::load(write(header + "\n" + full + "\n0\n" + longer + "\n"), {}, &error);
    QVERIFY2(f, qPrintable(error));
    QCOMPARE(f->header(), own);
    QCOMPARE(f->columnCount(), int(own.size()));
    QCOMPARE(f->fileColumnCount(), all);
    QCOMPARE(f->replacedColumns(), replaced);
    QCOMPARE(f->replacedColumnsNote().isEmpty(), replaced.isEmpty());
    QCOMPARE(CsvFile::fieldCount(f->rawHeader(), ','), int(own.size()));
    QCOMPARE(f->findColumn(QStringLiteral("enrichment_status")) >= 0, !replaced.contains(QStringLiteral("enrichment_status")));
    QCOMPARE(f->rawRow(0), QByteArrayView(full)); // rows are kept whole
    QCOMPARE(f->longRows(), std::vector<qint64>{2}); // long means longer than the file's header
    QCOMPARE(f->shortRows(), std::vector<qint64>{1}); // short means shorter than the file's header
}

void CsvFileTest::enrichedSampleReadsAsTheOriginal()
{
    QString error;
    auto original = CsvFile::load(QStringLiteral(LEI_RESOURCES_DIR "/sample_transactions.csv"), {}, &error);
    auto enriched = CsvFile::load(QStringLiteral(LEI_TEST_DATA_DIR "/sample_transactions.expected.csv"), {}, &error);
    QVERIFY2(original && enriched, qPrintable(error));
    QCOMPARE(enriched->header(), original->header());
    QCOMPARE(enriched->rawHeader(), original->rawHeader());
    QCOMPARE(enriched->columnCount(), 8);
    QCOMPARE(enriched->findColumn(), 7);
    QCOMPARE(enriched->problemCount(), 0);
    for (qint64 r = 0; r < original->rowCount(); ++r)
        for (int c = 0; c < 8; ++c)
            QCOMPARE(enriched->cell(r, c), original->cell(r, c));
}

void CsvFileTest::truncatedWhileMappedIsReportedNotFatal_data()
{
    QTest::addColumn<bool>("indexFirst");
    QTest::newRow("cut after indexing, rows read") << true;
    QTest::newRow("cut before indexing") << false;
}

void CsvFileTest::truncatedWhileMappedIsReportedNotFatal()
{
    // `cp new.csv same.csv` while the file is open: the pages past the new end are gone, and
    // reading them used to kill the process with SIGBUS.
    QFETCH(bool, indexFirst);
    QByteArray bytes("id,notional,lei\n");
    for (int i = 0; i < 20000; ++i)
        bytes += QByteArray::number(i) + ",1000.5,XKZZ2JZF41MRHTR1V493\n";
    const QString path = write(bytes, QStringLiteral("cut.csv"));
    QString error;
    auto f = CsvFile::open(path, {}, &error);
    QVERIFY2(f, qPrintable(error));
    if (indexFirst)
        QVERIFY(f->index());
    QVERIFY(!f->hasChanged());
    writeTestFile(m_dir.path(), QStringLiteral("cut.csv"), "id,notional,lei\n1,2,3\n"); // truncates in place
    if (!indexFirst)
        QVERIFY(f->index());
    QByteArray scratch;
    qint64 seen = 0;
    for (qint64 r = 0; r < f->rowCount(); ++r) {
        seen += f->row(r).size();
        seen += f->rawField(r, 2, &scratch).size();
    }
    QVERIFY(seen > 0);
    QVERIFY(f->hasChanged());
    QVERIFY(f->hasChanged()); // and stays so
}

void CsvFileTest::replacedOrTouchedFileIsChanged()
{
    const QString path = write("a,b\n1,2\n", QStringLiteral("touched.csv"));
    QString error;
    auto f = CsvFile::load(path, {}, &error);
    QVERIFY2(f, qPrintable(error));
    QVERIFY(!f->hasChanged());
    // Same size, new contents (a later modification time) ...
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const QDateTime later = QFileInfo(path).lastModified().addSecs(5);
    QVERIFY(file.write("a,b\n3,4\n") == 8);
    QVERIFY(file.setFileTime(later, QFileDevice::FileModificationTime));
    file.close();
    QVERIFY(f->hasChanged());
    // ... or another file renamed over it.
    const QString other = write("a,b\n1,2\n", QStringLiteral("other.csv"));
    auto g = CsvFile::load(other, {}, &error);
    QVERIFY(g && !g->hasChanged());
    QFile::remove(other);
    writeTestFile(m_dir.path(), QStringLiteral("new.csv"), "a,b\n1,2\n");
    QVERIFY(QFile::rename(m_dir.filePath(QStringLiteral("new.csv")), other));
    QVERIFY(g->hasChanged());
}

QTEST_GUILESS_MAIN(CsvFileTest)
#include "csvfile_test.moc"
