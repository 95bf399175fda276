#include "leihealth.h"

#include "gleifrecord.h"

#include <QDateTime>

namespace LeiHealth {

QDate utcDate(const QString &timestamp)
{
    if (timestamp.isEmpty())
        return {};
    const QDateTime t = QDateTime::fromString(timestamp, Qt::ISODateWithMs);
    if (t.isValid())
        return t.toUTC().date();
    return QDate::fromString(timestamp.left(10), Qt::ISODate); // a plain date
}

QStringList judge(const GleifRecord &record, QDate today)
{
    QStringList codes;
    const QString status = record.registrationStatus.trimmed().toUpper();
    if (!status.isEmpty() && status != u"ISSUED" && status != u"PENDING_TRANSFER")
        codes << status.toLower();
    if (record.entityStatus.trimmed().compare(u"INACTIVE", Qt::CaseInsensitive) == 0)
        codes << QStringLiteral("inactive");
    if (!record.successorLei.isEmpty())
        codes << QStringLiteral("successor:") + record.successorLei.trimmed().toUpper();
    const QDate renewal = utcDate(record.nextRenewalDate);
    if (renewal.isValid() && today.isValid() && renewal <= today.addDays(renewalWindowDays))
        codes << QStringLiteral("renewal_due");
    return codes;
}

} // namespace LeiHealth
