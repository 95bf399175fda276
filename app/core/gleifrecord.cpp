#include "gleifrecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

bool GleifRecord::fromJson(const QJsonObject &record, GleifRecord *out, bool keepRaw)
{
    const QJsonObject attributes = record.value(u"attributes").toObject();
    const QString lei = attributes.value(u"lei").toString();
    if (lei.isEmpty())
        return false;
    const QJsonObject entity = attributes.value(u"entity").toObject();
    const QJsonObject registration = attributes.value(u"registration").toObject();

    GleifRecord r;
    r.lei = lei.trimmed().toUpper();
    r.legalName = entity.value(u"legalName").toObject().value(u"name").toString();
    for (const QJsonValue &bic : attributes.value(u"bic").toArray()) // null -> empty array
        r.bics.append(bic.toString());
    const QJsonObject legalAddress = entity.value(u"legalAddress").toObject();
    r.country = legalAddress.value(u"country").toString();
    r.city = legalAddress.value(u"city").toString();
    r.entityStatus = entity.value(u"status").toString();
    r.registrationStatus = registration.value(u"status").toString();
    r.lastUpdateDate = registration.value(u"lastUpdateDate").toString();
    r.hqCountry = entity.value(u"headquartersAddress").toObject().value(u"country").toString();
    r.jurisdiction = entity.value(u"jurisdiction").toString();
    const QJsonObject legalForm = entity.value(u"legalForm").toObject();
    r.legalForm = legalForm.value(u"id").toString();
    if (r.legalForm.isEmpty() || r.legalForm == u"8888")
        r.legalForm = legalForm.value(u"other").toString();
    r.category = entity.value(u"category").toString();
    for (const QJsonValue &name : entity.value(u"otherNames").toArray()) {
        if (const QString text = name.toObject().value(u"name").toString(); !text.isEmpty())
            r.otherNames.append(text);
    }
    r.nextRenewalDate = registration.value(u"nextRenewalDate").toString();
    r.successorLei = entity.value(u"successorEntity").toObject().value(u"lei").toString();
    if (r.successorLei.isEmpty()) {
        const QJsonArray successors = entity.value(u"successorEntities").toArray();
        if (!successors.isEmpty())
            r.successorLei = successors.first().toObject().value(u"lei").toString();
    }
    const QJsonObject relationships = record.value(u"relationships").toObject();
    const auto parentLink = [&](QStringView key) {
        const QJsonObject links = relationships.value(key).toObject().value(u"links").toObject();
        if (links.contains(u"relationship-record") || links.contains(u"lei-record"))
            return ParentLink::Reported;
        if (links.contains(u"reporting-exception"))
            return ParentLink::Exception;
        return ParentLink::Unknown;
    };
    r.directParent = parentLink(u"direct-parent");
    r.ultimateParent = parentLink(u"ultimate-parent");
    if (keepRaw)
        r.rawJson = QJsonDocument(record).toJson(QJsonDocument::Compact);
    *out = std::move(r);
    return true;
}

bool operator==(const GleifRecord &a, const GleifRecord &b)
{
    return a.lei == b.lei && a.legalName == b.legalName && a.bics == b.bics
        && a.country == b.country && a.entityStatus == b.entityStatus
        && a.registrationStatus == b.registrationStatus && a.lastUpdateDate == b.lastUpdateDate
        && a.rawJson == b.rawJson; // the fields read from the raw record follow from it
}
