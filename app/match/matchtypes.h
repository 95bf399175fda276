#pragma once
// Finding the LEI a row lacks (product contract, "Matching"): the types shared by the ranking
// (namematcher), the candidate sources (the mirror's name index, GLEIF's API) and the run.
#include <QString>
#include <QStringList>
#include <QVector>

namespace Match {

enum class Status { None, Ambiguous, Probable, Exact, Accepted };

// What a row asks: its name, and the country and BIC when the run names those columns.
struct Query
{
    QString name;    // as written in the row
    QString country; // ISO 3166 alpha-2 (already converted from alpha-3 or a name); empty: any
    QString bic;     // upper case, 8 or 11 characters; empty: none
};

// An entity a source proposes for a query: what ranking needs and what a review shows.
struct Entity
{
    QString lei;
    QString legalName;
    QStringList otherNames; // other and transliterated names
    QString legalCountry;   // legal-address country
    QString hqCountry;      // headquarters country
    QString city;
    QString legalForm;          // ELF code or text, as the record has it
    QString registrationStatus; // ISSUED, LAPSED, ...
    QString entityStatus;       // ACTIVE, INACTIVE
    bool byBic = false;         // the source found it through the query's BIC
};

struct Candidate
{
    Entity entity;
    int score = 0;            // 0-100
    QString matchedName;      // which of the entity's names scored best
    QStringList matchedWords; // the normalised words both names share
};

struct Result
{
    Status status = Status::None;
    QString lei;                   // exact, probable, accepted
    int score = -1;                // the best candidate's; -1: no candidate
    QVector<Candidate> candidates; // best first, at most three
    QString reason;                // for none and ambiguous, in words ("empty name", ...)
};

} // namespace Match
