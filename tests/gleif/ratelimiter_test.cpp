#include "ratelimiter.h"

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

using namespace std::chrono;

class RateLimiterTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void grantsUpToTheLimitThenWaits();
    void windowCountsFromTheAnswer();
    void requestsInFlightHoldTheirSlot();
    void pauseStopsEveryone();
    void neverMoreThanLimitInAnyWindow();
    void processWideIsShared();
};

void RateLimiterTest::grantsUpToTheLimitThenWaits()
{
    RateLimiter limiter(3, milliseconds(10000));
    QList<quint64> tickets;
    for (int i = 0; i < 3; ++i) {
        const auto grant = limiter.tryAcquire();
        QVERIFY(grant);
        tickets.append(grant.ticket);
        limiter.release(grant.ticket);
    }
    const auto refused = limiter.tryAcquire();
    QVERIFY(!refused);
    // The first slot frees one window after it was released, not before.
    QVERIFY(refused.wait > milliseconds(9000));
    QVERIFY(refused.wait <= milliseconds(10000));
    QCOMPARE(limiter.inUse(), 3);
}

void RateLimiterTest::windowCountsFromTheAnswer()
{
    RateLimiter limiter(1, milliseconds(150));
    const auto first = limiter.tryAcquire();
    QVERIFY(first);
    QThread::msleep(200); // a slow answer: longer than the window itself
    QVERIFY(!limiter.tryAcquire());
    limiter.release(first.ticket);
    const auto refused = limiter.tryAcquire();
    QVERIFY(!refused);
    QVERIFY(refused.wait > milliseconds(100));
    QThread::msleep(160);
    QVERIFY(limiter.tryAcquire());
}

void RateLimiterTest::requestsInFlightHoldTheirSlot()
{
    RateLimiter limiter(2, milliseconds(50));
    QVERIFY(limiter.tryAcquire());
    QVERIFY(limiter.tryAcquire());
    QThread::msleep(80);
    const auto refused = limiter.tryAcquire();
    QVERIFY(!refused);
    QVERIFY(refused.wait > milliseconds(0)); // asked to poll, not granted
}

void RateLimiterTest::pauseStopsEveryone()
{
    RateLimiter limiter(100, milliseconds(1000));
    limiter.pauseFor(milliseconds(150));
    const auto refused = limiter.tryAcquire();
    QVERIFY(!refused);
    QVERIFY(refused.wait > milliseconds(100));
    QVERIFY(refused.wait <= milliseconds(150));
    limiter.pauseFor(milliseconds(10)); // a shorter pause never shortens a longer one
    QVERIFY(!limiter.tryAcquire());
    QThread::msleep(160);
    QVERIFY(limiter.tryAcquire());
}

void RateLimiterTest::neverMoreThanLimitInAnyWindow()
{
    const int limit = 5;
    const milliseconds window(100);
    RateLimiter limiter(limit, window);
    QElapsedTimer clock;
    clock.start();
    QVector<qint64> grantedNs;
    QVector<qint64> releasedNs;
    while (clock.elapsed() < 600) {
        const auto grant = limiter.tryAcquire();
        if (!grant) {
            QThread::msleep(1);
            continue;
        }
        grantedNs.append(clock.nsecsElapsed());
        limiter.release(grant.ticket);
        releasedNs.append(clock.nsecsElapsed());
    }
    // Each grant must come at least a window after the release `limit` grants before it.
    for (int i = limit; i < grantedNs.size(); ++i)
        QVERIFY2(grantedNs[i] - releasedNs[i - limit] >= duration_cast<nanoseconds>(window).count(),
            qPrintable(QString::number(i)));
    QVERIFY(grantedNs.size() >= limit * 5); // and it did not simply stall
}

void RateLimiterTest::processWideIsShared()
{
    QCOMPARE(RateLimiter::processWide().get(), RateLimiter::processWide().get());
    QCOMPARE(RateLimiter::processWide()->limit(), 60);
    QCOMPARE(RateLimiter::processWide()->window(), milliseconds(60000));
}

QTEST_GUILESS_MAIN(RateLimiterTest)
#include "ratelimiter_test.moc"
