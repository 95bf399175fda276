#include "ratelimiter.h"

#include <QMutexLocker>

#include <algorithm>

using namespace std::chrono;

namespace {
// When every slot is held by a request still in flight nobody can say when one frees up. The
// owner's own answers trigger a new attempt anyway; this only covers other clients' requests.
constexpr milliseconds pollWhileAllOpen { 50 };

milliseconds roundUp(RateLimiter::Clock::duration d)
{
    return std::max(ceil<milliseconds>(d), milliseconds(1));
}
} // namespace

RateLimiter::RateLimiter(int limit, milliseconds window)
    : m_limit(std::max(limit, 1))
    , m_window(std::max(window, milliseconds(1)))
{ }

std::shared_ptr<RateLimiter> RateLimiter::processWide()
{
    static const auto instance = std::make_shared<RateLimiter>();
    return instance;
}

void RateLimiter::configure(int limit, milliseconds window)
{
    QMutexLocker lock(&m_mutex);
    m_limit = std::max(limit, 1);
    m_window = std::max(window, milliseconds(1));
}

int RateLimiter::limit() const
{
    QMutexLocker lock(&m_mutex);
    return m_limit;
}

milliseconds RateLimiter::window() const
{
    QMutexLocker lock(&m_mutex);
    return m_window;
}

void RateLimiter::dropExpired(Clock::time_point now)
{
    m_slots.erase(std::remove_if(m_slots.begin(), m_slots.end(),
                      [&](const Slot &s) { return !s.open && s.releasedAt + m_window <= now; }),
        m_slots.end());
}

RateLimiter::Grant RateLimiter::tryAcquire()
{
    QMutexLocker lock(&m_mutex);
    const auto now = this->now();
    if (now < m_pausedUntil) {
        ++m_refusals;
        return { 0, roundUp(m_pausedUntil - now) };
    }
    dropExpired(now);
    if (int(m_slots.size()) < m_limit) {
        const quint64 ticket = m_nextTicket++;
        m_slots.push_back({ ticket, now, true });
        return { ticket, {} };
    }
    // Full: the first closed slot to leave the window decides the wait.
    auto earliest = Clock::time_point::max();
    for (const Slot &s : m_slots) {
        if (!s.open)
            earliest = std::min(earliest, s.releasedAt + m_window);
    }
    ++m_refusals;
    if (earliest == Clock::time_point::max())
        return { 0, pollWhileAllOpen };
    return { 0, roundUp(earliest - now) };
}

void RateLimiter::release(quint64 ticket)
{
    QMutexLocker lock(&m_mutex);
    for (Slot &s : m_slots) {
        if (s.ticket == ticket && s.open) {
            s.open = false;
            s.releasedAt = now();
            return;
        }
    }
}

void RateLimiter::pauseFor(milliseconds delay)
{
    QMutexLocker lock(&m_mutex);
    m_pausedUntil = std::max(m_pausedUntil, now() + delay);
}

int RateLimiter::inUse() const
{
    QMutexLocker lock(&m_mutex);
    const auto now = this->now();
    return int(std::count_if(m_slots.begin(), m_slots.end(),
        [&](const Slot &s) { return s.open || s.releasedAt + m_window > now; }));
}

int RateLimiter::refusals() const
{
    QMutexLocker lock(&m_mutex);
    return m_refusals;
}

void RateLimiter::setClock(std::function<Clock::time_point()> now)
{
    QMutexLocker lock(&m_mutex);
    m_now = std::move(now);
}
