#pragma once

#include <QString>
#include <QStringView>

// ISO 17442 Legal Entity Identifiers: normalising and checking.
namespace Lei {

enum class Check {
    Ok,
    Empty,
    WrongLength,     // not 20 characters after trimming
    BadCharacters,   // outside [A-Z0-9], or the last two are not digits
    CheckDigits,     // MOD 97-10 fails
};

// Trims and upper-cases (users paste " xkzz2jzf41mrhtr1v493 ").
QString normalise(QStringView raw);

// Checks an already normalised LEI.
Check check(QStringView normalised);
inline bool isValid(QStringView normalised) { return check(normalised) == Check::Ok; }

// A short reason in words, for failures panels and reports ("check digits wrong").
QString describe(Check result);

// The two check digits for the first 18 characters ([A-Z0-9]{18}); used to build valid LEIs.
QString checkDigits(QStringView first18);

} // namespace Lei
