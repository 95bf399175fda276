#include "numberformat.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace Number {

QString shortest(double value)
{
    if (std::isnan(value))
        return QStringLiteral("nan");
    if (std::isinf(value))
        return value > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    // Shortest round-trip digits in scientific form, [-]d[.ddd]e[+-]XX, then laid out the
    // way Python's repr() does. Plain char buffers: this runs once per exported row.
    char sci[32];
    const auto res = std::to_chars(sci, sci + sizeof sci - 1, value, std::chars_format::scientific);
    *res.ptr = '\0'; // atoi below reads the exponent up to here
    const char *p = sci;
    const bool negative = *p == '-';
    if (negative)
        ++p;
    char digits[24] = {};
    int nDigits = 0;
    for (; p < res.ptr && *p != 'e'; ++p)
        if (*p != '.')
            digits[nDigits++] = *p;
    const int exponent = std::atoi(p + 1);

    char out[48];
    int n = 0;
    if (negative)
        out[n++] = '-';
    if (exponent >= -4 && exponent < 16) { // Python: fixed notation when -4 <= exp < 16
        const int pointPos = exponent + 1; // digits before the point
        if (pointPos <= 0) {
            out[n++] = '0';
            out[n++] = '.';
            for (int k = 0; k < -pointPos; ++k)
                out[n++] = '0';
            for (int k = 0; k < nDigits; ++k)
                out[n++] = digits[k];
        } else if (pointPos >= nDigits) {
            for (int k = 0; k < nDigits; ++k)
                out[n++] = digits[k];
            for (int k = nDigits; k < pointPos; ++k)
                out[n++] = '0';
            out[n++] = '.';
            out[n++] = '0';
        } else {
            for (int k = 0; k < nDigits; ++k) {
                if (k == pointPos)
                    out[n++] = '.';
                out[n++] = digits[k];
            }
        }
    } else {
        out[n++] = digits[0];
        if (nDigits > 1) {
            out[n++] = '.';
            for (int k = 1; k < nDigits; ++k)
                out[n++] = digits[k];
        }
        n += std::snprintf(out + n, sizeof out - size_t(n), "e%c%02d", exponent < 0 ? '-' : '+',
                           std::abs(exponent));
    }
    return QString::fromLatin1(out, n);
}

bool parse(QByteArrayView text, double *value)
{
    const QByteArrayView t = text.trimmed();
    if (t.isEmpty())
        return false;
    const char *begin = t.data();
    const char *end = begin + t.size();
    if (*begin == '+') { // from_chars takes no plus sign
        ++begin;
        if (begin == end || *begin == '-' || *begin == '+')
            return false;
    }
    double v = 0;
    const auto res = std::from_chars(begin, end, v, std::chars_format::general);
    if (res.ec != std::errc() || res.ptr != end || !std::isfinite(v))
        return false;
    *value = v;
    return true;
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
