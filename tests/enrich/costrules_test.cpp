#include "costrules.h"
#include "csvfile.h"
#include "numberformat.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class CostRulesTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shortest_data();
    void shortest();
    void parse_data();
    void parse();
    void exerciseVectors_data();
    void exerciseVectors();
    void otherCountriesCostNothing();
    void badInputs_data();
    void badInputs();
    void rejectedRuleFiles_data();
    void rejectedRuleFiles();
    void missingColumnNamesTheRule();
    void customRules();
    void ruleIndexAndCloneEvaluateAlike();
    void notFiniteReasons_data();
    void notFiniteReasons();
    void comparisonIsNotAssignment();
};

void CostRulesTest::shortest_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    // Python's repr() of the same doubles.
    QTest::newRow("GB vector") << (763000 * 0.0070956 - 763000) << QStringLiteral("-757586.0572");
    QTest::newRow("integral") << (4.6e6 * 6e-05 - 4.6e6) << QStringLiteral("-4599724.0");
    QTest::newRow("NL vector") << std::abs(8e6 * (1 / 0.0054013) - 8e6) << QStringLiteral("1473124914.3724658");
    QTest::newRow("NL large") << std::abs(6e7 * (1 / 0.00063) - 6e7) << QStringLiteral("95178095238.09523");
    QTest::newRow("zero") << 0.0 << QStringLiteral("0.0");
    QTest::newRow("negative zero") << -0.0 << QStringLiteral("-0.0");
    QTest::newRow("one") << 1.0 << QStringLiteral("1.0");
    QTest::newRow("minus two") << -2.0 << QStringLiteral("-2.0");
    QTest::newRow("1e16") << 1e16 << QStringLiteral("1e+16");
    QTest::newRow("1.5e-05") << 1.5e-05 << QStringLiteral("1.5e-05");
    QTest::newRow("0.0001") << 0.0001 << QStringLiteral("0.0001");
    QTest::newRow("15 digits") << 123456789012345.6 << QStringLiteral("123456789012345.6");
    QTest::newRow("1e22") << 1e22 << QStringLiteral("1e+22");
    QTest::newRow("-1e-07") << -1e-07 << QStringLiteral("-1e-07");
    QTest::newRow("denormal") << 5e-324 << QStringLiteral("5e-324");
    QTest::newRow("max") << 1.7976931348623157e308 << QStringLiteral("1.7976931348623157e+308");
}

void CostRulesTest::shortest()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(Number::shortest(value), text);
    QCOMPARE(text.toDouble(), value); // round-trips
}

void CostRulesTest::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<double>("value");
    QTest::newRow("plain") << QStringLiteral("763000.0") << true << 763000.0;
    QTest::newRow("scientific") << QStringLiteral("1.957E7") << true << 1.957e7;
    QTest::newRow("small") << QStringLiteral("0.0000600000") << true << 6e-5;
    QTest::newRow("spaces") << QStringLiteral(" 2.5 ") << true << 2.5;
    QTest::newRow("negative") << QStringLiteral("-3") << true << -3.0;
    QTest::newRow("empty") << QString() << false << 0.0;
    QTest::newRow("comma decimal") << QStringLiteral("1,5") << false << 0.0;
    QTest::newRow("trailing text") << QStringLiteral("12abc") << false << 0.0;
    QTest::newRow("inf") << QStringLiteral("inf") << false << 0.0;
    QTest::newRow("nan") << QStringLiteral("nan") << false << 0.0;
    QTest::newRow("plus minus") << QStringLiteral("+-5") << false << 0.0;
    QTest::newRow("plus") << QStringLiteral("+5") << true << 5.0;
}

void CostRulesTest::parse()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(double, value);
    double v = 0;
    QCOMPARE(Number::parse(text, &v), ok);
    if (ok)
        QCOMPARE(v, value);
    // The byte path (per row) and the text path agree.
    double b = 0;
    QCOMPARE(Number::parse(QByteArrayView(text.toUtf8()), &b), ok);
    if (ok)
        QCOMPARE(b, value);
}

static const QStringList kHeader{QStringLiteral("transaction_uti"), QStringLiteral("notional"), QStringLiteral("rate"),
                                 QStringLiteral("lei")};

