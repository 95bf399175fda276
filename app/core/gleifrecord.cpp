#include "gleifrecord.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

bool GleifRecord::fromJson(const QJsonObject &record, GleifRecord *out)
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
    r.country = entity.value(u"legalAddress").toObject().value(u"country").toString();
    r.entityStatus = entity.value(u"status").toString();
    r.registrationStatus = registration.value(u"status").toString();
    r.lastUpdateDate = registration.value(u"lastUpdateDate").toString();
    r.rawJson = QJsonDocument(record).toJson(QJsonDocument::Compact);
    *out = std::move(r);
    return true;
}

bool operator==(const GleifRecord &a, const GleifRecord &b)
{
    return a.lei == b.lei && a.legalName == b.legalName && a.bics == b.bics
        && a.country == b.country && a.entityStatus == b.entityStatus
        && a.registrationStatus == b.registrationStatus && a.lastUpdateDate == b.lastUpdateDate
        && a.rawJson == b.rawJson;
}
