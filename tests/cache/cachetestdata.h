#pragma once

// Generated LEIs and GLEIF-shaped records for the cache tests and benchmark.

#include "gleifrecord.h"
#include "lei.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace CacheTestData {

// A valid LEI (correct check digits) for each n.
inline QString lei(qint64 n)
{
    const QString body = QStringLiteral("5299%1").arg(n, 14, 10, QLatin1Char('0'));
    return body + Lei::checkDigits(body);
}

// A record in the API's shape (as in fixtures/gleif_sample_records.json), passed through
// GleifRecord::fromJson as the client does, so rawJson is what the client would hand over.
inline GleifRecord record(const QString &lei, const QString &legalName, const QStringList &bics,
                          const QString &country = QStringLiteral("DE"),
                          const QString &registrationStatus = QStringLiteral("ISSUED"))
{
    auto address = [&](const QString &line) {
        return QJsonObject{{QStringLiteral("language"), QStringLiteral("en")},
                           {QStringLiteral("addressLines"), QJsonArray{line}},
                           {QStringLiteral("addressNumber"), QJsonValue::Null},
                           {QStringLiteral("city"), QStringLiteral("Frankfurt am Main")},
                           {QStringLiteral("region"), QStringLiteral("DE-HE")},
                           {QStringLiteral("country"), country},
                           {QStringLiteral("postalCode"), QStringLiteral("60311")}};
    };
    QJsonObject entity{
        {QStringLiteral("legalName"), QJsonObject{{QStringLiteral("name"), legalName.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(legalName)},
                                                  {QStringLiteral("language"), QStringLiteral("de")}}},
        {QStringLiteral("otherNames"), QJsonArray{}},
        {QStringLiteral("legalAddress"), address(QString(QStringLiteral("Kaiserstraße 16 ") + lei.left(6)))},
        {QStringLiteral("headquartersAddress"), address(QStringLiteral("Kaiserplatz 1"))},
        {QStringLiteral("registeredAt"), QJsonObject{{QStringLiteral("id"), QStringLiteral("RA000197")}, {QStringLiteral("other"), QJsonValue::Null}}},
        {QStringLiteral("registeredAs"), QString(QStringLiteral("HRB ") + lei.mid(8, 6))},
        {QStringLiteral("jurisdiction"), country},
        {QStringLiteral("category"), QStringLiteral("GENERAL")},
        {QStringLiteral("legalForm"), QJsonObject{{QStringLiteral("id"), QStringLiteral("8Z6G")}, {QStringLiteral("other"), QJsonValue::Null}}},
        {QStringLiteral("status"), QStringLiteral("ACTIVE")},
        {QStringLiteral("creationDate"), QStringLiteral("1870-02-26T00:00:00Z")},
    };
    QJsonObject registration{
        {QStringLiteral("initialRegistrationDate"), QStringLiteral("2012-06-06T13:54:00Z")},
        {QStringLiteral("lastUpdateDate"), QStringLiteral("2025-04-03T11:09:13Z")},
        {QStringLiteral("status"), registrationStatus},
        {QStringLiteral("nextRenewalDate"), QStringLiteral("2026-04-24T13:33:51Z")},
        {QStringLiteral("managingLou"), QStringLiteral("5299000J2N45DDNE4Y28")},
        {QStringLiteral("corroborationLevel"), QStringLiteral("FULLY_CORROBORATED")},
    };
    QJsonObject attributes{
        {QStringLiteral("lei"), lei},
        {QStringLiteral("entity"), entity},
        {QStringLiteral("registration"), registration},
        {QStringLiteral("bic"), bics.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(QJsonArray::fromStringList(bics))},
        {QStringLiteral("mic"), QJsonValue::Null},
        {QStringLiteral("conformityFlag"), QStringLiteral("CONFORMING")},
    };
    const QString self = QStringLiteral("https://api.gleif.org/api/v1/lei-records/") + lei;
    QJsonObject object{
        {QStringLiteral("type"), QStringLiteral("lei-records")},
        {QStringLiteral("id"), lei},
        {QStringLiteral("attributes"), attributes},
        {QStringLiteral("relationships"), QJsonObject{{QStringLiteral("managing-lou"), QJsonObject{{QStringLiteral("links"), QJsonObject{{QStringLiteral("related"), QString(self + QStringLiteral("/managing-lou"))}}}}}}},
        {QStringLiteral("links"), QJsonObject{{QStringLiteral("self"), self}}},
    };
    GleifRecord out;
    GleifRecord::fromJson(object, &out);
    return out;
}

inline LookupResult found(const GleifRecord &rec, const QDateTime &fetchedAt)
{
    LookupResult r;
    r.lei = rec.lei;
    r.outcome = LookupOutcome::Found;
    r.record = rec;
    r.fetchedAt = fetchedAt;
    return r;
}

inline LookupResult found(qint64 n, const QDateTime &fetchedAt)
{
    const QString l = lei(n);
    return found(record(l, QStringLiteral("Entity %1 AG").arg(n), {QStringLiteral("COBADEFF%1").arg(n % 1000, 3, 10, QLatin1Char('0'))}), fetchedAt);
}

inline LookupResult notFound(const QString &lei, const QDateTime &fetchedAt)
{
    LookupResult r;
    r.lei = lei;
    r.outcome = LookupOutcome::NotFound;
    r.fetchedAt = fetchedAt;
    return r;
}

} // namespace CacheTestData
