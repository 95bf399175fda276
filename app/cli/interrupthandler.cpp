#include "interrupthandler.h"

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace {

std::atomic_bool interruptedFlag{false};
int signalPipe[2] = {-1, -1};

// Async-signal-safe only: the flag, and a byte for the event loop.
void onSignal(int)
{
    interruptedFlag.store(true);
    if (signalPipe[1] >= 0) {
        const char c = 1;
        [[maybe_unused]] const auto n = ::write(signalPipe[1], &c, 1);
    }
}

void setHandler(void (*handler)(int))
{
    struct sigaction action{};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

} // namespace

InterruptHandler::InterruptHandler(std::function<void()> onInterrupt)
{
    if (onInterrupt) {
        if (signalPipe[0] < 0 && ::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0) {
            m_ok = false;
            return;
        }
        m_notifier = std::make_unique<QSocketNotifier>(signalPipe[0], QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [onInterrupt = std::move(onInterrupt)] {
            char c;
            [[maybe_unused]] const auto n = ::read(signalPipe[0], &c, 1);
            onInterrupt();
        });
    }
    setHandler(onSignal);
}

InterruptHandler::~InterruptHandler()
{
    if (m_ok)
        setHandler(SIG_DFL);
}

const std::atomic_bool *InterruptHandler::flag()
{
    return &interruptedFlag;
}