void CostRulesTest::exerciseVectors_data()
{
    QTest::addColumn<QString>("notional");
    QTest::addColumn<QString>("rate");
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("expected");
    QTest::newRow("GB 763000") << QStringLiteral("763000") << QStringLiteral("0.0070956") << QStringLiteral("GB") << QStringLiteral("-757586.0572");
    QTest::newRow("GB 4.6e6") << QStringLiteral("4.6e6") << QStringLiteral("6e-05") << QStringLiteral("GB") << QStringLiteral("-4599724.0");
    QTest::newRow("NL 8e6") << QStringLiteral("8e6") << QStringLiteral("0.0054013") << QStringLiteral("NL") << QStringLiteral("1473124914.3724658");
    QTest::newRow("NL 6e7") << QStringLiteral("6e7") << QStringLiteral("0.00063") << QStringLiteral("NL") << QStringLiteral("95178095238.09523");
    QTest::newRow("GB sample 1.957E7") << QStringLiteral("1.957E7") << QStringLiteral("0.0131500000") << QStringLiteral("GB") << QStringLiteral("-19312654.5");
}

void CostRulesTest::exerciseVectors()
{
    QFETCH(QString, notional);
    QFETCH(QString, rate);
    QFETCH(QString, country);
    QFETCH(QString, expected);
    CostRules rules = CostRules::defaults();
    QString error;
    QVERIFY2(rules.bind(kHeader, &error), qPrintable(error));
    const QStringList row{QStringLiteral("uti"), notional, rate, QStringLiteral("LEI")};
    const auto result = rules.evaluate(country, [&](int c) { return row[c]; });
    QVERIFY2(result.ok, qPrintable(result.reason));
    QCOMPARE(Number::shortest(result.value), expected);
}

void CostRulesTest::otherCountriesCostNothing()
{
    CostRules rules = CostRules::defaults();
    QString error;
    QVERIFY(rules.bind(kHeader, &error));
    int reads = 0;
    const auto result = rules.evaluate(QStringLiteral("DE"), [&](int) { ++reads; return QStringLiteral("not a number"); });
    QVERIFY(result.ok);
    QCOMPARE(result.value, 0.0);
    QCOMPARE(reads, 0); // the default rule uses no column, so bad numbers elsewhere do not matter
    QVERIFY(rules.evaluate(QString(), [](int) { return QString(); }).ok);
    QCOMPARE(rules.countries(), (QStringList{QStringLiteral("GB"), QStringLiteral("NL")}));
}

void CostRulesTest::badInputs_data()
{
    QTest::addColumn<QString>("country");
    QTest::addColumn<QString>("notional");
    QTest::addColumn<QString>("rate");
    QTest::addColumn<QString>("reason");
    QTest::newRow("NL rate 0") << QStringLiteral("NL") << QStringLiteral("1e6") << QStringLiteral("0") << QStringLiteral("rate is 0: division by zero");
    QTest::newRow("text notional") << QStringLiteral("GB") << QStringLiteral("lots") << QStringLiteral("0.1") << QStringLiteral("notional is not a number: \"lots\"");
    QTest::newRow("empty rate") << QStringLiteral("GB") << QStringLiteral("1") << QString() << QStringLiteral("rate is empty");
    QTest::newRow("overflow") << QStringLiteral("GB") << QStringLiteral("1e308") << QStringLiteral("1e10") << QStringLiteral("the result is +inf (too large for a number)");
}

void CostRulesTest::badInputs()
{
    QFETCH(QString, country);
    QFETCH(QString, notional);
    QFETCH(QString, rate);
    QFETCH(QString, reason);
    CostRules rules = CostRules::defaults();
    QString error;
    QVERIFY(rules.bind(kHeader, &error));
    const QStringList row{QStringLiteral("uti"), notional, rate, QStringLiteral("LEI")};
    const auto result = rules.evaluate(country, [&](int c) { return row[c]; });
    QVERIFY(!result.ok);
    QCOMPARE(result.reason, reason);
}

void CostRulesTest::rejectedRuleFiles_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("not JSON") << QByteArray("{rules:") << QStringLiteral("not a JSON object");
    QTest::newRow("rules not object") << QByteArray(R"({"rules": []})") << QStringLiteral("\"rules\" must be an object");
    QTest::newRow("syntax error") << QByteArray(R"({"rules": {"GB": "notional * * rate"}})") << QStringLiteral("rule GB:");
    QTest::newRow("unbalanced") << QByteArray(R"({"rules": {"NL": "abs(notional"}})") << QStringLiteral("rule NL:");
    QTest::newRow("bad default") << QByteArray(R"({"default": "1 +"})") << QStringLiteral("rule default:");
    QTest::newRow("empty formula") << QByteArray(R"({"rules": {"FR": ""}})") << QStringLiteral("rule FR:");
    QTest::newRow("not a country") << QByteArray(R"({"rules": {"GBR": "1"}})") << QStringLiteral("rule GBR:");
    // muParser would run these and change the row's value for the rest of the formula.
    const QString assigns = QStringLiteral("would assign to a column");
    QTest::newRow("assignment") << QByteArray(R"({"rules": {"GB": "rate=0"}})") << QStringLiteral("rule GB: \"=\" at character 5 ") + assigns;
    QTest::newRow("assignment in brackets") << QByteArray(R"x({"rules": {"NL": "notional * (rate = 2)"}})x") << QStringLiteral("rule NL: \"=\" at character 18 ") + assigns;
    QTest::newRow("assignment in default") << QByteArray(R"x({"default": "(notional=1) + rate"})x") << QStringLiteral("rule default: \"=\" at character 10 ") + assigns;
    QTest::newRow("+=") << QByteArray(R"({"rules": {"DE": "rate+=1"}})") << QStringLiteral("rule DE: \"=\" at character 6 ") + assigns;
    QTest::newRow("*=") << QByteArray(R"({"rules": {"FR": "notional *= rate"}})") << QStringLiteral("rule FR: \"=\" at character 11 ") + assigns;
}

