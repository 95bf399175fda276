#include "appsettings.h"

#include "costrules.h"
#include "duration.h"
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

    if (settings.contains(kApiUrl))
        e.gleif.baseUrl = QUrl(settings.value(kApiUrl).toString());
    e.gleif.requestsPerMinute = settings.value(kRpm, e.gleif.requestsPerMinute).toInt();
    e.gleif.batchSize = settings.value(kBatch, e.gleif.batchSize).toInt();
    e.gleif.concurrency = settings.value(kConcurrency, e.gleif.concurrency).toInt();
    e.gleif.timeout = std::chrono::seconds(
        settings.value(kTimeout, qint64(std::chrono::duration_cast<std::chrono::seconds>(e.gleif.timeout).count())).toLongLong());
    e.gleif.caBundlePath = settings.value(kCaBundle, e.gleif.caBundlePath).toString();
    e.cachePath = settings.value(kCachePath, e.cachePath).toString();
    if (const auto v = Duration::parse(settings.value(kLifetime).toString()))
        e.lifetime = *v;
    if (const auto v = Duration::parse(settings.value(kNotFoundLifetime).toString()))
        e.notFoundLifetime = *v;
    s.rulesPath = settings.value(kRules).toString();
    s.language = settings.value(kLanguage).toString();
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
}

QStringList AppSettings::problems() const
{
    QStringList out;
    const EnrichmentSettings &e = enrichment;
    const QUrl &url = e.gleif.baseUrl;
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty())
        out << tr("The GLEIF API URL must be an http:// or https:// address.");
    if (e.gleif.requestsPerMinute < 1 || e.gleif.requestsPerMinute > 100000)
        out << tr("Requests per minute must be between 1 and 100,000.");
    if (e.gleif.batchSize < 1 || e.gleif.batchSize > 200)
        out << tr("The batch size must be between 1 and 200 (GLEIF's largest page).");
    if (e.gleif.concurrency < 1 || e.gleif.concurrency > 64)
        out << tr("Concurrency must be between 1 and 64.");
    if (e.gleif.timeout < std::chrono::seconds(1) || e.gleif.timeout > std::chrono::hours(1))
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
    if (!rulesPath.isEmpty()) {
        QString error;
        if (!CostRules::load(rulesPath, &error))
            out << tr("The cost rules cannot be used: %1").arg(error);
    }
    if (!language.isEmpty() && language != u"en" && language != u"de")
        out << tr("Unknown language: %1").arg(language);
    return out;
}
