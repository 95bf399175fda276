#pragma once
// Matching names to GLEIF entities (product contract, "Matching"): the normal form both sides are
// compared in, the score, and the ranking of a source's candidates into a Result.
#include "matchtypes.h"

namespace Match {

struct NormalisedName
{
    QStringList words; // case-folded, without marks, punctuation, connectors, a leading "the" and the legal form
    QString legalForm; // canonical code ("AG", "GMBH", "LTD", "SA", ...); empty: none written
    // The words joined by single spaces: what the mirror's name index holds.
    QString key() const { return words.join(u' '); }
    bool operator==(const NormalisedName &o) const { return words == o.words && legalForm == o.legalForm; }
};

NormalisedName normalise(const QString &name);

// 0-100: how alike two normalised names are (one edit in ten characters costs about ten); a legal
// form on both sides that disagrees costs 30, a form on one side only 4.
int similarity(const NormalisedName &a, const NormalisedName &b);

// ISO 3166 alpha-2 (upper case) for an alpha-2 or alpha-3 code or an English name
// ("Germany", "deu", "United Kingdom", "UK"); empty when the text is no country.
QString countryCode(const QString &text);

// Ranks what a source proposed for `query` (classification per the contract; at most three
// candidates kept, best first). Candidates whose countries disagree with the query's are dropped
// (except those found by the BIC: a branch's BIC names its own country).
Result rank(const Query &query, QVector<Entity> candidates);

} // namespace Match
