// fake-gleif: the local GLEIF as a program, for benchmarks and demos. Prints its base URL.
#include "fakegleif.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QTextStream>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("fake-gleif"));
    QCoreApplication::setApplicationVersion(QStringLiteral(LEI_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A local GLEIF API v1 on 127.0.0.1 for tests, benchmarks and demos. Serves "
                       "/api/v1/lei-records?filter[lei]=...&page[size]=&page[number]= and "
                       "/api/v1/lei-records/{LEI}, and for synthetic entities their parents "
                       "(/api/v1/lei-records/{LEI}/direct-parent, /ultimate-parent, "
                       "/direct-parent-reporting-exception, ...); name and BIC searches over the loaded "
                       "records (/api/v1/fuzzycompletions?field=entity.legalName&q=..., "
                       "lei-records?filter[entity.legalName]=... or filter[bic]=...); /_fake/stats gives what it saw "
                       "as JSON."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port({ QStringLiteral("p"), QStringLiteral("port") },
        QStringLiteral("Port, 0 for a free one (default)."), QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption latency(QStringLiteral("latency"),
        QStringLiteral("Delay before every answer (default 0)."), QStringLiteral("MS"),
        QStringLiteral("0"));
    const QCommandLineOption rateLimit(QStringLiteral("rate-limit"),
        QStringLiteral("Requests per rolling window before 429s "
                       "(default 60, 0 for none)."),
        QStringLiteral("N"), QStringLiteral("60"));
    const QCommandLineOption window(QStringLiteral("window"),
        QStringLiteral("Rate-limit window (default 60000)."), QStringLiteral("MS"),
        QStringLiteral("60000"));
    const QCommandLineOption noRetryAfter(
        QStringLiteral("no-retry-after"), QStringLiteral("Send 429s without Retry-After."));
    const QCommandLineOption errorEvery(QStringLiteral("error-every"),
        QStringLiteral("Every K-th request fails with a 5xx."), QStringLiteral("K"),
        QStringLiteral("0"));
    const QCommandLineOption errorStatus(QStringLiteral("error-status"),
        QStringLiteral("The status of those (default 503)."), QStringLiteral("STATUS"),
        QStringLiteral("503"));
    const QCommandLineOption truncate(QStringLiteral("truncate"),
        QStringLiteral("Cut the answer to any request naming one "
                       "of these LEIs (comma-separated)."),
        QStringLiteral("LEIS"));
    const QCommandLineOption truncateMode(QStringLiteral("truncate-mode"),
        QStringLiteral("body (JSON cut, default) or connection "
                       "(connection closed mid-body)."),
        QStringLiteral("MODE"), QStringLiteral("body"));
    const QCommandLineOption failLeis(QStringLiteral("fail"),
        QStringLiteral("Answer HTTP 500 to any request naming one "
                       "of these LEIs (comma-separated)."),
        QStringLiteral("LEIS"));
    const QCommandLineOption entities(QStringLiteral("entities"),
        QStringLiteral("Synthetic entities FAKE00000000000000xx "
                       "to serve besides the sample (default 0)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption healthVariety(QStringLiteral("health-variety"),
        QStringLiteral("Synthetic entities of varied LEI health (lapsed, retired, merged with a "
                       "successor, inactive, renewal due...) by index."));
    const QCommandLineOption records(QStringLiteral("records"),
        QStringLiteral("More records to serve (JSON array)."), QStringLiteral("FILE"));
    const QCommandLineOption noSample(
        QStringLiteral("no-sample"), QStringLiteral("Do not serve the seven sample records."));
    const QCommandLineOption pageSizeCap(QStringLiteral("page-size-cap"),
        QStringLiteral("At most N records per page, whatever "
                       "page[size] asks (default: no cap)."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption maxUrl(QStringLiteral("max-url-length"),
        QStringLiteral("Answer 414 to longer request targets."), QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption address(QStringLiteral("address"),
        QStringLiteral("Loopback address to listen on (default 127.0.0.1; 127.0.0.2 is "
                       "another host)."),
        QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption endlessPages(QStringLiteral("endless-pages"),
        QStringLiteral("Lists claim lastPage 1000000; pages past the real ones are empty."));
    const QCommandLineOption hugeBody(QStringLiteral("huge-body"),
        QStringLiteral("Every 200 answer is a JSON body of this many bytes, streamed."),
        QStringLiteral("BYTES"), QStringLiteral("0"));
    const QCommandLineOption noContentLength(QStringLiteral("no-content-length"),
        QStringLiteral("Send --huge-body without Content-Length (it ends at close)."));
    const QCommandLineOption trickle(QStringLiteral("trickle"),
        QStringLiteral("Send every body one byte every MS milliseconds."), QStringLiteral("MS"),
        QStringLiteral("0"));
    const QCommandLineOption redirectTo(QStringLiteral("redirect-to"),
        QStringLiteral("Answer every API request with a 302 to the same target at this "
                       "origin (e.g. http://127.0.0.2:8080)."),
        QStringLiteral("URL"));
    const QCommandLineOption publish(QStringLiteral("publish"),
        QStringLiteral("Serve FILE through the Golden Copy API (/goldencopy/api/v2) as TYPE "
                       "(lei2, rr, repex) or its delta (IntraDay, LastDay, LastWeek, LastMonth), or "
                       "through the mapping API (/mapping/api/v2) as bic-map; repeatable."),
        QStringLiteral("TYPE[:DELTA]=FILE"));
    const QCommandLineOption publishDate(QStringLiteral("publish-date"),
        QStringLiteral("The Golden Copy's publish date (default 2026-09-30T08:00:00Z)."),
        QStringLiteral("ISO-DATE"));
    const QCommandLineOption downloadCut(QStringLiteral("download-cut"),
        QStringLiteral("Close every file download's connection after this many bytes of it."),
        QStringLiteral("BYTES"), QStringLiteral("0"));
    parser.addOptions({ port, latency, rateLimit, window, noRetryAfter, errorEvery, errorStatus,
        truncate, truncateMode, failLeis, entities, healthVariety, records, noSample, pageSizeCap, maxUrl, address,
        endlessPages, hugeBody, noContentLength, trickle, redirectTo, publish, publishDate, downloadCut });
    parser.process(app);

    const auto number = [&](const QCommandLineOption &option) {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < 0) {
            std::fprintf(stderr, "fake-gleif: --%s wants a non-negative number\n",
                qPrintable(option.names().constLast()));
            std::exit(2);
        }
        return value;
    };
    const auto bytes = [&](const QCommandLineOption &option) {
        bool ok = false;
        const qint64 value = parser.value(option).toLongLong(&ok);
        if (!ok || value < 0) {
            std::fprintf(stderr, "fake-gleif: --%s wants a non-negative number\n",
                qPrintable(option.names().constLast()));
            std::exit(2);
        }
        return value;
    };
    const auto leis = [&](const QCommandLineOption &option) {
        QStringList list;
        for (const QString &s : parser.value(option).split(u',', Qt::SkipEmptyParts))
            list.append(s.trimmed().toUpper());
        return list;
    };

    FakeGleif::Options options;
    options.latencyMs = number(latency);
    options.rateLimit = number(rateLimit);
    options.windowMs = std::max(1, number(window));
    options.sendRetryAfter = !parser.isSet(noRetryAfter);
    options.serverErrorEvery = number(errorEvery);
    options.serverErrorStatus = number(errorStatus);
    options.truncateLeis = leis(truncate);
    options.errorLeis = leis(failLeis);
    options.syntheticEntities = number(entities);
    options.healthVariety = parser.isSet(healthVariety);
    options.loadSampleRecords = !parser.isSet(noSample);
    options.pageSizeCap = number(pageSizeCap);
    options.maxUrlLength = number(maxUrl);
    options.endlessPages = parser.isSet(endlessPages);
    options.hugeBodyBytes = bytes(hugeBody);
    options.hugeBodyDeclared = !parser.isSet(noContentLength);
    options.trickleMs = number(trickle);
    if (parser.isSet(redirectTo)) {
        options.redirectTo = QUrl(parser.value(redirectTo), QUrl::StrictMode);
        if (!options.redirectTo.isValid() || options.redirectTo.host().isEmpty()) {
            std::fprintf(stderr, "fake-gleif: --redirect-to wants a URL such as http://127.0.0.2:8080\n");
            return 2;
        }
    }
    const QHostAddress listenAddress(parser.value(address));
    if (listenAddress.isNull()) {
        std::fprintf(stderr, "fake-gleif: --address wants an IP address\n");
        return 2;
    }
    const QString mode = parser.value(truncateMode);
    if (mode == QLatin1String("connection")) {
        options.truncation = FakeGleif::Truncation::Connection;
    } else if (mode != QLatin1String("body")) {
        std::fprintf(stderr, "fake-gleif: --truncate-mode is body or connection\n");
        return 2;
    }

    FakeGleif fake(options);
    if (parser.isSet(records)) {
        QString error;
        if (!fake.loadRecords(parser.value(records), &error)) {
            std::fprintf(stderr, "fake-gleif: %s\n", qPrintable(error));
            return 3;
        }
    }
    for (const QString &spec : parser.values(publish)) {
        const QString what = spec.section(u'=', 0, 0);
        FakeGleif::PublishedFile file;
        file.type = what.section(u':', 0, 0);
        file.delta = what.section(u':', 1);
        file.path = spec.section(u'=', 1);
        if (!QFileInfo(file.path).isFile()) {
            std::fprintf(stderr, "fake-gleif: --publish %s: no such file\n", qPrintable(spec));
            return 2;
        }
        fake.addPublishedFile(file);
    }
    if (const qint64 cut = bytes(downloadCut); cut > 0) {
        FakeGleif::DownloadFaults faults;
        faults.cutAfterBytes = cut;
        faults.cutEveryTime = true;
        fake.setDownloadFaults(faults);
    }
    if (parser.isSet(publishDate)) {
        const QDateTime date = QDateTime::fromString(parser.value(publishDate), Qt::ISODate);
        if (!date.isValid()) {
            std::fprintf(stderr, "fake-gleif: --publish-date wants an ISO 8601 date\n");
            return 2;
        }
        fake.setGoldenCopyPublishDate(date);
    }
    if (!fake.listen(quint16(number(port)), listenAddress)) {
        std::fprintf(stderr, "fake-gleif: cannot listen: %s\n", qPrintable(fake.errorString()));
        return 3;
    }
    // The one line a script or the benchmark waits for.
    QTextStream(stdout) << fake.baseUrl().toString() << Qt::endl;
    return app.exec();
}
