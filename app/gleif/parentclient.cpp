#include "parentclient.h"

#include "gleifclient.h"
#include "lei.h"

#include <QJsonObject>

#include <algorithm>

namespace {

const QString directParent = QStringLiteral("direct-parent");
const QString ultimateParent = QStringLiteral("ultimate-parent");
const QString exceptionSuffix = QStringLiteral("-reporting-exception");

} // namespace

ParentClient::ParentClient(const GleifSettings &settings, QObject *parent)
    : ParentClient(new GleifClient(settings), parent)
{
    m_client->setParent(this);
    m_ownsClient = true;
}

ParentClient::ParentClient(GleifClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_ownsClient(false)
{
    connect(m_client, &GleifClient::resourcesReady, this, &ParentClient::onAnswers);
    connect(m_client, &GleifClient::finished, this, &ParentClient::onClientFinished);
}

ParentClient::~ParentClient()
{
    if (m_ownsClient)
        cancel(); // a shared client is its owner's to stop
}

QVector<QPair<QString, QString>> ParentClient::requestsFor(const GleifRecord &record, Which which)
{
    QVector<QPair<QString, QString>> requests;
    const QString lei = Lei::normalise(record.lei);
    const auto add = [&](GleifRecord::ParentLink link, const QString &resource) {
        if (link == GleifRecord::ParentLink::Reported)
            requests.append({ lei, resource });
        else if (link == GleifRecord::ParentLink::Exception)
            requests.append({ lei, resource + exceptionSuffix });
    };
    if (which & Direct)
        add(record.directParent, directParent);
    if (which & Ultimate)
        add(record.ultimateParent, ultimateParent);
    return requests;
}

ParentCost ParentClient::estimate(
    const QVector<GleifRecord> &records, const GleifSettings &settings, Which which)
{
    ParentCost cost;
    QSet<QString> seen;
    for (const GleifRecord &record : records) {
        const QString lei = Lei::normalise(record.lei);
        if (lei.isEmpty() || seen.contains(lei))
            continue;
        seen.insert(lei);
        cost.requests += int(requestsFor(record, which).size());
    }
    const double perMinute = double(std::max(settings.requestsPerMinute, 1)) * 60000.0
        / double(std::max<qint64>(settings.window.count(), 1));
    cost.minutes = double(cost.requests) / perMinute;
    return cost;
}

void ParentClient::lookup(const QVector<GleifRecord> &records, Which which)
{
    if (!m_running) {
        m_running = true;
        m_seen.clear();
    }
    QVector<ParentResult> nothingToAsk;
    QVector<QPair<QString, QString>> requests;
    for (const GleifRecord &record : records) {
        const QString lei = Lei::normalise(record.lei);
        if (lei.isEmpty() || m_seen.contains(lei))
            continue;
        m_seen.insert(lei);
        const auto mine = requestsFor(record, which);
        if (mine.isEmpty()) {
            ParentResult nothing;
            nothing.lei = lei;
            nothingToAsk.append(std::move(nothing));
            continue;
        }
        Pending pending;
        pending.result.lei = lei;
        pending.outstanding = int(mine.size());
        m_pending.insert(lei, std::move(pending));
        requests += mine;
    }
    // Queued before the client's own deferred start, so these come first whatever it does.
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation, nothingToAsk] {
            if (generation != m_generation || !m_running)
                return;
            if (!nothingToAsk.isEmpty())
                Q_EMIT resultsReady(nothingToAsk);
            if (m_pending.isEmpty() && !m_client->isRunning()) {
                m_running = false;
                ++m_generation;
                Q_EMIT finished();
            }
        },
        Qt::QueuedConnection);
    if (!requests.isEmpty())
        m_client->fetchResources(requests);
}

void ParentClient::cancel()
{
    m_client->cancel();
    m_pending.clear();
    m_running = false;
    ++m_generation;
}

void ParentClient::onAnswers(const QVector<ResourceAnswer> &answers)
{
    QVector<ParentResult> done;
    for (const ResourceAnswer &answer : answers) {
        const auto it = m_pending.find(answer.lei);
        if (it == m_pending.end())
            continue;
        const bool direct = answer.resource.startsWith(directParent);
        const bool exception = answer.resource.endsWith(exceptionSuffix);
        ParentInfo &info = direct ? it->result.direct : it->result.ultimate;
        QString failure = answer.reason;
        if (answer.ok && exception) {
            info.exception = answer.data.value(u"attributes").toObject().value(u"reason").toString();
            if (info.exception.isEmpty())
                failure = tr("reporting exception without a reason");
        } else if (answer.ok) {
            GleifRecord parent;
            if (GleifRecord::fromJson(answer.data, &parent)) {
                info.lei = parent.lei;
                info.legalName = parent.legalName;
            } else {
                failure = tr("parent record without attributes.lei");
            }
        }
        if (!failure.isEmpty())
            (direct ? it->directFailure : it->ultimateFailure) = failure;
        if (--it->outstanding == 0) {
            QStringList failures;
            if (!it->directFailure.isEmpty())
                failures.append(tr("direct parent: %1").arg(it->directFailure));
            if (!it->ultimateFailure.isEmpty())
                failures.append(tr("ultimate parent: %1").arg(it->ultimateFailure));
            it->result.failure = failures.join(QStringLiteral("; "));
            done.append(std::move(it->result));
            m_pending.erase(it);
        }
    }
    if (!done.isEmpty())
        Q_EMIT resultsReady(done);
}

void ParentClient::onClientFinished()
{
    if (!m_running)
        return;
    // The client answers every request it was given; should one be left, it still gets a result.
    QVector<ParentResult> left;
    for (Pending &p : m_pending) {
        p.result.failure = tr("no answer");
        left.append(std::move(p.result));
    }
    m_pending.clear();
    if (!left.isEmpty())
        Q_EMIT resultsReady(left);
    m_running = false;
    ++m_generation;
    Q_EMIT finished();
}
