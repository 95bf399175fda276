#include "goldencopyapi.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

namespace GoldenCopy {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("GoldenCopy", text);
}

// Far above any real file (the largest, LEI2, is about 0.5 GB zipped) yet small enough that sums
// of a few never overflow: a bigger number is a hostile or broken answer.
constexpr qint64 maxSize = qint64(1) << 40; // 1 TiB
constexpr qint64 maxRecords = qint64(1) << 36;

// Parsing state: the first problem found, named by its path in the answer.
struct Reader
{
    QUrl base;
    QString error;

    bool fail(const QString &path, const QString &what)
    {
        if (error.isEmpty())
            error = tr("%1: %2").arg(path, what);
        return false;
    }

    // A whole number in [0, max]: a JSON integer, or a string of digits (GLEIF's own
    // answers have used both for counts).
    std::optional<qint64> count(const QJsonObject &o, const QString &key, const QString &path, qint64 max)
    {
        const QJsonValue v = o.value(key);
        qint64 n = -1;
        if (v.isDouble()) {
            const double d = v.toDouble();
            if (d >= 0 && d <= double(max) && d == double(qint64(d)))
                n = qint64(d);
        } else if (v.isString() && QRegularExpression(QStringLiteral("^[0-9]{1,15}$")).match(v.toString()).hasMatch()) {
            n = v.toString().toLongLong();
        } else if (v.isUndefined()) {
            fail(path + u'.' + key, tr("missing"));
            return std::nullopt;
        }
        if (n < 0 || n > max) {
            fail(path + u'.' + key, tr("not a whole number from 0 to %1").arg(max));
            return std::nullopt;
        }
        return n;
    }

    std::optional<QUrl> url(const QJsonValue &v, const QString &path)
    {
        if (!v.isString() || v.toString().isEmpty()) {
            fail(path, tr("missing or not a text"));
            return std::nullopt;
        }
        const QUrl u(v.toString(), QUrl::StrictMode);
        if (!u.isValid() || u.isRelative() || u.host().isEmpty()) {
            fail(path, tr("not a valid absolute URL"));
            return std::nullopt;
        }
        // Files come from the host of the API that lists them (which may redirect to its
        // storage when downloaded); by https, unless the API itself is plain http (a local test).
        const bool plainAllowed = base.scheme() == u"http";
        if (u.scheme() != u"https" && !(plainAllowed && u.scheme() == u"http")) {
            fail(path, tr("%1 is not an https URL (refused)").arg(u.toDisplayString()));
            return std::nullopt;
        }
        if (u.host().compare(base.host(), Qt::CaseInsensitive) != 0
            || u.port(u.scheme() == u"https" ? 443 : 80) != base.port(base.scheme() == u"https" ? 443 : 80)) {
            fail(path, tr("%1 is not on %2 (refused)").arg(u.toDisplayString(), base.host()));
            return std::nullopt;
        }
        return u;
    }

    std::optional<QJsonObject> object(const QJsonValue &v, const QString &path)
    {
        if (!v.isObject()) {
            fail(path, v.isUndefined() ? tr("missing") : tr("not an object"));
            return std::nullopt;
        }
        return v.toObject();
    }

    std::optional<QDateTime> date(const QJsonValue &v, const QString &path)
    {
        const QDateTime d = v.isString() ? parsePublishDate(v.toString()) : QDateTime();
        if (!d.isValid()) {
            fail(path, v.isUndefined() ? tr("missing") : tr("not a date"));
            return std::nullopt;
        }
        return d;
    }

    // `{csv, json, xml}` of `{type, format, record_count, size, delta_type, url}`: the CSV one.
    std::optional<FileInfo> file(const QJsonValue &v, const QString &path)
    {
        const auto formats = object(v, path);
        if (!formats)
            return std::nullopt;
        const auto csv = object(formats->value(u"csv"), path + QStringLiteral(".csv"));
        if (!csv)
            return std::nullopt;
        const QString at = path + QStringLiteral(".csv");
        FileInfo info;
        const auto size = count(*csv, QStringLiteral("size"), at, maxSize);
        const auto records = size ? count(*csv, QStringLiteral("record_count"), at, maxRecords) : std::nullopt;
        const auto link = records ? url(csv->value(u"url"), at + QStringLiteral(".url")) : std::nullopt;
        if (!link)
            return std::nullopt;
        if (*size == 0) {
            fail(at + QStringLiteral(".size"), tr("0 bytes"));
            return std::nullopt;
        }
        info.size = *size;
        info.recordCount = *records;
        info.url = *link;
        return info;
    }

