#include "costtotals.h"

#include <QTest>

// Which column holds the notionals' currency when none is named.
class CostTotalsTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void findsTheCurrencyColumn_data();
    void findsTheCurrencyColumn();
};

void CostTotalsTest::findsTheCurrencyColumn_data()
{
    QTest::addColumn<QStringList>("header");
    QTest::addColumn<int>("column");
    QTest::newRow("sample") << QStringList{QStringLiteral("transaction_uti"), QStringLiteral("notional"),
                                           QStringLiteral("notional_currency"), QStringLiteral("lei")} << 2;
    QTest::newRow("notional_currency first, wherever it is")
        << QStringList{QStringLiteral("currency"), QStringLiteral("lei"), QStringLiteral("Notional_Currency ")} << 2;
    QTest::newRow("currency") << QStringList{QStringLiteral("lei"), QStringLiteral("CURRENCY")} << 1;
    QTest::newRow("ccy") << QStringList{QStringLiteral("ccy"), QStringLiteral("lei")} << 0;
    QTest::newRow("currency_code") << QStringList{QStringLiteral("lei"), QStringLiteral("currency_code")} << 1;
    QTest::newRow("none") << QStringList{QStringLiteral("lei"), QStringLiteral("notional"), QStringLiteral("currency pair")} << -1;
}

void CostTotalsTest::findsTheCurrencyColumn()
{
    QFETCH(QStringList, header);
    QFETCH(int, column);
    QCOMPARE(CostTotals::findCurrencyColumn(header), column);
}

QTEST_GUILESS_MAIN(CostTotalsTest)
#include "costtotals_test.moc"
