#include "appsettings.h"

#include "costrules.h"
#include "duration.h"
#include "fieldcatalogue.h"
#include "leicache.h"
#include "networkconfig.h"

#include <QCoreApplication>
#include <QSettings>
#include <QUrl>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("AppSettings", text);
}

const QString kApiUrl = QStringLiteral("gleif/apiUrl");
const QString kRpm = QStringLiteral("gleif/requestsPerMinute");
const QString kBatch = QStringLiteral("gleif/batchSize");
const QString kConcurrency = QStringLiteral("gleif/concurrency");
const QString kTimeout = QStringLiteral("gleif/timeoutSeconds");
const QString kCaBundle = QStringLiteral("network/caBundle");
const QString kCachePath = QStringLiteral("cache/path");
const QString kLifetime = QStringLiteral("cache/lifetime");
const QString kNotFoundLifetime = QStringLiteral("cache/notFoundLifetime");
const QString kRules = QStringLiteral("rules/path");
const QString kLanguage = QStringLiteral("ui/language");
const QString kNeutraliseFormulas = QStringLiteral("export/neutraliseFormulas");
const QString kSource = QStringLiteral("enrich/source"); // auto, api or mirror
const QString kMirrorPath = QStringLiteral("mirror/path");
const QString kMirrorUpdateHours = QStringLiteral("mirror/updateWhenOlderThanHours"); // 0: never
const QString kFields = QStringLiteral("enrich/fields"); // field names (Fields::name), in output order

// The ranges problems() accepts; load() never hands out a stored value outside them.
constexpr qint64 MaxRequestsPerMinute = 100000;
constexpr qint64 MaxBatchSize = 200;
constexpr qint64 MaxConcurrency = 64;
constexpr qint64 MaxTimeoutSeconds = 3600;

// A stored whole number from 1 to `max`, else `fallback` with a line in `ignored`: a 0 or a
// garbled value (which QVariant would read as 0) must not reach the client, where a timeout of 0
// means none at all.
qint64 storedNumber(const QSettings &settings, const QString &key, qint64 fallback, qint64 max, QStringList *ignored)
{
    if (!settings.contains(key))
        return fallback;
    const QString text = settings.value(key).toString().trimmed();
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (ok && value >= 1 && value <= max)
        return value;
    ignored->append(QCoreApplication::translate("AppSettings", "The stored setting %1 (\"%2\") is not a whole number from 1 to %3; the default %4 is used.")
                        .arg(key, text.left(40)).arg(max).arg(fallback));
    return fallback;
}

// The stored field names that are in the catalogue, in their order, each once; a name that is not
// (a later version's field, a typo made by hand) gets a line in `ignored`. The defaults, with a
// line, when none is left.
QVector<Fields::Id> storedFields(const QSettings &settings, const QVector<Fields::Id> &fallback, QStringList *ignored)
{
    if (!settings.contains(kFields))
        return fallback;
    QVector<Fields::Id> out;
    for (const QString &name : settings.value(kFields).toStringList()) {
        if (name.trimmed().isEmpty())
            continue;
        if (const auto id = Fields::fromName(name.trimmed())) {
            if (!out.contains(*id))
                out << *id;
        } else {
            ignored->append(QCoreApplication::translate("AppSettings", "The stored setting %1 names an unknown field \"%2\"; it is left out.")
                                .arg(kFields, name.left(40)));
        }
    }
    if (!out.isEmpty())
        return out;
    QStringList names;
    for (const Fields::Id id : fallback)
        names << Fields::name(id);
    ignored->append(QCoreApplication::translate("AppSettings", "The stored setting %1 names no known field; the default %2 is used.")
                        .arg(kFields, names.join(u',')));
    return fallback;
}

} // namespace

AppSettings AppSettings::load(QSettings &settings)
{
    AppSettings s;
    EnrichmentSettings &e = s.enrichment;
    if (const QString url = qEnvironmentVariable("LEI_ENRICHER_API_URL"); !url.isEmpty())
        e.gleif.baseUrl = QUrl(url);
    e.cachePath = qEnvironmentVariable("LEI_ENRICHER_CACHE");
    if (const auto ttl = Duration::parse(qEnvironmentVariable("LEI_ENRICHER_TTL")))
        e.lifetime = *ttl;
    e.gleif.caBundlePath = qEnvironmentVariable("LEI_ENRICHER_CA_BUNDLE");
    const QString source = settings.value(kSource, qEnvironmentVariable("LEI_ENRICHER_SOURCE")).toString();
    if (source == u"api")
        e.source = EnrichmentSettings::Source::Api;
    else if (source == u"mirror")
        e.source = EnrichmentSettings::Source::Mirror;
    else if (!source.isEmpty() && source != u"auto")
        s.ignored << QCoreApplication::translate("AppSettings", "The stored setting %1 is not auto, api or mirror: %2; auto is used.")
                         .arg(kSource, source);
    e.mirrorPath = settings.value(kMirrorPath).toString(); // resolvePath adds LEI_ENRICHER_MIRROR

    if (settings.contains(kApiUrl))
        e.gleif.baseUrl = QUrl(settings.value(kApiUrl).toString());
    e.gleif.requestsPerMinute = int(storedNumber(settings, kRpm, e.gleif.requestsPerMinute, MaxRequestsPerMinute, &s.ignored));
    e.gleif.batchSize = int(storedNumber(settings, kBatch, e.gleif.batchSize, MaxBatchSize, &s.ignored));
    e.gleif.concurrency = int(storedNumber(settings, kConcurrency, e.gleif.concurrency, MaxConcurrency, &s.ignored));
    e.gleif.timeout = std::chrono::seconds(storedNumber(
        settings, kTimeout, std::chrono::duration_cast<std::chrono::seconds>(e.gleif.timeout).count(), MaxTimeoutSeconds, &s.ignored));
    e.gleif.caBundlePath = settings.value(kCaBundle, e.gleif.caBundlePath).toString();
    e.cachePath = settings.value(kCachePath, e.cachePath).toString();
    if (const auto v = Duration::parse(settings.value(kLifetime).toString()))
        e.lifetime = *v;
    if (const auto v = Duration::parse(settings.value(kNotFoundLifetime).toString()))
        e.notFoundLifetime = *v;
    s.rulesPath = settings.value(kRules).toString();
    s.language = settings.value(kLanguage).toString();
    e.fields = storedFields(settings, e.fields, &s.ignored);
    for (const QString &line : std::as_const(s.ignored))
        qWarning("%s", qPrintable(line));
    s.neutraliseFormulas = settings.value(kNeutraliseFormulas, false).toBool();
    if (settings.contains(kMirrorUpdateHours)) {
        bool ok = false;
        const int hours = settings.value(kMirrorUpdateHours).toString().trimmed().toInt(&ok);
        if (ok && hours >= 0 && hours <= maxMirrorUpdateHours)
            s.mirrorUpdateHours = hours;
        else // never a surprise download: off
            qWarning("%s", qPrintable(QCoreApplication::translate("AppSettings", "The stored setting %1 is not a whole number of hours from 0 to %2; the mirror is not updated by itself.")
                                          .arg(kMirrorUpdateHours).arg(maxMirrorUpdateHours)));
    }
    return s;
}

