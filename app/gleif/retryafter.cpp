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
        // A day at most: more is a misconfigured proxy, and seconds * 1000 must not overflow.
        return seconds < 0 ? std::nullopt
                           : std::optional(std::chrono::milliseconds(std::min<qlonglong>(seconds, 86400) * 1000));

    // IMF-fixdate is what servers send; RFC 850 and asctime are obsolete but still allowed. The
    // day name is dropped: it adds nothing, and Qt rejects one that disagrees with a 19xx year.
    const QString s = QString::fromLatin1(text).simplified();
    const qsizetype comma = s.indexOf(u',');
    const QString rest = comma >= 0 ? s.mid(comma + 1).trimmed() : s.section(u' ', 1);
    const QLocale c = QLocale::c();
    QDateTime when;
    for (const QString &format : { QStringLiteral("dd MMM yyyy HH:mm:ss 'GMT'"),
             QStringLiteral("dd-MMM-yy HH:mm:ss 'GMT'"), QStringLiteral("MMM d HH:mm:ss yyyy") }) {
        when = c.toDateTime(rest, format);
        if (when.isValid())
            break;
    }
    if (when.isValid()) {
        when = QDateTime(when.date(), when.time(), QTimeZone::utc());
        if (when.date().year() < 1970) // the two-digit years of RFC 850
            when = when.addYears(100);
    }
    if (!when.isValid())
        return std::nullopt;
    const qint64 ms = now.msecsTo(when);
    return std::chrono::milliseconds(std::max<qint64>(ms, 0));
}
