#include "numberformat.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace Number {

QString shortest(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    char buf[64];
    // Shortest round-trip digits in scientific form: [-]d[.ddd]e[+-]XX
    const auto res = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    const std::string sci(buf, res.ptr);
    const bool negative = sci[0] == '-';
    const size_t mantissaStart = negative ? 1 : 0;
    const size_t e = sci.find('e');
    std::string digits;
    for (size_t i = mantissaStart; i < e; ++i)
        if (sci[i] != '.')
            digits += sci[i];
    const int exponent = std::atoi(sci.c_str() + e + 1);

    std::string out = negative ? "-" : "";
    if (exponent >= -4 && exponent < 16) { // Python: fixed when -4 <= exp < 16
        const int pointPos = exponent + 1; // digits before the point
        if (pointPos <= 0) {
            out += "0." + std::string(size_t(-pointPos), '0') + digits;
        } else if (size_t(pointPos) >= digits.size()) {
            out += digits + std::string(size_t(pointPos) - digits.size(), '0') + ".0";
        } else {
            out += digits.substr(0, size_t(pointPos)) + "." + digits.substr(size_t(pointPos));
        }
    } else {
        out += digits.substr(0, 1);
        if (digits.size() > 1)
            out += "." + digits.substr(1);
        char exp[16];
        std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        out += exp;
    }
    return QString::fromLatin1(out.data(), qsizetype(out.size()));
}

bool parse(QStringView text, double *value)
{
    const QStringView t = text.trimmed();
    if (t.isEmpty())
        return false;
    bool ok = false;
    const double v = t.toDouble(&ok); // QStringView::toDouble reads the C locale
    if (!ok || !std::isfinite(v))
        return false;
    *value = v;
    return true;
}

} // namespace Number
