#pragma once

#include <QNetworkProxy>
#include <QString>
#include <QUrl>

#include <chrono>

// How the client talks to GLEIF. The defaults follow GLEIF's published limits.
struct GleifSettings
{
    // GLEIF rejects page[size] above 200, and a batch must fit in one page to cost one request.
    static constexpr int maxBatchSize = 200;
    // The contract's cap on one lookup answer (decoded body). Bulk downloads (the Golden Copy)
    // are far larger and have rules of their own: these bounds are for lookups only.
    static constexpr qint64 defaultMaxAnswerBytes = 32 * 1024 * 1024;
    // Redirects followed per lookup request, and only within the API's own origin.
    static constexpr int maxRedirects = 3;

    QUrl baseUrl = QUrl(QStringLiteral("https://api.gleif.org/api/v1"));
    int batchSize = maxBatchSize; // LEIs per filter[lei] request, clamped to [1, 200]
    int requestsPerMinute = 60; // per rolling window, for the whole process
    std::chrono::milliseconds window = std::chrono::seconds(60); // shorter only in tests
    // Measured with bench-gleif (200 ms per request, 10,000 LEIs = 50 requests): 1 → 12.0 s,
    // 2 → 6.0 s, 4 → 3.3 s, 6 → 2.5 s, 8 → 2.7 s (QNetworkAccessManager opens at most 6
    // connections per host). Four meets the 10 s target with room while staying polite; past
    // 60 requests the rolling window, not latency, is the bound whatever the concurrency.
    int concurrency = 4;
    // A whole lookup request, from connecting to the last byte (not only silence): --timeout.
    std::chrono::milliseconds timeout = std::chrono::seconds(30);
    qint64 maxAnswerBytes = defaultMaxAnswerBytes; // smaller only in tests
    int maxAttempts = 5; // per request, the first one included
    std::chrono::milliseconds backoffBase = std::chrono::seconds(1);
    std::chrono::milliseconds backoffMax = std::chrono::seconds(60);
    // Extra CA certificates (a PEM file) trusted in addition to the system's, for a corporate
    // proxy that inspects TLS; empty for none. See NetworkConfig.
    QString caBundlePath;
    // DefaultProxy: the system's. A proxy's credentials go in its user and password.
    QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::DefaultProxy);
};
