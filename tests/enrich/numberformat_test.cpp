#include "numberformat.h"

#include <QTest>

#include <limits>

using Number::Convention;

// Numbers as files write them: a decimal point or a decimal comma, thousands grouped by the
// other character, never read as a smaller number.
class NumberFormatTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void conventionOf_data();
    void conventionOf();
    void written();
};

void NumberFormatTest::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("convention");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("value");
    const int point = int(Convention::Point), comma = int(Convention::Comma);
    QTest::newRow("point plain") << QByteArray("763000.5") << point << true << 763000.5;
    QTest::newRow("point scientific") << QByteArray("1.957E7") << point << true << 1.957e7;
    QTest::newRow("point thousands") << QByteArray("1,234,567.89") << point << true << 1234567.89;
    QTest::newRow("point thousands, negative") << QByteArray(" -1,234 ") << point << true << -1234.0;
    QTest::newRow("point: a decimal comma is no number") << QByteArray("763000,5") << point << false << 0.0;
    QTest::newRow("point: bad grouping") << QByteArray("12,34,567.8") << point << false << 0.0;
    QTest::newRow("comma plain") << QByteArray("763000,5") << comma << true << 763000.5;
    QTest::newRow("comma small") << QByteArray("0,0070956") << comma << true << 0.0070956;
    QTest::newRow("comma thousands") << QByteArray("1.234.567,89") << comma << true << 1234567.89;
    QTest::newRow("comma scientific") << QByteArray("1,957E7") << comma << true << 1.957e7;
    QTest::newRow("comma integer") << QByteArray("8e6") << comma << true << 8e6;
    QTest::newRow("comma: a decimal point is no number") << QByteArray("0.0070956") << comma << false << 0.0;
    QTest::newRow("comma: two decimal commas") << QByteArray("1,2,3") << comma << false << 0.0;
    QTest::newRow("comma: a thousands dot after the comma") << QByteArray("1,234.567") << comma << false << 0.0;
    QTest::newRow("comma: empty") << QByteArray(" ") << comma << false << 0.0;
    QTest::newRow("comma: sign alone") << QByteArray("-") << comma << false << 0.0;
}

void NumberFormatTest::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(int, convention);
    QFETCH(bool, ok);
    QFETCH(double, value);
    double got = -1;
    QCOMPARE(Number::parse(QByteArrayView(text), Convention(convention), &got), ok);
    if (ok)
        QCOMPARE(got, value);
    double viaText = -1;
    QCOMPARE(Number::parse(QString::fromLatin1(text), Convention(convention), &viaText), ok);
    if (ok)
        QCOMPARE(viaText, value);
}

void NumberFormatTest::conventionOf_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("convention"); // -1: undecided
    QTest::newRow("decimal comma") << QByteArray("763000,5") << int(Convention::Comma);
    QTest::newRow("German thousands") << QByteArray("1.234.567,89") << int(Convention::Comma);
    QTest::newRow("decimal point") << QByteArray("0.0070956") << int(Convention::Point);
    QTest::newRow("scientific") << QByteArray("1.957E7") << int(Convention::Point);
    QTest::newRow("English thousands") << QByteArray("1,234,567.89") << int(Convention::Point);
    QTest::newRow("integer") << QByteArray("1000") << -1;
    QTest::newRow("1,234 either way") << QByteArray("1,234") << -1;
    QTest::newRow("1.234 either way") << QByteArray("1.234") << -1;
    QTest::newRow("grouped only") << QByteArray("1,234,567") << -1;
}

void NumberFormatTest::conventionOf()
{
    QFETCH(QByteArray, text);
    QFETCH(int, convention);
    const auto said = Number::conventionOf(QByteArrayView(text));
    QCOMPARE(said ? int(*said) : -1, convention);
}

void NumberFormatTest::written()
{
    QCOMPARE(Number::written(-757586.0572, Convention::Point), QByteArray("-757586.0572"));
    QCOMPARE(Number::written(-757586.0572, Convention::Comma), QByteArray("-757586,0572"));
    QCOMPARE(Number::written(-4599724.0, Convention::Comma), QByteArray("-4599724,0"));
    // The allocation-free form the CSV export uses writes the same characters.
    for (const double value : {-757586.0572, 0.0, -0.0, 1e16, 1.5e-05, 5e-324, 1.7976931348623157e308, 95178095238.09523,
                               std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
                               std::numeric_limits<double>::quiet_NaN()}) {
        for (const Convention convention : {Convention::Point, Convention::Comma}) {
            char out[48];
            const int n = Number::written(value, convention, out);
            QCOMPARE(QByteArray(out, n), Number::written(value, convention));
            QCOMPARE(QString::fromLatin1(out, n), convention == Convention::Point ? Number::shortest(value)
                                                                                 : Number::shortest(value).replace(u'.', u','));
        }
    }
}

QTEST_GUILESS_MAIN(NumberFormatTest)
#include "numberformat_test.moc"
