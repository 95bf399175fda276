#pragma once

#include <QMutex>
#include <QtGlobal>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

// At most `limit` requests in any rolling window (GLEIF: 60 a minute per user), shared by every
// client of the process so that two jobs running side by side cannot add up to a 429.
//
// A slot is taken when a request is sent and counts until one window after its answer began to
// arrive. GLEIF counts arrivals, which happen somewhere between those two instants, so measuring
// from the answer is the only choice that can never let N+1 arrivals land in one window.
//
// Thread-safe and non-blocking: callers ask, and when refused are told how long to wait.
class RateLimiter final
{
public:
    using Clock = std::chrono::steady_clock;

    explicit RateLimiter(
        int limit = 60, std::chrono::milliseconds window = std::chrono::seconds(60));
    Q_DISABLE_COPY_MOVE(RateLimiter)

    // The one instance clients use unless they are handed another (tests use their own).
    static std::shared_ptr<RateLimiter> processWide();

    void configure(int limit, std::chrono::milliseconds window);
    int limit() const;
    std::chrono::milliseconds window() const;

    struct Grant
    {
        quint64 ticket = 0; // non-zero: send now, then release(ticket)
        std::chrono::milliseconds wait {}; // when refused: ask again after this long
        explicit operator bool() const { return ticket != 0; }
    };
    Grant tryAcquire();

    // The answer to the ticket's request has begun to arrive, or the request ended without one.
    void release(quint64 ticket);

    // A Retry-After (or a 429 without one): nobody sends before then. Never shortens a pause.
    void pauseFor(std::chrono::milliseconds delay);

    // Slots counted right now (open ones and those whose window has not yet passed).
    int inUse() const;
    // How often tryAcquire() said "wait" so far: the limiter's own decisions, for tests.
    int refusals() const;

    // Replaces the steady clock (tests drive time by hand); null restores it.
    void setClock(std::function<Clock::time_point()> now);

private:
    struct Slot
    {
        quint64 ticket;
        Clock::time_point releasedAt;
        bool open;
    };
    void dropExpired(Clock::time_point now);
    Clock::time_point now() const { return m_now ? m_now() : Clock::now(); }

    mutable QMutex m_mutex;
    int m_limit;
    std::chrono::milliseconds m_window;
    std::vector<Slot> m_slots;
    quint64 m_nextTicket = 1;
    Clock::time_point m_pausedUntil {};
    int m_refusals = 0;
    std::function<Clock::time_point()> m_now;
};
