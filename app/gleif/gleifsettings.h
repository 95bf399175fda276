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

    QUrl baseUrl = QUrl(QStringLiteral("https://api.gleif.org/api/v1"));
    int batchSize = maxBatchSize; // LEIs per filter[lei] request, clamped to [1, 200]
    int requestsPerMinute = 60; // per rolling window, for the whole process
    std::chrono::milliseconds window = std::chrono::seconds(60); // shorter only in tests
    // Measured with bench-gleif (200 ms per request, 10,000 LEIs = 50 requests): 1 → 12.0 s,
    // 2 → 6.0 s, 4 → 3.3 s, 6 → 2.5 s, 8 → 2.7 s (QNetworkAccessManager opens at most 6
    // connections per host). Four meets the 10 s target with room while staying polite; past
    // 60 requests the rolling window, not latency, is the bound whatever the concurrency.
    int concurrency = 4;
    std::chrono::milliseconds timeout
        = std::chrono::seconds(30); // per request, no data for this long
    int maxAttempts = 5; // per request, the first one included
    std::chrono::milliseconds backoffBase = std::chrono::seconds(1);
    std::chrono::milliseconds backoffMax = std::chrono::seconds(60);
    // Extra CA certificates (a PEM file) trusted in addition to the system's, for a corporate
    // proxy that inspects TLS; empty for none. See NetworkConfig.
    QString caBundlePath;
    // DefaultProxy: the system's. A proxy's credentials go in its user and password.
    QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::DefaultProxy);
};
