#include "lei.h"

#include <QCoreApplication>

namespace Lei {
namespace {

constexpr int kLength = 20;

int charValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'A' && u <= u'Z')
        return u - u'A' + 10;
    return -1;
}

// ISO/IEC 7064 MOD 97-10 over the characters' values, reduced piecewise: the number has up to
// 40 digits, far past 64 bits.
int mod97(QStringView s)
{
    int rem = 0;
    for (QChar c : s) {
        const int v = charValue(c);
        rem = (v >= 10 ? rem * 100 + v : rem * 10 + v) % 97;
    }
    return rem;
}

} // namespace

QString normalise(QStringView raw)
{
    return raw.trimmed().toString().toUpper();
}

Check check(QStringView lei)
{
    if (lei.isEmpty())
        return Check::Empty;
    if (lei.size() != kLength)
        return Check::WrongLength;
    for (int i = 0; i < kLength; ++i) {
        const int v = charValue(lei[i]);
        if (v < 0 || (i >= kLength - 2 && v >= 10))
            return Check::BadCharacters;
    }
    return mod97(lei) == 1 ? Check::Ok : Check::CheckDigits;
}

QString describe(Check result)
{
    switch (result) {
    case Check::Ok:
        return QCoreApplication::translate("Lei", "valid");
    case Check::Empty:
        return QCoreApplication::translate("Lei", "LEI is empty");
    case Check::WrongLength:
        return QCoreApplication::translate("Lei", "LEI is not 20 characters long");
    case Check::BadCharacters:
        return QCoreApplication::translate("Lei", "LEI has characters other than A-Z and 0-9");
    case Check::CheckDigits:
        return QCoreApplication::translate("Lei", "check digits wrong");
    }
    return {};
}

QString checkDigits(QStringView first18)
{
    const int rem = mod97(QString(first18.toString() + QStringLiteral("00")));
    const int check = 98 - rem;
    return QString::number(check).rightJustified(2, u'0');
}

} // namespace Lei
