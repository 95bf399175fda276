// lei-enrich: the command-line face of LEI Enricher.
#include "cachecommand.h"
#include "costrules.h"
#include "costtotals.h"
#include "csvfile.h"
#include "decisionscommand.h"
#include "duration.h"
#include "enrichmentjob.h"
#include "enrichmentrun.h"
#include "fieldcatalogue.h"
#include "leicache.h"
#include "mirrorcommand.h"
#include "networkconfig.h"
#include "xlsxsheet.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>
#include <QUrl>

#include <cstdio>
#include <cstdlib>
#include <optional>

namespace {

enum ExitCode { Ok = 0, Usage = 2, InputOutput = 3 };

QString tr(const char *text)
{
    return QCoreApplication::translate("lei-enrich", text);
}

int fail(int code, const QString &message)
{
    QTextStream(stderr) << "lei-enrich: " << message << '\n';
    return code;
}

std::optional<int> positiveInt(const QCommandLineParser &parser, const QString &name, int max)
{
    if (!parser.isSet(name))
        return std::nullopt;
    bool ok = false;
    const int v = parser.value(name).toInt(&ok);
    if (!ok || v <= 0 || v > max)
        return -1;
    return v;
}

// The catalogue's names for --help, parent fields marked: they cost requests online.
QString catalogueNames()
{
    QStringList names;
    for (const Fields::Info &i : Fields::catalogue())
        names << QString::fromLatin1(i.name) + (i.parent ? QStringLiteral("*") : QString());
    return names.join(QStringLiteral(", ")) + tr(" (*: one request per parent or exception online)");
}

} // namespace

