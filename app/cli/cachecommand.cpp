#include "cachecommand.h"

#include "duration.h"
#include "leicache.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLocale>
#include <QTextStream>

namespace {

constexpr int ExitOk = 0;
constexpr int ExitUsage = 2;
constexpr int ExitCacheFile = 3;

QString when(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"))
                          : QStringLiteral("none");
}

QString size(qint64 bytes)
{
    // C locale: scripts parse this output, whatever the user's language.
    return QStringLiteral("%1 (%2 bytes)").arg(QLocale::c().formattedDataSize(bytes)).arg(bytes);
}

} // namespace

QCommandLineOption cacheFileOption()
{
    return QCommandLineOption(QStringLiteral("cache"),
                              QStringLiteral("Cache file (default: $LEI_ENRICHER_CACHE, else %1).")
                                  .arg(QDir::toNativeSeparators(LeiCache::defaultPath())),
                              QStringLiteral("PATH"));
}

int runCacheCommand(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QString program = QStringLiteral("lei-enrich");

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Inspect and clear the local cache of GLEIF answers.\n\n"
        "Commands:\n"
        "  stats          counts, size on disk, oldest and newest fetch\n"
        "  purge-expired  delete the entries older than their lifetime\n"
        "  clear          delete every entry and give the space back"));
    parser.addPositionalArgument(QStringLiteral("cache"), QStringLiteral("The word 'cache'."), QStringLiteral("cache"));
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("stats, purge-expired or clear."),
                                 QStringLiteral("stats|purge-expired|clear"));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption cacheOption = cacheFileOption();
    const QCommandLineOption ttlOption(QStringLiteral("ttl"),
                                       QStringLiteral("Cache lifetime, e.g. 90s, 30m, 24h, 7d (default: $LEI_ENRICHER_TTL, else 24h)."),
                                       QStringLiteral("DURATION"));
    parser.addOption(cacheOption);
    parser.addOption(ttlOption);

    if (!parser.parse(arguments)) {
        err << program << ": " << parser.errorText() << "\n";
        return ExitUsage;
    }
    if (parser.isSet(helpOption)) {
        out << parser.helpText();
        return ExitOk;
    }
    QStringList positional = parser.positionalArguments();
    if (!positional.isEmpty() && positional.constFirst() == u"cache")
        positional.removeFirst();
    if (positional.size() != 1) {
        err << program << ": cache: expected one of stats, purge-expired, clear"
            << (positional.isEmpty() ? QString() : QStringLiteral(" (got: %1)").arg(positional.join(u' ')))
            << "\n";
        return ExitUsage;
    }
    const QString command = positional.constFirst();
    if (command != u"stats" && command != u"purge-expired" && command != u"clear") {
        err << program << ": cache: unknown command '" << command << "' (expected stats, purge-expired or clear)\n";
        return ExitUsage;
    }

    const QString ttlText = parser.isSet(ttlOption) ? parser.value(ttlOption) : qEnvironmentVariable("LEI_ENRICHER_TTL");
    std::optional<std::chrono::seconds> ttl;
    if (!ttlText.isEmpty()) {
        ttl = Duration::parse(ttlText);
        if (!ttl) {
            err << program << ": invalid --ttl '" << ttlText << "' (use e.g. 90s, 30m, 24h, 7d)\n";
            return ExitUsage;
        }
    }

    LeiCache cache;
    if (ttl)
        cache.setLifetime(*ttl);
    const QString path = LeiCache::resolvePath(parser.value(cacheOption));
    if (!cache.open(path)) {
        err << program << ": " << cache.lastError() << "\n";
        return ExitCacheFile;
    }
    if (!cache.warning().isEmpty())
        err << program << ": warning: " << cache.warning() << "\n";
    const QString shownPath = QDir::toNativeSeparators(cache.path());

    if (command == u"stats") {
        const std::optional<CacheStats> s = cache.stats();
        if (!s) {
            err << program << ": " << cache.lastError() << "\n";
            return ExitCacheFile;
        }
        out << "Cache file:    " << shownPath << "\n"
            << "Size on disk:  " << size(s->sizeOnDisk) << "\n"
            << "Entries:       " << s->total << "\n"
            << "  fresh:       " << s->fresh << "\n"
            << "  expired:     " << s->expired << "\n"
            << "  not found:   " << s->notFound << "\n"
            << "Oldest fetch:  " << when(s->oldestFetch) << "\n"
            << "Newest fetch:  " << when(s->newestFetch) << "\n"
            << "Lifetime:      " << Duration::format(cache.lifetime()) << " (not found: "
            << Duration::format(cache.notFoundLifetime()) << ")\n";
        return ExitOk;
    }
    if (command == u"purge-expired") {
        const qint64 removed = cache.purgeExpired();
        if (removed < 0) {
            err << program << ": " << cache.lastError() << "\n";
            return ExitCacheFile;
        }
        const qint64 left = cache.countEntries(QString());
        out << "Purged " << removed << " expired entries (lifetime " << Duration::format(cache.lifetime())
            << ", not found " << Duration::format(cache.notFoundLifetime()) << ") from " << shownPath
            << "; " << left << " left, " << size(cache.sizeOnDisk()) << " on disk.\n";
        return ExitOk;
    }
    const qint64 before = cache.sizeOnDisk();
    const qint64 removed = cache.clear();
    if (removed < 0) {
        err << program << ": " << cache.lastError() << "\n";
        return ExitCacheFile;
    }
    out << "Cleared " << shownPath << ": removed " << removed << " entries; size on disk "
        << size(before) << " -> " << size(cache.sizeOnDisk()) << ".\n";
    return ExitOk;
}