void CostRulesTest::rejectedRuleFiles()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!CostRules::fromJson(json, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void CostRulesTest::missingColumnNamesTheRule()
{
    QString error;
    auto rules = CostRules::fromJson(R"({"rules": {"GB": "notional * fx_rate"}})", &error);
    QVERIFY2(rules, qPrintable(error));
    QVERIFY(!rules->bind(kHeader, &error));
    QCOMPARE(error, QStringLiteral("rule GB uses column \"fx_rate\", which the input does not have"));
}

void CostRulesTest::customRules()
{
    QString error;
    auto rules = CostRules::fromJson(R"({"rules": {"de": "max(notional, 10) * 2", "FR": "min(rate, 1) + 1"}, "default": "-1"})", &error);
    QVERIFY2(rules, qPrintable(error));
    QVERIFY(rules->bind(kHeader, &error));
    const QStringList row{QStringLiteral("u"), QStringLiteral("3"), QStringLiteral("0.5"), QString()};
    auto cell = [&](int c) { return row[c]; };
    QCOMPARE(rules->evaluate(QStringLiteral("DE"), cell).value, 20.0);
    QCOMPARE(rules->evaluate(QStringLiteral("FR"), cell).value, 1.5);
    QCOMPARE(rules->evaluate(QStringLiteral("US"), cell).value, -1.0);
}

void CostRulesTest::ruleIndexAndCloneEvaluateAlike()
{
    // The per-row path: the rule looked up once per country, and a copy for another thread,
    // give what the country's own evaluation gives, reasons included.
    QString error;
    auto rules = CostRules::fromJson(R"({"rules": {"DE": "notional * 2", "NL": "notional / rate"}, "default": "-1"})", &error);
    QVERIFY2(rules, qPrintable(error));
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("rows.csv")));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("transaction_uti,notional,rate,lei\na,3,0.5,x\nb,\"4\",0,x\nc,lots,1,x\n");
    f.close();
    auto file = CsvFile::load(f.fileName(), {}, &error);
    QVERIFY2(file, qPrintable(error));
    QVERIFY(rules->bind(file->header(), &error));
    CostRules copy = rules->clone();
    QCOMPARE(rules->ruleIndex(QStringLiteral("US")), 0);
    QVERIFY(rules->ruleIndex(QStringLiteral("DE")) != rules->ruleIndex(QStringLiteral("NL")));
    QCOMPARE(copy.ruleIndex(QStringLiteral("NL")), rules->ruleIndex(QStringLiteral("NL")));
    for (const QString &country : {QStringLiteral("DE"), QStringLiteral("NL"), QStringLiteral("US")}) {
        for (qint64 row = 0; row < file->rowCount(); ++row) {
            const auto byName = rules->evaluate(country, *file, row);
            const auto byIndex = rules->evaluate(rules->ruleIndex(country), *file, row);
            const auto byCopy = copy.evaluate(copy.ruleIndex(country), *file, row);
            for (const auto &other : {byIndex, byCopy}) {
                QCOMPARE(other.ok, byName.ok);
                QCOMPARE(other.value, byName.value);
                QCOMPARE(other.reason, byName.reason);
            }
        }
    }
    QCOMPARE(copy.evaluate(copy.ruleIndex(QStringLiteral("DE")), *file, 0).value, 6.0);
    QCOMPARE(copy.evaluate(copy.ruleIndex(QStringLiteral("NL")), *file, 1).reason, QStringLiteral("rate is 0: division by zero"));
    QCOMPARE(copy.evaluate(copy.ruleIndex(QStringLiteral("DE")), *file, 2).reason, QStringLiteral("notional is not a number: \"lots\""));
}

