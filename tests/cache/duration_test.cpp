#include "duration.h"

#include <QTest>

class DurationTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void format_data();
    void format();
};

void DurationTest::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds"); // -1: rejected

    QTest::newRow("90s") << QStringLiteral("90s") << 90ll;
    QTest::newRow("30m") << QStringLiteral("30m") << 1800ll;
    QTest::newRow("24h") << QStringLiteral("24h") << 86400ll;
    QTest::newRow("7d") << QStringLiteral("7d") << 604800ll;
    QTest::newRow("upper case") << QStringLiteral("24H") << 86400ll;
    QTest::newRow("spaces around") << QStringLiteral("  12h\t") << 43200ll;
    QTest::newRow("combined") << QStringLiteral("1h30m") << 5400ll;
    QTest::newRow("combined all") << QStringLiteral("1d2h3m4s") << 93784ll;
    QTest::newRow("bare seconds") << QStringLiteral("3600") << 3600ll;
    QTest::newRow("zero") << QStringLiteral("0s") << 0ll;
    QTest::newRow("leading zeros") << QStringLiteral("007m") << 420ll;
    QTest::newRow("100 years in days") << QStringLiteral("36500d") << 36500ll * 86400;

    QTest::newRow("empty") << QString() << -1ll;
    QTest::newRow("blank") << QStringLiteral("   ") << -1ll;
    QTest::newRow("negative") << QStringLiteral("-5m") << -1ll;
    QTest::newRow("plus sign") << QStringLiteral("+5m") << -1ll;
    QTest::newRow("unknown unit") << QStringLiteral("5w") << -1ll;
    QTest::newRow("unit only") << QStringLiteral("h") << -1ll;
    QTest::newRow("decimal") << QStringLiteral("1.5h") << -1ll;
    QTest::newRow("space inside") << QStringLiteral("24 h") << -1ll;
    QTest::newRow("trailing number without unit") << QStringLiteral("1h30") << -1ll;
    QTest::newRow("word") << QStringLiteral("day") << -1ll;
    QTest::newRow("too long") << QStringLiteral("40000d") << -1ll;
    QTest::newRow("overflowing digits") << QStringLiteral("99999999999999999999999s") << -1ll;
}

void DurationTest::parse()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    const std::optional<std::chrono::seconds> parsed = Duration::parse(text);
    if (seconds < 0) {
        QVERIFY2(!parsed, qPrintable(QString::number(parsed ? parsed->count() : 0)));
    } else {
        QVERIFY(parsed);
        QCOMPARE(qint64(parsed->count()), seconds);
    }
}

void DurationTest::format_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0ll << QStringLiteral("0s");
    QTest::newRow("90 s") << 90ll << QStringLiteral("1m30s");
    QTest::newRow("day") << 86400ll << QStringLiteral("1d");
    QTest::newRow("hour") << 3600ll << QStringLiteral("1h");
    QTest::newRow("mixed") << 93784ll << QStringLiteral("1d2h3m4s");
    QTest::newRow("week") << 604800ll << QStringLiteral("7d");
}

void DurationTest::format()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(Duration::format(std::chrono::seconds(seconds)), text);
    QCOMPARE(Duration::parse(text).value().count(), seconds); // reads back
}

QTEST_GUILESS_MAIN(DurationTest)
#include "duration_test.moc"
