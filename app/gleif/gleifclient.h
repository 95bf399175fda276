#pragma once

#include "gleifrecord.h"
#include "gleifsettings.h"
#include "networkconfig.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QVector>

#include <chrono>
#include <memory>
#include <optional>

template <typename T> class QFutureWatcher;
class QNetworkAccessManager;
class QNetworkReply;
class RateLimiter;

// What the client did so far in the current run (reset by lookup() when idle).
struct GleifCounters
{
    int requestsSent = 0; // HTTP requests put on the wire, retries and pages included
    int retries = 0; // of those, repeats of a request that had failed
    int tooManyRequests = 0; // 429 answers received
    qint64 bytesReceived = 0; // response bodies
    int found = 0; // LEIs per outcome, as reported by resultsReady()
    int notFound = 0;
    int failed = 0;

    // The request counts of another client run added to these (the run's report sums them).
    void addRequests(const GleifCounters &more)
    {
        requestsSent += more.requestsSent;
        retries += more.retries;
        tooManyRequests += more.tooManyRequests;
    }
};

// The answer to one per-LEI resource request (fetchResources()).
struct ResourceAnswer
{
    QString lei;
    QString resource; // as asked: "direct-parent", "ultimate-parent-reporting-exception", ...
    bool ok = false;
    QJsonObject data; // the answer's `data` object when ok
    QString reason; // why not, in words, like LookupResult::reason (a 404 too: ask only what a
                    // record announces)
};

// Turns distinct LEIs into GLEIF answers: batched filter[lei] requests with an explicit
// page[size], pagination followed, the process-wide rate limit respected, retries with backoff,
// and a bad answer narrowed down by splitting its batch so that only the LEIs that really cannot
// be fetched fail. Every LEI handed to lookup() gets exactly one result, unless cancel() is
// called first.
class GleifClient final : public QObject
{
    Q_OBJECT
public:
    explicit GleifClient(QObject *parent = nullptr);
    explicit GleifClient(const GleifSettings &settings, QObject *parent = nullptr);
    ~GleifClient() override;
    Q_DISABLE_COPY_MOVE(GleifClient)

    // Takes effect for requests sent from now on. Also configures the rate limiter in use.
    void setSettings(const GleifSettings &settings);
    GleifSettings settings() const { return m_settings; }

    // Shared with every other client by default (RateLimiter::processWide()).
    void setRateLimiter(std::shared_ptr<RateLimiter> limiter);
    std::shared_ptr<RateLimiter> rateLimiter() const { return m_limiter; }

    // Starts looking up the given LEIs (normalised again here; empty ones, duplicates and LEIs
    // already in this run are ignored). Check them first (Lei::check): GLEIF would only call an
    // invalid one not found. May be called again while running to add more. Results come
    // through resultsReady() (their `lei` is the normalised one), then finished() once every
    // LEI has one.
    void lookup(const QStringList &leis);

    // Per-LEI resources GLEIF serves one at a time ({base}/lei-records/{LEI}/{resource}, e.g.
    // direct-parent), with everything lookup() has: the rate limit, the bounds on an answer,
    // retries and backoff, 429s waited out. Pairs are (LEI, resource); one asked twice in a run
    // is asked once. Answers come through resourcesReady(), then finished() once the run (these
    // and any lookup()) is done. May be mixed with lookup() in one run.
    void fetchResources(const QVector<QPair<QString, QString>> &requests);
    // Any other GET under the API base, given as "PATH?QUERY" with the query already
    // percent-encoded (name searches: "fuzzycompletions?field=entity.legalName&q=..."), with
    // everything fetchResources() has. Answers come through resourcesReady() with an empty
    // `lei`, `resource` as asked and `data` the whole JSON object of the answer.
    void fetchPaths(const QStringList &paths);

    // Aborts every request in flight and drops every queued one. Pages already received (still
    // being parsed) are reported through resultsReady() before it returns; no signal is emitted
    // once it has returned, not even finished(); LEIs without a result yet stay without one.
    void cancel();

