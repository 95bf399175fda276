#include "duration.h"

namespace Duration {

namespace {
// Bounds the arithmetic (milliseconds since the epoch plus a lifetime) far from overflow.
constexpr qint64 MaxSeconds = qint64(100) * 366 * 24 * 3600;
} // namespace

std::optional<std::chrono::seconds> parse(QStringView text)
{
    const QStringView s = text.trimmed();
    if (s.isEmpty())
        return std::nullopt;
    qint64 total = 0;
    qsizetype i = 0;
    while (i < s.size()) {
        const qsizetype start = i;
        qint64 number = 0;
        while (i < s.size() && s[i] >= u'0' && s[i] <= u'9') {
            number = number * 10 + (s[i].unicode() - u'0');
            if (number > MaxSeconds)
                return std::nullopt;
            ++i;
        }
        if (i == start)
            return std::nullopt; // a unit without a number, a sign, or junk
        qint64 unit = 1;
        if (i < s.size()) {
            switch (s[i].toLower().unicode()) {
            case u's': unit = 1; break;
            case u'm': unit = 60; break;
            case u'h': unit = 3600; break;
            case u'd': unit = 86400; break;
            default: return std::nullopt;
            }
            ++i;
        } else if (start != 0) {
            return std::nullopt; // "1h30": the trailing number's unit is ambiguous
        }
        total += number * unit;
        if (total > MaxSeconds)
            return std::nullopt;
    }
    return std::chrono::seconds(total);
}

QString format(std::chrono::seconds duration)
{
    qint64 rest = duration.count();
    if (rest <= 0)
        return QStringLiteral("0s");
    QString out;
    for (const auto &[size, unit] : {std::pair{qint64(86400), u'd'}, std::pair{qint64(3600), u'h'},
                                     std::pair{qint64(60), u'm'}, std::pair{qint64(1), u's'}}) {
        if (rest >= size) {
            out += QString::number(rest / size) + QChar(unit);
            rest %= size;
        }
    }
    return out;
}

} // namespace Duration
