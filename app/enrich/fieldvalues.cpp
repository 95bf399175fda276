#include "fieldvalues.h"

#include "gleifrecord.h"
#include "leihealth.h"

#include <algorithm>

namespace FieldValues {

bool hasParentField(const QVector<Fields::Id> &ids)
{
    return std::any_of(ids.begin(), ids.end(), [](Fields::Id id) { return Fields::info(id).parent; });
}

namespace {

QString date(const QString &timestamp)
{
    const QDate d = LeiHealth::utcDate(timestamp);
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

} // namespace

QString value(Fields::Id id, const GleifRecord &record, const Context &context)
{
    switch (id) {
    case Fields::Id::LegalName: return record.legalName;
    case Fields::Id::Bic: return record.bicsJoined();
    case Fields::Id::Country: return record.country;
    case Fields::Id::HqCountry: return record.hqCountry;
    case Fields::Id::Jurisdiction: return record.jurisdiction;
    case Fields::Id::LegalForm: return record.legalForm;
    case Fields::Id::Category: return record.category;
    case Fields::Id::OtherNames: return record.otherNames.join(u';');
    case Fields::Id::EntityStatus: return record.entityStatus;
    case Fields::Id::RegistrationStatus: return record.registrationStatus;
    case Fields::Id::NextRenewalDate: return date(record.nextRenewalDate);
    case Fields::Id::LastUpdateDate: return date(record.lastUpdateDate);
    case Fields::Id::SuccessorLei: return record.successorLei;
    case Fields::Id::LeiWarning:
        return context.leiWarnings.join(u';');
    case Fields::Id::DataAsOf:
        return context.fetchedAt.isValid() ? context.fetchedAt.toUTC().toString(Qt::ISODate) : QString();
    case Fields::Id::DataSource:
        return context.fromMirror ? QStringLiteral("mirror")
            : context.fromCache  ? QStringLiteral("cache")
                                 : QStringLiteral("api");
    case Fields::Id::DirectParentLei: return context.parents.direct.lei;
    case Fields::Id::DirectParentName: return context.parents.direct.legalName;
    case Fields::Id::DirectParentException: return context.parents.direct.exception;
    case Fields::Id::UltimateParentLei: return context.parents.ultimate.lei;
    case Fields::Id::UltimateParentName: return context.parents.ultimate.legalName;
    case Fields::Id::UltimateParentException: return context.parents.ultimate.exception;
    }
    return {};
}

} // namespace FieldValues
