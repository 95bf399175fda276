#pragma once

#include <QString>
#include <QStringView>

#include <chrono>
#include <optional>

// Lifetimes as users type them (--ttl, LEI_ENRICHER_TTL, settings).
namespace Duration {

// "90s", "30m", "24h", "7d", combinations such as "1h30m", or bare seconds ("3600"); units are
// case-insensitive, spaces around the whole are ignored. Empty, negative, unknown units and
// anything over 100 years give nullopt.
std::optional<std::chrono::seconds> parse(QStringView text);

// The shortest form parse() reads back: 86400 s -> "1d", 5400 s -> "1h30m", 0 -> "0s".
QString format(std::chrono::seconds duration);

} // namespace Duration
