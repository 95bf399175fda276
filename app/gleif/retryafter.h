#pragma once

#include <QByteArrayView>
#include <QDateTime>

#include <chrono>
#include <optional>

// An HTTP Retry-After value (delay-seconds or HTTP-date, RFC 9110 10.2.3) as a delay from `now`.
// Empty when the value is absent or unreadable; a date in the past gives zero.
std::optional<std::chrono::milliseconds> parseRetryAfter(
    QByteArrayView value, const QDateTime &now);
