#pragma once

#include <QString>
#include <QVector>

#include <optional>

// The GLEIF columns a run can add after the input's own (product contract, "Fields"), in
// catalogue order. `--fields`, the desktop's Fields dialog, the exporters and the table all
// name fields through this one list.
namespace Fields {

enum class Id : quint8 {
    LegalName,
    Bic,
    Country,
    HqCountry,
    Jurisdiction,
    LegalForm,
    Category,
    OtherNames,
    EntityStatus,
    RegistrationStatus,
    NextRenewalDate,
    LastUpdateDate,
    SuccessorLei,
    DirectParentLei,
    DirectParentName,
    DirectParentException,
    UltimateParentLei,
    UltimateParentName,
    UltimateParentException,
    LeiWarning,
    DataAsOf,
    DataSource,
};

enum class Kind : quint8 {
    Text,     // as GLEIF writes it
    List,     // several values joined with ';'
    Date,     // YYYY-MM-DD, the UTC date of GLEIF's timestamp (a date in XLSX)
    DateTime, // ISO 8601 UTC
};

struct Info
{
    Id id;
    const char *name;    // the column's header, never translated
    const char *meaning; // one line for the Fields dialog and --help (translate with meaning())
    Kind kind;
    bool parent;         // needs the entity's parents (a request per LEI online)
};

const QVector<Info> &catalogue();
const Info &info(Id id);
QString name(Id id);
QString meaning(Id id); // translated
QVector<Id> defaults(); // legalName, bic, country
QVector<Id> all();      // the whole catalogue, in its order
std::optional<Id> fromName(const QString &name); // exact, case-sensitive, like the headers

// "all" or comma-separated names in output order (spaces around names ignored). An unknown
// name, an empty list or a name given twice sets `error` (naming it and listing the valid ones).
std::optional<QVector<Id>> parse(const QString &list, QString *error);

} // namespace Fields