void AppSettings::save(QSettings &settings) const
{
    const EnrichmentSettings &e = enrichment;
    settings.setValue(kApiUrl, e.gleif.baseUrl.toString());
    settings.setValue(kRpm, e.gleif.requestsPerMinute);
    settings.setValue(kBatch, e.gleif.batchSize);
    settings.setValue(kConcurrency, e.gleif.concurrency);
    settings.setValue(kTimeout, qint64(std::chrono::duration_cast<std::chrono::seconds>(e.gleif.timeout).count()));
    settings.setValue(kCaBundle, e.gleif.caBundlePath);
    settings.setValue(kCachePath, e.cachePath);
    settings.setValue(kLifetime, Duration::format(e.lifetime));
    settings.setValue(kNotFoundLifetime, Duration::format(e.notFoundLifetime));
    settings.setValue(kRules, rulesPath);
    settings.setValue(kLanguage, language);
    settings.setValue(kNeutraliseFormulas, neutraliseFormulas);
    settings.setValue(kMirrorUpdateHours, mirrorUpdateHours);
    settings.setValue(kSource, e.source == EnrichmentSettings::Source::Api      ? QStringLiteral("api")
                               : e.source == EnrichmentSettings::Source::Mirror ? QStringLiteral("mirror")
                                                                                : QStringLiteral("auto"));
    if (!e.mirrorPath.isEmpty())
        settings.setValue(kMirrorPath, e.mirrorPath);
    QStringList names;
    for (const Fields::Id id : e.fields)
        names << Fields::name(id);
    settings.setValue(kFields, names);
}

QStringList AppSettings::problems() const
{
    QStringList out;
    const EnrichmentSettings &e = enrichment;
    const QUrl &url = e.gleif.baseUrl;
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        out << tr("The GLEIF API URL must be an http:// or https:// address.");
    if (e.gleif.requestsPerMinute < 1 || e.gleif.requestsPerMinute > MaxRequestsPerMinute)
        out << tr("Requests per minute must be between 1 and 100,000.");
    if (e.gleif.batchSize < 1 || e.gleif.batchSize > MaxBatchSize)
        out << tr("The batch size must be between 1 and 200 (GLEIF's largest page).");
    if (e.gleif.concurrency < 1 || e.gleif.concurrency > MaxConcurrency)
        out << tr("Concurrency must be between 1 and 64.");
    if (e.gleif.timeout < std::chrono::seconds(1) || e.gleif.timeout > std::chrono::seconds(MaxTimeoutSeconds))
        out << tr("The timeout must be between 1 second and 1 hour.");
    if (!e.gleif.caBundlePath.isEmpty()) {
        const NetworkConfig::CaBundle bundle = NetworkConfig::loadCaBundle(e.gleif.caBundlePath);
        if (!bundle.error.isEmpty())
            out << tr("The CA bundle cannot be used: %1").arg(bundle.error);
    }
    if (e.lifetime <= std::chrono::seconds(0))
        out << tr("The cache lifetime must be longer than zero.");
    if (e.notFoundLifetime <= std::chrono::seconds(0))
        out << tr("The lifetime of \"not found\" answers must be longer than zero.");
    else if (e.notFoundLifetime > e.lifetime)
        out << tr("\"Not found\" answers cannot be kept longer than the cache lifetime.");
    if (!e.cachePath.isEmpty()) {
        if (const QString why = LeiCache::unusableReason(e.cachePath); !why.isEmpty())
            out << tr("The cache file cannot be used: %1").arg(why);
    }
    if (!rulesPath.isEmpty()) {
        QString error;
        if (!CostRules::load(rulesPath, &error))
            out << tr("The cost rules cannot be used: %1").arg(error);
    }
    if (!language.isEmpty() && language != u"en" && language != u"de")
        out << tr("Unknown language: %1").arg(language);
    return out;
}
