#pragma once

#include "gleifrecord.h"
#include "gleifsettings.h"

#include <QHash>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QVector>

class GleifClient;
struct ResourceAnswer;

// What a parent lookup costs online: one request per parent or exception a record announces.
struct ParentCost
{
    int requests = 0;
    double minutes = 0; // at the configured rate limit
};

// Parents online: GLEIF serves them one LEI at a time (no batch form is known), so a request is
// spent only where a record's `relationships` announce something (GleifRecord::directParent /
// ultimateParent): Reported -> {LEI}/direct-parent, Exception -> the reporting-exception
// endpoint, Unknown -> nothing. Every request goes through a GleifClient
// (GleifClient::fetchResources()): the shared rate limiter, bounds on answers, retries.
class ParentClient final : public QObject
{
    Q_OBJECT
public:
    enum Which { Direct = 1, Ultimate = 2, Both = Direct | Ultimate };

    // With a client of its own.
    explicit ParentClient(const GleifSettings &settings, QObject *parent = nullptr);
    // Through `client`, shared with its owner (an enrichment job's: its rate limiter, its
    // counters), which must outlive this object. cancel() cancels that client.
    explicit ParentClient(GleifClient *client, QObject *parent = nullptr);
    ~ParentClient() override;
    Q_DISABLE_COPY_MOVE(ParentClient)

    // The client doing the requests: its rate limiter (setRateLimiter) and counters.
    GleifClient *client() const { return m_client; }

    // Every distinct LEI among the records gets exactly one result through resultsReady() (an
    // empty one, with no request, when the record announces nothing), then finished(), unless
    // cancel() is called first. May be called again while running to add more.
    void lookup(const QVector<GleifRecord> &records, Which which = Both);
    void cancel();
    bool isRunning() const { return m_running; }

    // The (LEI, resource) requests a record costs.
    static QVector<QPair<QString, QString>> requestsFor(const GleifRecord &record, Which which);
    // Pure: the requests for the distinct LEIs of the records and how long they take at the
    // settings' rate limit (requestsPerMinute per window), for the CLI's estimate and its
    // 10-minute rule and the GUI's question.
    static ParentCost estimate(
        const QVector<GleifRecord> &records, const GleifSettings &settings, Which which = Both);

Q_SIGNALS:
    void resultsReady(const QVector<ParentResult> &results);
    void finished();

private:
    struct Pending
    {
        ParentResult result;
        int outstanding = 0;
        QString directFailure; // kept apart so the reason reads the same whatever came first
        QString ultimateFailure;
    };
    void onAnswers(const QVector<ResourceAnswer> &answers);
    void onClientFinished();

    GleifClient *m_client;
    bool m_ownsClient;
    bool m_running = false;
    quint64 m_generation = 0;
    QHash<QString, Pending> m_pending; // LEI -> its answers so far
    QSet<QString> m_seen; // every LEI of the run
};

Q_DECLARE_METATYPE(ParentCost)
