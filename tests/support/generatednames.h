#pragma once

#include <QString>
#include <QStringList>

// Company names as registers write them, in six languages with their legal forms, for the
// Golden Copy generator (issue 14's benchmark needs names that are not trivially told apart:
// no serial numbers). A pure function of the entity's number; distinct numbers of one language
// give distinct names (a mixed-radix reading of the number), apart from deliberate distractors.
namespace GeneratedNames {

// The countries the generator cycles through (entity n is in kCountries[n % 10]).
extern const char *const kCountries[10];

struct Name
{
    QString legalName;
    QString language;     // xml:lang of the legal name
    QString otherName;    // empty or an alternative name (the English rendering)
    QString transliterated; // empty or a Latin transliteration (then the legal name is in Cyrillic)
    QString city;
    QString legalCountry;   // distractors may move to another entity's country
};

// Entity n's name. Every 50th entity (n % 50 == 17) repeats entity n-1's name in its own country;
// every 50th (n % 50 == 29) repeats it in n-1's country with another legal form.
Name name(qint64 n);

} // namespace GeneratedNames