    bool isRunning() const { return m_running; }
    GleifCounters counters() const { return m_counters; }
    // How much longer the next request waits for the rate limit (or GLEIF's Retry-After);
    // zero when nothing is held back.
    std::chrono::milliseconds rateLimitWait() const;

Q_SIGNALS:
    // One call per answer that settled some LEIs (Found, NotFound or Failed).
    void resultsReady(const QVector<LookupResult> &results);
    void resourcesReady(const QVector<ResourceAnswer> &answers);
    // Requests sent, retries or bytes changed (for progress displays).
    void countersChanged();
    void finished();

private:
    struct Batch
    {
        QStringList leis; // the filter[lei] values
        QString resource; // set: one LEI's {LEI}/{resource} instead of a filter[lei] list
        QSet<QString> pending; // not seen on any page yet
        int page = 1;
        int attempt = 0; // failed attempts at this page so far
        int maxAttempts = 5;
        int refusals = 0;      // 429s at this batch: waited out, not counted as attempts
        bool narrowed = false; // a half of a split batch
        std::chrono::steady_clock::time_point notBefore {};
        // A same-origin redirect to follow once the rate limiter has a slot for it: every
        // request GLEIF sees counts against its limit, a followed redirect too.
        struct Redirect
        {
            QUrl to;
            QUrl origin; // the URL first sent
            std::chrono::steady_clock::time_point deadline; // of the whole request
            int redirects = 0; // followed so far, this one included
        };
        std::optional<Redirect> redirect;

        // The LEIs not settled yet, in the order asked.
        QStringList remaining() const
        {
            QStringList out;
            for (const QString &lei : leis) {
                if (pending.contains(lei))
                    out.append(lei);
            }
            return out;
        }
    };
    struct Flight
    {
        Batch batch;
        quint64 ticket = 0;
        bool released = false;
        QUrl url; // as first sent: redirects may not leave its origin
        std::chrono::steady_clock::time_point deadline; // of the whole request, redirects included
        QByteArray body; // read as it arrives, so that its size is checked before it is kept
        int redirects = 0; // followed so far
        bool pastDeadline = false; // aborted by the whole-request timeout
        QString refusal; // aborted because the answer is one the client will not take
    };
    struct Failure;

    void dispatch();
    void armWakeUp(std::chrono::milliseconds delay);
    void send(Batch batch, quint64 ticket);
    void get(const QUrl &url, Flight flight);
    void onReplyFinished(QNetworkReply *reply);
    // The bounds of a lookup answer: size, whole-request deadline, same-origin redirects.
    void boundReply(QNetworkReply *reply);
    void refuse(QNetworkReply *reply, const QString &reason);
    struct ParsedPage
    {
        QString error; // set when the body is not a usable page
        QVector<GleifRecord> records;
        int lastPage = 0;
        QJsonObject resource; // a resource's `data`
    };
    // Pure: runs on a worker thread.
    static ParsedPage parsePage(const QByteArray &body, int page);
    static ParsedPage parseResource(const QByteArray &body, bool whole = false);
    void startRun();
    void handlePage(Batch batch, ParsedPage parsed);
    void handleFailure(Batch batch, const Failure &failure);
    void split(const Batch &batch, int attempts);
    void fail(const QStringList &leis, const QString &reason, const QString &resource = {});
    void failEverythingQueued(const QString &reason);
    void report(QVector<LookupResult> results);
    void finishIfDone();
    std::chrono::milliseconds backoff(int failedAttempts) const;
    int effectiveBatchSize() const;

    GleifSettings m_settings;
    std::shared_ptr<RateLimiter> m_limiter;
    QNetworkAccessManager *m_nam = nullptr;
    NetworkConfig::Setup m_network; // proxy and TLS, from m_settings
    QTimer m_wakeUp;
    std::chrono::steady_clock::time_point m_waitingUntil {}; // a request held back until then
    bool m_running = false;
    QStringList m_unbatched; // not yet part of any batch
    QList<Batch> m_unsentResources; // fetchResources() not yet sent: new work, after retries
    QSet<QString> m_seen; // every LEI of the run, so each is asked once
    QList<Batch> m_queue; // ready, or waiting for their retry time
    QHash<QNetworkReply *, Flight> m_flights;
    int m_urlBatchLimit = GleifSettings::maxBatchSize; // lowered by 414/431 answers
    int m_failuresInARow = 0; // failed answers with no good one in between, any batch
    std::chrono::steady_clock::time_point
        m_holdUntil {}; // no new request before (host unreachable)
    QString m_gaveUp; // set once GLEIF is unreachable: the reason every LEI left gets
    QStringList m_lateFailures; // added by lookup() after giving up, reported asynchronously
    quint64 m_generation = 0; // bumped when a run ends, so deferred work of an old run is dropped
    GleifCounters m_counters;
    QHash<QFutureWatcher<ParsedPage> *, Batch> m_parses; // pages being parsed on a worker thread
};