int runCommand(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("LEI Enricher"));
    QCoreApplication::setApplicationName(QStringLiteral("LEI Enricher"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEI_VERSION));

    const QStringList arguments = app.arguments();
    if (arguments.size() > 1 && arguments[1] == u"cache")
        return runCacheCommand(arguments);
    if (arguments.size() > 1 && arguments[1] == u"mirror")
        return runMirrorCommand(arguments);
    if (arguments.size() > 1 && arguments[1] == u"decisions")
        return runDecisionsCommand(arguments);

    QCommandLineParser parser;
    parser.setApplicationDescription(tr(
        "Enrich a CSV of transactions with GLEIF data (legal name, BICs, country) and "
        "transaction costs.\n"
        "Also: lei-enrich cache stats|purge-expired|clear [--cache PATH]\n"
        "      lei-enrich mirror update|import FILE...|status|remove [--mirror PATH]\n"
        "      lei-enrich decisions list|forget NAME|clear [--cache PATH]"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("INPUT.csv"), tr("The transactions file, CSV or .xlsx (never modified)."));
    const QList<QCommandLineOption> options{
        {{QStringLiteral("o"), QStringLiteral("output")}, tr(".csv or .xlsx by extension; default INPUT-stem.enriched.csv beside INPUT (.xlsx for an .xlsx INPUT)."), QStringLiteral("PATH")},
        {QStringLiteral("api-url"), tr("GLEIF API base (default https://api.gleif.org/api/v1; env LEI_ENRICHER_API_URL)."), QStringLiteral("URL")},
        {QStringLiteral("cache"), tr("Cache file (default in the user's application data folder; env LEI_ENRICHER_CACHE)."), QStringLiteral("PATH")},
        {QStringLiteral("ttl"), tr("Cache lifetime, e.g. 90s, 30m, 24h, 7d (default 24h; env LEI_ENRICHER_TTL)."), QStringLiteral("DURATION")},
        {QStringLiteral("offline"), tr("No network: the cache (and the mirror) only; LEIs they lack get lookup_failed.")},
        {QStringLiteral("source"), tr("Where answers come from: auto (the fresher of cache and mirror within the lifetime, else "
                                      "GLEIF's API), api, or mirror (the local Golden Copy only, no network) (default auto; "
                                      "env LEI_ENRICHER_SOURCE)."), QStringLiteral("auto|api|mirror")},
        {QStringLiteral("mirror"), tr("The GLEIF mirror file (default in the user's application data folder; env LEI_ENRICHER_MIRROR)."),
         QStringLiteral("PATH")},
        {QStringLiteral("refresh"), tr("Fetch every LEI again, whatever the cache holds.")},
        {QStringLiteral("rules"), tr("Cost rules JSON file."), QStringLiteral("PATH")},
        {QStringLiteral("lei-column"), tr("Name of the column holding the LEIs (default: the column named lei)."), QStringLiteral("NAME")},
        {QStringLiteral("decimal-comma"), tr("Numbers use a decimal comma (1.234.567,89), whatever the file suggests.")},
        {QStringLiteral("decimal-point"), tr("Numbers use a decimal point (1,234,567.89), whatever the file suggests "
                                             "(default: detected from the numbers the cost rules read).")},
        {QStringLiteral("currency-column"), tr("Name of the column holding the notionals' currency, for the report's cost totals "
                                               "per country and currency (default: notional_currency, currency, ccy or currency_code)."),
         QStringLiteral("NAME")},
        {QStringLiteral("delimiter"), tr("Field delimiter: , ; | tab (default: detected)."), QStringLiteral("CHAR")},
        {QStringLiteral("encoding"), tr("Input encoding: utf-8, utf-16le, utf-16be, windows-1252 (default: detected)."), QStringLiteral("NAME")},
        {QStringLiteral("sheet"), tr("The sheet of an .xlsx input to read (default: the first)."), QStringLiteral("NAME")},
        {QStringLiteral("requests-per-minute"), tr("GLEIF requests per rolling minute (default 60)."), QStringLiteral("N")},
        {QStringLiteral("batch-size"), tr("LEIs per request, at most 200 (default 200)."), QStringLiteral("N")},
        {QStringLiteral("concurrency"), tr("Requests in flight at once."), QStringLiteral("N")},
        {QStringLiteral("timeout"), tr("Seconds a whole lookup request may take, connect to last byte, before it is retried (default 30)."), QStringLiteral("SECONDS")},
        {QStringLiteral("ca-bundle"), tr("Extra CA certificates (PEM) trusted for GLEIF's hosts, besides the system's (env LEI_ENRICHER_CA_BUNDLE). The proxy comes from https_proxy / http_proxy / no_proxy."), QStringLiteral("PATH")},
        {QStringLiteral("fields"), tr("GLEIF columns to add, comma-separated, in output order (default legalName,bic,country; "
                                      "all: the whole catalogue): %1.")
                                       .arg(catalogueNames()), QStringLiteral("LIST")},
        {QStringLiteral("report"), tr("Write a JSON summary of the run here."), QStringLiteral("PATH")},
        {QStringLiteral("neutralise-formulas"), tr("Also put a ' before the input's own cells that a spreadsheet would run as "
                                                   "formulas (GLEIF's text always gets one in CSV).")},
        {QStringLiteral("strict"), tr("Exit with 1 when a found LEI has a health warning (lapsed, retired, successor, renewal due, stale, ...).")},
        {QStringLiteral("allow-slow"), tr("Make the parent lookups even when they would take over 10 minutes at the rate limit "
                                          "(without it the run stops before sending any, exit 2).")},
        {QStringLiteral("match-name"), tr("Find the LEI of rows whose LEI is empty or invalid (every row without an LEI column) "
                                          "by the name in this column."), QStringLiteral("COLUMN")},
        {QStringLiteral("match-country"), tr("With --match-name: the column holding the country (ISO alpha-2, alpha-3 or English name)."),
         QStringLiteral("COLUMN")},
        {QStringLiteral("match-bic"), tr("Find the LEI by the BIC in this column."), QStringLiteral("COLUMN")},
        {QStringLiteral("accept"), tr("Also enrich rows whose match is probable (default: exact and accepted ones only)."),
         QStringLiteral("probable")},
        {{QStringLiteral("q"), QStringLiteral("quiet")}, tr("No progress on stderr.")},
    };
    parser.addOptions(options);
    if (!parser.parse(arguments))
        return fail(Usage, parser.errorText() + tr(" (see --help)"));
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(Ok);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1)
        return fail(Usage, positional.isEmpty() ? tr("no input file given (see --help)")
                                                : tr("only one input file, please (see --help)"));

    // Option values: reject nonsense before touching any file.
    const auto rpm = positiveInt(parser, QStringLiteral("requests-per-minute"), 100000);
    const auto batch = positiveInt(parser, QStringLiteral("batch-size"), 200);
    const auto concurrency = positiveInt(parser, QStringLiteral("concurrency"), 64);
    const auto timeout = positiveInt(parser, QStringLiteral("timeout"), 3600);
    if (rpm == -1)
        return fail(Usage, tr("--requests-per-minute must be a whole number above 0"));
    if (batch == -1)
        return fail(Usage, tr("--batch-size must be a whole number from 1 to 200"));
    if (concurrency == -1)
        return fail(Usage, tr("--concurrency must be a whole number from 1 to 64"));
    if (timeout == -1)
        return fail(Usage, tr("--timeout must be a whole number of seconds from 1 to 3600"));
    CsvOptions csvOptions;
    if (parser.isSet(QStringLiteral("delimiter"))) {
        csvOptions.delimiter = Csv::delimiterFromName(parser.value(QStringLiteral("delimiter")));
        if (!csvOptions.delimiter)
            return fail(Usage, tr("--delimiter must be one character, or tab"));
    }
    if (parser.isSet(QStringLiteral("encoding"))) {
        csvOptions.encoding = Csv::encodingFromName(parser.value(QStringLiteral("encoding")));
        if (!csvOptions.encoding)
            return fail(Usage, tr("--encoding must be utf-8, utf-16le, utf-16be or windows-1252"));
    }

    // Settings: options first, then the environment, then the defaults.
    EnrichmentSettings settings;
    if (parser.isSet(QStringLiteral("fields"))) {
        const QString list = parser.value(QStringLiteral("fields"));
        QString why;
        const auto fields = Fields::parse(list, &why);
        if (!fields)
            return fail(Usage, tr("--fields: %1").arg(why));
        settings.fields = *fields;
    }
    const QString apiUrl = parser.isSet(QStringLiteral("api-url")) ? parser.value(QStringLiteral("api-url"))
                                                                   : qEnvironmentVariable("LEI_ENRICHER_API_URL");
    if (!apiUrl.isEmpty()) {
        const QUrl url(apiUrl, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https"))
            return fail(Usage, tr("--api-url must be an http or https URL: %1").arg(apiUrl));
        settings.gleif.baseUrl = url;
    }
    settings.cachePath = parser.value(QStringLiteral("cache")); // resolvePath adds LEI_ENRICHER_CACHE
    const QString ttl = parser.isSet(QStringLiteral("ttl")) ? parser.value(QStringLiteral("ttl"))
                                                            : qEnvironmentVariable("LEI_ENRICHER_TTL");
    if (!ttl.isEmpty()) {
        const auto lifetime = Duration::parse(ttl);
        if (!lifetime)
            return fail(Usage, tr("--ttl must be a duration such as 90s, 30m, 24h or 7d: %1").arg(ttl));
        settings.lifetime = *lifetime;
    }
    settings.offline = parser.isSet(QStringLiteral("offline"));
    settings.refresh = parser.isSet(QStringLiteral("refresh"));
    if (settings.offline && settings.refresh)
        return fail(Usage, tr("--offline and --refresh cannot be used together"));
    const QString source = parser.isSet(QStringLiteral("source")) ? parser.value(QStringLiteral("source"))
                                                                  : qEnvironmentVariable("LEI_ENRICHER_SOURCE", QStringLiteral("auto"));
    if (source == u"auto")
        settings.source = EnrichmentSettings::Source::Auto;
    else if (source == u"api")
        settings.source = EnrichmentSettings::Source::Api;
    else if (source == u"mirror")
        settings.source = EnrichmentSettings::Source::Mirror;
    else
        return fail(Usage, tr("--source must be auto, api or mirror: %1").arg(source));
    if (settings.source == EnrichmentSettings::Source::Mirror && settings.refresh)
        return fail(Usage, tr("--refresh asks GLEIF's API for every LEI; --source mirror uses no network"));
    settings.mirrorPath = parser.value(QStringLiteral("mirror")); // resolvePath adds LEI_ENRICHER_MIRROR
    if (parser.isSet(QStringLiteral("decimal-comma")) && parser.isSet(QStringLiteral("decimal-point")))
        return fail(Usage, tr("--decimal-comma and --decimal-point cannot be used together"));
    if (parser.isSet(QStringLiteral("decimal-comma")))
        settings.convention = Number::Convention::Comma;
    else if (parser.isSet(QStringLiteral("decimal-point")))
        settings.convention = Number::Convention::Point;
    if (rpm)
        settings.gleif.requestsPerMinute = *rpm;
    if (batch)
        settings.gleif.batchSize = *batch;
    if (concurrency)
        settings.gleif.concurrency = *concurrency;
    if (timeout)
        settings.gleif.timeout = std::chrono::seconds(*timeout);

    QString error;
    std::optional<CostRules> rules;
    if (parser.isSet(QStringLiteral("rules"))) {
        rules = CostRules::load(parser.value(QStringLiteral("rules")), &error);
        if (!rules)
            return fail(InputOutput, error);
    } else {
        rules = CostRules::defaults();
    }
    // Like a rules file, a bundle that cannot be used is an input error (3), checked up front.
    if (parser.isSet(QStringLiteral("ca-bundle")) && parser.value(QStringLiteral("ca-bundle")).isEmpty())
        return fail(Usage, tr("--ca-bundle needs a file"));
    settings.gleif.caBundlePath = parser.isSet(QStringLiteral("ca-bundle"))
        ? parser.value(QStringLiteral("ca-bundle"))
        : qEnvironmentVariable("LEI_ENRICHER_CA_BUNDLE");
    if (!settings.gleif.caBundlePath.isEmpty()) {
        const NetworkConfig::CaBundle bundle = NetworkConfig::loadCaBundle(settings.gleif.caBundlePath);
        if (!bundle.error.isEmpty())
            return fail(InputOutput, bundle.error);
    }

    // Input and output paths.
    const QString input = positional.first();
    const QFileInfo inputInfo(input);
    QString output = parser.value(QStringLiteral("output"));
    const bool workbook = Xlsx::isWorkbook(input);
    if (parser.isSet(QStringLiteral("sheet")) && !workbook)
        return fail(Usage, tr("--sheet applies to an .xlsx input only: %1").arg(input));
    csvOptions.sheet = parser.value(QStringLiteral("sheet"));
    if (output.isEmpty())
        output = Xlsx::enrichedPath(input);
    const QFileInfo outputInfo(output);
    const QString outSuffix = outputInfo.suffix().toLower();
    if (outSuffix != u"csv" && outSuffix != u"xlsx")
        return fail(Usage, tr("%1: the output must end in .csv or .xlsx").arg(output));
    // One file under two names (a relative path, a symbolic link) counts as the same file.
    auto same = [](const QString &a, const QString &b) {
        const QFileInfo x(a), y(b);
        return x.absoluteFilePath() == y.absoluteFilePath()
            || (x.exists() && y.exists() && x.canonicalFilePath() == y.canonicalFilePath());
    };
    if (inputInfo.exists() && same(output, input))
        return fail(InputOutput, tr("%1: the output would overwrite the input").arg(output));
    const QFileInfo outDir(outputInfo.absolutePath());
    if (!outDir.isDir())
        return fail(InputOutput, tr("%1: the output folder does not exist").arg(output));
    if (!outDir.isWritable())
        return fail(InputOutput, tr("%1: the output folder is not writable").arg(output));
    if (outputInfo.isDir())
        return fail(InputOutput, tr("%1: the output is a directory").arg(output));

    // The report and the cache are written too: neither may land on the input or the output.
    const QString report = parser.value(QStringLiteral("report"));
    const QString cacheOption = parser.value(QStringLiteral("cache"));
    if (!report.isEmpty()) {
        if (same(report, input))
            return fail(InputOutput, tr("%1: the report would overwrite the input").arg(report));
        if (same(report, output))
            return fail(Usage, tr("%1: the report and the output are the same file").arg(report));
        const QFileInfo reportDir(QFileInfo(report).absolutePath());
        if (!reportDir.isDir() || !reportDir.isWritable())
            return fail(InputOutput, tr("%1: the report's folder is missing or not writable").arg(report));
    }
    const QString cachePath = LeiCache::resolvePath(cacheOption);
    if (same(cachePath, input) || same(cachePath, output) || (!report.isEmpty() && same(cachePath, report)))
        return fail(Usage, tr("%1: the cache must be a file of its own, not the input, output or report").arg(cachePath));

    const bool matching = parser.isSet(QStringLiteral("match-name")) || parser.isSet(QStringLiteral("match-bic"));
    if (parser.isSet(QStringLiteral("match-country")) && !matching)
        return fail(Usage, tr("--match-country needs --match-name or --match-bic"));
    if (parser.isSet(QStringLiteral("accept")) && parser.value(QStringLiteral("accept")) != u"probable")
        return fail(Usage, tr("--accept takes probable: %1").arg(parser.value(QStringLiteral("accept"))));
    if (parser.isSet(QStringLiteral("accept")) && !matching)
        return fail(Usage, tr("--accept probable needs --match-name or --match-bic"));
    settings.match.acceptProbable = parser.isSet(QStringLiteral("accept"));
    // A previous run's added columns are replaced.
    csvOptions.addedColumns = EnrichmentResults::columnNames(settings.fields, matching);
    auto file = workbook ? Xlsx::load(input, csvOptions, &error) : CsvFile::load(input, csvOptions, &error);
    if (!file)
        return fail(InputOutput, error);
    if (file->hasChanged())
        return fail(InputOutput, tr("%1: changed while it was being read").arg(input));
    const QString leiName = parser.isSet(QStringLiteral("lei-column"))
        ? parser.value(QStringLiteral("lei-column"))
        : QStringLiteral("lei");
    const int leiColumn = file->findColumn(leiName);
    // Matching needs no LEI column (every row is matched), unless one is named.
    if (leiColumn < 0 && !(matching && !parser.isSet(QStringLiteral("lei-column"))))
        return fail(InputOutput, tr("%1: no column named \"%2\" (columns: %3); name it with --lei-column")
                                     .arg(input, leiName, file->header().join(QStringLiteral(", "))));
    if (const QList<int> named = file->findColumns(leiName); named.size() > 1) {
        QStringList numbers;
        for (int c : named)
            numbers.append(QString::number(c + 1));
        return fail(InputOutput, tr("%1: %2 columns named \"%3\" (columns %4): cannot tell which holds the LEIs; rename all but one")
                                     .arg(input).arg(named.size()).arg(leiName, numbers.join(QStringLiteral(", "))));
    }

    for (const auto &[option, column] : {std::pair{QStringLiteral("match-name"), &settings.match.name},
                                         std::pair{QStringLiteral("match-country"), &settings.match.country},
                                         std::pair{QStringLiteral("match-bic"), &settings.match.bic}}) {
        if (!parser.isSet(option))
            continue;
        const QString name = parser.value(option);
        *column = file->findColumn(name);
        if (*column < 0)
            return fail(InputOutput, tr("%1: no column named \"%2\" for --%3 (columns: %4)")
                                         .arg(input, name, option, file->header().join(QStringLiteral(", "))));
    }

    int currencyColumn = CostTotals::findCurrencyColumn(file->header());
    if (parser.isSet(QStringLiteral("currency-column"))) {
        const QString name = parser.value(QStringLiteral("currency-column"));
        currencyColumn = file->findColumn(name);
        if (currencyColumn < 0)
            return fail(InputOutput, tr("%1: no column named \"%2\" (columns: %3); name the currency column with --currency-column")
                                         .arg(input, name, file->header().join(QStringLiteral(", "))));
    }

    EnrichmentRun::Options run;
    run.currencyColumn = currencyColumn;
    run.output = output;
    run.report = report;
    run.quiet = parser.isSet(QStringLiteral("quiet"));
    run.neutraliseFormulas = parser.isSet(QStringLiteral("neutralise-formulas"));
    run.strict = parser.isSet(QStringLiteral("strict"));
    run.allowSlow = parser.isSet(QStringLiteral("allow-slow"));
    return EnrichmentRun::exec(file, leiColumn, std::move(*rules), settings, run);
}

int main(int argc, char **argv)
{
    const int code = runCommand(argc, argv);
    // Everything is written and closed by now (outputs committed, the cache closed with the
    // job, the application object gone). Leaving without the libraries' static destructors:
    // QNetworkAccessManager's thread may still be running its own thread-exit cleanup after
    // its manager waited for it, and racing that against Qt's static teardown aborted about
    // one run in sixty ("double free" in __nptl_deallocate_tsd, seen in cli_test's proxy runs).
    std::fflush(nullptr);
    std::_Exit(code);
}