    std::optional<TypeInfo> type(const QJsonValue &v, const QString &path, const QDateTime &publishDate)
    {
        const auto o = object(v, path);
        if (!o)
            return std::nullopt;
        TypeInfo info;
        info.publishDate = publishDate;
        if (o->contains(u"publish_date")) {
            const auto d = date(o->value(u"publish_date"), path + QStringLiteral(".publish_date"));
            if (!d)
                return std::nullopt;
            info.publishDate = *d;
        }
        if (!info.publishDate.isValid()) {
            fail(path + QStringLiteral(".publish_date"), tr("missing"));
            return std::nullopt;
        }
        const auto full = file(o->value(u"full_file"), path + QStringLiteral(".full_file"));
        if (!full)
            return std::nullopt;
        info.full = *full;
        // Absent, null, [] or {}: none published (GLEIF answers [] when there are none).
        const QJsonValue deltas = o->value(u"delta_files");
        if (deltas.isObject()) {
            const QJsonObject d = deltas.toObject();
            for (Delta delta : allDeltas) {
                const QString name = deltaName(delta);
                if (!d.contains(name) || d.value(name).isNull())
                    continue;
                const auto f = file(d.value(name), path + QStringLiteral(".delta_files.") + name);
                if (!f)
                    return std::nullopt;
                info.deltas.insert(delta, *f);
            }
        } else if (!(deltas.isUndefined() || deltas.isNull() || (deltas.isArray() && deltas.toArray().isEmpty()))) {
            fail(path + QStringLiteral(".delta_files"), tr("not an object"));
            return std::nullopt;
        }
        return info;
    }

    std::optional<QJsonObject> data(const QByteArray &json)
    {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
        if (!doc.isObject()) {
            fail(QStringLiteral("answer"), tr("not a JSON object (%1)").arg(parseError.errorString()));
            return std::nullopt;
        }
        return object(doc.object().value(u"data"), QStringLiteral("data"));
    }
};

QUrl under(const QUrl &base, const QString &path)
{
    QUrl url = base;
    QString p = url.path();
    if (!p.endsWith(u'/'))
        p += u'/';
    url.setPath(p + path);
    url.setQuery(QString());
    return url;
}

} // namespace

QString typeName(FileType type)
{
    switch (type) {
    case FileType::Lei2:
        return QStringLiteral("lei2");
    case FileType::Rr:
        return QStringLiteral("rr");
    case FileType::Repex:
        return QStringLiteral("repex");
    case FileType::BicMap:
        return QStringLiteral("bic-map");
    }
    return {};
}

QString deltaName(Delta delta)
{
    switch (delta) {
    case Delta::IntraDay:
        return QStringLiteral("IntraDay");
    case Delta::LastDay:
        return QStringLiteral("LastDay");
    case Delta::LastWeek:
        return QStringLiteral("LastWeek");
    case Delta::LastMonth:
        return QStringLiteral("LastMonth");
    }
    return {};
}

qint64 deltaWindowSeconds(Delta delta)
{
    constexpr qint64 hour = 3600;
    switch (delta) {
    case Delta::IntraDay:
        return 8 * hour;
    case Delta::LastDay:
        return 24 * hour;
    case Delta::LastWeek:
        return 7 * 24 * hour;
    case Delta::LastMonth:
        return 31 * 24 * hour;
    }
    return 0;
}

QDateTime parsePublishDate(const QString &text)
{
    QDateTime d = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    if (d.isValid()) {
        d.setTimeZone(QTimeZone::utc()); // GLEIF's publish times are UTC (docs: unconfirmed)
        return d;
    }
    d = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (d.isValid() && d.timeSpec() == Qt::LocalTime)
        d.setTimeZone(QTimeZone::utc());
    return d.isValid() ? d.toUTC() : QDateTime();
}

QUrl latestUrl(const QUrl &goldenCopyBase)
{
    return under(goldenCopyBase, QStringLiteral("golden-copies/publishes/latest"));
}

QUrl typeLatestUrl(const QUrl &goldenCopyBase, FileType type)
{
    return under(goldenCopyBase, QStringLiteral("golden-copies/publishes/") + typeName(type) + QStringLiteral("/latest"));
}

QUrl mappingLatestUrl(const QUrl &mappingBase)
{
    return under(mappingBase, QStringLiteral("bic-lei/latest"));
}