void CostRulesTest::notFiniteReasons_data()
{
    QTest::addColumn<QString>("formula");
    QTest::addColumn<QString>("notional");
    QTest::addColumn<QString>("rate");
    QTest::addColumn<QString>("reason");
    const QString rateIs0 = QStringLiteral("rate is 0: division by zero");
    QTest::newRow("log of 0") << QStringLiteral("ln(rate)") << QStringLiteral("5") << QStringLiteral("0") << QStringLiteral("the result is -inf (log of 0)");
    QTest::newRow("log of 0 times a number") << QStringLiteral("log(rate) * notional") << QStringLiteral("2") << QStringLiteral("0") << QStringLiteral("the result is -inf (log of 0)");
    QTest::newRow("log10 of 0, negated") << QStringLiteral("-log10(rate)") << QStringLiteral("2") << QStringLiteral("0") << QStringLiteral("the result is +inf (log of 0)");
    QTest::newRow("log of a constant 0") << QStringLiteral("notional + ln(0)") << QStringLiteral("2") << QStringLiteral("1") << QStringLiteral("the result is -inf (log of 0)");
    QTest::newRow("log of a negative") << QStringLiteral("log2(notional)") << QStringLiteral("-8") << QStringLiteral("1") << QStringLiteral("the result is not a number (log of a negative number)");
    QTest::newRow("sqrt(-1)") << QStringLiteral("sqrt(rate - 1)") << QStringLiteral("1") << QStringLiteral("0") << QStringLiteral("the result is not a number (square root of a negative number)");
    QTest::newRow("1/0") << QStringLiteral("notional / rate") << QStringLiteral("1") << QStringLiteral("0") << rateIs0;
    QTest::newRow("0/0") << QStringLiteral("notional / rate") << QStringLiteral("0") << QStringLiteral("0") << rateIs0;
    QTest::newRow("0 times 1/0") << QStringLiteral("notional * (1 / rate)") << QStringLiteral("0") << QStringLiteral("0") << rateIs0;
    QTest::newRow("0 to a negative power") << QStringLiteral("rate ^ -1") << QStringLiteral("1") << QStringLiteral("0") << rateIs0;
    QTest::newRow("constant 1/0") << QStringLiteral("notional + 1/0") << QStringLiteral("0") << QStringLiteral("1") << QStringLiteral("the result is +inf (division by zero)");
    QTest::newRow("constant 0/0") << QStringLiteral("notional + 0/0") << QStringLiteral("1") << QStringLiteral("0") << QStringLiteral("the result is not a number (an undefined operation such as 0/0 or inf - inf)");
    QTest::newRow("overflow with a 0 about") << QStringLiteral("notional * 1e300 * 1e300 + rate") << QStringLiteral("1") << QStringLiteral("0") << QStringLiteral("the result is +inf (too large for a number)");
}

// The reason says what made the result not finite; a column is named only when its 0 did.
void CostRulesTest::notFiniteReasons()
{
    QFETCH(QString, formula);
    QFETCH(QString, notional);
    QFETCH(QString, rate);
    QFETCH(QString, reason);
    QString error;
    auto rules = CostRules::fromJson(QStringLiteral(R"({"default": "%1"})").arg(formula).toUtf8(), &error);
    QVERIFY2(rules, qPrintable(error));
    QVERIFY(rules->bind(kHeader, &error));
    const QStringList row{QStringLiteral("uti"), notional, rate, QStringLiteral("LEI")};
    for (int pass = 0; pass < 2; ++pass) { // the same on every row, not just the first
        const auto result = rules->evaluate(QStringLiteral("US"), [&](int c) { return row[c]; });
        QVERIFY(!result.ok);
        QCOMPARE(result.reason, reason);
    }
    // And the rule still computes a good row afterwards.
    const QStringList good{QStringLiteral("uti"), QStringLiteral("4"), QStringLiteral("2"), QStringLiteral("LEI")};
    if (!formula.contains(u'0'))
        QVERIFY(rules->evaluate(QStringLiteral("US"), [&](int c) { return good[c]; }).ok);
}

void CostRulesTest::comparisonIsNotAssignment()
{
    QString error;
    auto rules = CostRules::fromJson(R"({"default": "rate == 0 ? 0 : notional / rate"})", &error);
    QVERIFY2(rules, qPrintable(error));
    QVERIFY(rules->bind(kHeader, &error));
    const QStringList row{QStringLiteral("u"), QStringLiteral("3"), QStringLiteral("0"), QString()};
    const auto result = rules->evaluate(QStringLiteral("US"), [&](int c) { return row[c]; });
    QVERIFY2(result.ok, qPrintable(result.reason));
    QCOMPARE(result.value, 0.0);
}

QTEST_GUILESS_MAIN(CostRulesTest)
#include "costrules_test.moc"
