#include "numberformat.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace Number {

namespace {

// shortest() into `out` (at least 48 bytes); returns the length.
int shortestChars(double value, char *out)
{
    if (std::isnan(value)) {
        std::memcpy(out, "nan", 3);
        return 3;
    }
    if (std::isinf(value)) {
        std::memcpy(out, value > 0 ? "inf" : "-inf", value > 0 ? 3 : 4);
        return value > 0 ? 3 : 4;
    }
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
        n += std::snprintf(out + n, size_t(48 - n), "e%c%02d", exponent < 0 ? '-' : '+',
                           std::abs(exponent));
    }
    return n;
}

} // namespace

QString shortest(double value)
{
    char out[48];
    return QString::fromLatin1(out, shortestChars(value, out));
}

int shortest(double value, char *out)
{
    return shortestChars(value, out);
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

namespace {

bool isDigits(QByteArrayView t)
{
    return !t.isEmpty() && std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "1,234,567" with `group` ','; a plain "1234567" too.
bool isGroupedInteger(QByteArrayView t, char group)
{
    const qsizetype first = t.indexOf(group);
    if (first < 0)
        return isDigits(t);
    if (first < 1 || first > 3 || !isDigits(t.first(first)))
        return false;
    for (qsizetype at = first; at < t.size(); at += 4) {
        if (t[at] != group || t.size() - at < 4 || !isDigits(t.sliced(at + 1, 3)))
            return false;
    }
    return true;
}

} // namespace

bool parse(QByteArrayView text, Convention convention, double *value)
{
    const char decimal = convention == Convention::Comma ? ',' : '.';
    const char group = convention == Convention::Comma ? '.' : ',';
    const QByteArrayView t = text.trimmed();
    if (convention == Convention::Point && !t.contains(','))
        return parse(t, value); // the usual case, without copying
    // Sign, mantissa, exponent; the mantissa's integer part may group thousands.
    qsizetype start = (!t.isEmpty() && (t[0] == '+' || t[0] == '-')) ? 1 : 0;
    qsizetype exponentAt = t.size();
    for (qsizetype i = start; i < t.size(); ++i)
        if (t[i] == 'e' || t[i] == 'E') {
            exponentAt = i;
            break;
        }
    const QByteArrayView mantissa = t.sliced(start, exponentAt - start);
    const qsizetype point = mantissa.indexOf(decimal);
    if (point >= 0 && mantissa.sliced(point + 1).contains(decimal))
        return false;
    const QByteArrayView integer = point >= 0 ? mantissa.first(point) : mantissa;
    const QByteArrayView fraction = point >= 0 ? mantissa.sliced(point + 1) : QByteArrayView();
    if ((!integer.isEmpty() && !isGroupedInteger(integer, group)) || (!fraction.isEmpty() && !isDigits(fraction))
        || (integer.isEmpty() && fraction.isEmpty()))
        return false;
    QByteArray plain = t.first(start).toByteArray();
    plain.reserve(t.size());
    for (char c : integer)
        if (c != group)
            plain += c;
    if (point >= 0)
        plain += '.' + fraction.toByteArray();
    plain += t.sliced(exponentAt).toByteArray();
    return parse(QByteArrayView(plain), value);
}

bool parse(QStringView text, Convention convention, double *value)
{
    if (convention == Convention::Point && !text.contains(u','))
        return parse(text, value);
    const QByteArray latin = text.toLatin1();
    return parse(QByteArrayView(latin), convention, value);
}

std::optional<Convention> conventionOf(QByteArrayView text)
{
    const QByteArrayView t = text.trimmed();
    const qsizetype comma = t.lastIndexOf(','), dot = t.lastIndexOf('.');
    if (comma >= 0 && dot >= 0) // the last one separates the decimals
        return comma > dot ? Convention::Comma : Convention::Point;
    const auto single = [&](char c, qsizetype at, Convention decides) -> std::optional<Convention> {
        if (t.indexOf(c) != at)
            return std::nullopt; // several: thousands, "1,234,567", or not a number at all
        qsizetype digitsAfter = 0;
        while (at + 1 + digitsAfter < t.size() && t[at + 1 + digitsAfter] >= '0' && t[at + 1 + digitsAfter] <= '9')
            ++digitsAfter;
        if (digitsAfter == 3 && at + 4 == t.size())
            return std::nullopt; // "1,234": thousands in one convention, decimals in the other
        return decides;
    };
    if (comma >= 0)
        return single(',', comma, Convention::Comma);
    if (dot >= 0)
        return single('.', dot, Convention::Point);
    return std::nullopt;
}

QByteArray written(double value, Convention convention)
{
    char out[48];
    const int n = written(value, convention, out);
    return QByteArray(out, n);
}

int written(double value, Convention convention, char *out)
{
    const int n = shortestChars(value, out);
    if (convention == Convention::Comma)
        std::replace(out, out + n, '.', ',');
    return n;
}

} // namespace Number
