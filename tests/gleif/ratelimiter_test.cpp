// The rolling-window limiter on a hand-driven clock: every wait it computes is checked exactly,
// and no test sleeps or depends on how fast the machine is.
#include "ratelimiter.h"

#include <QTest>

using namespace std::chrono;

namespace {

// A clock that moves only when told.
struct ManualClock
{
    RateLimiter::Clock::time_point now { seconds(1000) };
    void attach(RateLimiter &limiter)
    {
        limiter.setClock([this] { return now; });
    }
    void advance(milliseconds d) { now += d; }
};

} // namespace

class RateLimiterTest final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void grantsUpToTheLimitThenWaits();
    void windowCountsFromTheAnswer();
    void requestsInFlightHoldTheirSlot();
    void pauseStopsEveryone();
    void neverMoreThanLimitInAnyWindow_data();
    void neverMoreThanLimitInAnyWindow();
    void countsItsRefusals();
    void processWideIsShared();
};

void RateLimiterTest::grantsUpToTheLimitThenWaits()
{
    RateLimiter limiter(3, milliseconds(10000));
    ManualClock clock;
    clock.attach(limiter);
    for (int i = 0; i < 3; ++i) {
        const auto grant = limiter.tryAcquire();
        QVERIFY(grant);
        limiter.release(grant.ticket);
        clock.advance(milliseconds(100));
    }
    const auto refused = limiter.tryAcquire();
    QVERIFY(!refused);
    // The first slot frees one window after it was released, not before: 10 s less the 300 ms
    // that have passed since.
    QCOMPARE(refused.wait, milliseconds(9700));
    QCOMPARE(limiter.inUse(), 3);
    clock.advance(milliseconds(9699));
    QVERIFY(!limiter.tryAcquire());
    clock.advance(milliseconds(1));
    QVERIFY(limiter.tryAcquire());
}

void RateLimiterTest::windowCountsFromTheAnswer()
{
    RateLimiter limiter(1, milliseconds(150));
    ManualClock clock;
    clock.attach(limiter);
    const auto first = limiter.tryAcquire();
    QVERIFY(first);
    clock.advance(milliseconds(200)); // a slow answer: longer than the window itself
    QVERIFY(!limiter.tryAcquire());
    limiter.release(first.ticket);
    const auto refused = limiter.tryAcquire();
    QVERIFY(!refused);
    QCOMPARE(refused.wait, milliseconds(150)); // counted from the answer, not from the request
    clock.advance(milliseconds(149));
    QVERIFY(!limiter.tryAcquire());
    clock.advance(milliseconds(1));
    QVERIFY(limiter.tryAcquire());
}

void RateLimiterTest::requestsInFlightHoldTheirSlot()
{
    RateLimiter limiter(2, milliseconds(50));
    ManualClock clock;
    clock.attach(limiter);
    QVERIFY(limiter.tryAcquire());
    QVERIFY(limiter.tryAcquire());
    clock.advance(hours(1)); // however long: no answer yet, so the slots stay taken
    const auto refused = limiter.tryAcquire();
    QVERIFY(!refused);
    QVERIFY(refused.wait > milliseconds(0)); // asked to poll, not granted
    QCOMPARE(limiter.inUse(), 2);
}

void RateLimiterTest::pauseStopsEveryone()
{
    RateLimiter limiter(100, milliseconds(1000));
    ManualClock clock;
    clock.attach(limiter);
    limiter.pauseFor(milliseconds(150));
    const auto refused = limiter.tryAcquire();
    QVERIFY(!refused);
    QCOMPARE(refused.wait, milliseconds(150));
    clock.advance(milliseconds(100));
    limiter.pauseFor(milliseconds(10)); // a shorter pause never shortens a longer one
    const auto still = limiter.tryAcquire();
    QVERIFY(!still);
    QCOMPARE(still.wait, milliseconds(50));
    clock.advance(milliseconds(50));
    QVERIFY(limiter.tryAcquire());
}

void RateLimiterTest::neverMoreThanLimitInAnyWindow_data()
{
    QTest::addColumn<int>("answerMs"); // from a grant to its release
    QTest::newRow("instant answers") << 0;
    QTest::newRow("answers taking 30 ms") << 30;
}

void RateLimiterTest::neverMoreThanLimitInAnyWindow()
{
    // A greedy client on a simulated 600 ms, asking every millisecond.
    QFETCH(int, answerMs);
    const int limit = 5;
    const milliseconds window(100);
    RateLimiter limiter(limit, window);
    ManualClock clock;
    clock.attach(limiter);
    const auto start = clock.now;
    QVector<RateLimiter::Clock::time_point> granted, released;
    QVector<QPair<RateLimiter::Clock::time_point, quint64>> open; // release due, ticket
    while (clock.now - start < milliseconds(600)) {
        for (auto it = open.begin(); it != open.end();) {
            if (it->first <= clock.now) {
                limiter.release(it->second);
                released.append(clock.now);
                it = open.erase(it);
            } else {
                ++it;
            }
        }
        if (const auto grant = limiter.tryAcquire()) {
            granted.append(clock.now);
            if (answerMs == 0) {
                limiter.release(grant.ticket);
                released.append(clock.now);
            } else {
                open.append({ clock.now + milliseconds(answerMs), grant.ticket });
            }
            continue; // ask again at once
        }
        clock.advance(milliseconds(1));
    }
    // Each grant comes at least a window after the release `limit` grants before it.
    for (int i = limit; i < granted.size(); ++i)
        QVERIFY2(granted[i] - released[i - limit] >= window, qPrintable(QString::number(i)));
    // And it did not simply stall: a window's worth per window, exactly.
    const int expected = answerMs == 0 ? limit * 6 : limit * 5;
    QCOMPARE(granted.size(), expected);
}

void RateLimiterTest::countsItsRefusals()
{
    RateLimiter limiter(1, milliseconds(1000));
    ManualClock clock;
    clock.attach(limiter);
    QCOMPARE(limiter.refusals(), 0);
    const auto grant = limiter.tryAcquire();
    QVERIFY(grant);
    QVERIFY(!limiter.tryAcquire()); // in flight
    limiter.release(grant.ticket);
    QVERIFY(!limiter.tryAcquire()); // in the window
    limiter.pauseFor(milliseconds(5000));
    clock.advance(milliseconds(1000));
    QVERIFY(!limiter.tryAcquire()); // paused
    QCOMPARE(limiter.refusals(), 3);
}

void RateLimiterTest::processWideIsShared()
{
    QCOMPARE(RateLimiter::processWide().get(), RateLimiter::processWide().get());
    QCOMPARE(RateLimiter::processWide()->limit(), 60);
    QCOMPARE(RateLimiter::processWide()->window(), milliseconds(60000));
}

QTEST_GUILESS_MAIN(RateLimiterTest)
#include "ratelimiter_test.moc"
