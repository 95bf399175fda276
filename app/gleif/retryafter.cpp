#include "retryafter.h"

#include <QLocale>
#include <QString>
#include <QTimeZone>

#include <algorithm>

std::optional<std::chrono::milliseconds> parseRetryAfter(QByteArrayView value, const QDateTime &now)
{
    const QByteArray text = value.toByteArray().trimmed();
    if (text.isEmpty())
        return std::nullopt;

    bool isNumber = false;
    const qlonglong seconds = text.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt
                           : std::optional(std::chrono::milliseconds(seconds * 1000));

    // IMF-fixdate is the form servers send; RFC 850 and asctime are obsolete but still allowed.
    const QString s = QString::fromLatin1(text);
    QDateTime when = QDateTime::fromString(s, Qt::RFC2822Date);
    if (!when.isValid()) {
        const QLocale c = QLocale::c();
        for (const QString &format : { QStringLiteral("dddd, dd-MMM-yy HH:mm:ss 'GMT'"),
                                       QStringLiteral("ddd MMM d HH:mm:ss yyyy") }) {
            when = c.toDateTime(s.simplified(), format);
            if (when.isValid())
                break;
        }
        if (when.isValid()) {
            when.setTimeZone(QTimeZone::utc());
            if (when.date().year() < 1970) // two-digit years of RFC 850
                when = when.addYears(100);
        }
    }
    if (!when.isValid())
        return std::nullopt;
    const qint64 ms = now.msecsTo(when);
    return std::chrono::milliseconds(std::max<qint64>(ms, 0));
}
