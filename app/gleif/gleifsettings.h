#pragma once

#include <QUrl>

#include <chrono>

// How the client talks to GLEIF. The defaults follow GLEIF's published limits.
struct GleifSettings
{
    // GLEIF rejects page[size] above 200, and a batch must fit in one page to cost one request.
    static constexpr int maxBatchSize = 200;

    QUrl baseUrl = QUrl(QStringLiteral("https://api.gleif.org/api/v1"));
    int batchSize = maxBatchSize;           // LEIs per filter[lei] request, clamped to [1, 200]
    int requestsPerMinute = 60;             // per rolling window, for the whole process
    std::chrono::milliseconds window = std::chrono::seconds(60); // shorter only in tests
    // Four keeps 10,000 LEIs (50 requests at ~200 ms each) well under 10 s while staying polite;
    // more buys nothing once the rolling window, not latency, is the bound (see bench-gleif).
    int concurrency = 4;
    std::chrono::milliseconds timeout = std::chrono::seconds(30); // per request, no data for this long
    int maxAttempts = 5;                    // per request, the first one included
    std::chrono::milliseconds backoffBase = std::chrono::seconds(1);
    std::chrono::milliseconds backoffMax = std::chrono::seconds(60);
};
