#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

class QJsonObject;

// The fields of one GLEIF lei-record the product uses, plus the raw record.
struct GleifRecord
{
    QString lei;                // attributes.lei (normalised)
    QString legalName;          // attributes.entity.legalName.name (may be empty: null in GLEIF)
    QStringList bics;           // attributes.bic in GLEIF's order; empty when null
    QString country;            // attributes.entity.legalAddress.country
    QString entityStatus;       // attributes.entity.status (ACTIVE, INACTIVE)
    QString registrationStatus; // attributes.registration.status (ISSUED, LAPSED, ...)
    QString lastUpdateDate;     // attributes.registration.lastUpdateDate, as GLEIF sends it
    QString hqCountry;          // attributes.entity.headquartersAddress.country
    QString city;               // attributes.entity.legalAddress.city
    QString jurisdiction;       // attributes.entity.jurisdiction
    QString legalForm;          // entity.legalForm.id (ISO 20275), or .other when the id is null or 8888
    QString category;           // attributes.entity.category (GENERAL, BRANCH, FUND, ...)
    QStringList otherNames;     // attributes.entity.otherNames[].name
    QString nextRenewalDate;    // attributes.registration.nextRenewalDate, as GLEIF sends it
    QString successorLei;       // entity.successorEntity.lei, else the first of successorEntities[]
    // What the record's `relationships` say about its accounting-consolidation parents: a parent
    // is reported (relationship-record / lei-record links), or an exception is (a
    // reporting-exception link), or nothing is said.
    enum class ParentLink : quint8 { Unknown, Reported, Exception };
    ParentLink directParent = ParentLink::Unknown;
    ParentLink ultimateParent = ParentLink::Unknown;
    QByteArray rawJson;         // the whole record object, compact JSON

    // Reads one element of `data` (an object with type/id/attributes). Returns false when it
    // lacks attributes.lei. `keepRaw` false leaves rawJson empty: writing it costs as much as
    // reading the fields (the job reads cached raw records for the fields only).
    static bool fromJson(const QJsonObject &record, GleifRecord *out, bool keepRaw = true);

    QString bicsJoined() const { return bics.join(u';'); }
    friend bool operator==(const GleifRecord &a, const GleifRecord &b);
};

// What became of one LEI's lookup.
enum class LookupOutcome { Found, NotFound, Failed };

struct LookupResult
{
    QString lei;
    LookupOutcome outcome = LookupOutcome::Failed;
    GleifRecord record;   // when Found
    QString reason;       // when Failed: in words ("HTTP 503 after 5 attempts", "timeout", ...)
    QDateTime fetchedAt;  // when the answer arrived (UTC)
    bool stale = false;   // served from an expired cache entry because the network failed
    bool fromMirror = false; // answered by the local Golden Copy mirror (fetchedAt: its publish date)
};

// One accounting-consolidation parent (direct or ultimate) as a source reports it: a parent, or
// the reporting-exception reason why none is, or neither (nothing reported, or not asked).
struct ParentInfo
{
    QString lei; // the parent's LEI
    QString legalName; // the parent's legal name (empty when null in GLEIF)
    QString exception; // NON_CONSOLIDATING, NATURAL_PERSONS, NON_PUBLIC, NO_KNOWN_PERSON, ...
    bool isEmpty() const { return lei.isEmpty() && exception.isEmpty(); }
};

// An entity's parents, from GLEIF's parent endpoints, the cache or (later) the mirror.
struct ParentResult
{
    QString lei; // the entity's (normalised)
    ParentInfo direct;
    ParentInfo ultimate;
    QString failure; // set when a lookup failed (parent_lookup_failed): why, in words
};

Q_DECLARE_METATYPE(GleifRecord)
Q_DECLARE_METATYPE(LookupResult)