std::optional<Publish> parseLatest(const QByteArray &json, const QUrl &base, QString *error)
{
    Reader r { base, {} };
    std::optional<Publish> result;
    if (const auto data = r.data(json)) {
        if (const auto date = r.date(data->value(u"publish_date"), QStringLiteral("data.publish_date"))) {
            Publish publish;
            publish.publishDate = *date;
            bool ok = true;
            for (FileType t : goldenCopyTypes) {
                const auto info = r.type(data->value(typeName(t)), QStringLiteral("data.") + typeName(t), *date);
                if (!info) {
                    ok = false;
                    break;
                }
                publish.types.insert(t, *info);
            }
            if (ok)
                result = publish;
        }
    }
    if (!result && error)
        *error = r.error;
    return result;
}

std::optional<TypeInfo> parseTypeLatest(const QByteArray &json, const QUrl &base, QString *error)
{
    Reader r { base, {} };
    std::optional<TypeInfo> result;
    if (const auto data = r.data(json))
        result = r.type(*data, QStringLiteral("data"), QDateTime());
    if (!result && error)
        *error = r.error;
    return result;
}

std::optional<MappingFile> parseMappingLatest(const QByteArray &json, const QUrl &base, QString *error)
{
    Reader r { base, {} };
    std::optional<MappingFile> result;
    const auto data = r.data(json);
    const auto attributes = data ? r.object(data->value(u"attributes"), QStringLiteral("data.attributes")) : std::nullopt;
    if (attributes) {
        const QString at = QStringLiteral("data.attributes.");
        const QJsonValue name = attributes->value(u"fileName");
        if (!name.isString() || name.toString().isEmpty()) {
            r.fail(at + QStringLiteral("fileName"), tr("missing or not a text"));
        } else if (const auto date = r.date(attributes->value(u"uploadedAt"), at + QStringLiteral("uploadedAt"))) {
            if (const auto link = r.url(attributes->value(u"downloadLink"), at + QStringLiteral("downloadLink")))
                result = MappingFile { name.toString(), *date, *link };
        }
    }
    if (!result && error)
        *error = r.error;
    return result;
}

QList<Download> plan(const MirrorDates &mirror, const Publish &latest, const std::optional<MappingFile> &mapping)
{
    QList<Download> downloads;
    for (FileType t : goldenCopyTypes) {
        const auto it = latest.types.constFind(t);
        if (it == latest.types.cend())
            continue;
        const TypeInfo &info = *it;
        const QDateTime held = mirror.value(t);
        if (held.isValid() && held >= info.publishDate)
            continue; // up to date
        Download d;
        d.type = t;
        d.kind = Download::Kind::Full;
        d.file = info.full;
        d.publishDate = info.publishDate;
        if (held.isValid()) {
            for (Delta delta : allDeltas) { // narrowest first
                const auto f = info.deltas.constFind(delta);
                if (f != info.deltas.cend() && info.publishDate.addSecs(-deltaWindowSeconds(delta)) <= held) {
                    d.kind = Download::Kind::Delta;
                    d.delta = delta;
                    d.file = *f;
                    break;
                }
            }
        }
        downloads.append(d);
    }
    if (mapping) {
        const QDateTime held = mirror.value(FileType::BicMap);
        if (!held.isValid() || held < mapping->uploadedAt) {
            Download d;
            d.type = FileType::BicMap;
            d.kind = Download::Kind::BicMap;
            d.file.url = mapping->url;
            d.file.size = -1; // the mapping API does not say
            d.file.recordCount = -1;
            d.publishDate = mapping->uploadedAt;
            downloads.append(d);
        }
    }
    return downloads;
}

QString localFileName(const Download &download)
{
    // GLEIF's own naming: the mirror's import tells a delta from a full file by it, and so does
    // a hand import of a download left behind.
    const QDateTime when = download.publishDate.toUTC();
    if (download.kind == Download::Kind::BicMap)
        return QStringLiteral("LEI-BIC-") + when.toString(QStringLiteral("yyyyMMdd")) + QStringLiteral(".zip");
    QString kind = QStringLiteral("golden-copy");
    if (download.kind == Download::Kind::Delta) {
        static const char *const names[] = { "intra-day", "last-day", "last-week", "last-month" };
        kind = QLatin1String(names[int(download.delta)]);
    }
    return when.toString(QStringLiteral("yyyyMMdd-HHmm")) + QStringLiteral("-gleif-goldencopy-") + typeName(download.type) + u'-'
        + kind + QStringLiteral(".csv.zip");
}

} // namespace GoldenCopy
