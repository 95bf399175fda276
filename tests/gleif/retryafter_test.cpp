#include "retryafter.h"

#include <QLocale>
#include <QTest>
#include <QTimeZone>

using namespace std::chrono;

class RetryAfterTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
};

void RetryAfterTest::parse_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("expectedMs");

    QTest::newRow("seconds") << QByteArray("120") << true << qint64(120000);
    QTest::newRow("zero") << QByteArray("0") << true << qint64(0);
    QTest::newRow("padded") << QByteArray(" 7 ") << true << qint64(7000);
    QTest::newRow("negative") << QByteArray("-3") << false << qint64(0);
    QTest::newRow("absent") << QByteArray() << false << qint64(0);
    QTest::newRow("words") << QByteArray("soon") << false << qint64(0);
    QTest::newRow("IMF-fixdate") << QByteArray("Thu, 26 Nov 2026 12:00:30 GMT") << true
                                 << qint64(30000);
    QTest::newRow("RFC 850") << QByteArray("Thursday, 26-Nov-26 12:01:00 GMT") << true
                             << qint64(60000);
    QTest::newRow("asctime") << QByteArray("Thu Nov 26 12:00:05 2026") << true << qint64(5000);
    QTest::newRow("date in the past")
        << QByteArray("Thu, 26 Nov 2026 11:00:00 GMT") << true << qint64(0);
}

void RetryAfterTest::parse()
{
    QFETCH(QByteArray, value);
    QFETCH(bool, valid);
    QFETCH(qint64, expectedMs);
    const QDateTime now(QDate(2026, 11, 26), QTime(12, 0, 0), QTimeZone::utc());
    const auto delay = parseRetryAfter(value, now);
    QCOMPARE(delay.has_value(), valid);
    if (valid)
        QCOMPARE(delay->count(), expectedMs);
}

QTEST_GUILESS_MAIN(RetryAfterTest)
#include "retryafter_test.moc"
