#pragma once

#include <QSocketNotifier>

#include <atomic>
#include <functional>
#include <memory>

// SIGINT and SIGTERM for one command of lei-enrich: a flag is set at once (lock-free, so the
// signal handler may set it), and `onInterrupt`, when given, runs on the event loop (a self-pipe
// read by a QSocketNotifier) to cancel the work in progress. The default handlers come back
// when this object goes.
class InterruptHandler final
{
public:
    explicit InterruptHandler(std::function<void()> onInterrupt = {});
    ~InterruptHandler();
    InterruptHandler(const InterruptHandler &) = delete;
    InterruptHandler &operator=(const InterruptHandler &) = delete;

    bool ok() const { return m_ok; } // false: the self-pipe could not be made
    static bool interrupted() { return flag()->load(); }
    static const std::atomic_bool *flag();

private:
    bool m_ok = true;
    std::unique_ptr<QSocketNotifier> m_notifier;
};
